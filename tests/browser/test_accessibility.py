"""axe-core, run in chromium, finds no serious or critical problem on the reader site.

axe-core comes from npm (`npm install` at the repository root); without it
the tests skip and say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from headlines.models import TickerItem
from tests.reader_pages import load_small_demo, reader_paths

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A phone and a laptop: the layout, and so landmarks and contrast, differ.
WIDTHS = (1280, 390)
BLOCKING = {"serious", "critical"}

pytestmark = [pytest.mark.any_database, pytest.mark.browser]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.skip(f"axe-core not found at {AXE}: run npm install")
    return AXE


@pytest.fixture
def page(browser):
    """A page that may inject axe-core inline.

    The site's Content-Security-Policy forbids inline scripts, as it should;
    tests/browser/test_csp.py checks that policy in a normal page.
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    context.close()


def axe_violations(page, axe_script: Path) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return result["violations"]


def describe(where: str, violation: dict) -> str:
    nodes = violation["nodes"]
    targets = ", ".join(" ".join(node["target"]) for node in nodes[:5])
    more = f" and {len(nodes) - 5} more" if len(nodes) > 5 else ""
    summary = nodes[0].get("failureSummary", "").replace("\n", " ") if nodes else ""
    return (
        f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}\n"
        f"    at {targets}{more}\n    {summary}"
    )


@pytest.mark.django_db(transaction=True)
def test_reader_pages_have_no_serious_accessibility_violations(
    page, live_server, axe_script, monkeypatch
):
    """Home, articles, section, author, tag and search pages, wide and narrow."""
    load_small_demo(monkeypatch)
    paths = reader_paths()
    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in paths.items():
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, (name, path)
            if name == "search":
                assert page.locator(".search-result").count(), "nothing found"
            for violation in axe_violations(page, axe_script):
                if violation["impact"] in BLOCKING:
                    problems.append(
                        describe(f"{name} ({path}) at {width}px", violation)
                    )
    assert not problems, "axe-core found:\n" + "\n".join(problems)


def test_axe_reports_what_it_should(page, axe_script):
    """The check can fail: a picture without alt text and a nameless field."""
    page.set_content(
        '<!doctype html><html lang="en"><title>Broken</title><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text"></main></html>'
    )
    found = {
        v["id"] for v in axe_violations(page, axe_script) if v["impact"] in BLOCKING
    }
    assert {"image-alt", "label"} <= found


@pytest.mark.django_db(transaction=True)
def test_moving_ticker_can_be_paused_and_is_read_once(browser, live_server):
    """The strip loops over a copy that screen readers and the keyboard skip."""
    for n in range(6):
        TickerItem.objects.create(
            text=f"Ticker headline number {n} for the strip", url="https://example.org/"
        )
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    toggle = page.locator("[data-ticker-toggle]")
    assert toggle.is_visible() and toggle.inner_text() == "Pause"
    assert page.locator(".ticker-item:not([aria-hidden])").count() == 6
    assert page.locator(".ticker-item--copy[aria-hidden=true]").count() == 6
    assert page.locator(".ticker-item--copy a:not([tabindex='-1'])").count() == 0
    toggle.click()
    assert toggle.inner_text() == "Play"
    assert page.locator(".ticker.ticker--paused").count() == 1
    context.close()


@pytest.mark.django_db(transaction=True)
def test_ticker_stands_still_for_readers_who_ask_for_less_motion(browser, live_server):
    """No animation, no copies and no Pause button: the list just wraps."""
    for n in range(6):
        TickerItem.objects.create(text=f"Ticker headline number {n} for the strip")
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert page.locator(".ticker-item").count() == 6
    assert page.locator(".ticker--animated").count() == 0
    assert not page.locator("[data-ticker-toggle]").is_visible()
    context.close()
