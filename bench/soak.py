"""Soak test of the production stack, and a database restart under load.

    .venv/bin/python bench/soak.py                 # 5 min soak + restart run
    .venv/bin/python bench/soak.py --soak 60 --restart-run 40   # quicker

Everything runs on 127.0.0.1 and belongs to this script: a PostgreSQL server
initialised in a temporary directory on a free port (the shared server is
never touched), a redis-server on a free port, and gunicorn with the
production settings (DEBUG off, page cache on, Redis cache) serving the demo
newsroom. `wrk` drives 64 connections over a mix of reader pages
(bench/soak.lua): home, articles, sections, tags, authors, feeds, sitemaps
and searches, some with random terms so they miss the page cache.

Run 1 (the soak) reports requests, latency percentiles and errors. Run 2
restarts PostgreSQL (`pg_ctl stop -m fast`, then start) in the middle and
reports how many requests failed (all 503s, by design) and how long the
site took to serve from the database again, measured by polling /healthz
every 100 ms. Appends a section to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    def __init__(self, directory: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
        self.bin = (
            Path(found[0]).parent if found else Path(shutil.which("pg_ctl")).parent
        )
        self.directory, self.port = directory, free_port()
        self.data = directory / "data"
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres"]
        subprocess.run(
            as_postgres([*initdb, "-A", "trust"]), check=True, capture_output=True
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=200"
            f" -k {self.directory}"
        )
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data)]
        command += ["-l", str(self.directory / "log"), "-o", options, *args]
        subprocess.run(as_postgres(command), check=True, capture_output=True)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return result.stdout


PATHS_CODE = """
import json
from articles.models import Article, Section
from authors.models import Author
from django.utils import translation
from taggit.models import Tag
translation.activate("en")
paths = ["/en/", "/en/", "/en/", "/en/feeds/rss/", "/en/feeds/atom/", "/en/sitemap.xml"]
paths += ["/en/sitemap-news.xml", "/en/sitemap-articles.xml"]
paths += [a.get_absolute_url() for a in Article.objects.published()[:120]]
paths += [s.get_absolute_url() for s in Section.objects.all()]
paths += [a.get_absolute_url() for a in Author.objects.all()[:20]]
paths += [f"/en/tag/{t.slug}/" for t in Tag.objects.all()[:20]]
paths += [f"/en/feeds/section/{s.slug}/rss/" for s in Section.objects.all()]
print(json.dumps(paths))
"""


def run_wrk(base: str, paths_file: Path, seconds: int, connections: int) -> dict:
    command = [
        "wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s",
        "--timeout", "10s", "--latency", "-s", str(ROOT / "bench" / "soak.lua"), base,
    ]  # fmt: skip
    result = subprocess.run(
        command, env={**os.environ, "SOAK_PATHS": str(paths_file)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(x for x in result.stdout.splitlines() if x.startswith("SOAK_JSON"))
    figures = json.loads(line.split(" ", 1)[1])
    figures["command"] = shlex.join(command)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--soak", type=int, default=300, help="seconds (default 300)")
    parser.add_argument("--restart-run", type=int, default=60, help="seconds")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsroom-soak-"))
    processes: list[subprocess.Popen] = []
    postgres = Postgres(Path(tempfile.mkdtemp(prefix="newsroom-soak-pg-")))
    postgres.pg_ctl("-w", "start")
    redis_port = free_port()
    redis = ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
    redis += ["--save", "", "--appendonly", "no"]
    processes.append(subprocess.Popen(redis, stdout=subprocess.DEVNULL))
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": postgres.url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SERVE_MEDIA": "true",
        "LOG_LEVEL": "ERROR",
        # The demo loader lives in the development-only app.
        "NEWSROOM_DEVDATA": "true",
    }
    base = f"http://127.0.0.1:{port}"
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        # A throwaway database of this run's own: the demo's accounts are fine.
        demo = ["--articles", str(args.articles), "--without-debug"]
        manage(env, "load_demo_newsroom", *demo)
        paths = json.loads(
            manage(env, "shell", "-c", PATHS_CODE).strip().splitlines()[-1]
        )
        paths_file = work / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        gunicorn = [str(Path(PYTHON).parent / "gunicorn"), "newsroom.wsgi"]
        gunicorn += ["--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
        processes.append(
            subprocess.Popen(
                [*gunicorn, "--timeout", "30"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(f"{base}/healthz")
        run_wrk(base, paths_file, 10, args.connections)  # warm up

        soak = run_wrk(base, paths_file, args.soak, args.connections)
        print("soak", json.dumps(soak), flush=True)

        # Run 2: restart PostgreSQL a third of the way in.
        timeline: dict[str, float] = {}

        def restart() -> None:
            time.sleep(args.restart_run / 3)
            timeline["stop"] = time.monotonic()
            postgres.pg_ctl("-m", "fast", "-w", "stop")
            timeline["stopped"] = time.monotonic()
            postgres.pg_ctl("-w", "start")
            timeline["started"] = time.monotonic()
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                        if r.status == 200:
                            timeline["healthy"] = time.monotonic()
                            return
                except (urllib.error.URLError, OSError):
                    pass
                time.sleep(0.1)

        restarter = threading.Thread(target=restart)
        restarter.start()
        outage = run_wrk(base, paths_file, args.restart_run, args.connections)
        restarter.join()
        outage["db_down_s"] = round(timeline["started"] - timeline["stop"], 2)
        outage["recovered_after_db_back_s"] = round(
            timeline["healthy"] - timeline["started"], 2
        )
        outage["unhealthy_s"] = round(timeline["healthy"] - timeline["stop"], 2)
        print("restart", json.dumps(outage), flush=True)
        if not args.no_write:
            write_results(soak, outage, args)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=20)
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.pg_ctl("-m", "fast", "-w", "stop")
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(postgres.directory, ignore_errors=True)


def write_results(soak: dict, outage: dict, args) -> None:
    def ms(us: int) -> str:
        return f"{us / 1000:.1f}"

    def row(name: str, f: dict) -> str:
        return (
            f"| {name} | {f['duration_us'] / 1e6:.0f} s | {f['requests']:,} | "
            f"{f['requests'] / (f['duration_us'] / 1e6):.0f} | {ms(f['p50_us'])} | "
            f"{ms(f['p99_us'])} | {ms(f['max_us'])} | {f['s5']} | {f['s503']} | "
            f"{f['s4']} | {f['socket_errors']} ({f['timeouts']} timeouts) |"
        )

    cpus = os.cpu_count()
    command = (
        f"bench/soak.py --soak {args.soak} --restart-run {args.restart_run}"
        f" --connections {args.connections} --workers {args.workers}"
        f" --articles {args.articles}"
    )
    lines = [
        "",
        "## Soak and database restart (issue #7), "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- Command: `.venv/bin/python {command}`",
        f"- Stack on 127.0.0.1, all started by the script: gunicorn ({args.workers}"
        " sync workers, production settings, page cache on), its own PostgreSQL"
        f" and redis-server; the demo newsroom with {args.articles} articles;"
        f" {cpus} CPUs shared with wrk and anything else running on the machine.",
        f"- wrk: `{soak['command']}` (mix in `bench/soak.lua`; about 10% are"
        " searches with random terms that miss the page cache)",
        "",
        "| run | length | requests | req/s | p50 ms | p99 ms | max ms | 5xx"
        " | of which 503 | 4xx | socket errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        row("soak", soak),
        row("PostgreSQL restarted", outage),
        "",
        f"Database restart: PostgreSQL was down for {outage['db_down_s']} s"
        " (`pg_ctl stop -m fast`, then `start -w`); /healthz answered 200 again"
        f" {outage['recovered_after_db_back_s']} s after the server was back"
        f" ({outage['unhealthy_s']} s from the stop), with no gunicorn restart."
        " Requests that needed the database meanwhile got the 503 page with"
        " Retry-After; pages in the page cache kept being served.",
        "",
    ]
    text = "\n".join(lines)
    results = ROOT / "bench" / "RESULTS.md"
    with results.open("a") as fp:
        fp.write(text)
    print(text)


if __name__ == "__main__":
    main()
