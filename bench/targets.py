"""The URLs the benchmark requests: one typical page of each kind.

Picked from the database so they exist at any size: a live article with a
picture and tags (the same in every run), the first section, tag and
author, a search for a generated name.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils import translation

# The benchmark reads the default (English) edition.
EDITION = "en"


def page_urls() -> dict[str, str]:
    from taggit.models import Tag

    from articles.models import Article, Section
    from authors.models import Author
    from devdata.generate import name

    # The same piece in every run: the newest would change as scheduled
    # pieces go live, a new one every minute or two in generated data, and
    # with it the body, picture and tags measured. The first generated live
    # piece with a picture and tags is as typical and stays put.
    article = (
        Article.objects.published()
        .in_edition(EDITION)
        .filter(hero_image__isnull=False, tags__isnull=False)
        .only("slug", "language")
        .order_by("pk")
        .first()
    )
    section = Section.objects.order_by("position").first()
    tag = (
        Tag.objects.filter(slug__startswith="bench-").order_by("pk").first()
        or Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n")[0]
    )
    author = Author.objects.active().order_by("pk").first()
    # The default edition's pages; get_absolute_url() gives the same prefix.
    with translation.override(EDITION):
        return _urls(article, section, tag, author, name)


def _urls(article, section, tag, author, name) -> dict[str, str]:
    prefix = f"/{EDITION}"
    return {
        "home": f"{prefix}/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": f"{prefix}/tag/{tag.slug}/",
        "author": author.get_absolute_url(),
        "search": f"{prefix}/search/?q={name(3)}",
        "rss": f"{prefix}/feeds/rss/",
        "sitemap": f"{prefix}/sitemap.xml",
        "sitemap_page": f"{prefix}/sitemap-articles.xml?p=2",
        "api": "/api/ninjs/items/",
    }


def main() -> None:
    """Print the URLs as JSON, after making sure the API has a key to use."""
    import json
    import os
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from devdata.demo import DEMO_API_KEY, ensure_demo_subscriber

    ensure_demo_subscriber()
    print(json.dumps({"urls": page_urls(), "api_key": DEMO_API_KEY}))


if __name__ == "__main__":
    main()
