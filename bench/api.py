"""Time the subscriber API's polling at archive scale, in-process.

    DATABASE_URL=postgres://.../newsroom_bench python bench/api.py

Requests the ninjs list as a subscriber polls it, through the test client
with production settings (no HTTP, no rate limit), with the demo
subscriber's key (`demo-key`, created if missing, as `bench/load.py`
does): `since` one minute, five minutes, an hour and a day ago (a fresh
time for every request), `since` five minutes ago with a language, the
newest page with no filter, one section, and an unknown section, tag and
language. For each, over `--samples` requests: the time spent inside
Django (`Server-Timing`, what load.py's "server" columns show) at the
median, p95 and slowest, the client's p95, and for one more request the
items, the queries and their total time. `--before` also times the page
query with the filter `since` had before the `article_last_change` index
(an OR over four columns); it reads the whole table, so it runs
`--before-samples` times. The machine-speed line is load.py's, to compare
runs by. `--json` prints one JSON line instead. Nothing is written but the
demo key and its last use.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-api-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ["API_RATE_LIMIT"] = "0"
# Server-Timing: the time spent inside Django, as bench/load.py reads it.
os.environ["BENCH_HEADERS"] = "true"

LIST = "/api/ninjs/items/"
SINCE_WINDOWS = {
    "1 min": timedelta(minutes=1),
    "5 min": timedelta(minutes=5),
    "1 hour": timedelta(hours=1),
    "1 day": timedelta(days=1),
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def requests(section_slug: str) -> dict[str, object]:
    """Each poll: its parameters, or a function giving fresh ones."""
    from django.utils import timezone

    def since(window: timedelta, **more: str):
        return lambda: {"since": (timezone.now() - window).isoformat(), **more}

    polls: dict[str, object] = {
        f"since {label}": since(window) for label, window in SINCE_WINDOWS.items()
    }
    polls["since 5 min, language=ru"] = since(timedelta(minutes=5), language="ru")
    polls["newest page"] = {}
    polls["section"] = {"section": section_slug}
    polls["unknown section"] = {"section": "no-such-section"}
    polls["unknown tag"] = {"tag": "no-such-tag"}
    polls["unknown language"] = {"language": "xx"}
    return polls


def time_requests(client, polls: dict[str, object], samples: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for label, params in polls.items():
        times, server = [], []
        for n in range(samples + 1):
            query = params() if callable(params) else params
            start = time.perf_counter()
            response = client.get(LIST, query)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (label, response.content[:300])
            if n:  # the first warms the connection and the plan cache
                times.append(elapsed)
                server.append(float(response["Server-Timing"].split("dur=")[1]))
        query = params() if callable(params) else params
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, query)
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        results[label] = {
            "server_median_ms": statistics.median(server),
            "server_p95_ms": percentile(server, 0.95),
            "server_max_ms": max(server),
            "client_p95_ms": percentile(times, 0.95),
            "items": len(response.json()["items"]),
            "queries": len(captured.captured_queries),
            "sql_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
            "slowest_query": slowest["sql"][:200],
        }
    return results


def time_before(samples: int) -> dict:
    """The page query with `since` as it was: an OR of four columns."""
    from django.db import models
    from django.utils import timezone

    from api.querysets import changed_since_q, for_ninjs, syndicated

    def old_q(since):
        return (
            models.Q(updated_at__gte=since)
            | models.Q(published_at__gte=since)
            | models.Q(killed_at__gte=since)
            | models.Q(deleted_at__gte=since)
        )

    results = {}
    for label, q in (("before (OR of four columns)", old_q), ("after", None)):
        times = []
        for _ in range(samples):
            at = timezone.now()
            since = at - timedelta(minutes=5)
            where = q(since) if q else changed_since_q(since, at)
            start = time.perf_counter()
            list(for_ninjs(syndicated(at).filter(where))[:21])
            times.append((time.perf_counter() - start) * 1000)
        results[f"page query, since 5 min, {label}"] = {
            "median_ms": statistics.median(times),
            "max_ms": max(times),
            "samples": samples,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--before-samples", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from articles.models import Article, Section
    from devdata.demo import DEMO_API_KEY, ensure_demo_subscriber

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from load import calibration

    ensure_demo_subscriber()
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {DEMO_API_KEY}")
    section = Section.objects.order_by("position").first()
    results = time_requests(client, requests(section.slug), args.samples)
    if args.before:
        results |= time_before(args.before_samples)
    if args.json:
        print(json.dumps(results))
        return
    articles = Article.all_objects.count()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{articles:,} articles, {args.samples} samples per request")
    print(f"Machine speed (as bench/load.py): {calibration(database_url())}")
    print(f"Load average before the run: {load}")
    print(
        "| request | server p50 ms | server p95 ms | server max ms "
        "| client p95 ms | items | queries | SQL ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, row in results.items():
        if "server_p95_ms" not in row:
            continue
        print(
            f"| {label} | {row['server_median_ms']:.1f} | "
            f"{row['server_p95_ms']:.1f} | {row['server_max_ms']:.1f} | "
            f"{row['client_p95_ms']:.1f} | {row['items']} | {row['queries']} | "
            f"{row['sql_ms']:.1f} |"
        )
    for label, row in results.items():
        if "server_p95_ms" not in row:
            print(
                f"- {label}: median {row['median_ms']:.1f} ms, "
                f"slowest {row['max_ms']:.1f} ms of {row['samples']}"
            )


def database_url() -> str:
    """The database as a libpq URL, for the calibration's own connection."""
    from django.db import connection

    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgresql://{settings['USER']}{password}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )


if __name__ == "__main__":
    main()
