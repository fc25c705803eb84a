"""Load-test the production stack: gunicorn + PostgreSQL + Redis, driven by wrk.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench

Starts gunicorn with the production settings (DEBUG off, BENCH_HEADERS on)
once per cache mode (see MODES), and for each page kind runs `wrk` from this
process's machine on 127.0.0.1: requests/s, p50/p99 latency and errors from
wrk; SQL queries and server time (inside Django, `Server-Timing`) from a
sequential sample; worker memory (VmRSS) from /proc. Static files of about
each page's size, served by the same gunicorn through WhiteNoise, are the
baselines each page's figures are a ratio to. Writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_KINDS = [
    "home", "article", "section", "tag", "author", "search", "rss", "sitemap",
    "sitemap_page", "api",
]  # fmt: skip
PYTHON = sys.executable


# Cache modes: name -> (full-page cache, fragment cache). "off" is what a
# page the page cache misses costs in production (fragments and the
# article's story still cached);
# "none" turns both off; "on" is production.
MODES = {"none": (False, False), "off": (False, True), "on": (True, True)}


def django_env(
    args, *, page_cache: bool, static_root: str, fragment_cache: bool | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "PAGE_CACHE": "true" if page_cache else "false",
            "FRAGMENT_CACHE": "true"
            if (page_cache if fragment_cache is None else fragment_cache)
            else "false",
            "BENCH_HEADERS": "true",
            "API_RATE_LIMIT": "0",
            "STATIC_ROOT": static_root,
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def fresh_mode_env(args, mode: str, static_root: str) -> dict:
    """The environment of one cache mode, with its Redis database emptied so
    no entry of another mode answers for it."""
    page_cache, fragment_cache = MODES[mode]
    env = django_env(
        args,
        page_cache=page_cache,
        fragment_cache=fragment_cache,
        static_root=static_root,
    )
    subprocess.run(
        ["redis-cli", "-u", args.redis_url, "flushdb"],
        check=False, capture_output=True, timeout=30,
    )  # fmt: skip
    return env


def fetch(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sample(base: str, path: str, headers: dict[str, str], n: int) -> dict:
    """Sequential requests: server time (Server-Timing) and queries per request."""
    times, queries, status, size = [], [], 0, 0
    deadline = time.monotonic() + 15  # slow pages: fewer samples
    for _ in range(n):
        if time.monotonic() > deadline and len(times) >= 3:
            break
        status, got, body = fetch(base + path, headers)
        size = len(body)
        timing = re.search(r"app;dur=([\d.]+)", got.get("Server-Timing", ""))
        if timing:
            times.append(float(timing.group(1)))
        queries.append(int(got.get("X-SQL-Queries", "0")))
    times.sort()
    return {
        "status": status,
        "bytes": size,
        "server_p50_ms": statistics.median(times) if times else None,
        "server_p95_ms": times[int(len(times) * 0.95) - 1] if times else None,
        "queries": statistics.median(queries) if queries else None,
    }


def run_wrk(args, url: str, headers: dict[str, str]) -> dict:
    command = [
        "wrk", "-t", str(args.threads), "-c", str(args.connections),
        "-d", f"{args.duration}s", "--latency",
        # wrk's default of 2 s counts a slow page (an uncached sitemap
        # queued behind 7 others) as an error and drops it from the latency
        # figures; errors must mean errors, and p99 must include it.
        "--timeout", f"{args.wrk_timeout}s",
    ]  # fmt: skip
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(
        int(n)
        for n in re.findall(
            r"(?:Non-2xx or 3xx responses|connect|read|write|timeout)[: ]\s*(\d+)",
            output,
        )
    )
    return {
        "rps": rps,
        "p50": _latency(output, "50%"),
        "p99": _latency(output, "99%"),
        "errors": errors,
    }


def _latency(output: str, percentile: str) -> float:
    match = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)", output)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def worker_rss(master_pid: int) -> list[int]:
    """VmRSS in MiB of each gunicorn worker (the master's children)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    rss = []
    for pid in children.read_text().split():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss.append(int(line.split()[1]) // 1024)
    return rss


def start_server(args, env) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).with_name("gunicorn")), "newsroom.wsgi",
        "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            fetch(f"http://127.0.0.1:{args.port}/robots.txt")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


# Sizes of the static baselines picked, by URL path.
STATIC_SIZES: dict[str, int] = {}


def static_baseline_path(static_root: Path, size: int) -> str:
    """The collected static file closest in size to `size` bytes."""
    files = [
        p
        for p in static_root.rglob("*")
        if p.is_file()
        and p.suffix in {".css", ".js", ".svg", ".txt", ".json"}
        and not p.name.endswith((".gz", ".br"))
    ]
    best = min(files, key=lambda p: abs(p.stat().st_size - size))
    path = "/static/" + str(best.relative_to(static_root))
    STATIC_SIZES[path] = best.stat().st_size
    return path


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{os.cpu_count()} CPUs ({cpu}), {mem_kib / 1024 / 1024:.1f} GiB RAM"


def calibration(database_url: str) -> str:
    """Fixed work timed on this machine (best of 3), so that runs on VMs of
    different speed can be compared: a pure-Python loop, and a PostgreSQL
    aggregate over generated rows."""
    import psycopg

    def best(work) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            work()
            times.append((time.perf_counter() - start) * 1000)
        return min(times)

    def python_loop() -> None:
        total = 0
        for i in range(5_000_000):
            total += i

    with psycopg.connect(database_url) as connection:

        def database_sum() -> None:
            connection.execute(
                "SELECT sum(i) FROM generate_series(1, 2000000) AS i"
            ).fetchone()

        database_ms = best(database_sum)
    return (
        f"Python loop of 5M additions {best(python_loop):.0f} ms; "
        f"PostgreSQL sum over 2M generated rows {database_ms:.0f} ms"
    )


def script_json(script: str, env: dict[str, str]):
    """Run one of bench/'s Django scripts; what its last line of output says
    in JSON."""
    output = subprocess.run(
        [PYTHON, script], cwd=ROOT, env=env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def article_count(env) -> int:
    code = "from articles.models import Article; print(Article.objects.count())"
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return int(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--port", type=int, default=8055)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=8, help="seconds per page")
    parser.add_argument(
        "--wrk-timeout", type=int, default=30, help="seconds before wrk gives up"
    )
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated subset of: " + ", ".join(PAGE_KINDS),
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--modes", default="none,off,on", help=f"comma-separated, of {list(MODES)}"
    )
    parser.add_argument(
        "--no-admin",
        dest="admin",
        action="store_false",
        help="skip the admin change list timings (bench/admin.py)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")

    static_root = tempfile.mkdtemp(prefix="newsroom-bench-static-")
    env_off = django_env(args, page_cache=False, static_root=static_root)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env_off, check=True,
    )  # fmt: skip
    targets = script_json("bench/targets.py", env_off)
    urls: dict[str, str] = targets["urls"]
    if args.pages:
        urls = {k: v for k, v in urls.items() if k in args.pages.split(",")}
    api_headers = {"Authorization": f"Bearer {targets['api_key']}"}
    count = article_count(env_off)
    speed = calibration(args.database_url)
    print(f"calibration: {speed}", flush=True)
    base = f"http://127.0.0.1:{args.port}"
    results: dict[str, dict[str, dict]] = {}
    memory: dict[str, list[int]] = {}
    # Each page is compared with a static file of about its size, served by
    # the same server: bytes cost something too, and the home page is three
    # times the article page's size.
    baselines: dict[str, str] = {}
    for mode in args.modes.split(","):
        env = fresh_mode_env(args, mode, static_root)
        server = start_server(args, env)
        try:
            if not baselines:
                for name, path in urls.items():
                    headers = api_headers if name == "api" else {}
                    _, _, body = fetch(base + path, headers)
                    baselines[name] = static_baseline_path(Path(static_root), len(body))
            statics = {static_name(p): p for p in sorted(set(baselines.values()))}
            for name, path in {**statics, **urls}.items():
                headers = api_headers if name == "api" else {}
                measured = sample(base, path, headers, args.samples)
                measured.update(run_wrk(args, base + path, headers))
                results.setdefault(name, {})[mode] = measured
                print(f"cache {mode:3} {name:12} {json.dumps(measured)}", flush=True)
            memory[mode] = worker_rss(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    admin = {}
    if args.admin:
        admin = script_json("bench/admin.py", env_off)
        for label, timing in admin.items():
            print(f"admin {label:28} {json.dumps(timing)}", flush=True)
    write_results(args, results, memory, count, baselines, speed, admin)


def static_name(path: str) -> str:
    """A static baseline's row name, by its size: "static 22 kB"."""
    return f"static {STATIC_SIZES[path] / 1000:.0f} kB"


def write_results(args, results, memory, count, baselines, speed, admin) -> None:
    command = "python bench/load.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    lines = [
        f"## Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
        + (f" — {args.label}" if args.label else ""),
        "",
        f"- Machine: {machine()}",
        f"- Machine speed (fixed work, best of 3; compare runs by it): {speed}",
        f"- Database: {count:,} articles; gunicorn {args.workers} sync workers; "
        f"wrk {args.threads} thread, {args.connections} connections, "
        f"{args.duration} s per page, {args.wrk_timeout} s timeout, "
        "on the same machine",
        f"- Command: `{command}`",
        '- Static baselines (each page\'s "% of static" is against the one '
        "nearest its size): "
        + ", ".join(f"`{path}`" for path in sorted(set(baselines.values()))),
        "- Worker RSS (MiB): "
        + ", ".join(f"cache {mode} {rss}" for mode, rss in memory.items()),
        "- Cache modes: none = page and fragment caches off; off = page cache "
        "off, fragments and stories cached (a page-cache miss in production); "
        "on = both",
        "",
        "| page | cache | req/s | % of static | p50 ms | p99 ms | errors "
        "| server p50 ms | server p95 ms | SQL queries | bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, modes in results.items():
        for mode, r in modes.items():
            baseline = static_name(baselines[name]) if name in baselines else name
            static = results[baseline][mode]["rps"]
            lines.append(
                f"| {name} | {mode} | {r['rps']:.0f} | {100 * r['rps'] / static:.0f}% "
                f"| {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} "
                f"| {_ms(r['server_p50_ms'])} | {_ms(r['server_p95_ms'])} "
                f"| {r['queries']:.0f} | {r['bytes']} |"
            )
    lines.append("")
    if admin:
        lines += [
            "Admin article change list (`bench/admin.py`: in-process, signed in "
            "as a superuser, page cache off, median of 5):",
            "",
            "| list | status | median ms | queries | slowest query ms |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {label} | {t['status']} | {t['median_ms']:.0f} | {t['queries']} "
            f"| {t['slowest_query_ms']:.0f} |"
            for label, t in admin.items()
        ]
        lines.append("")
    output = Path(args.output)
    previous = output.read_text() if output.exists() else "# Benchmark results\n\n"
    head, _, rest = previous.partition("\n## ")
    body = "\n".join(lines) + ("\n## " + rest if rest else "")
    output.write_text(head.rstrip() + "\n\n" + body)
    print("\n".join(lines))


def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    main()
