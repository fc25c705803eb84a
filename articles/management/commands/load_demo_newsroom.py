"""`manage.py load_demo_newsroom` where the demo is not installed.

The demo and its data live in the development-only `devdata` app, which
production settings leave out (newsroom/settings.py). Without this command
Django would answer "Unknown command", which reads like a broken install;
this one says why and what to do instead. Where `devdata` is installed its
command comes first in INSTALLED_APPS and takes the name.
"""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

REFUSAL = (
    "The demo newsroom is not installed here: DEBUG is off, and the demo "
    "(devdata/) adds staff accounts with a published password. Run `make demo` "
    "on a development machine, or, for a throwaway database no reader or "
    "client reaches, set NEWSROOM_DEVDATA=true and pass --without-debug."
)


class Command(BaseCommand):
    help = "Refuses: the demo newsroom is a development tool (see `make demo`)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        # The real command's options, so that its usual command line gets
        # this explanation rather than an argument error.
        parser.add_argument("--articles", type=int)
        parser.add_argument("--without-debug", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        raise CommandError(REFUSAL)
