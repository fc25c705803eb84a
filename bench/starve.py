"""Cached pages while expensive uncached requests run (#17 items 5 and 17).

    .venv/bin/python bench/starve.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench

Starts gunicorn (production settings, page cache on, Redis) and measures
the cached home page with wrk, first alone, then while four anonymous
clients keep asking for pages that cannot be in the cache: searches for a
new word each time, and sitemap pages, each with a made-up session cookie
and a new query string (the review's recipe). It runs that twice, with
the render slots on (EXPENSIVE_RENDER_SLOTS, caching/slots.py) and off,
and reports the home page's latency, what the four clients got (200s,
503s) and the server time of an uncached sitemap page. Prints a Markdown
section to paste into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

from load import (
    PYTHON,
    ROOT,
    _latency,
    article_count,
    fetch,
    fresh_mode_env,
    sample,
    start_server,
)

WORDS = [f"{a}{b}" for a in "bcdfghklmnprst" for b in ("ar", "el", "ov", "un", "ix")]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--port", type=int, default=8057)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=20, help="seconds per run")
    parser.add_argument("--attackers", type=int, default=4)
    return parser.parse_args()


def home_latency(base: str, seconds: int) -> dict:
    """wrk on the cached home page, 4 connections."""
    output = subprocess.run(
        ["wrk", "-t", "1", "-c", "4", "-d", f"{seconds}s", "--latency",
         "--timeout", "30s", f"{base}/en/"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return {
        "rps": rps,
        "p50": _latency(output, "50%"),
        "p99": _latency(output, "99%"),
    }


class Expensive(threading.Thread):
    """One anonymous client asking, back to back, for pages no cache holds."""

    def __init__(self, base: str, stop: threading.Event, seed: int):
        super().__init__(daemon=True)
        self.base, self.stop, self.random = base, stop, random.Random(seed)
        self.statuses: dict[int, int] = {}
        self.seconds: list[float] = []

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            if n % 2:
                word = self.random.choice(WORDS)
                path = f"/en/search/?q={word}+{n}{self.random.getrandbits(32)}"
            else:
                path = f"/en/sitemap-articles.xml?p={self.random.randint(1, 60)}&x={n}"
            request = urllib.request.Request(
                self.base + path,
                headers={"Cookie": f"sessionid={self.random.getrandbits(128):032x}"},
            )
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            self.seconds.append(time.perf_counter() - started)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def run(args, slots: int, static_root: str) -> dict:
    env = fresh_mode_env(args, "on", static_root)
    env["EXPENSIVE_RENDER_SLOTS"] = str(slots)
    server = start_server(args, env)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(3):
            fetch(base + "/en/")
        alone = home_latency(base, args.duration)
        stop = threading.Event()
        clients = [Expensive(base, stop, seed) for seed in range(args.attackers)]
        for client in clients:
            client.start()
        time.sleep(1)
        loaded = home_latency(base, args.duration)
        stop.set()
        for client in clients:
            client.join(timeout=90)
        statuses: dict[int, int] = {}
        for client in clients:
            for status, count in client.statuses.items():
                statuses[status] = statuses.get(status, 0) + count
        return {"alone": alone, "loaded": loaded, "statuses": statuses}
    finally:
        server.terminate()
        server.wait(timeout=30)


def sitemap_render(args, static_root: str) -> dict:
    """Server time of sitemap pages with every page cache off."""
    env = fresh_mode_env(args, "off", static_root)
    server = start_server(args, env)
    base = f"http://127.0.0.1:{args.port}"
    try:
        return {
            page: sample(base, f"/en/sitemap-articles.xml?p={page}", {}, 8)
            for page in (1, 30)
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    args = parse_args()
    static_root = tempfile.mkdtemp(prefix="newsroom-starve-static-")
    env = fresh_mode_env(args, "off", static_root)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    count = article_count(env)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
        text=True, check=False,
    ).stdout.strip()  # fmt: skip
    sitemap = sitemap_render(args, static_root)
    results = {
        f"slots {args.workers - 1}": run(args, args.workers - 1, static_root),
        "slots off": run(args, 0, static_root),
    }
    print(
        f"\n### Cached home page under expensive requests "
        f"({time.strftime('%Y-%m-%d')}, commit {commit})\n"
    )
    print(
        f"{count:,} articles; gunicorn {args.workers} sync workers; page cache on; "
        f"wrk -c4 on /en/ for {args.duration} s, alone and while {args.attackers} "
        "clients ask back to back for new searches and sitemap pages with a "
        "made-up session cookie.\n"
    )
    print("| render slots | home alone p50 / p99 | home under load p50 / p99 "
          "| home req/s under load | the clients' answers |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | --- |")
    for name, result in results.items():
        alone, loaded = result["alone"], result["loaded"]
        answers = ", ".join(
            f"{count} × {status}"
            for status, count in sorted(result["statuses"].items())
        )
        print(
            f"| {name} | {alone['p50']:.1f} / {alone['p99']:.1f} ms "
            f"| {loaded['p50']:.1f} / {loaded['p99']:.1f} ms "
            f"| {loaded['rps']:,.0f} | {answers} |"
        )
    print()
    for page, figures in sitemap.items():
        print(
            f"- Sitemap page `?p={page}` uncached (page cache off): HTTP "
            f"{figures['status']}, server p50 {figures['server_p50_ms']:.1f} ms, "
            f"{figures['queries']:.0f} queries, {figures['bytes']:,} bytes."
        )


if __name__ == "__main__":
    main()
