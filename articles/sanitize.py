"""The one allow-list for article bodies, shared by the editor and the sanitiser.

The editor's extension list is the source of truth: what a journalist can
produce in the admin is exactly what survives sanitising, and nothing else
(no scripts, event handlers, styles, or `javascript:`/`data:` URLs).
"""

from __future__ import annotations

import nh3
from django_prose_editor.config import allowlist_from_extensions

BODY_EDITOR_EXTENSIONS: dict = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
}


def _cleaner_options() -> dict:
    options = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)
    # Links keep no author-supplied rel: readers' browsers must not leak the
    # page to, or hand a window handle to, outside sites.
    options["attributes"]["a"] = set(options["attributes"]["a"]) - {"rel"}
    options["link_rel"] = "noopener noreferrer"
    return options


_body_cleaner = nh3.Cleaner(**_cleaner_options())


def sanitize_body(html: str) -> str:
    """Return `html` reduced to the body allow-list; safe to render unescaped."""
    cleaned = _body_cleaner.clean(html or "")
    # The editor's empty document is a single empty paragraph.
    return "" if cleaned.strip() in {"", "<p></p>"} else cleaned
