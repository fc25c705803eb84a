"""The edge cache measured: Varnish in front of gunicorn, side by side with
gunicorn's own page cache and a static file, and the editorial-truth delays.

    .venv/bin/python bench/edge.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench

Starts, on free ports of 127.0.0.1: gunicorn with the production settings
(page cache on, Redis), a `run_huey` worker, and varnishd with the shipped
configuration (deploy/varnish/, the backend named as tests/edge/ do) in
front. Picks many pages (the newest live articles, every section, the
editions' homes), requests each once through Varnish (which also stores
them in Django's page cache), then drives wrk at random pages of the set:

- through Varnish (edge hits);
- at gunicorn directly (page-cache hits through the WSGI fast path,
  caching/fastpath.py), and at a second gunicorn serving the plain Django
  handler (page-cache hits through the middleware): what an edge miss costs
  with and without the fast path;
- one static file (WhiteNoise in gunicorn, and through Varnish).

Then, in a process with the project's settings, publishes and kills pieces
made for the purpose with the workflow's functions (the real on-commit
purge through the worker) and times how long until Varnish serves the
change: the home page listing a published piece, a killed piece's 410. The
pieces are deleted afterwards. Appends a section to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load import calibration, django_env, machine  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

RANDOM_PATHS_LUA = """
local paths = {}
function init(args)
  for line in io.lines(os.getenv("EDGE_PATHS")) do table.insert(paths, line) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Every request names one host, so Varnish and both gunicorns read and store
# the same page-cache entries (Django's key has the host in it).
HOST = "localhost"


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Host": HOST})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not start")


def pick_paths(env: dict[str, str], count: int) -> list[str]:
    """The newest `count` live articles, every section and edition home."""
    script = f"""
import django, json
django.setup()
from articles.models import Article, Section
from django.utils import translation
from django.urls import reverse
paths = []
for code in ("en", "ru", "az"):
    with translation.override(code):
        paths.append(reverse("home"))
paths += [s.get_absolute_url() for s in Section.objects.all()]
pieces = Article.objects.published().order_by("-published_at")[:{count}]
paths += [a.get_absolute_url() for a in pieces.select_related("section")]
print(json.dumps(paths))
"""
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_varnish(work: Path, backend_port: int, port: int) -> subprocess.Popen:
    config = work / "vcl"
    config.mkdir()
    shutil.copy(ROOT / "deploy" / "varnish" / "default.vcl", config)
    backend = (ROOT / "deploy" / "varnish" / "backend.vcl").read_text()
    backend = backend.replace('.host = "web";', '.host = "127.0.0.1";')
    backend = backend.replace('.port = "8000";', f'.port = "{backend_port}";')
    (config / "backend.vcl").write_text(backend)
    return subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(work / "varnish"),
         "-a", f"127.0.0.1:{port}", "-T", "none",
         "-f", str(config / "default.vcl"), "-p", f"vcl_path={config}",
         "-s", "malloc,1g"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def run_wrk(args, url: str, paths_file: Path | None) -> dict:
    command = [
        "wrk", "-t", str(args.threads), "-c", str(args.connections),
        "-d", f"{args.seconds}s", "--latency", "--timeout", "30s",
        "-H", f"Host: {HOST}",
    ]  # fmt: skip
    env = dict(os.environ)
    if paths_file is not None:
        script = paths_file.with_suffix(".lua")
        script.write_text(RANDOM_PATHS_LUA)
        command += ["-s", str(script)]
        env["EDGE_PATHS"] = str(paths_file)
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env=env
    ).stdout
    errors = sum(
        int(n)
        for n in re.findall(
            r"(?:Non-2xx or 3xx responses|connect|read|write|timeout)[: ]\s*(\d+)",
            output,
        )
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _latency(output, "50%"),
        "p99": _latency(output, "99%"),
        "errors": errors,
    }


def _latency(output: str, percentile: str) -> float:
    match = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)", output)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


# The delays, measured in a process with the project's settings ----------------


def measure_delays(edge: str, trials: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User

    from articles import workflow
    from articles.models import Article, Section

    editor, _ = User.objects.get_or_create(
        username="edge-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    section = Section.objects.order_by("pk").first()
    made, publish, kill = [], [], []

    def until(condition, limit: float = 30.0) -> float:
        started = time.perf_counter()
        while not condition():
            if time.perf_counter() - started > limit:
                return float("inf")
            time.sleep(0.002)
        return (time.perf_counter() - started) * 1000

    home = edge.rstrip("/") + "/en/"
    try:
        for trial in range(trials):
            headline = f"Edge bench {os.getpid()} {trial} {time.time_ns()}"
            piece = Article.objects.create(
                headline=headline,
                lead="Measured.",
                body="<p>Measured.</p>",
                section=section,
                language="en",
            )
            made.append(piece.pk)
            fetch(home)
            assert headline not in fetch(home)[2].decode()
            started = time.perf_counter()
            workflow.publish(piece, by=editor)
            committed = (time.perf_counter() - started) * 1000
            seen = until(lambda h=headline: h in fetch(home)[2].decode())
            publish.append({"commit_ms": committed, "visible_ms": seen})
            url = edge.rstrip("/") + piece.get_absolute_url()
            fetch(url)
            assert fetch(url)[1].get("X-Cache") == "HIT"
            started = time.perf_counter()
            workflow.kill(Article.objects.get(pk=piece.pk), by=editor, reason="Bench")
            committed = (time.perf_counter() - started) * 1000
            gone = until(lambda u=url: fetch(u)[0] == 410)
            kill.append({"commit_ms": committed, "visible_ms": gone})
    finally:
        Article.all_objects.filter(pk__in=made).delete()
        if editor.username == "edge-bench":
            editor.delete()
    return {"publish": publish, "kill": kill}


# The run ----------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--pages", type=int, default=1000, help="articles in the set")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's")
    parser.add_argument("--trials", type=int, default=5, help="publish/kill pairs")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--note", default="")
    parser.add_argument(
        "--commit", default="", help="label (default: the checkout's HEAD)"
    )
    parser.add_argument("--delays", metavar="EDGE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.delays:
        print("EDGE_JSON " + json.dumps(measure_delays(args.delays, args.trials)))
        return

    work = Path(tempfile.mkdtemp(prefix="newsroom-edge-bench-"))
    processes: list[subprocess.Popen] = []
    try:
        run(args, work, processes)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path, processes: list[subprocess.Popen]) -> None:
    static_root = str(work / "static")
    varnish_port, fast_port, plain_port = free_port(), free_port(), free_port()
    edge = f"http://127.0.0.1:{varnish_port}/"
    env = django_env(args, page_cache=True, static_root=static_root)
    env.update(
        {
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EDGE_PURGE_URLS": edge,
            "HUEY_REDIS_URL": args.redis_url,
            "HUEY_NAME": f"edge-bench-{os.getpid()}",
            "HUEY_IMMEDIATE": "false",
            # Pages stay fresh at the edge for the whole run: what is
            # measured is hits, and the purges' delays.
            "PAGE_CACHE_MAX_AGE": "3600",
            "NEWSROOM_DEVDATA": "false",
        }
    )
    subprocess.run(["redis-cli", "-u", args.redis_url, "flushdb"], check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    paths = pick_paths(env, args.pages)
    paths_file = work / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    static = "/static/" + next(
        str(p.relative_to(static_root))
        for p in sorted(Path(static_root).rglob("*.css"))
        if 20_000 < p.stat().st_size < 60_000 and p.name.count(".") >= 2
    )

    def gunicorn(app: str, port: int) -> subprocess.Popen:
        process = subprocess.Popen(
            [GUNICORN, app, "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        processes.append(process)
        wait_for(f"http://127.0.0.1:{port}/healthz", process, "gunicorn")
        return process

    gunicorn("newsroom.wsgi", fast_port)
    gunicorn("django.core.wsgi:get_wsgi_application()", plain_port)
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "run_huey", "--quiet"], cwd=ROOT, env=env
    )
    processes.append(worker)
    varnish = start_varnish(work, fast_port, varnish_port)
    processes.append(varnish)
    wait_for(edge + "healthz", varnish, "varnishd")

    print(f"warming {len(paths)} pages through Varnish", flush=True)
    started = time.perf_counter()
    statuses: dict[int, int] = {}
    for path in paths:
        status, _, _ = fetch(edge.rstrip("/") + path)
        statuses[status] = statuses.get(status, 0) + 1
    warm_seconds = time.perf_counter() - started
    hits = sum(
        fetch(edge.rstrip("/") + path)[1].get("X-Cache") == "HIT" for path in paths
    )
    fast, plain = f"http://127.0.0.1:{fast_port}", f"http://127.0.0.1:{plain_port}"
    page_hits = {
        name: sum(fetch(base + path)[1].get("X-Page-Cache") == "hit" for path in paths)
        for name, base in (("fast path", fast), ("no fast path", plain))
    }
    print(f"edge hits {hits}, page-cache hits {page_hits}", flush=True)

    results = {}
    targets = [
        ("Varnish, random page of the set", edge, paths_file),
        ("gunicorn page cache, fast path", fast + "/", paths_file),
        ("gunicorn page cache, no fast path", plain + "/", paths_file),
        ("Varnish, one static file", edge.rstrip("/") + static, None),
        ("gunicorn (WhiteNoise), one static file", fast + static, None),
    ]
    for name, url, file in targets:
        results[name] = run_wrk(args, url, file)
        print(name, results[name], flush=True)

    print("publish/kill delays", flush=True)
    delay_env = dict(env)
    output = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--database-url", args.database_url,
         "--delays", edge, "--trials", str(args.trials)],
        cwd=ROOT, env=delay_env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    line = next(
        (x for x in output.stdout.splitlines() if x.startswith("EDGE_JSON ")), None
    )
    if line is None:
        raise SystemExit(output.stdout + output.stderr)
    delays = json.loads(line.removeprefix("EDGE_JSON "))
    print(delays, flush=True)
    write_results(
        args, paths, statuses, (hits, page_hits), warm_seconds, static, results, delays
    )


def article_count(args) -> int:
    import psycopg

    with psycopg.connect(args.database_url) as connection:
        return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def git_commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
        text=True, check=False,
    ).stdout.strip()  # fmt: skip


def _stats(values: list[float]) -> str:
    ordered = sorted(values)
    middle = ordered[len(ordered) // 2]
    return f"median {middle:.0f} ms, max {ordered[-1]:.0f} ms (n={len(ordered)})"


def write_results(args, paths, statuses, hits, warm_seconds, static, results, delays):
    hits, page_hits = hits
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Edge cache (bench/edge.py), {now}, commit {args.commit or git_commit()}",
        "",
    ]
    if args.note:
        lines += [f"- {args.note}"]
    database = args.database_url.rsplit("/", 1)[-1]
    lines += [
        f"- Machine: {machine()}",
        f"- Machine speed (fixed work, best of 3): {calibration(args.database_url)}",
        f"- Database: {article_count(args):,} articles (`{database}`); gunicorn "
        f"{args.workers} sync workers, production settings, Redis, page cache on; "
        f"varnishd {varnish_version()} with deploy/varnish/ (malloc 1 GB); wrk "
        f"{args.threads} threads, {args.connections} connections, {args.seconds} s "
        "per target, all on one machine",
        f"- Set: {len(paths):,} pages ({args.pages:,} newest live articles, every "
        "section, 3 edition homes), each request a random one (not one hot URL). "
        f"Warmed through Varnish in {warm_seconds:.0f} s (answers {statuses}); then "
        f"{hits:,} of {len(paths):,} were edge hits, and page-cache hits at gunicorn "
        f"{page_hits['fast path']:,} (fast path) and {page_hits['no fast path']:,} "
        "(no fast path); every request says `Host: localhost`, so all three read "
        "the same entries. PAGE_CACHE_MAX_AGE=3600 for the run, so the set stays "
        "fresh at the edge while measured.",
        f"- Static file: `{static}`",
        f"- Command: `python bench/edge.py --database-url .../{database} "
        f"--pages {args.pages} --seconds {args.seconds}`",
        "",
        "| target | req/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, figures in results.items():
        lines.append(
            f"| {name} | {figures['rps']:.0f} | {figures['p50']:.2f} | "
            f"{figures['p99']:.2f} | {figures['errors']} |"
        )
    lines += [
        "",
        "Editorial truth at the edge (commit → Varnish serves the change; "
        "the purge goes commit → Huey (Redis) → `run_huey` → PURGE):",
        "",
        f"- publish, until the home page through Varnish lists it: "
        f"{_stats([d['visible_ms'] for d in delays['publish']])}; the publish itself "
        f"took {_stats([d['commit_ms'] for d in delays['publish']])}",
        f"- kill, until Varnish answers 410 for the piece: "
        f"{_stats([d['visible_ms'] for d in delays['kill']])}; the kill itself took "
        f"{_stats([d['commit_ms'] for d in delays['kill']])}",
        "",
    ]
    output = Path(args.output)
    text = output.read_text() if output.exists() else "# Benchmark results\n\n"
    head, _, rest = text.partition("\n## ")
    text = head.rstrip() + "\n\n" + "\n".join(lines) + ("\n## " + rest if rest else "")
    output.write_text(text)
    print("\n".join(lines))


def varnish_version() -> str:
    result = subprocess.run([VARNISHD, "-V"], capture_output=True, text=True)
    found = re.search(r"varnish-([\d.]+)", result.stderr + result.stdout)
    return found.group(1) if found else "?"


if __name__ == "__main__":
    main()
