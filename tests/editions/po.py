"""A small reader for gettext .po files: enough to check the catalogues.

Handles what makemessages writes: comments, flags, msgctxt, plural forms,
multi-line strings and obsolete (#~) entries, which it drops.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"{context}{self.msgid!r} ({', '.join(self.references)})"


def _unquote(text: str) -> str:
    # A .po string is a C string in double quotes; a Python literal parser
    # reads the escapes makemessages writes (\" \\ \n \t).
    return ast.literal_eval(text.strip())


def parse(path: Path) -> list[Entry]:
    """The entries of a .po file, header (empty msgid) included."""
    entries: list[Entry] = []
    entry = Entry()
    key: tuple[str, int] | None = None
    started = False

    def finish() -> None:
        nonlocal entry, key, started
        if started:
            entries.append(entry)
        entry, key, started = Entry(), None, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key is None:
                raise ValueError(f"{path}: a string outside any entry: {raw!r}")
            name, index = key
            value = _unquote(line)
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
        else:
            name, _, value = line.partition(" ")
            if name.startswith("msgid") or name == "msgctxt":
                if name == "msgid" and started and key and key[0] == "msgstr":
                    finish()
                started = True
            index = 0
            if name.startswith("msgstr["):
                index = int(name[7:-1])
                name = "msgstr"
            if name not in {"msgid", "msgctxt", "msgid_plural", "msgstr"}:
                raise ValueError(f"{path}: unexpected line {raw!r}")
            key = (name, index)
            if name == "msgstr":
                entry.msgstr[index] = _unquote(value)
            else:
                setattr(entry, name, _unquote(value))
    finish()
    return entries
