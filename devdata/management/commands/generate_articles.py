"""`manage.py generate_articles [N]`: fill PostgreSQL for benchmarks (bench/).

The work lives in `devdata.generate`; this adapter parses options and
prints timings.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from devdata.generate import generate


class Command(BaseCommand):
    help = (
        "Add N generated articles (default 1,000,000) with bylines, tags, "
        "pictures and search vectors, using COPY. PostgreSQL only; for "
        "benchmark databases."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("count", nargs="?", type=int, default=1_000_000)
        parser.add_argument("--authors", type=int, default=400)
        parser.add_argument("--tags", type=int, default=3000)
        parser.add_argument(
            "--pictures",
            type=int,
            default=1000,
            help="Pictures in the shared library (rows only, no files); "
            "70%% of pieces show one.",
        )
        parser.add_argument("--years", type=float, default=5.0)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--chunk", type=int, default=20000)

    def handle(self, *args, count: int, **options) -> None:
        started = time.perf_counter()
        progress = (
            (lambda message: self.stdout.write(message))
            if options["verbosity"] > 1
            else (lambda message: None)
        )
        try:
            report = generate(
                count,
                authors=options["authors"],
                tags=options["tags"],
                pictures=options["pictures"],
                years=options["years"],
                seed=options["seed"],
                chunk=options["chunk"],
                progress=progress,
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        total = time.perf_counter() - started
        self.stdout.write(
            f"Added {report.articles} articles, {report.bylines} bylines, "
            f"{report.tagged} tag links, {report.read_counts} daily read counts "
            f"in {total:.1f} s "
            f"(steps: {report.seconds})"
        )
