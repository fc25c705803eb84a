from django.db import migrations
from django.db.models import OuterRef, Subquery


def copy_editions(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ReadCount = apps.get_model("articles", "ReadCount")
    ReadCount.objects.filter(language="").update(
        language=Subquery(
            Article.objects.filter(pk=OuterRef("article_id")).values("language")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_read_count_edition_leaders"),
    ]

    operations = [
        migrations.RunPython(copy_editions, migrations.RunPython.noop),
    ]
