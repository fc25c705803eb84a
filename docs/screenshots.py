"""Full-page screenshots of the reader site, as shown in the README.

    make demo   # or: DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8000
    .venv/bin/python docs/screenshots.py http://127.0.0.1:8000

Drives Debian's chromium (NEWSROOM_CHROMIUM overrides /usr/bin/chromium)
through Playwright, at a phone's and a laptop's width, and writes
docs/screenshots/{home,article,home-ru,article-az}-{390,1280}.png. The demo's
long analysis is the article: it has every part an article page can show; the
Russian front page and the Azerbaijani analysis show the other editions.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/en/",
    "article": "/en/news/caspian-energy-corridor-analysis/",
    "home-ru": "/ru/",
    "article-az": "/az/news/caspian-energy-corridor-analysis-az/",
}
WIDTHS = (390, 1280)
OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
# Past this, a screenshot is quantised to a palette: the site is mostly flat
# colour and text, which 256 colours keep legible at a third of the size.
MAX_BYTES = 1_500_000

LOAD_EVERY_PICTURE = """() => {
  document.querySelectorAll("img[loading=lazy]").forEach((img) => {
    img.loading = "eager";
  });
}"""
ALL_PICTURES_LOADED = "() => Array.from(document.images).every((img) => img.complete)"


def shrink(path: Path) -> None:
    if path.stat().st_size <= MAX_BYTES:
        return  # chromium's own PNG is smaller than any re-encoding
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    # Octree keeps rare colours such as the markers' red and purple, which
    # median cut folds into grey.
    rgb.quantize(256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def take(base_url: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        for width in WIDTHS:
            # Reduced motion keeps the ticker still, so a shot is repeatable.
            context = browser.new_context(
                viewport={"width": width, "height": 900}, reduced_motion="reduce"
            )
            page = context.new_page()
            for name, path in PAGES.items():
                response = page.goto(base_url.rstrip("/") + path)
                if response is None or not response.ok:
                    status = response.status if response else "no response"
                    raise SystemExit(f"{path}: {status}")
                page.evaluate(LOAD_EVERY_PICTURE)
                page.wait_for_load_state("networkidle")
                page.wait_for_function(ALL_PICTURES_LOADED)
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                shrink(target)
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "base_url", help="where the site runs, e.g. http://127.0.0.1:8000"
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args()
    for path in take(args.base_url, args.out):
        print(f"{path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
