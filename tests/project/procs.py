"""Run the project in a child process with an environment the test controls.

The settings module reads the environment once, at import, so production
behaviour can only be seen in a fresh interpreter. Children start from a
small whitelist of the parent's variables: nothing the test runner sets
(DJANGO_SETTINGS_MODULE=newsroom.settings_test, DEBUG, DATABASE_URL,
REDIS_URL, ...) leaks into them.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT")


def clean_env(**overrides: str) -> dict[str, str]:
    """The parent's harmless variables, the real settings module, then overrides."""
    env = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(overrides)
    return env


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A production environment: DEBUG unset, a real key, one host, SQLite in tmp."""
    env = clean_env(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "staticfiles"),
    )
    env.update(overrides)
    return env


def run(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run a command from the project root, capturing text output."""
    return subprocess.run(
        args,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python manage.py ARGS` with this interpreter."""
    return run([sys.executable, "manage.py", *args], env)


def read_settings(env: dict[str, str], *names: str) -> dict:
    """The named settings as a child process with `env` sees them (JSON-able)."""
    code = (
        "import json, sys\n"
        "from django.conf import settings\n"
        "print(json.dumps({n: getattr(settings, n) for n in sys.argv[1:]}, "
        "default=str))\n"
    )
    result = run([sys.executable, "-c", code, *names], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def output(result: subprocess.CompletedProcess[str]) -> str:
    """Everything a child printed, for assertion messages."""
    return (
        f"exit {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n"
        f"--- stderr\n{result.stderr}"
    )


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """Ask a server the test started to stop; kill it if it will not."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
