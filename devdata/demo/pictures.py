"""The demo's pictures, drawn with Pillow: no image files in the repository.

Each article picture is a gradient with a motif named in `images.yaml`,
drawn with a `random.Random` seeded by its title, so the bytes are the same
every time; each author gets a portrait with their initials.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps

from .content import DemoAuthor, DemoImage
from .generated import SEED

# Module attributes, not constants inlined below: the page tests draw
# smaller pictures by setting them (tests/reader_pages.py).
ARTICLE_IMAGE_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw


def _mix(a: Colour, b: Colour, t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> Colour:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _gradient(size: tuple[int, int], top: str, bottom: str) -> PILImage.Image:
    mask = PILImage.linear_gradient("L").resize(size)
    return ImageOps.colorize(mask, top, bottom)


def _skyline(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    x = 0
    while x < w:
        bw, bh = rng.randint(50, 150), rng.randint(int(h * 0.15), int(h * 0.6))
        draw.rectangle([x, h - bh, x + bw, h], fill=accent)
        if rng.random() < 0.2:
            draw.polygon(
                [(x, h - bh), (x + bw / 2, h - bh - 90), (x + bw, h - bh)],
                fill=accent,
            )
        light = _mix(accent, (255, 220, 150), 0.55)
        for wy in range(h - bh + 20, h - 20, 34):
            for wx in range(x + 12, x + bw - 16, 26):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 10, wy + 14], fill=light)
        x += bw + rng.randint(0, 14)


def _sea(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    horizon = int(h * 0.6)
    sx, r = rng.randint(int(w * 0.2), int(w * 0.8)), rng.randint(70, 120)
    draw.ellipse([sx - r, horizon - r * 1.6, sx + r, horizon + r * 0.4], fill=accent)
    draw.rectangle([0, horizon, w, h], fill=bottom)
    wave = _mix(bottom, (255, 255, 255), 0.25)
    for y in range(horizon + 20, h, 28):
        phase = rng.random() * math.tau
        points = [(x, y + 6 * math.sin(x / 45 + phase)) for x in range(0, w + 30, 30)]
        draw.line(points, fill=wave, width=3)


def _hills(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    for layer in range(4):
        base = h * (0.45 + layer * 0.14)
        amp, freq, phase = 60 - layer * 8, 0.004 + layer * 0.002, rng.random() * 9
        points = [
            (x, base + amp * math.sin(x * freq + phase)) for x in range(0, w + 40, 40)
        ]
        colour = _mix(accent, (0, 0, 0), layer * 0.18)
        draw.polygon([*points, (w, h), (0, h)], fill=colour)


def _chart(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    ink = accent
    for y in range(int(h * 0.15), h, 90):
        draw.line([(80, y), (w - 80, y)], fill=_mix(bottom, ink, 0.25), width=2)
    bars, value = 12, rng.uniform(0.2, 0.35)
    bw = (w - 200) / bars
    tops = []
    for i in range(bars):
        value = min(0.85, max(0.1, value + rng.uniform(-0.05, 0.1)))
        x0 = 100 + i * bw
        top = h - 80 - value * (h - 200)
        draw.rectangle([x0 + 10, top, x0 + bw - 10, h - 80], fill=ink)
        tops.append((x0 + bw / 2, top - 40))
    draw.line(tops, fill=_mix(ink, (255, 80, 60), 0.6), width=6)
    for cx, cy in tops:
        draw.ellipse([cx - 9, cy - 9, cx + 9, cy + 9], fill=(255, 255, 255))


def _diamond(cx: float, cy: float, width: float, height: float) -> list[tuple]:
    return [(cx, cy - height), (cx + width, cy), (cx, cy + height), (cx - width, cy)]


def _carpet(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    draw.rectangle([40, 40, w - 40, h - 40], outline=accent, width=18)
    draw.rectangle([90, 90, w - 90, h - 90], outline=accent, width=6)
    second = _mix(accent, (30, 60, 140), 0.6)
    for cy in range(170, h - 120, 140):
        for cx in range(170, w - 120, 140):
            size = 52 if (cx + cy) % 280 else 38
            colour = accent if (cx // 140 + cy // 140) % 2 else second
            draw.polygon(_diamond(cx, cy, size, size), fill=colour)
    cx, cy = w // 2, h // 2
    for size, colour in ((260, accent), (200, second), (130, accent), (60, second)):
        draw.polygon(_diamond(cx, cy, size * 1.4, size), fill=colour)


def _globe(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    cx, cy, r = w // 2, h // 2, int(h * 0.38)
    line = _mix(bottom, (255, 255, 255), 0.35)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=line, width=5)
    for k in range(1, 4):
        rx = r * k / 4
        draw.ellipse([cx - rx, cy - r, cx + rx, cy + r], outline=line, width=3)
    for k in range(-3, 4):
        y = cy + r * k / 4
        half = math.sqrt(max(r * r - (y - cy) ** 2, 0))
        draw.line([(cx - half, y), (cx + half, y)], fill=line, width=3)
    dots = [
        (cx + rng.uniform(-0.8, 0.8) * r, cy + rng.uniform(-0.6, 0.6) * r)
        for _ in range(6)
    ]
    draw.line(dots, fill=accent, width=6)
    for x, y in dots:
        draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=accent)


def _stadium(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    draw.rectangle([0, int(h * 0.35), w, h], fill=_mix(bottom, (0, 0, 0), 0.3))
    pitch = [(w * 0.2, h * 0.5), (w * 0.8, h * 0.5), (w * 0.95, h * 0.95)]
    pitch.append((w * 0.05, h * 0.95))
    draw.polygon(pitch, fill=_mix(accent, (40, 140, 60), 0.5))
    draw.line([(w * 0.5, h * 0.5), (w * 0.5, h * 0.95)], fill="white", width=4)
    draw.ellipse([w * 0.44, h * 0.64, w * 0.56, h * 0.8], outline="white", width=4)
    for row in range(6):
        y = h * 0.38 + row * 14
        for x in range(20, w, 22):
            if rng.random() < 0.7:
                colour = rng.choice([accent, (240, 240, 240), (250, 200, 60)])
                draw.ellipse([x, y, x + 8, y + 8], fill=colour)
    for fx in (w * 0.1, w * 0.9):
        draw.rectangle([fx - 4, h * 0.08, fx + 4, h * 0.35], fill=(200, 200, 200))
        draw.rectangle([fx - 40, h * 0.05, fx + 40, h * 0.1], fill=(255, 250, 220))


def _columns(draw: Draw, w: int, h: int, accent: Colour, bottom: Colour, rng) -> None:
    left, right = w * 0.22, w * 0.78
    base, top = h * 0.85, h * 0.38
    draw.polygon([(left - 30, top), (w / 2, h * 0.16), (right + 30, top)], fill=accent)
    draw.rectangle([left - 30, top, right + 30, top + 30], fill=accent)
    for i in range(8):
        x = left + i * (right - left - 40) / 7
        draw.rectangle([x, top + 40, x + 40, base], fill=accent)
    for step in range(3):
        draw.rectangle(
            [
                left - 50 - step * 25,
                base + step * 18,
                right + 50 + step * 25,
                base + (step + 1) * 18,
            ],
            fill=_mix(accent, (0, 0, 0), 0.1 * (step + 1)),
        )


MOTIFS: dict[str, Callable[..., None]] = {
    "skyline": _skyline,
    "sea": _sea,
    "hills": _hills,
    "chart": _chart,
    "carpet": _carpet,
    "globe": _globe,
    "stadium": _stadium,
    "columns": _columns,
}


def _jpeg(canvas: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=84, optimize=True)
    return buffer.getvalue()


def article_picture(image: DemoImage) -> bytes:
    """A JPEG illustration for `image`, the same bytes every time."""
    canvas = _gradient(ARTICLE_IMAGE_SIZE, image.top, image.bottom)
    rng = random.Random(f"{SEED}:image:{image.title}")
    draw_motif = MOTIFS[image.motif]
    draw_motif(
        ImageDraw.Draw(canvas),
        *canvas.size,
        _rgb(image.accent),
        _rgb(image.bottom),
        rng,
    )
    return _jpeg(canvas)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        # Pillow's bundled face; no font files or downloads needed.
        return ImageFont.load_default(size=size)
    except (ImportError, OSError):
        return ImageFont.load_default()


def portrait_picture(author: DemoAuthor) -> bytes:
    """A square placeholder portrait: the author's initials on their colour."""
    base = _rgb(author.colour)
    canvas = _gradient(
        PORTRAIT_SIZE,
        _hex(_mix(base, (255, 255, 255), 0.25)),
        _hex(_mix(base, (0, 0, 0), 0.35)),
    )
    draw = ImageDraw.Draw(canvas)
    w, h = canvas.size
    draw.ellipse([60, 60, w - 60, h - 60], outline=(255, 255, 255), width=6)
    initials = "".join(part[0] for part in author.name.split()[:2]).upper()
    font = _font(230)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((w - (right - left)) / 2 - left, (h - (bottom - top)) / 2 - top),
        initials,
        font=font,
        fill=(255, 255, 255),
    )
    return _jpeg(canvas)


def portrait_title(author: DemoAuthor) -> str:
    return f"Demo portrait: {author.name}"
