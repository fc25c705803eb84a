"""The GIN index behind full-text search, on PostgreSQL only.

Declared here rather than in Meta.indexes because SQLite, the zero-setup
database, has no GIN indexes.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_search_vector_gin "
            "ON articles_article USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_search_document_read_counts_old_slugs")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
