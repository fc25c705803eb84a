"""Every outgoing format: each kind of piece is valid against its standard's
schema (ninjs 3.1, 2.2, 1.6, NewsML-G2 2.35) and says the same things."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from api.facts import PictureRights, article_facts
from api.formats import FORMATS, serialise_article
from api.newsml import NAR, XHTML, news_message, to_bytes
from api.ninjs import facts_to_ninjs
from api.ninjs_legacy import facts_to_ninjs1, facts_to_ninjs2
from api.querysets import for_ninjs, syndicated
from articles.models import Article, Correction
from tests.factories import ArticleFactory

from .conftest import LIST_URL, item_url, killed

pytestmark = pytest.mark.django_db

NS = {"g2": NAR, "x": XHTML}
FORMAT_NAMES = ["ninjs", "ninjs2", "ninjs1", "newsml"]


@pytest.fixture
def pieces(rich_article, image) -> dict[str, Article]:
    """One piece of every kind a subscriber can receive."""
    corrected = ArticleFactory(headline="Budget vote moved", lead="The vote moved.")
    Correction.objects.create(
        article=corrected, kind="correction", text="The vote is on Friday."
    )
    original = ArticleFactory(language="en", headline="Talks resume")
    deleted = ArticleFactory(headline="Removed after release")
    Article.all_objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    return {
        "live": ArticleFactory(headline="Plain news", lead="", body="<p>Short.</p>"),
        "picture": rich_article,
        "corrected": corrected,
        "killed": killed(hero_image=image, body="<p>Defamatory text.</p>"),
        "deleted": deleted,
        "edition": ArticleFactory(
            language="ru",
            headline="Переговоры возобновились",
            translation_of=original,
            hero_image=image,
            dateline_city="Баку",
        ),
        "original": original,
        "sponsored": ArticleFactory(
            is_sponsored=True, partner_name="Acme", source="Ministry"
        ),
    }


def fetch(api, url: str, **params) -> tuple[bytes, str]:
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return response.content, response["Content-Type"]


def test_the_validators_accept_iptc_examples(schemas, validators, newsml_schema):
    """The checks mean something: IPTC's own examples pass them."""
    from lxml import etree

    for path in sorted((schemas / "newsml-g2" / "examples").glob("*.xml")):
        assert newsml_schema.validate(etree.parse(str(path))), path.name
    for version, name in (("2.2", "ninjs2"), ("1.6", "ninjs1")):
        examples = sorted((schemas / "ninjs" / "examples" / version).glob("*.json"))
        assert examples
        for path in examples:
            if not path.name.startswith("002_"):  # IPTC's known-invalid one
                validators[name](path.read_bytes())
    with pytest.raises(AssertionError):
        validators["ninjs1"](json.dumps({"uri": "x:1", "headlines": []}).encode())
    with pytest.raises(AssertionError):
        validators["newsml"](f'<newsItem xmlns="{NAR}" guid="x" version="1"/>'.encode())


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_every_kind_of_piece_is_valid_in_every_format(api, validators, pieces, name):
    for kind, article in pieces.items():
        body, content_type = fetch(api, item_url(article.pk), format=name)
        assert content_type == FORMATS[name].item_type, kind
        validators[name](body)


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_every_list_page_is_valid(api, validators, pieces, name):
    body, content_type = fetch(api, LIST_URL, format=name, limit=100)
    assert content_type == FORMATS[name].page_type
    if name == "newsml":
        message = validators["newsml"](body)
        guids = message.xpath("g2:itemSet/g2:newsItem/@guid", namespaces=NS)
        texts = [guid for guid in guids if ":article:" in guid]
        pictures = [guid for guid in guids if ":image:" in guid]
        assert len(texts) == len(pieces)
        # Two live pieces show the same picture; the killed one shows none.
        assert len(pictures) == 1
        # It follows the first text item that links it.
        before = message.xpath("g2:itemSet/g2:newsItem", namespaces=NS)[
            guids.index(pictures[0]) - 1
        ]
        assert pictures[0] in before.xpath(
            "g2:itemMeta/g2:link/@residref", namespaces=NS
        )
    else:
        items = json.loads(body)["items"]
        assert len(items) == len(pieces)
        for item in items:
            validators[name](json.dumps(item).encode())


def test_detail_equals_serialise_article(api, pieces):
    """The function webhooks use writes exactly what the API serves."""
    article = for_ninjs(syndicated().filter(pk=pieces["picture"].pk)).get()
    for name in FORMAT_NAMES:
        body, content_type = fetch(api, item_url(article.pk), format=name)
        assert serialise_article(article, name) == (body, content_type)


def test_ninjs_31_is_unchanged_by_the_other_formats(api, pieces):
    """Asking for nothing, `ninjs` or `ninjs3` gives the same 3.1 bytes."""
    url = item_url(pieces["picture"].pk)
    plain = api.get(url).content
    assert api.get(url, {"format": "ninjs"}).content == plain
    assert api.get(url, {"format": "ninjs3"}).content == plain
    assert json.loads(plain)["standard"]["version"] == "3.1"


def _text_item(api, validators, article, **params):
    body, _type = fetch(api, item_url(article.pk), format="newsml", **params)
    return validators["newsml"](body)


def test_newsml_text_item(api, validators, pieces, settings):
    settings.SITE_URL = "https://news.example.org"
    settings.SITE_NAME = "Example Agency"
    article = Article.objects.get(pk=pieces["picture"].pk)
    item = _text_item(api, validators, article)

    def one(path: str) -> str:
        (value,) = item.xpath(path, namespaces=NS)
        return value.strip() if isinstance(value, str) else value

    assert item.tag == f"{{{NAR}}}newsItem"
    assert item.get("guid") == f"tag:news.example.org,2025:article:{article.pk}"
    assert item.get("version") == str(article.version)
    assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert one("g2:itemMeta/g2:itemClass/@qcode") == "ninat:text"
    assert one("g2:itemMeta/g2:provider/g2:name/text()") == "Example Agency"
    assert one("g2:itemMeta/g2:pubStatus/@qcode") == "stat:usable"
    assert one("g2:itemMeta/g2:versionCreated/text()").endswith("Z")
    assert one("g2:itemMeta/g2:firstCreated/text()").endswith("Z")
    assert "Correction" in one("g2:itemMeta/g2:edNote/text()")
    assert one("g2:itemMeta/g2:signal/@qcode") == "sig:correction"
    assert "Example Agency" in one("g2:rightsInfo/g2:copyrightNotice/text()")

    meta = "g2:contentMeta/"
    assert one(meta + "g2:urgency/text()") == "3"
    assert one(meta + "g2:headline/text()") == "Caspian gas output rises"
    assert one(meta + "g2:slugline/text()") == article.slug
    assert one(meta + "g2:located/g2:name/text()") == "Baku"
    assert one(meta + "g2:language/@tag") == "en"
    assert one(meta + "g2:by/text()") == "Leyla Mammadova and Tural Aliyev"
    creators = item.xpath(meta + "g2:creator/g2:name/text()", namespaces=NS)
    assert creators == ["Leyla Mammadova", "Tural Aliyev"]
    genres = item.xpath(meta + "g2:genre/@qcode", namespaces=NS)
    assert genres == ["genre:Analysis", "genre:Exclusive"]
    subjects = item.xpath(meta + "g2:subject/g2:name/text()", namespaces=NS)
    assert subjects == ["Economy", "Caspian", "Energy"]
    assert one(meta + "g2:description[@role='drol:summary']/text()") == (
        "Output rose by a tenth in the first half."
    )
    notes = item.xpath(meta + "g2:description[@roleuri]", namespaces=NS)
    assert [(n.get("roleuri").rsplit(":", 1)[1], n.text) for n in notes] == [
        ("correction", "An earlier version misstated 2024."),
        ("update", "Adds the figures."),
    ]

    inline = one("g2:contentSet/g2:inlineXML")
    assert inline.get("contenttype") == "application/xhtml+xml"
    assert int(inline.get("wordcount")) > 0
    body = one("g2:contentSet/g2:inlineXML/x:html/x:body")
    # Relative links would break on the subscriber's site.
    link = body.find(f"{{{XHTML}}}p/{{{XHTML}}}a")
    assert link.get("href") == "https://news.example.org/en/section/economy/"
    assert body.find(f"{{{XHTML}}}h2").text == "Sub"

    (picture,) = item.xpath("g2:itemMeta/g2:link[@residref]", namespaces=NS)
    assert picture.get("residref").startswith("tag:news.example.org,2025:image:")
    assert picture.get("href").startswith("https://news.example.org/media/")


def test_newsml_picture_item_has_every_rendition(api, validators, pieces, settings):
    settings.SITE_URL = "https://news.example.org"
    article = pieces["picture"]
    body, _type = fetch(api, LIST_URL, format="newsml", limit=100)
    message = validators["newsml"](body)
    guid = f"tag:news.example.org,2025:image:{article.hero_image.pk}"
    (picture,) = message.xpath(f"//g2:newsItem[@guid='{guid}']", namespaces=NS)
    assert picture.xpath("g2:itemMeta/g2:itemClass/@qcode", namespaces=NS) == [
        "ninat:picture"
    ]
    assert picture.xpath(
        "g2:contentMeta/g2:description[@role='drol:caption']/text()", namespaces=NS
    ) == ["Oil rigs off the coast"]
    assert picture.xpath("g2:contentMeta/g2:creditline/text()", namespaces=NS) == [
        "Agency photo"
    ]
    renditions = picture.xpath("g2:contentSet/g2:remoteContent", namespaces=NS)
    assert len(renditions) == article.hero_image.renditions.count() + 1
    assert renditions[0].get("rendition") == "rnd:highRes"
    for rendition in renditions:
        assert rendition.get("href").startswith("https://news.example.org/media/")
        assert int(rendition.get("width")) > 0 and int(rendition.get("height")) > 0
        assert rendition.get("contenttype") in {"image/jpeg", "image/webp"}


@pytest.mark.parametrize("kind", ["killed", "deleted"])
def test_withdrawn_piece_is_canceled_in_every_format(api, validators, pieces, kind):
    article = pieces[kind]
    item = _text_item(api, validators, article)
    assert item.xpath("g2:itemMeta/g2:pubStatus/@qcode", namespaces=NS) == [
        "stat:canceled"
    ]
    assert not item.xpath("g2:contentSet", namespaces=NS)
    assert not item.xpath("g2:itemMeta/g2:link[@residref]", namespaces=NS)
    assert "Withdrawn" in item.xpath("string(g2:itemMeta/g2:edNote)", namespaces=NS)
    for name in FORMAT_NAMES:
        body, _type = fetch(api, item_url(article.pk), format=name)
        text = body.decode()
        assert "Defamatory" not in text and "Legal complaint" not in text
        assert article.headline in text
    old = json.loads(fetch(api, item_url(article.pk), format="ninjs1")[0])
    assert old["pubstatus"] == "canceled"
    assert old["representationtype"] == "incomplete"
    assert "body_html" not in old and "associations" not in old


def test_ninjs1_reads_as_superdesk_expects(api, validators, pieces, settings):
    """The names Superdesk's ninjs ingest copies, and a picture it can take."""
    settings.SITE_URL = "https://news.example.org"
    article = pieces["picture"]
    body, content_type = fetch(api, item_url(article.pk), format="ninjs1")
    assert 'profile="http://www.iptc.org/std/ninjs/ninjs-schema_1.6.json"' in (
        content_type
    )
    item = validators["ninjs1"](body)
    assert item["headline"] == "Caspian gas output rises"
    assert 'href="https://news.example.org/en/section/economy/"' in item["body_html"]
    assert item["description_text"] == "Output rose by a tenth in the first half."
    assert item["description_correction"] == "An earlier version misstated 2024."
    assert item["byline"] == "Leyla Mammadova and Tural Aliyev"
    assert item["located"] == "Baku"
    assert item["pubstatus"] == "usable"
    # Superdesk parses exactly these two spellings of a UTC time.
    assert item["versioncreated"].endswith("Z") and len(item["versioncreated"]) == 20
    assert {"name": "Analysis", "code": "Analysis"}.items() <= item["genre"][0].items()

    picture = item["associations"]["featuremedia"]
    assert picture["type"] == "picture"
    assert picture["description_text"] == "Oil rigs off the coast"
    assert picture["byline"] == "Agency photo"
    renditions = picture["renditions"]
    assert isinstance(renditions, dict)
    assert len(renditions) == article.hero_image.renditions.count() + 1
    assert renditions["original"]["mimetype"] == "image/jpeg"
    for name, rendition in renditions.items():
        assert name.replace("_", "").isalnum()
        assert isinstance(rendition["width"], int)
        assert rendition["href"].startswith("https://news.example.org/media/")


def test_ninjs2_is_31_under_lowercase_names(api, validators, pieces):
    article = pieces["edition"]
    item = validators["ninjs2"](fetch(api, item_url(article.pk), format="ninjs2")[0])
    current = json.loads(fetch(api, item_url(article.pk))[0])
    assert item["standard"]["version"] == "2.2"
    assert item["headlines"] == current["headlines"]
    assert item["versioncreated"] == current["versionCreated"]
    assert item["language"] == "ru" and item["located"] == "Баку"
    names = {association["name"] for association in item["associations"]}
    assert names == {"mainpic", "original"}
    assert all("rel" not in association for association in item["associations"])


def test_picture_rights_reach_every_format(validators, pieces, settings):
    """Each writer maps the full set of rights facts, validly."""
    settings.SITE_URL = "https://news.example.org"
    article = for_ninjs(syndicated().filter(pk=pieces["picture"].pk)).get()
    facts = article_facts(article)
    rights = PictureRights(
        credit="Agency photo",
        creator="Aysel Karimova",
        copyright_notice="© 2025 Agency",
        licence_url="https://agency.example.org/licence",
        source="Agency",
        digital_source_type=(
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
        ),
        digital_source_type_name="Created by generative AI",
    )
    facts = dataclasses.replace(
        facts, picture=dataclasses.replace(facts.picture, rights=rights)
    )
    dst = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"

    current = validators["ninjs"](json.dumps(facts_to_ninjs(facts)).encode())
    (picture,) = current["associations"]
    assert picture["by"] == "Aysel Karimova"
    assert picture["copyrightNotice"] == "© 2025 Agency"
    assert picture["rightsInfo"] == {"linkedRights": rights.licence_url}
    assert picture["digitalSourceType"]["uri"] == dst

    older = validators["ninjs2"](json.dumps(facts_to_ninjs2(facts)).encode())
    assert older["associations"][0]["digitalsourcetype"]["uri"] == dst
    oldest = validators["ninjs1"](json.dumps(facts_to_ninjs1(facts)).encode())
    featured = oldest["associations"]["featuremedia"]
    assert featured["rightsinfo"] == {"linkedrights": rights.licence_url}
    assert featured["copyrightnotice"] == "© 2025 Agency"

    message = validators["newsml"](to_bytes(news_message([facts])))
    (item,) = message.xpath("//g2:newsItem[.//g2:remoteContent]", namespaces=NS)

    def values(path: str) -> list[str]:
        return [value.strip() for value in item.xpath(path, namespaces=NS)]

    assert values("g2:contentMeta/g2:digitalSourceType/@uri") == [dst]
    assert values("g2:contentMeta/g2:creator/g2:name/text()") == ["Aysel Karimova"]
    assert values("g2:contentMeta/g2:creator/@role") == ["crol:photographer"]
    assert values("g2:contentMeta/g2:creditline/text()") == ["Agency photo"]
    assert values("g2:rightsInfo/g2:copyrightNotice/text()") == ["© 2025 Agency"]
    assert values("g2:rightsInfo/g2:link/@href") == [rights.licence_url]


def test_a_pictures_rights_fields_are_published(api, validators, image, settings):
    """What the picture library records about a picture reaches subscribers
    in every format, through the API."""
    settings.SITE_URL = "https://news.example.org"
    ai = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    image.creator = "Aysel Karimova"
    image.copyright_notice = "© 2026 Agency"
    image.licence_url = "https://agency.example.org/licence"
    image.source = "Agency"
    image.digital_source_type = ai
    image.save()
    article = ArticleFactory(hero_image=image, language="en")

    current = validators["ninjs"](fetch(api, item_url(article.pk))[0])
    (picture,) = current["associations"]
    assert picture["by"] == "Aysel Karimova"
    assert picture["copyrightHolder"] == "Agency photo"
    assert picture["digitalSourceType"] == {
        "uri": ai,
        "name": "Created by generative AI (trained algorithmic media)",
        "literal": "trainedAlgorithmicMedia",
    }
    oldest = validators["ninjs1"](fetch(api, item_url(article.pk), format="ninjs1")[0])
    featured = oldest["associations"]["featuremedia"]
    assert featured["copyrightnotice"] == "© 2026 Agency"
    assert featured["infosource"] == [{"name": "Agency", "rel": "source"}]
    validators["ninjs2"](fetch(api, item_url(article.pk), format="ninjs2")[0])

    message = validators["newsml"](fetch(api, LIST_URL, format="newsml")[0])
    (item,) = message.xpath("//g2:newsItem[.//g2:remoteContent]", namespaces=NS)
    assert item.xpath("g2:contentMeta/g2:digitalSourceType/@uri", namespaces=NS) == [ai]
    assert item.xpath("string(g2:contentMeta/g2:creator/g2:name)", namespaces=NS) == (
        "Aysel Karimova"
    )
    assert item.xpath("g2:rightsInfo/g2:link/@href", namespaces=NS) == [
        "https://agency.example.org/licence"
    ]


def test_hostile_text_stays_well_formed_xml(api, validators):
    """Markup characters and XML-forbidden control characters in a piece
    cannot break the document."""
    article = ArticleFactory(
        headline="Profits <up> & \x0bdown",
        lead="A & B",
        body="<p>1 &lt; 2 &amp; <b>bold</b>\x01</p>",
    )
    item = _text_item(api, validators, article)
    assert item.xpath("string(g2:contentMeta/g2:headline)", namespaces=NS) == (
        "Profits <up> & down"
    )
    paragraph = item.xpath("//x:body/x:p", namespaces=NS)[0]
    assert paragraph.xpath("string()") == "1 < 2 & bold"


def test_newsml_pages_walk_every_item_once(api, validators, pieces):
    """A NewsML-G2 page gives its next page in the Link header, with the same
    cursor and filters as the ninjs list."""
    guids, url, params = [], LIST_URL, {"format": "newsml", "limit": 2}
    while url:
        response = api.get(url, params)
        assert response.status_code == 200
        message = validators["newsml"](response.content)
        guids += [
            guid
            for guid in message.xpath("//g2:newsItem/@guid", namespaces=NS)
            if ":article:" in guid
        ]
        link = response.get("Link")
        if not link:
            break
        assert link.endswith('>; rel="next"')
        parts = urlsplit(link[1:].split(">;")[0])
        assert "format=newsml" in parts.query
        url, params = f"{parts.path}?{parts.query}", {}
    ninjs = json.loads(api.get(LIST_URL, {"limit": 100}).content)["items"]
    assert guids == [item["uri"] for item in ninjs]
    assert len(guids) == len(set(guids)) == len(pieces)


def test_newsml_list_honours_since(api, validators, pieces):
    """Only what changed; nothing changed is 204, as a newsMessage must
    carry at least one item."""
    article = pieces["corrected"]
    Article.objects.filter(pk=article.pk).update(
        updated_at=timezone.now() + timedelta(seconds=30)
    )
    since = (timezone.now() + timedelta(seconds=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        body, _type = fetch(api, LIST_URL, format="newsml", since=since)
        later = (timezone.now() + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        nothing = api.get(LIST_URL, {"format": "newsml", "since": later})
    message = validators["newsml"](body)
    assert message.xpath("g2:itemSet/g2:newsItem/@guid", namespaces=NS) == [
        article_facts(article).uri
    ]
    assert nothing.status_code == 204 and nothing.content == b""
