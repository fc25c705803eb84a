"""Time the admin's article change list at archive scale, in-process.

    DATABASE_URL=postgres://... DEBUG=false SECRET_KEY=... python bench/admin.py

Run by `bench/load.py` with the production settings; prints one JSON line:
for each list (unfiltered, filtered, searched, both, a deep page) the
status, the median of `--samples` requests in milliseconds, the number of
queries and the slowest query. Signed in as a superuser made for the
benchmark (`bench-admin`, an unusable password), through the test client:
the admin's own work, without HTTP or a login form.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

LIST = "/admin/articles/article/"


def admin_lists(search_term: str, section_id: int) -> dict[str, str]:
    return {
        "unfiltered": LIST,
        "status + section": f"{LIST}?status__exact=published"
        f"&section__id__exact={section_id}",
        "searched": f"{LIST}?q={search_term}",
        "status + language + searched": f"{LIST}?status__exact=published"
        f"&language__exact=en&q={search_term}",
        "page 50": f"{LIST}?p=50",
    }


def main(samples: int = 5) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Section
    from devdata.generate import name

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin",
        defaults={"is_staff": True, "is_superuser": True},
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    section = Section.objects.order_by("position").first()
    results = {}
    for label, url in admin_lists(name(3), section.pk).items():
        client.get(url)  # warm: templates, the connection, the plan cache
        times = []
        for _ in range(samples):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        slowest = max(
            (float(q["time"]) * 1000 for q in captured.captured_queries), default=0
        )
        results[label] = {
            "url": url,
            "status": response.status_code,
            "median_ms": statistics.median(times),
            "queries": len(captured.captured_queries),
            "slowest_query_ms": slowest,
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
