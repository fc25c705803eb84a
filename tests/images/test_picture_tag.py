"""The {% picture %} tag: responsive markup from stored renditions, no queries."""

from __future__ import annotations

import re

import pytest
from django.db.models import Prefetch
from django.template import Context, Template

from images.models import Image, Rendition
from tests.factories import ImageFactory
from tests.images.pictures import picture_bytes, upload

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load images %}" + source).render(Context(context))


def srcset_widths(html: str, tag: str) -> list[int]:
    match = re.search(rf'<{tag}[^>]* srcset="([^"]*)"', html)
    assert match, f"no srcset on <{tag}>"
    return [int(candidate.split()[-1][:-1]) for candidate in match[1].split(", ")]


def prefetched(*images: Image) -> list[Image]:
    return list(
        Image.objects.filter(pk__in=[i.pk for i in images])
        .order_by("pk")
        .prefetch_related("renditions")
    )


def test_picture_offers_webp_and_jpeg_in_every_width():
    image = ImageFactory(file=upload(picture_bytes(2000, 1500)))
    html = render(
        '{% picture image "16:9" sizes="(min-width: 1000px) 760px, 100vw" %}',
        image=image,
    )
    assert html.startswith("<picture><source ") and html.endswith("</picture>")
    assert 'type="image/webp"' in html
    assert srcset_widths(html, "source") == [480, 800, 1200, 1600]
    assert srcset_widths(html, "img") == [480, 800, 1200, 1600]
    assert ".webp 480w" in html and ".jpg 1600w" in html
    assert html.count('sizes="(min-width: 1000px) 760px, 100vw"') == 2
    img = re.search(r"<img[^>]*>", html)[0]
    for attribute in (
        'width="800"',
        'height="450"',
        'loading="lazy"',
        'decoding="async"',
        'alt="A test picture"',
    ):
        assert attribute in img
    assert re.search(r'src="[^"]*16x9-800-[0-9a-f]+\.jpg"', img)


def test_square_crop_for_author_photos():
    image = ImageFactory(file=upload(picture_bytes(600, 800)))
    html = render('{% picture image "1:1" sizes="96px" %}', image=image)
    assert srcset_widths(html, "img") == [200, 400]
    assert 'width="400" height="400"' in html
    assert 'sizes="96px"' in html


def test_empty_ratio_keeps_the_original_shape():
    image = ImageFactory(file=upload(picture_bytes(1000, 1500)))
    html = render('{% picture image "" %}', image=image)
    assert srcset_widths(html, "img") == [480, 800, 1000]
    assert 'width="800" height="1200"' in html
    assert 'sizes="100vw"' in html


def test_alt_text_is_escaped():
    image = ImageFactory(alt_text='Flags "up" <script>alert(1)</script> & more')
    html = render('{% picture image "16:9" %}', image=image)
    assert "<script>" not in html
    assert (
        'alt="Flags &quot;up&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"'
        in html
    )


def test_loading_can_be_eager_for_the_main_picture():
    html = render('{% picture image "16:9" loading="eager" %}', image=ImageFactory())
    assert 'loading="eager"' in html


def test_unknown_ratio_falls_back_to_the_original_shape():
    image = ImageFactory(file=upload(picture_bytes(1000, 500)))
    html = render('{% picture image "21:9" %}', image=image)
    assert srcset_widths(html, "img") == [480, 800, 1000]


def test_image_without_renditions_falls_back_to_the_original_file():
    image = ImageFactory()
    image.renditions.all().delete()
    html = render('{% picture image "16:9" %}', image=image)
    assert html.startswith("<img ")
    assert f'src="{image.file.url}"' in html
    assert 'width="800" height="450"' in html


def test_no_image_renders_nothing():
    assert render('{% picture image "16:9" %}', image=None) == ""


@pytest.mark.parametrize("count", [1, 5])
def test_prefetched_renditions_render_without_queries(django_assert_num_queries, count):
    images = prefetched(*ImageFactory.create_batch(count))
    template = Template(
        '{% load images %}{% for image in images %}{% picture image "16:9" %}'
        '{% picture image "1:1" sizes="96px" %}{% picture image "" %}{% endfor %}'
    )
    with django_assert_num_queries(0):
        html = template.render(Context({"images": images}))
    assert html.count("<picture>") == 3 * count


def test_social_card_lookup_uses_the_prefetched_renditions(django_assert_num_queries):
    (image,) = prefetched(ImageFactory())
    with django_assert_num_queries(0):
        card = image.social_card
        assert image.rendition("w480", "webp") is not None
        assert image.rendition("no-such-spec") is None
    assert (card.width, card.height) == (1200, 630)


@pytest.mark.parametrize(
    ("ratio", "specs"),
    [
        ("16:9", ["16:9-480", "16:9-800", "16:9-1200", "16:9-1600"]),
        ("1:1", ["1:1-200", "1:1-400"]),
        ("", ["w480", "w800", "w1200", "w1600"]),
    ],
)
def test_in_shape_selects_one_shapes_renditions(ratio, specs):
    image = ImageFactory(file=upload(picture_bytes(2000, 1500)))
    selected = Rendition.objects.filter(image=image).in_shape(ratio)
    assert {r.spec for r in selected} == set(specs)
    assert {r.format for r in selected} == {"jpeg", "webp"}


def test_a_shapes_renditions_alone_render_the_same_picture():
    """What listings prefetch (Rendition.objects.in_shape) is all a picture of
    that shape needs."""
    image = ImageFactory(file=upload(picture_bytes(2000, 1500)))
    (narrow,) = Image.objects.filter(pk=image.pk).prefetch_related(
        Prefetch("renditions", queryset=Rendition.objects.in_shape("16:9"))
    )
    (full,) = prefetched(image)
    assert len(narrow.renditions.all()) == 8 < len(full.renditions.all())
    source = '{% picture image "16:9" sizes="300px" %}'
    assert render(source, image=narrow) == render(source, image=full)
