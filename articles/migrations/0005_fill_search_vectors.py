from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, Func

# Frozen copy of articles.search at the time of this migration.
CONFIGS = {"en": "english", "ru": "russian"}


class StripTags(Func):
    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]+>', ' ', 'g')"


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for language in Article.objects.values_list("language", flat=True).distinct():
        config = CONFIGS.get(language, "simple")
        Article.objects.filter(language=language).update(
            search_vector=SearchVector("headline", weight="A", config=config)
            + SearchVector("lead", weight="B", config=config)
            + SearchVector(StripTags(F("body")), weight="C", config=config)
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_gin_index")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
