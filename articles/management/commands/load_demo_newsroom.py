"""`manage.py load_demo_newsroom`: the content `make demo` serves.

The work lives in `articles.demo`; this adapter only parses options and
prints what happened.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser, ArgumentTypeError

from django.core.management.base import BaseCommand

from articles.demo import (
    DEFAULT_ARTICLES,
    DEMO_PASSWORD,
    DEMO_USERS,
    load_demo_newsroom,
)


def non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ArgumentTypeError("must be 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Fill the database with a demo news agency: sections, authors, images, "
        "articles and the staff accounts journalist/editor/desk. Safe to run "
        "again: only missing rows are added."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--articles",
            type=non_negative,
            default=DEFAULT_ARTICLES,
            help=(
                "Number of articles in the English edition (default "
                "%(default)s). The showcase pieces, which cover every content "
                "type and marker, and the Azerbaijani and Russian editions "
                "are always loaded."
            ),
        )

    def handle(self, *args, articles: int, **options) -> None:
        started = time.monotonic()
        report = load_demo_newsroom(articles=articles)
        elapsed = time.monotonic() - started

        created = sum(report.created.values())
        if created:
            added = ", ".join(
                f"{n} {label}" for label, n in report.created.items() if n
            )
            self.stdout.write(f"Added {added}.")
        else:
            self.stdout.write("The demo newsroom was already loaded; nothing added.")
        totals = ", ".join(f"{n} {label}" for label, n in report.totals.items())
        self.stdout.write(f"Now in the database: {totals}.")
        usernames = " / ".join(username for username, *_rest in DEMO_USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom ready in {elapsed:.1f} s. "
                f"Staff logins: {usernames}, password '{DEMO_PASSWORD}'."
            )
        )
