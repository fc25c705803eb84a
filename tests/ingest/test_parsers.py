"""Parsers over IPTC's own examples, and against hostile XML."""

from __future__ import annotations

import json

import pytest

from ingest import parsers

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>t</title>
<item><guid>1</guid><title>&lol9;</title></item></channel></rss>"""


def xxe(path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{path}">]>
<rss version="2.0"><channel><title>t</title>
<item><guid>1</guid><title>&secret;</title></item></channel></rss>""".encode()


def test_billion_laughs_is_refused_before_expansion():
    with pytest.raises(parsers.ParseError, match="Refused XML"):
        parsers.parse("rss", BILLION_LAUGHS)


@pytest.mark.parametrize("kind", ["rss", "newsml", "folder"])
def test_external_entity_is_refused_and_never_read(tmp_path, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    with pytest.raises(parsers.ParseError) as caught:
        parsers.parse(kind, xxe(secret))
    assert "Refused XML" in str(caught.value)
    assert "TOP-SECRET-VALUE" not in str(caught.value)


def test_malformed_xml_and_json_say_why():
    with pytest.raises(parsers.ParseError, match="Malformed XML"):
        parsers.parse("newsml", b"<newsItem><unclosed></newsItem>")
    with pytest.raises(parsers.ParseError, match="Malformed JSON"):
        parsers.parse("ninjs", b'{"uri": "x", ')
    with pytest.raises(parsers.ParseError, match="Not an RSS or Atom"):
        parsers.parse("rss", b"<html><body>Not a feed</body></html>")


def test_iptc_newsml_g2_text_document(schemas):
    data = (
        schemas / "newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"
    ).read_bytes()
    [item] = parsers.parse("newsml", data)
    assert item.guid == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"
    assert item.headline == 'Fed to halt QE to avert "bubble"'
    assert item.version == 11
    assert item.dateline == "New York, NY"
    assert item.language == "en-US"
    assert item.status == parsers.USABLE
    assert item.sent_at.isoformat() == "2018-11-21T16:25:32-05:00"
    assert item.body.startswith("<p>(New York, NY - October 21)")
    assert item.body.count("<p>") == 2


def test_iptc_examples_pictures_and_fragments_are_skipped(schemas):
    """A picture item has no story text; the hop-history listing is a
    fragment: neither becomes an incoming story, and neither fails."""
    examples = schemas / "newsml-g2/examples"
    for name in (
        "LISTING_3_Photo_in_NewsML-G2.xml",
        "LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml",
        "LISTING_29_Hop_History.xml",
    ):
        assert parsers.parse("newsml", (examples / name).read_bytes()) == []
    [item] = parsers.parse(
        "newsml", (examples / "LISTING_1_A_NewsML-G2_News_Item.xml").read_bytes()
    )
    assert item.headline == 'Fed to halt QE to avert "bubble"'


def test_newsml_message_kill_and_correction():
    def news_item(guid, status, signal=""):
        return f"""<newsItem guid="{guid}" version="2" standard="NewsML-G2"
          standardversion="2.35"><itemMeta><itemClass qcode="ninat:text"/>
          <versionCreated>2026-12-07T14:02:00Z</versionCreated>
          <pubStatus qcode="{status}"/>{signal}</itemMeta>
          <contentMeta><urgency>2</urgency><headline>H {guid}</headline>
          <description role="drol:summary">The lead.</description></contentMeta>
          </newsItem>"""

    data = f"""<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
      <header><sent>2026-12-07T14:02:00Z</sent></header><itemSet>
      {news_item("a", "stat:canceled")}
      {news_item("b", "stat:usable", '<signal qcode="sig:correction"/>')}
      </itemSet></newsMessage>""".replace(
        "<newsItem ", '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
    ).encode()
    killed, corrected = parsers.parse("newsml", data)
    assert (killed.guid, killed.status) == ("a", parsers.KILLED)
    assert (corrected.guid, corrected.status) == ("b", parsers.CORRECTED)
    assert corrected.urgency == 2
    assert corrected.lead == "The lead."


@pytest.mark.parametrize("version", ["1.6", "2.2", "3.1"])
def test_ninjs_examples_every_major_version(schemas, version):
    """1.x field names (headline_main, body_richtext, versioncreated), 2.x
    (headlines, bodies with contenttype) and 3.x (contentType,
    versionCreated) give the same story."""
    data = (
        schemas / f"ninjs/examples/{version}/005_complex_text_article.json"
    ).read_bytes()
    [item] = parsers.parse("ninjs", data)
    assert item.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert item.guid.startswith("http://ninjs.example.com/newsitems/")
    assert item.body.startswith("<p>GROSSETO, Italy (AP)")
    assert item.language == "en"
    assert item.dateline == "Grossetto, Italy"
    assert item.sent_at.isoformat() == "2013-07-09T10:37:00+00:00"


def test_ninjs_picture_is_skipped_and_list_endpoint_read(schemas):
    photo = (schemas / "ninjs/examples/3.1/006_photo_only.json").read_bytes()
    assert parsers.parse("ninjs", photo) == []
    text = json.loads(
        (schemas / "ninjs/examples/3.1/004_simple_text_article.json").read_text()
    )
    page = json.dumps({"items": [text, {**text, "uri": "urn:2"}], "next": None})
    items = parsers.parse("ninjs", page.encode())
    assert [item.guid for item in items] == [text["uri"], "urn:2"]


def test_ninjs_kill():
    data = json.dumps(
        {"uri": "urn:k", "headline": "Gone", "pubStatus": "canceled"}
    ).encode()
    [item] = parsers.parse("ninjs", data)
    assert item.status == parsers.KILLED


def test_atom_feed():
    data = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru"><title>T</title>
    <entry><id>tag:x,2026:1</id><title>Atom headline</title>
    <link href="https://example.com/1" rel="alternate"/>
    <updated>2026-12-07T12:00:00Z</updated>
    <summary type="html">&lt;p&gt;The summary.&lt;/p&gt;</summary>
    </entry></feed>"""
    [item] = parsers.parse("rss", data)
    assert item.guid == "tag:x,2026:1"
    assert item.link == "https://example.com/1"
    assert item.language == "ru"
    assert item.body == "<p>The summary.</p>"
