from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from images.models import Image, Rendition

register = template.Library()

# The <img> fallback for browsers without srcset: wide enough for a
# single-column article on most screens.
FALLBACK_WIDTH = 800


def _attrs(attrs: dict[str, object]) -> str:
    # In the order given: src and srcset read first. The standard library's
    # escape, which Django's wraps, without the wrapping: a home page writes
    # some 400 of these values.
    return "".join(
        f' {key}="{escape(str(value))}"'
        for key, value in attrs.items()
        if value is not None
    )


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def _fallback(renditions: list[Rendition]) -> Rendition:
    narrow_enough = [r for r in renditions if r.width <= FALLBACK_WIDTH]
    return narrow_enough[-1] if narrow_enough else renditions[0]


@register.simple_tag
def picture(
    image: Image | None, ratio: str = "", sizes: str = "100vw", loading: str = "lazy"
) -> SafeString | str:
    """A responsive <picture>: WebP with a JPEG fallback, each in several widths.

    `ratio` picks the crop ("16:9", "1:1", "4:3"; "" for the original shape),
    `sizes` tells the browser how wide the picture is shown, as in HTML.
    Renditions come from `image.renditions.all()`, so prefetching them
    (`prefetch_related("hero_image__renditions")`) makes this query-free.
    Falls back to the original shape, then to the original file, when the
    crop has not been made. Empty until the worker has made the renditions
    (`images.models.shown`): readers never get a picture before them.
    """
    if image is None or not image.file or not image.renditions_shown:
        return ""
    jpegs = image.renditions_for(ratio, Rendition.Format.JPEG)
    if not jpegs and ratio:
        ratio = ""
        jpegs = image.renditions_for(ratio, Rendition.Format.JPEG)
    # The edition's own words where it has them (Image.translated_fields).
    common = {
        "alt": image.translated("alt_text"),
        "loading": loading,
        "decoding": "async",
    }
    if not jpegs:
        original = {
            "src": image.file.url,
            "width": image.width or None,
            "height": image.height or None,
        }
        return mark_safe(f"<img{_attrs(original | common)}>")
    fallback = _fallback(jpegs)
    img = {
        "src": fallback.url,
        "srcset": _srcset(jpegs),
        "sizes": sizes,
        "width": fallback.width,
        "height": fallback.height,
        **common,
    }
    webps = image.renditions_for(ratio, Rendition.Format.WEBP)
    source = ""
    if webps:
        webp = {"type": "image/webp", "srcset": _srcset(webps), "sizes": sizes}
        source = f"<source{_attrs(webp)}>"
    return mark_safe(f"<picture>{source}<img{_attrs(img)}></picture>")
