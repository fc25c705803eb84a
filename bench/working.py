"""Load-test a working newsroom: readers on a power law while a writer works.

    .venv/bin/python bench/working.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench

Readers (wrk, bench/working.lua) request the newest `--articles` live
article URLs of the busiest edition with a power-law popularity over their
rank (Zipf, the newest read most), plus the edition's home page, section
pages and feeds. A writer process saves one unpublished draft a second and
publishes a new piece a minute through the workflow, in the same database
and Redis, with the same production settings as gunicorn; the generator's
scheduled pieces go live by themselves meanwhile. After a warm-up of the
same load, each cache mode (page cache on; off, with the fragment cache on)
is measured in 10-s wrk slices: requests/s, latency, the page cache's
hit/parts/miss counts (`X-Page-Cache`) by kind of page, and p99 in the
slices within a minute of a publish. Writer variants: `full` (drafts and
publishes), `drafts` (drafts only) and `none` (no writer); `drafts` and
`none` are measured in alternating slices, after `full`, so that what a
draft save costs is not lost in the drift of a shared machine. In page
cache mode `on`, a check then reads a sample of pages, saves the draft three
times and reads them again: the bytes served must not change.

Reuses bench/load.py's environment, gunicorn start, machine and
machine-speed lines. Prepends its results to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import math
import os
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from load import (
    MODES,
    PYTHON,
    ROOT,
    article_count,
    calibration,
    django_env,
    fresh_mode_env,
    machine,
    start_server,
    worker_rss,
)

LUA = ROOT / "bench" / "working.lua"
VARIANTS = ("full", "drafts", "none")
VARIANT_ALIASES = {"both": "full,none", "all": "full,drafts,none"}
DRAFT_SLUG = "bench-working-draft-{edition}"
EDITOR_USERNAME = "bench-editor"
# Where the writer's edits start in the draft's body.
EDIT_MARK = "<p>Benchmark edit"
CLASSES = ("head", "tail", "home", "section", "feed")


# The orchestrator ------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="required")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--port", type=int, default=8056)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--connections",
        type=int,
        default=16,
        help="wrk connections, one per wrk thread (default 16)",
    )
    parser.add_argument(
        "--warmup", type=int, default=300, help="seconds of unmeasured load"
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=120,
        help="measured seconds per cache mode and writer variant",
    )
    parser.add_argument(
        "--slice", type=int, default=10, help="seconds per wrk run when measuring"
    )
    parser.add_argument(
        "--settle",
        type=int,
        default=20,
        help="unmeasured seconds between the full writer and the others",
    )
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument(
        "--tail-from",
        type=int,
        default=None,
        help="articles ranked below this are the long tail (default articles/20)",
    )
    parser.add_argument("--zipf", type=float, default=1.0, help="popularity exponent")
    parser.add_argument(
        "--mix",
        default="85,5,5,5",
        help="percent of articles, home, sections, feeds (default 85,5,5,5)",
    )
    parser.add_argument(
        "--edition", default="", help="default: the one with most live pieces"
    )
    parser.add_argument(
        "--modes", default="on,off", help=f"comma-separated, of {list(MODES)}"
    )
    parser.add_argument(
        "--writer",
        default="full,drafts,none",
        help="comma-separated writer variants, of full (a draft saved a second, "
        "a piece published a minute), drafts (drafts only), none; or both "
        "(full,none) or all",
    )
    parser.add_argument(
        "--no-writer",
        action="store_true",
        help="readers only (the same as --writer none)",
    )
    parser.add_argument("--draft-every", type=float, default=1.0, help="seconds")
    parser.add_argument("--publish-every", type=float, default=60.0, help="seconds")
    parser.add_argument(
        "--no-check",
        dest="check",
        action="store_false",
        help="skip the check that draft saves leave pages unchanged",
    )
    parser.add_argument(
        "--wrk-timeout", type=int, default=30, help="seconds before wrk gives up"
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--label", default="")
    # The processes this script starts of itself.
    parser.add_argument(
        "--role",
        default="main",
        choices=["main", "urls", "writer", "check", "publishes"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--control", help=argparse.SUPPRESS)
    parser.add_argument("--events", help=argparse.SUPPRESS)
    parser.add_argument("--max-seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--since", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--paths", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.role == "main" and not args.database_url:
        parser.error("--database-url is required")
    if args.no_writer:
        args.writer = "none"
    args.writer = VARIANT_ALIASES.get(args.writer, args.writer)
    variants = [v for v in args.writer.split(",") if v]
    if not variants or any(v not in VARIANTS for v in variants):
        parser.error(f"--writer: comma-separated of {list(VARIANTS)}")
    args.variants = [v for v in VARIANTS if v in variants]
    args.mode_list = [m for m in args.modes.split(",") if m]
    if not args.mode_list or any(m not in MODES for m in args.mode_list):
        parser.error(f"--modes: comma-separated of {list(MODES)}")
    if args.tail_from is None:
        args.tail_from = max(1, args.articles // 20)
    return args


def role(args, name: str, env: dict[str, str], *extra: str, timeout: float = 600):
    """Run this script in another role (with Django set up): what the last
    line of its output says in JSON."""
    command = [PYTHON, __file__, "--role", name, *extra]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(f"{name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def read_page(url: str) -> tuple[int, dict[str, str], bytes, bool]:
    """Status, headers, body, and whether the body is as long as the
    response's Content-Length said (wrk counts a shorter one as a read
    error, and browsers wait for the rest)."""
    try:
        response = urllib.request.urlopen(url, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        headers = dict(response.headers)
        try:
            body, whole = response.read(), True
        except http.client.IncompleteRead as error:
            body, whole = error.partial, False
    declared = headers.get("Content-Length")
    whole = whole and (declared is None or int(declared) == len(body))
    return response.status, headers, body, whole


def length_problems(base: str, targets: dict) -> list[str]:
    """One page of each kind, read twice (a miss, then a hit): those whose
    Content-Length is not their length."""
    paths = [
        targets["home"],
        targets["sections"][0] if targets["sections"] else None,
        targets["articles"][0],
        targets["feeds"][0],
    ]
    problems = []
    for path in [p for p in paths if p]:
        for _ in range(2):
            _status, headers, body, whole = read_page(base + path)
            if not whole:
                problems.append(
                    f"{path} ({headers.get('X-Page-Cache', 'no page cache')}): "
                    f"Content-Length {headers.get('Content-Length')}, "
                    f"{len(body)} bytes sent"
                )
    return problems


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def run_wrk(args, base: str, paths_file: Path, seconds: int) -> dict:
    """One wrk run of the readers' mix: its figures and when it ran."""
    command = [
        "wrk", "-t", str(args.connections), "-c", str(args.connections),
        "-d", f"{seconds}s", "--timeout", f"{args.wrk_timeout}s",
        "-s", str(LUA), base,
    ]  # fmt: skip
    env = {
        **os.environ,
        "WORKING_PATHS": str(paths_file),
        "WORKING_ZIPF": str(args.zipf),
        "WORKING_TAIL": str(args.tail_from),
        "WORKING_MIX": args.mix,
    }
    started = time.time()
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True,
        timeout=seconds + args.wrk_timeout + 60,
    )  # fmt: skip
    ended = time.time()
    line = next(
        (x for x in result.stdout.splitlines() if x.startswith("WORKING_JSON ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{result.stdout}{result.stderr}")
    figures = json.loads(line.split(" ", 1)[1])
    figures.update(start=started, end=ended)
    return figures


class Writer:
    """The writer process: one per cache mode, told what to do through a
    control file (full, drafts or none) so that it keeps its connection and
    its rhythm across slices."""

    def __init__(self, args, env: dict[str, str], work: Path, edition: str, mode: str):
        self.control = work / f"writer-{mode}.control"
        self.events = work / f"writer-{mode}.events"
        self.log = work / f"writer-{mode}.log"
        self.set("none")
        budget = args.warmup + (args.duration + args.settle) * 4 + 900
        command = [
            PYTHON, __file__, "--role", "writer", "--edition", edition,
            "--control", str(self.control), "--events", str(self.events),
            "--max-seconds", str(budget),
            "--draft-every", str(args.draft_every),
            "--publish-every", str(args.publish_every),
        ]  # fmt: skip
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while not self.read_events() and time.monotonic() < deadline:
            self.check()
            time.sleep(0.2)
        if not self.read_events():
            raise RuntimeError("the writer did not start:\n" + self.tail())

    def set(self, variant: str) -> None:
        temporary = self.control.with_suffix(".tmp")
        temporary.write_text(variant)
        temporary.replace(self.control)

    def read_events(self) -> list[dict]:
        if not self.events.exists():
            return []
        return [json.loads(x) for x in self.events.read_text().splitlines() if x]

    def tail(self) -> str:
        return self.log.read_text()[-3000:] if self.log.exists() else ""

    def check(self) -> None:
        if self.process.poll() is not None:
            raise RuntimeError("the writer stopped:\n" + self.tail())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def redis_memory(redis_url: str) -> str:
    output = subprocess.run(
        ["redis-cli", "-u", redis_url, "info", "memory"],
        capture_output=True, text=True, check=False, timeout=10,
    ).stdout  # fmt: skip
    for line in output.splitlines():
        if line.startswith("used_memory_human:"):
            return line.split(":", 1)[1].strip()
    return "?"


def run_mode(args, mode: str, static_root: str, work: Path, targets: dict) -> dict:
    """Warm up, then measure every writer variant, in one cache mode."""
    env = fresh_mode_env(args, mode, static_root)
    if not port_is_free(args.port):
        raise RuntimeError(f"127.0.0.1:{args.port} is in use: pick --port")
    base = f"http://127.0.0.1:{args.port}"
    paths_file = Path(targets["paths_file"])
    began = time.time()
    server = start_server(args, env)
    writer: Writer | None = None
    slices: list[dict] = []
    check: dict | None = None
    try:
        problems = length_problems(base, targets)
        for problem in problems:
            print(
                f"WARNING cache {mode}: wrong Content-Length: {problem}; wrk "
                "counts such responses as read errors, not requests",
                flush=True,
            )
        writes = any(v != "none" for v in args.variants)
        if writes:
            writer = Writer(args, env, work, targets["edition"], mode)

        def run(seconds: int, variant: str, label: str, measured: bool) -> None:
            if writer is not None:
                writer.set(variant)
            figures = run_wrk(args, base, paths_file, seconds)
            if writer is not None:
                writer.check()
            figures["variant"] = variant
            if measured:
                slices.append(figures)
            print(f"cache {mode} {label}: {progress(figures)}", flush=True)

        first = args.variants[0]
        remaining = args.warmup
        while remaining > 0:  # the warm-up, in runs of a minute at most
            seconds = min(60, remaining)
            run(seconds, first, f"warm-up ({first}), {remaining} s left", False)
            remaining -= seconds
        plan = measurement_plan(args)
        for n, (variant, seconds, measured) in enumerate(plan, 1):
            label = f"{variant} {'slice' if measured else 'settle'} {n}/{len(plan)}"
            run(seconds, variant, label, measured)
        if writer is not None:
            writer.set("none")
        if mode == "on" and args.check:
            check = role(
                args, "check", env, "--edition", targets["edition"],
                "--paths", str(paths_file), "--port", str(args.port),
            )  # fmt: skip
            print(f"cache {mode} draft check: {json.dumps(check)}", flush=True)
        rss = worker_rss(server.pid)
    finally:
        if writer is not None:
            writer.stop()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    events = writer.read_events() if writer is not None else []
    publishes = role(
        args, "publishes", env, "--edition", targets["edition"],
        "--since", str(began - 60),
    )  # fmt: skip
    writer_pks = {e["pk"] for e in events if e["kind"] == "publish"}
    for publish in publishes:
        publish["by_writer"] = publish["pk"] in writer_pks
    return {
        "problems": problems,
        "slices": slices,
        "events": events,
        "publishes": publishes,
        "check": check,
        "rss": rss,
        "redis": redis_memory(args.redis_url),
    }


def measurement_plan(args) -> list[tuple[str, int, bool]]:
    """(writer variant, seconds, measured) for each wrk run after the
    warm-up: `full` in a block of its own (a publish changes pages for a
    while after it), then a settling run, then `drafts` and `none` in
    alternating slices."""

    def slices(total: int) -> list[int]:
        count = max(1, math.ceil(total / args.slice))
        return [min(args.slice, total - i * args.slice) for i in range(count)] or [
            total
        ]

    plan: list[tuple[str, int, bool]] = []
    if "full" in args.variants:
        plan += [("full", s, True) for s in slices(args.duration)]
    others = [v for v in args.variants if v != "full"]
    if others and plan and args.settle > 0:
        plan.append((others[0], args.settle, False))
    for s in slices(args.duration):
        plan += [(variant, s, True) for variant in others]
    return plan


def progress(f: dict) -> str:
    counts = f["counts"]
    seconds = f["duration_us"] / 1e6
    hits = sum(v for k, v in counts.items() if k.endswith("_hit"))
    served = sum(
        v for k, v in counts.items() if k.endswith(("_hit", "_parts", "_miss"))
    )
    rate = f"hit {100 * hits / served:.0f}%" if served else "no page cache"
    errors = f["connect_errors"] + f["read_errors"] + f["write_errors"]
    return (
        f"{f['requests'] / seconds:.0f} req/s, p99 {f['quantiles_us'][989] / 1000:.1f}"
        f" ms, {rate}, non-2xx {f['non_2xx_3xx']}, socket errors "
        f"{errors + f['timeouts']}"
    )


# Figures -----------------------------------------------------------------------


def pooled_quantile(slices: list[dict], percent: float) -> float | None:
    """The latency (ms) at `percent` over several wrk runs, from each run's
    1,000 quantiles weighted by its requests."""
    points = []
    for f in slices:
        quantiles = f["quantiles_us"]
        weight = f["requests"] / len(quantiles)
        points += [(value, weight) for value in quantiles]
    if not points:
        return None
    points.sort()
    target = sum(w for _, w in points) * percent / 100
    running = 0.0
    for value, weight in points:
        running += weight
        if running >= target:
            return value / 1000
    return points[-1][0] / 1000


def summarise(args, slices: list[dict], publishes: list[dict]) -> dict:
    """One writer variant's slices: throughput, latency, cache counts, and
    p99 by how near each slice was to a publish."""
    requests = sum(f["requests"] for f in slices)
    seconds = sum(f["duration_us"] for f in slices) / 1e6
    counts: dict[str, int] = {}
    for f in slices:
        for key, value in f["counts"].items():
            counts[key] = counts.get(key, 0) + value
    moments = [p["at"] for p in publishes]

    def near(f: dict, window: float) -> bool:  # overlaps [p, p + window)
        return any(p < f["end"] and f["start"] < p + window for p in moments)

    within = [f for f in slices if near(f, 60)]
    containing = [f for f in slices if any(f["start"] <= p < f["end"] for p in moments)]
    quiet = [f for f in slices if not near(f, 60)]

    def cache_share(classes, states=("hit",)) -> float | None:
        served = sum(
            counts.get(f"{c}_{s}", 0) for c in classes for s in ("hit", "parts", "miss")
        )
        wanted = sum(counts.get(f"{c}_{s}", 0) for c in classes for s in states)
        return 100 * wanted / served if served else None

    in_window = [
        p for p in publishes if any(f["start"] <= p["at"] < f["end"] for f in slices)
    ]
    return {
        "requests": requests,
        "seconds": seconds,
        "rps": requests / seconds if seconds else 0,
        "p50": pooled_quantile(slices, 50),
        "p99": pooled_quantile(slices, 99),
        "p99_within_60s": pooled_quantile(within, 99),
        "p99_publish_slices": pooled_quantile(containing, 99),
        "p99_quiet": pooled_quantile(quiet, 99),
        "slices": len(slices),
        "slices_within_60s": len(within),
        "slices_quiet": len(quiet),
        "publishes_writer": sum(1 for p in in_window if p["by_writer"]),
        "publishes_scheduled": sum(1 for p in in_window if not p["by_writer"]),
        "hit_all": cache_share(CLASSES),
        "hit_articles": cache_share(("head", "tail")),
        "hit_tail": cache_share(("tail",)),
        "served_all": cache_share(CLASSES, ("hit", "parts")),
        "counts": counts,
        "non_2xx": sum(f["non_2xx_3xx"] for f in slices),
        "socket_errors": sum(
            f["connect_errors"] + f["read_errors"] + f["write_errors"] + f["timeouts"]
            for f in slices
        ),
    }


def writer_figures(events: list[dict]) -> dict:
    drafts = [e["ms"] for e in events if e["kind"] == "draft"]
    publishes = [e["ms"] for e in events if e["kind"] == "publish"]
    return {
        "drafts": len(drafts),
        "draft_ms": statistics.median(drafts) if drafts else None,
        "publishes": len(publishes),
        "publish_ms": statistics.median(publishes) if publishes else None,
        "errors": sum(1 for e in events if e["kind"] == "error"),
    }


def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def verdict(value, met: bool) -> str:
    return "not measured" if value is None else "met" if met else "MISSED"


def verdicts(args, summaries: dict, checks: dict) -> list[str]:
    """The issue's targets, each with what this run measured."""
    lines = []

    def get(mode, variant):
        return summaries.get((mode, variant))

    on_full, off_full = get("on", "full"), get("off", "full")
    on_drafts, on_none = get("on", "drafts"), get("on", "none")
    check = checks.get("on")
    if check is not None:
        changed = check["changed"]
        lines.append(
            f"- Draft saves leave what readers receive unchanged: "
            f"{'met' if not changed and not check['not_hit'] else 'MISSED'} "
            f"({check['pages']} pages read before and after {check['saves']} "
            f"draft saves: {len(changed)} changed, {len(check['not_hit'])} not "
            "served from the page cache afterwards"
            + (
                f"; {check['went_live']} scheduled pieces went live meanwhile"
                if check["went_live"]
                else ""
            )
            + ")"
        )
    if on_drafts and on_none and on_none["rps"]:
        cost = 100 * (1 - on_drafts["rps"] / on_none["rps"])
        lines.append(
            f"- Draft saves cost < 5% of throughput (cache on, drafts vs no "
            f"writer, alternating slices): {'met' if cost < 5 else 'MISSED'} "
            f"({on_drafts['rps']:.0f} vs {on_none['rps']:.0f} req/s: "
            f"{abs(cost):.1f}% {'fewer' if cost >= 0 else 'more'})"
        )
    if on_full:
        tail = on_full["hit_tail"]
        lines.append(
            f"- Long-tail hit rate ≥ 85% with one publish a minute: "
            f"{verdict(tail, tail is not None and tail >= 85)} "
            f"(articles ranked {args.tail_from + 1:,}+: {_pct(tail)}; all articles "
            f"{_pct(on_full['hit_articles'])}; every request "
            f"{_pct(on_full['hit_all'])})"
        )
    if on_full and off_full and off_full["rps"]:
        ratio = on_full["rps"] / off_full["rps"]
        lines.append(
            f"- Throughput ≥ 4× the page-cache-off figure with one publish a "
            f"minute: {'met' if ratio >= 4 else 'MISSED'} ({on_full['rps']:.0f} vs "
            f"{off_full['rps']:.0f} req/s, {ratio:.1f}×)"
        )
    if on_full:
        p99 = on_full["p99_within_60s"]
        lines.append(
            f"- p99 in the minute after a publish ≤ 100 ms at {args.connections} "
            f"connections: {verdict(p99, p99 is not None and p99 <= 100)} "
            f"({_ms(p99)} ms over {on_full['slices_within_60s']} of "
            f"{on_full['slices']} slices; slices with a publish in them "
            f"{_ms(on_full['p99_publish_slices'])} ms)"
        )
    return lines


def git_commit() -> str:
    def git(*command: str) -> str:
        return subprocess.run(
            ["git", *command], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (
        " with uncommitted changes" if git("status", "--porcelain") else ""
    )


def report(args, targets, count, speed, results) -> list[str]:
    summaries, checks, writers = {}, {}, {}
    for mode, result in results.items():
        for variant in args.variants:
            chosen = [f for f in result["slices"] if f["variant"] == variant]
            if chosen:
                summaries[mode, variant] = summarise(args, chosen, result["publishes"])
        checks[mode] = result["check"]
        writers[mode] = writer_figures(result["events"])
    command = "python bench/working.py " + " ".join(
        shlex.quote(a) for a in sys.argv[1:]
    )
    lines = [
        f"## Working newsroom (bench/working.py), {datetime.now(UTC):%Y-%m-%d %H:%M}"
        f" UTC, commit {git_commit()}" + (f" — {args.label}" if args.label else ""),
        "",
        f"- Machine: {machine()}",
        f"- Machine speed (fixed work, best of 3; compare runs by it): {speed}",
        f"- Command: `{command}`",
        f"- Database: {count:,} articles; edition `{targets['edition']}`: the "
        f"{len(targets['articles']):,} newest live articles (Zipf popularity, "
        f"exponent {args.zipf}, newest read most; the long tail is ranks "
        f"{args.tail_from + 1:,}+), home, {len(targets['sections'])} sections, "
        f"{len(targets['feeds'])} feeds; mix {args.mix} (% articles, home, "
        "sections, feeds)",
        f"- gunicorn {args.workers} sync workers, production settings; wrk "
        f"{args.connections} threads × 1 connection, {args.wrk_timeout} s timeout, "
        "on the same machine",
        f"- Per cache mode: {args.warmup} s warm-up (the same load, not measured), "
        f"then {args.duration} s per writer variant in {args.slice}-s wrk runs: "
        "full first, then drafts and none in alternating runs after "
        f"{args.settle} s of settling",
        f"- Writer: a draft saved every {args.draft_every:g} s; in `full`, a new "
        f"piece published every {args.publish_every:g} s (`workflow.publish`); "
        "scheduled pieces go live by themselves in every variant",
        "- Cache modes: on = page cache on (production); off = page cache off, "
        "fragments and stories cached; none = both off",
        "- Worker RSS (MiB) and Redis memory at the end: "
        + ", ".join(
            f"cache {mode} {result['rss']}, {result['redis']}"
            for mode, result in results.items()
        ),
        "- Writer, over each mode's warm-up and measurement: "
        + "; ".join(
            f"cache {mode}: {w['drafts']} draft saves (median {_ms(w['draft_ms'])} "
            f"ms), {w['publishes']} publishes (median {_ms(w['publish_ms'])} ms), "
            f"{w['errors']} errors"
            for mode, w in writers.items()
        ),
        "",
        "| cache | writer | req/s | p50 ms | p99 ms | p99 ≤ 60 s after a publish "
        "| p99 slices with a publish | p99 quiet slices | publishes (writer + "
        "scheduled) | hit % | hit % articles | hit % long tail | hit + parts % "
        "| non-2xx | socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for (mode, variant), s in summaries.items():
        lines.append(
            f"| {mode} | {variant} | {s['rps']:.0f} | {_ms(s['p50'])} "
            f"| {_ms(s['p99'])} | {_ms(s['p99_within_60s'])} "
            f"({s['slices_within_60s']}/{s['slices']}) "
            f"| {_ms(s['p99_publish_slices'])} | {_ms(s['p99_quiet'])} "
            f"({s['slices_quiet']}/{s['slices']}) "
            f"| {s['publishes_writer']} + {s['publishes_scheduled']} "
            f"| {_pct(s['hit_all'])} | {_pct(s['hit_articles'])} "
            f"| {_pct(s['hit_tail'])} | {_pct(s['served_all'])} "
            f"| {s['non_2xx']} | {s['socket_errors']} |"
        )
    cached = [(key, s) for key, s in summaries.items() if MODES[key[0]][0]]
    if cached:  # modes with the page cache on: X-Page-Cache headers to count
        lines += [
            "",
            "Responses by page kind and `X-Page-Cache` (head = articles ranked "
            f"1–{args.tail_from:,}, tail = the rest; none = no header):",
            "",
            "| cache | writer | kind | requests | hit | parts | miss | none | hit % |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
    for (mode, variant), s in cached:
        for kind in CLASSES:
            c = {
                state: s["counts"].get(f"{kind}_{state}", 0)
                for state in ("hit", "parts", "miss", "none")
            }
            total = sum(c.values())
            counted = c["hit"] + c["parts"] + c["miss"]
            lines.append(
                f"| {mode} | {variant} | {kind} | {total} | {c['hit']} "
                f"| {c['parts']} | {c['miss']} | {c['none']} "
                f"| {_pct(100 * c['hit'] / counted if counted else None)} |"
            )
    lines += ["", "Targets (issue):", "", *verdicts(args, summaries, checks)]
    for mode, result in results.items():
        if result["problems"]:
            lines.append(
                f"- NOTE, cache {mode}: responses whose Content-Length is longer "
                "than their body (wrk counts them as read errors and leaves them "
                "out of req/s and latency, so this mode's figures do not measure "
                "those pages): " + "; ".join(result["problems"])
            )
    for (mode, variant), s in summaries.items():
        if s["socket_errors"] > 0.01 * (s["requests"] + s["socket_errors"]):
            lines.append(
                f"- NOTE, cache {mode}, writer {variant}: {s['socket_errors']} "
                f"socket errors against {s['requests']} requests completed"
            )
    lines.append("")
    return lines


def write_results(args, lines: list[str]) -> None:
    output = Path(args.output)
    previous = output.read_text() if output.exists() else "# Benchmark results\n\n"
    head, _, rest = previous.partition("\n## ")
    body = "\n".join(lines) + ("\n## " + rest if rest else "")
    output.write_text(head.rstrip() + "\n\n" + body)


def main_orchestrator(args) -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")

    def terminated(signum, frame):
        raise SystemExit(128 + signum)

    # A TERM (or HUP) runs the finally clauses that stop gunicorn and the writer.
    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGHUP, terminated)
    static_root = tempfile.mkdtemp(prefix="newsroom-bench-static-")
    work = Path(tempfile.mkdtemp(prefix="newsroom-working-"))
    try:
        env_off = django_env(args, page_cache=False, static_root=static_root)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=env_off, check=True, timeout=600,
        )  # fmt: skip
        targets = role(
            args, "urls", env_off, "--articles", str(args.articles),
            "--edition", args.edition,
        )  # fmt: skip
        if not targets["articles"]:
            raise SystemExit(f"no live articles in edition {targets['edition']!r}")
        paths_file = work / "paths.tsv"
        rows = [("article", p) for p in targets["articles"]]
        rows += [("home", targets["home"])]
        rows += [("section", p) for p in targets["sections"]]
        rows += [("feed", p) for p in targets["feeds"]]
        paths_file.write_text("".join(f"{k}\t{p}\n" for k, p in rows))
        targets["paths_file"] = str(paths_file)
        print(
            f"edition {targets['edition']}: {len(targets['articles'])} articles, "
            f"{len(targets['sections'])} sections, {len(targets['feeds'])} feeds",
            flush=True,
        )
        count = article_count(env_off)
        speed = calibration(args.database_url)
        print(f"calibration: {speed}", flush=True)
        results = {}
        for mode in args.mode_list:
            results[mode] = run_mode(args, mode, static_root, work, targets)
        lines = report(args, targets, count, speed, results)
        print("\n".join(lines), flush=True)
        if not args.no_write:
            write_results(args, lines)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


# The roles with Django -------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def busiest_edition() -> str:
    from django.db.models import Count

    from articles.models import Article

    row = (
        Article.objects.published()
        .values("language")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return row["language"] if row else "en"


def urls_role(args) -> None:
    """The readers' URLs, as JSON: the newest live articles of the edition,
    its home page, sections and feeds."""
    setup_django()
    from django.utils import translation

    from articles.models import Article, Section

    edition = args.edition or busiest_edition()
    newest = (
        Article.objects.published()
        .in_edition(edition)
        .order_by("-published_at", "-pk")
        .only("slug", "language")[: args.articles]
    )
    with translation.override(edition):
        sections = [s.get_absolute_url() for s in Section.objects.order_by("position")]
    print(
        json.dumps(
            {
                "edition": edition,
                "articles": [a.get_absolute_url() for a in newest],
                "home": f"/{edition}/",
                "sections": sections,
                "feeds": [f"/{edition}/feeds/rss/", f"/{edition}/feeds/atom/"],
            }
        )
    )


def bench_editor():
    """A staff user in the Editor group (made once, no usable password)."""
    from django.contrib.auth.models import Group, User

    from articles import roles

    user, created = User.objects.get_or_create(
        username=EDITOR_USERNAME, defaults={"is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return User.objects.get(pk=user.pk)  # no permission cache from before


# What a new piece copies of an existing one.
COPIED_FIELDS = (
    "lead", "body", "dateline_city", "source", "content_type", "section_id",
    "urgency", "has_video", "has_photos", "language", "hero_caption",
)  # fmt: skip


def copy_of(source, **fields):
    from articles.models import Article

    values = {f: getattr(source, f) for f in COPIED_FIELDS if hasattr(source, f)}
    values.update(fields)
    return Article(**values)


def bench_draft(edition: str, editor):
    """The unpublished draft the writer keeps saving: reused from run to
    run, made once as a copy of the edition's newest live piece."""
    from articles.models import Article

    slug = DRAFT_SLUG.format(edition=edition)
    draft = (
        Article.objects.filter(slug__startswith=slug, status="draft")
        .order_by("-pk")
        .first()
    )
    if draft is not None:
        return draft
    if Article.all_objects.filter(slug=slug).exists():  # published by someone
        slug = f"{slug}-{int(time.time())}"
    source = Article.objects.published().in_edition(edition).first()
    draft = copy_of(
        source,
        headline="Working-newsroom benchmark draft",
        slug=slug,
        status="draft",
        created_by=editor,
    )
    draft.save()
    return draft


class NewPieces:
    """New pieces to publish: copies of recent live pieces of the edition,
    with a byline and tags, and no picture (generated pictures have no
    file, which publishing refuses)."""

    def __init__(self, edition: str, editor):
        from articles.models import Article

        self.editor = editor
        self.sources = list(
            Article.objects.published()
            .in_edition(edition)
            .order_by("-published_at", "-pk")
            .prefetch_related("tags", "bylines__author")[:50]
        )
        self.made = 0

    def make(self):
        from articles.models import Byline

        source = self.sources[self.made % len(self.sources)]
        self.made += 1
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        piece = copy_of(
            source,
            headline=f"Working-newsroom benchmark piece {stamp} #{self.made}",
            status="draft",
            created_by=self.editor,
        )
        piece.save()
        piece.tags.add(*source.tags.all())
        authors = [b.author for b in source.bylines.all() if b.author.is_active][:1]
        for position, author in enumerate(authors):
            Byline.objects.create(article=piece, author=author, position=position)
        return piece


def writer_role(args) -> None:
    """Save the draft every --draft-every s and, when the control file says
    `full`, publish a new piece every --publish-every s. One JSON line per
    event. Stops on TERM, when its parent goes, or after --max-seconds."""
    setup_django()
    from articles import workflow

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    parent = os.getppid()
    editor = bench_editor()
    draft = bench_draft(args.edition, editor)
    pieces = NewPieces(args.edition, editor)
    body = draft.body.split(EDIT_MARK)[0]
    control = Path(args.control)

    def event(kind: str, started: float, **more) -> None:
        ms = (time.perf_counter() - started) * 1000
        line = json.dumps({"kind": kind, "t": time.time(), "ms": ms, **more})
        with Path(args.events).open("a") as events:
            events.write(line + "\n")

    event("ready", time.perf_counter())
    began = time.monotonic()
    next_draft = next_publish = None
    saves = 0
    while (
        not stopping
        and time.monotonic() - began < args.max_seconds
        and os.getppid() == parent
    ):
        try:
            variant = control.read_text().strip()
        except OSError:
            variant = "none"
        now = time.monotonic()
        if variant in ("full", "drafts"):
            next_draft = next_draft or now
            if now >= next_draft:
                saves += 1
                started = time.perf_counter()
                draft.headline = f"Working-newsroom benchmark draft, save {saves}"
                draft.body = f"{body}{EDIT_MARK} {saves}, {datetime.now(UTC)}.</p>"
                try:
                    draft.save()
                    event("draft", started)
                except Exception as error:  # counted in the report
                    event("error", started, error=repr(error))
                next_draft = max(next_draft + args.draft_every, now)
        else:
            next_draft = None
        if variant == "full":
            # The first publish half an interval in, then one per interval.
            next_publish = next_publish or now + args.publish_every / 2
            if now >= next_publish:
                try:
                    piece = pieces.make()
                    started = time.perf_counter()
                    workflow.publish(piece, by=editor)
                    event("publish", started, pk=piece.pk)
                except Exception as error:  # counted in the report
                    event("error", time.perf_counter(), error=repr(error))
                next_publish = max(next_publish + args.publish_every, now)
        else:
            next_publish = None
        upcoming = [t for t in (next_draft, next_publish) if t is not None]
        wait = min(upcoming) - time.monotonic() if upcoming else 0.25
        time.sleep(min(0.25, max(0.0, wait)))


def check_role(args) -> None:
    """Read a sample of pages (twice, so they are cached), save the draft
    three times, read them again: what changed, and what was not a hit."""
    setup_django()
    from django.utils import timezone

    from articles.models import Article

    rows = [line.split("\t") for line in Path(args.paths).read_text().splitlines()]
    articles = [p for kind, p in rows if kind == "article"]
    sample = [p for kind, p in rows if kind != "article"]
    step = max(1, len(articles) // 40)
    sample += articles[:10] + articles[10::step][:40]
    base = f"http://127.0.0.1:{args.port}"
    editor = bench_editor()
    draft = bench_draft(args.edition, editor)
    body = draft.body.split(EDIT_MARK)[0]

    def read() -> dict[str, tuple]:
        found = {}
        for path in sample:
            status, headers, body, _whole = read_page(base + path)
            found[path] = (
                status,
                headers.get("X-Page-Cache"),
                hashlib.sha256(body).hexdigest(),
            )
        return found

    for _attempt in range(3):  # again if a scheduled piece went live meanwhile
        started = timezone.now()
        read()
        before = read()
        for n in range(3):
            draft.body = f"{body}{EDIT_MARK} {n} (check), {datetime.now(UTC)}.</p>"
            draft.save()
            time.sleep(1)
        after = read()
        went_live = (
            Article.objects.published()
            .in_edition(args.edition)
            .filter(published_at__gt=started)
            .count()
        )
        if not went_live:
            break
    print(
        json.dumps(
            {
                "pages": len(sample),
                "saves": 3,
                "changed": [p for p in sample if before[p][2] != after[p][2]],
                "not_hit": [p for p in sample if after[p][1] != "hit"],
                "went_live": went_live,
            }
        )
    )


def publishes_role(args) -> None:
    """The edition's pieces that went live since --since (epoch seconds),
    the writer's and scheduled ones alike."""
    setup_django()
    from articles.models import Article

    since = datetime.fromtimestamp(args.since, UTC)
    rows = (
        Article.objects.published()
        .in_edition(args.edition)
        .filter(published_at__gt=since)
        .values_list("pk", "published_at")
    )
    print(json.dumps([{"pk": pk, "at": at.timestamp()} for pk, at in rows]))


def main() -> None:
    args = parse_args()
    roles = {
        "main": main_orchestrator,
        "urls": urls_role,
        "writer": writer_role,
        "check": check_role,
        "publishes": publishes_role,
    }
    roles[args.role](args)


if __name__ == "__main__":
    main()
