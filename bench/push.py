"""What webhook push adds to an editor's publish request (issue #19: ≤ 50 ms
with 100 subscribers).

    python bench/push.py                       # SQLite + SQLite queue, in a temp dir
    DATABASE_URL=postgres://... REDIS_URL=redis://... python bench/push.py

Times the admin's "Publish selected articles now" action for one draft,
through the test client and the whole middleware stack, signed in as an
editor, with the real queue of the settings (Redis with REDIS_URL, else a
SQLite file). Rounds interleave three set-ups so drift hits all alike:

- `push off`: push's receivers disconnected (the request without push);
- `0 subscribers`: push on, no subscriber has a webhook;
- `100 subscribers`: push on, 100 active subscribers with webhooks.

No worker runs: what is measured is the request, whose only push work is
to enqueue one task on commit. It also times that task (`fan_out`, in the
worker) for the 100 subscribers: 100 deliveries written and 100 send tasks
enqueued. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("push off", "0 subscribers", "100 subscribers")
CHANGELIST = "/admin/articles/article/"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(samples: int, subscribers: int) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="newsroom-bench-push-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-push-only")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    # A database and queue of its own unless told otherwise.
    os.environ.setdefault("NEWSROOM_VAR_DIR", str(scratch))
    os.environ.setdefault("HUEY_NAME", f"bench-push-{os.getpid()}")
    os.environ["HUEY_IMMEDIATE"] = "false"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test import Client
    from huey.contrib.djhuey import HUEY

    from api import push, tasks
    from api.models import Delivery, Subscriber
    from articles.models import Article, Section, Transition
    from articles.workflow import article_transitioned
    from tests.conftest import make_staff

    call_command("migrate", verbosity=0)
    run = scratch.name
    editor = make_staff(f"bench-editor-{run}", "Editor")
    section = Section.objects.create(name=f"Bench {run}", slug=f"bench-{run}")
    hooks = Subscriber.objects.bulk_create(
        [
            Subscriber(
                name=f"bench-{run}-{n}",
                # Nothing listens: no worker runs during the timing.
                webhook_url=f"http://127.0.0.1:9/hook/{n}",
                is_active=False,
            )
            for n in range(subscribers)
        ]
    )
    hook_pks = [hook.pk for hook in hooks]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)

    def set_push(on: bool) -> None:
        if on:
            push.connect()
        else:
            article_transitioned.disconnect(dispatch_uid="push_on_transition")
            post_save.disconnect(sender=Article, dispatch_uid="push_on_save")
            post_save.disconnect(
                sender=Transition, dispatch_uid="push_on_transition_row"
            )

    def publish_once() -> float:
        article = Article.objects.create(
            headline=f"Bench piece {time.monotonic_ns()}",
            lead="A lead.",
            body="<p>Body.</p>",
            section=section,
            status=Article.Status.DRAFT,
        )
        started = time.perf_counter()
        response = client.post(
            CHANGELIST,
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        return elapsed

    timings: dict[str, list[float]] = {mode: [] for mode in MODES}
    pending_before = HUEY.pending_count()
    for round_ in range(samples + 3):  # three warm-up rounds, not counted
        for mode in MODES:
            set_push(mode != "push off")
            Subscriber.objects.filter(pk__in=hook_pks).update(
                is_active=mode == "100 subscribers"
            )
            elapsed = publish_once()
            if round_ >= 3:
                timings[mode].append(elapsed)
    set_push(True)
    enqueued = HUEY.pending_count() - pending_before

    # Push's own part of the request, alone: what runs on commit of a
    # publish (the check, the event id, one enqueue), without the noise of
    # the rest of the request.
    live = Article.objects.filter(section=section, status="published").first()
    pending = HUEY.pending_count()
    hook_ms = []
    for _ in range(samples * 3):
        started = time.perf_counter()
        push.on_transition(None, article=live, action="publish")
        hook_ms.append((time.perf_counter() - started) * 1000)
    assert HUEY.pending_count() - pending == len(hook_ms)

    # The worker's side, for the record: one event to 100 subscribers.
    Subscriber.objects.filter(pk__in=hook_pks).update(is_active=True)
    article = Article.objects.filter(section=section).first()
    fan_out_ms = []
    for _ in range(5):
        event_id = str(push.uuid.uuid4())
        started = time.perf_counter()
        sent = tasks.fan_out.call_local(article.pk, "publish", event_id)
        fan_out_ms.append((time.perf_counter() - started) * 1000)
        assert sent >= subscribers  # and any the database had already
    HUEY.storage.flush_queue()
    Delivery.objects.filter(subscriber__pk__in=hook_pks).delete()
    Subscriber.objects.filter(pk__in=hook_pks).delete()

    medians = {mode: statistics.median(timings[mode]) for mode in MODES}
    result = {
        "database": connection.vendor,
        "queue": type(HUEY.storage).__name__,
        "samples": samples,
        "subscribers": subscribers,
        "request_ms": {
            mode: {
                "median": round(medians[mode], 2),
                "p90": round(percentile(timings[mode], 0.9), 2),
                "mean": round(statistics.fmean(timings[mode]), 2),
            }
            for mode in MODES
        },
        "added_by_push_median_ms": round(
            medians["100 subscribers"] - medians["push off"], 2
        ),
        "tasks_enqueued_by_requests": enqueued,
        "on_commit_hook_ms": {
            "median": round(statistics.median(hook_ms), 2),
            "p90": round(percentile(hook_ms, 0.9), 2),
        },
        "fan_out_100_ms_median": round(statistics.median(fan_out_ms), 1),
        "retry_base_s": settings.PUSH_RETRY_BASE_SECONDS,
    }
    print(f"database {result['database']}, queue {result['queue']}, {samples} rounds")
    print(f"{'set-up':<18}{'median ms':>11}{'p90 ms':>9}{'mean ms':>9}")
    for mode in MODES:
        row = result["request_ms"][mode]
        print(f"{mode:<18}{row['median']:>11}{row['p90']:>9}{row['mean']:>9}")
    print(
        f"push adds {result['added_by_push_median_ms']} ms (median) to the publish "
        f"request with {subscribers} subscribers; target ≤ 50 ms"
    )
    print(
        f"push's on-commit hook alone (check + event id + one enqueue): "
        f"median {result['on_commit_hook_ms']['median']} ms, "
        f"p90 {result['on_commit_hook_ms']['p90']} ms"
    )
    print(
        f"worker: fan_out to {subscribers} subscribers "
        f"{result['fan_out_100_ms_median']} ms (median of 5)"
    )
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--subscribers", type=int, default=100)
    arguments = parser.parse_args()
    main(arguments.samples, arguments.subscribers)
