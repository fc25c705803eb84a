"""Known XSS vectors through every text field that reaches a reader.

Each vector goes into every field at once (headline, lead, body, dateline,
source, partner, caption, alt text, credit, author name, biography and
expertise, tag, section, ticker, follow-us label), then every surface that
shows them is fetched and parsed: HTML pages as a browser would build the
DOM, feeds and sitemaps as XML (with the HTML inside feed entries parsed
again), JSON-LD and the API as JSON. None may carry executable markup.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import lxml.etree
import lxml.html
import pytest
from django.db import models

from agency.models import FollowLink
from api.keys import issue_key
from api.models import Subscriber
from articles.models import Article, Section
from authors.models import Author
from headlines.models import TickerItem
from images import renditions
from images.models import Image
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ExpertiseLineFactory,
    ImageFactory,
    uploaded_image,
)

pytestmark = pytest.mark.django_db

VECTORS = [
    line
    for line in (Path(__file__).parent / "xss_vectors.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("# ")
]
FORBIDDEN_ELEMENTS = {
    "svg", "math", "iframe", "object", "embed", "frame", "frameset", "applet",
    "base", "style", "meta-refresh", "xss", "template", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "background", "dynsrc",
    "lowsrc", "cite", "poster", "srcset", "xlink:href", "content",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def test_the_corpus_is_large_enough():
    assert len(VECTORS) >= 100
    assert len(set(VECTORS)) == len(VECTORS)


def test_the_checker_catches_the_raw_vectors():
    """Unescaped, most vectors are caught: the checks below have teeth."""
    caught = [v for v in VECTORS if problems_in_html(f"<p>{v}</p>", our_page=False)]
    assert len(caught) >= 100, len(caught)


@pytest.fixture(autouse=True)
def _few_renditions(monkeypatch):
    """One small rendition per shape: the markup is the same, made faster."""
    original = renditions.generate_renditions
    specs = [
        spec
        for spec in renditions.SPECS
        if spec.width <= 480 or spec.name == renditions.SOCIAL_CARD_SPEC
    ]
    monkeypatch.setattr(
        renditions,
        "generate_renditions",
        lambda image, specs=specs: original(image, specs=specs),
    )


def fit(model: type[models.Model], field: str, text: str) -> str:
    max_length = model._meta.get_field(field).max_length
    return text[:max_length] if max_length else text


def squeeze(url: str) -> str:
    """A URL as a browser reads its scheme: no whitespace or controls."""
    return "".join(ch for ch in unquote(url) if ord(ch) > 32).lower()


def problems_in_html(markup: str, *, our_page: bool) -> list[str]:
    """Executable markup in an HTML document or fragment."""
    found = []
    if not markup.strip():
        return found
    tree = (
        lxml.html.fromstring(markup)
        if not our_page
        else lxml.html.document_fromstring(markup)
    )
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().rsplit("}", 1)[-1]
        if tag == "script":
            src = element.get("src", "")
            kind = element.get("type", "")
            if (
                our_page
                and src.startswith("/static/")
                and not (element.text or "").strip()
            ):
                continue
            if our_page and kind == "application/ld+json" and not src:
                json.loads(element.text)
                continue
            found.append(f"script element: {lxml.html.tostring(element)[:120]!r}")
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}> element")
        if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append("meta refresh")
        rel = element.get("rel", "").lower()
        href = element.get("href", "")
        if (
            tag == "link"
            and rel in {"import", "stylesheet"}
            and not href.startswith("/static/")
        ):
            found.append(f"link to {href!r}")
        for name, value in element.attrib.items():
            name = name.lower().rsplit("}", 1)[-1]
            if name.startswith("on"):
                found.append(f"{name} attribute on <{tag}>")
            if name in {"style", "srcdoc"}:
                found.append(f"{name} attribute on <{tag}>")
            is_url = name in URL_ATTRIBUTES or name.endswith("href")
            # <meta property=og:... content=...> is text, not a URL.
            if tag == "meta" and name == "content" and not element.get("http-equiv"):
                is_url = False
            if is_url and squeeze(value).startswith(BAD_SCHEMES):
                found.append(f"{name}={value!r} on <{tag}>")
    return found


def problems_in_feed(xml: bytes) -> list[str]:
    """Feeds must parse as XML; the HTML of entries is rendered by readers.

    Titles and the channel's own description are text (RSS 2.0, Atom
    type="text"): a vector there arrives escaped once, as readers expect.
    """
    root = lxml.etree.fromstring(xml)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = lxml.etree.QName(element).localname
        parent = element.getparent()
        in_entry = parent is not None and lxml.etree.QName(parent).localname in {
            "item",
            "entry",
        }
        if in_entry and name in {"description", "summary", "content", "encoded"}:
            found += [
                f"feed {name}: {p}"
                for p in problems_in_html(element.text or "", our_page=False)
            ]
    return found


def problems_in_json(value, path="$") -> list[str]:
    """HTML-bearing strings in the API must be clean fragments."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += problems_in_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += problems_in_json(item, f"{path}[{index}]")
    elif isinstance(value, str) and ("html" in path.lower() or path.endswith(".body")):
        found += [f"{path}: {p}" for p in problems_in_html(value, our_page=False)]
    return found


def stage(vector: str) -> dict[str, str]:
    section = Section.objects.create(name=fit(Section, "name", vector), slug="sec")
    Section.objects.create(name="Plain", slug="plain")  # a second nav entry
    author = AuthorFactory(
        name=fit(Author, "name", vector),
        slug="writer",
        biography=vector,
        degree=vector[:100],
        school=vector[:100],
        city=vector[:100],
    )
    ExpertiseLineFactory(author=author, text=vector[:200])
    image = ImageFactory(
        file=uploaded_image(width=320, height=180),
        caption=vector,
        alt_text=fit(Image, "alt_text", vector),
        credit=fit(Image, "credit", vector),
        title=fit(Image, "title", vector),
    )
    article = ArticleFactory(
        headline=fit(Article, "headline", vector),
        slug="story",
        lead=vector,
        body=f"<p>{vector}</p>{vector}",
        dateline_city=fit(Article, "dateline_city", vector),
        source=fit(Article, "source", vector),
        partner_name=fit(Article, "partner_name", vector),
        is_sponsored=True,
        hero_image=image,
        hero_caption=vector,
        seo_title=fit(Article, "seo_title", vector),
        seo_description=fit(Article, "seo_description", vector),
        section=section,
        authors=[author],
    )
    article.tags.add(fit(Article, "headline", vector)[:100])
    ArticleFactory(section=section, slug="neighbour", headline="Neighbour")
    TickerItem.objects.create(text=fit(TickerItem, "text", vector), article=article)
    FollowLink.objects.create(
        network="x", label=fit(FollowLink, "label", vector), url="https://x.com/a"
    )
    tag = article.tags.get()
    return {
        "article": article.get_absolute_url(),
        "tag": f"/en/tag/{tag.slug}/",
        "pk": str(article.pk),
    }


PAGES = [
    "/en/",
    "{article}",
    "/en/section/sec/",
    "{tag}",
    "/en/authors/writer/",
    "/en/search/?q=story",
]
FEEDS = [
    "/en/feeds/rss/",
    "/en/feeds/atom/",
    "/en/feeds/section/sec/rss/",
    "/en/feeds/author/writer/atom/",
    "/en/sitemap-articles.xml",
    "/en/sitemap-news.xml",
    "/en/sitemap.xml",
]


@pytest.mark.parametrize("vector", VECTORS)
def test_no_vector_survives_as_executable_markup(client, vector):
    urls = stage(vector)
    subscriber = Subscriber.objects.create(name="Client")
    _, key = issue_key(subscriber=subscriber, by=None)
    problems = []

    for template in PAGES:
        url = template.format(**urls)
        response = client.get(url)
        assert response.status_code == 200, url
        problems += [
            f"{url}: {p}"
            for p in problems_in_html(response.content.decode(), our_page=True)
        ]

    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        problems += [f"{url}: {p}" for p in problems_in_feed(response.content)]

    api = client.get(
        f"/api/ninjs/items/{urls['pk']}/", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert api.status_code == 200
    problems += [f"api: {p}" for p in problems_in_json(api.json())]

    assert problems == []
