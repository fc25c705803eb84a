"""The W3C Nu HTML Checker finds no error in the reader pages.

The checker is the `vnu-jar` npm package (`npm install` at the repository
root), run offline with Java, once over every page: starting the JVM is most
of its cost. Without Java or the jar the test skips and says why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.reader_pages import load_small_demo, reader_paths

pytestmark = pytest.mark.any_database

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Checked with the pages: proves the checker ran and reports errors.
BROKEN_PAGE = (
    "<!doctype html><html><head><title>Broken</title></head><body>"
    '<p id="twice">One</p><p id="twice">Two<div></p></body></html>'
)


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("HTML validity needs Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.skip(f"the Nu HTML Checker is not at {VNU_JAR}: run npm install")
    return [java, "-jar", str(VNU_JAR)]


def check(vnu: list[str], files: list[Path]) -> list[dict]:
    result = subprocess.run(
        [*vnu, "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 only means errors were found; the JSON says which.
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no report (exit {result.returncode}): {result.stderr}")


@pytest.mark.django_db
def test_reader_pages_are_valid_html(client, vnu, tmp_path, monkeypatch):
    """Home, articles, section, author, tag and search pages."""
    load_small_demo(monkeypatch)
    pages: dict[str, str] = {}
    for name, path in reader_paths().items():
        response = client.get(path)
        assert response.status_code == 200, (name, path)
        if name == "search":
            assert b'class="search-result"' in response.content, "nothing found"
        (tmp_path / f"{name}.html").write_bytes(response.content)
        pages[f"{name}.html"] = f"{name} ({path})"
    (tmp_path / "broken.html").write_text(BROKEN_PAGE)

    errors: dict[str, list[str]] = {}
    for message in check(vnu, sorted(tmp_path.glob("*.html"))):
        if message["type"] == "error" or message.get("subType") == "fatal":
            page = Path(urlsplit(message.get("url", "")).path).name
            errors.setdefault(page, []).append(
                f"line {message.get('lastLine')}: {message['message']}\n"
                f"      {message.get('extract', '').strip()}"
            )
    assert errors.pop("broken.html", None), "vnu did not flag a broken page"
    assert not errors, "vnu found:\n" + "\n".join(
        f"  {pages.get(page, page)} {error}"
        for page, found in errors.items()
        for error in found
    )
