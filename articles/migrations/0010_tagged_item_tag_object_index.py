"""An index on taggit's items by (tag, content type, object): related news
reads a rare tag's most recent pieces from it alone (articles/related.py).

taggit's own model cannot declare it, so it is created here with SQL that
both PostgreSQL and SQLite accept.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_editions"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS taggit_item_tag_object "
            "ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            reverse_sql="DROP INDEX IF EXISTS taggit_item_tag_object",
        ),
    ]
