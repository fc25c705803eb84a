"""The Dockerfile, replayed without Docker.

No Docker engine runs here, so the image is checked by its instructions and
by running its build-time collectstatic and its gunicorn command against the
checkout, in production mode, exactly as the image would.
"""

from __future__ import annotations

import http.client
import re
import shlex
import socket
import subprocess
import sys
import time
from fnmatch import fnmatch

import pytest

from tests.project.procs import (
    ROOT,
    clean_env,
    manage,
    output,
    production_env,
    run,
    stop_process,
)

pytestmark = pytest.mark.any_database

HOST = "news.example.org"


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    return [
        (keyword.upper(), arguments.strip())
        for keyword, arguments in (
            line.strip().split(None, 1)
            for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        )
    ]


def instruction(name: str) -> list[str]:
    return [args for keyword, args in dockerfile_instructions() if keyword == name]


def dockerignore() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and line[0] != "#"]


def test_image_runs_a_slim_python_as_a_non_root_user():
    (base,) = instruction("FROM")
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", base)
    keywords = [keyword for keyword, _ in dockerfile_instructions()]
    users = instruction("USER")
    assert users and users[-1] not in {"root", "0"}
    assert keywords.index("USER") < keywords.index("CMD")


def test_image_installs_the_project_from_pyproject():
    runs = " ".join(instruction("RUN"))
    assert "pyproject.toml" in runs
    assert re.search(r"pip install [^&]*(--editable|-e)? \.", runs)


def test_image_serves_gunicorn_on_port_8000():
    assert instruction("EXPOSE") == ["8000"]
    (cmd,) = instruction("CMD")
    assert cmd.startswith('["gunicorn", "newsroom.wsgi", "--bind", "0.0.0.0:8000"')


@pytest.mark.parametrize(
    "path", [".git", ".venv", "var", ".env", "staticfiles", "node_modules"]
)
def test_build_context_leaves_out_local_state(path):
    assert any(fnmatch(path, pattern) for pattern in dockerignore()), path


@pytest.mark.parametrize(
    "path",
    ["pyproject.toml", "README.md", "manage.py", "newsroom", "templates", "static"],
)
def test_build_context_keeps_what_the_image_runs(path):
    assert not any(fnmatch(path, pattern) for pattern in dockerignore()), path


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after the Dockerfile's own collectstatic line, run here."""
    (line,) = [args for args in instruction("RUN") if "collectstatic" in args]
    words = shlex.split(line)
    assignments = {}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        assignments[name] = value
    assert words[:2] == ["python", "manage.py"], line

    static_root = tmp_path_factory.mktemp("staticfiles")
    env = clean_env(
        **assignments,
        STATIC_ROOT=str(static_root),
        NEWSROOM_VAR_DIR=str(tmp_path_factory.mktemp("var")),
    )
    result = run([sys.executable, *words[1:]], env, timeout=300)
    assert result.returncode == 0, output(result)
    return static_root


def test_static_files_build_without_a_real_secret(collected_static):
    """The build step works in production mode, manifest and all."""
    manifest = (collected_static / "staticfiles.json").read_text()
    assert '"css/site.css"' in manifest
    assert list(collected_static.glob("css/site.*.css.gz"))


@pytest.fixture
def gunicorn(tmp_path, collected_static):
    """The image's CMD serving a migrated SQLite database on a free port."""
    env = production_env(
        tmp_path,
        STATIC_ROOT=str(collected_static),
        WEB_CONCURRENCY="1",
        TRUSTED_PROXY_COUNT="1",  # the TLS proxy these requests come through
    )
    migrated = manage("migrate", "--no-input", env=env)
    assert migrated.returncode == 0, output(migrated)

    (cmd,) = instruction("CMD")
    args = [word.strip('"') for word in cmd.strip("[]").split(", ")]
    listener = socket.create_server(("127.0.0.1", 0))
    args[args.index("--bind") + 1] = f"fd://{listener.fileno()}"
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        pass_fds=[listener.fileno()],
    )
    port = listener.getsockname()[1]
    listener.close()
    try:
        yield port
    finally:
        stop_process(process)
        log.seek(0)
        print(log.read())
        log.close()


def get(port: int, path: str, **headers: str) -> tuple[http.client.HTTPResponse, str]:
    """GET from the served site as HOST; retries while the worker boots."""
    deadline = time.monotonic() + 30
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": HOST, **headers})
            response = connection.getresponse()
            return response, response.read().decode(errors="replace")
        except (ConnectionError, http.client.RemoteDisconnected):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        finally:
            connection.close()


def test_image_command_serves_the_site_in_production_mode(gunicorn):
    """Behind a TLS proxy: pages with security headers, hashed static files."""
    behind_tls = {"X-Forwarded-Proto": "https"}
    home, html = get(gunicorn, "/en/", **behind_tls)
    assert home.status == 200, html[:1000]
    assert home.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert home.headers["X-Frame-Options"] == "DENY"

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, html[:1000]
    css, _ = get(gunicorn, stylesheet[1], **behind_tls)
    assert css.status == 200
    assert "immutable" in css.headers["Cache-Control"]


def test_image_command_redirects_plain_http_and_refuses_unknown_hosts(gunicorn):
    plain, _ = get(gunicorn, "/")
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{HOST}/"
    refused, _ = get(gunicorn, "/", Host="attacker.example")
    assert refused.status == 400
