"""Screenshots of the newsroom's admin, as shown in the README.

    make demo   # or: DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8000
    .venv/bin/python docs/admin_screenshots.py http://127.0.0.1:8000

Logs in as the demo's editor (password "demo") and writes, at a laptop's
width (1280 px), docs/screenshots/admin-editor-1280.png (the editing screen
of the demo's long analysis, first screenful: headline, text, byline and
placement beside it) and docs/screenshots/admin-desk-1280.png (the desk,
whole page).
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
ANALYSIS = "Caspian energy corridor"


def take(base_url: str, out: Path, user: str, password: str) -> list[Path]:
    base = base_url.rstrip("/")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", user)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url(re.compile(r".*/admin/$"))

        page.goto(f"{base}/admin/articles/article/?q={ANALYSIS}&language__exact=en")
        page.locator("#result_list tbody th a, #result_list tbody td a").filter(
            has_text=re.compile(ANALYSIS, re.IGNORECASE)
        ).first.click()
        page.locator(".prose-editor [contenteditable=true]").wait_for()
        page.locator(".newsroom-wordcount").wait_for()
        # The first screenful, scrolled to the form: what a writer sees.
        page.evaluate(
            "() => window.scrollTo(0, document.querySelector('#article_form')"
            ".getBoundingClientRect().top + window.scrollY - 10)"
        )
        editor = out / "admin-editor-1280.png"
        page.screenshot(path=str(editor))

        page.goto(f"{base}/admin/articles/article/desk/")
        desk = out / "admin-desk-1280.png"
        page.screenshot(path=str(desk), full_page=True)
        browser.close()
    return [editor, desk]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "base_url", help="where the site runs, e.g. http://127.0.0.1:8000"
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    parser.add_argument("--user", default="editor")
    parser.add_argument("--password", default="demo")
    args = parser.parse_args()
    for path in take(args.base_url, args.out, args.user, args.password):
        print(f"{path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
