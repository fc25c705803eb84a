"""Time each reader page in-process (no HTTP): median server time and queries.

    DATABASE_URL=postgres://... python bench/probe.py

A quick look before a load run; `bench/load.py` is the benchmark.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("PAGE_CACHE", "false")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import page_urls  # noqa: E402


def main() -> None:
    client = Client()
    for name, url in page_urls().items():
        if name == "api":
            continue
        times, queries, status = [], 0, 0
        for _ in range(int(os.environ.get("PROBE_REPEAT", 7))):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            queries, status = len(captured), response.status_code
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        print(
            f"{name:10} {status} {statistics.median(times):8.1f} ms "
            f"{queries:3} queries  slowest {float(slowest['time']) * 1000:.1f} ms: "
            f"{slowest['sql'][:160]}"
        )


if __name__ == "__main__":
    main()
