"""`manage.py load_demo_newsroom`: the content `make demo` serves.

The work lives in `devdata.demo`; this adapter only parses options and
prints what happened.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser, ArgumentTypeError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devdata.demo import (
    DEFAULT_ARTICLES,
    DEMO_PASSWORD,
    DemoConflict,
    demo_users,
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

        parser.add_argument(
            "--without-debug",
            action="store_true",
            help=(
                "Load even though DEBUG is off. The demo adds staff accounts "
                "with a published password and an API key anyone can read in "
                "the source: never on a database readers or clients reach."
            ),
        )

    def handle(
        self, *args, articles: int, without_debug: bool = False, **options
    ) -> None:
        if not settings.DEBUG and not without_debug:
            raise CommandError(
                "DEBUG is off: this looks like production, and the demo adds "
                f"staff accounts with the password '{DEMO_PASSWORD}' and a "
                "public API key. Run it with DEBUG=true (as `make demo` does), "
                "or pass --without-debug on a database nobody else can reach."
            )
        started = time.monotonic()
        try:
            report = load_demo_newsroom(articles=articles)
        except DemoConflict as conflict:
            raise CommandError(str(conflict)) from conflict
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
        usernames = " / ".join(user.username for user in demo_users())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom ready in {elapsed:.1f} s. "
                f"Staff logins: {usernames}, password '{DEMO_PASSWORD}'."
            )
        )
