"""The project installs as a wheel, not only as the editable checkout.

`pip install -e .` (the Makefile, the Dockerfile) finds every package in
the checkout whatever pyproject.toml lists, so a package missing from the
list broke only a real install. This builds the wheel from a copy of the
tracked files and starts Django on it alone.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from fnmatch import fnmatch

import pytest
from django.conf import settings

from tests.project.procs import ROOT, clean_env, output, production_env, run

pytestmark = pytest.mark.any_database

CHECK = """
import sys
import django
from django.apps import apps
django.setup()
unpacked = sys.argv[1]
outside = [
    config.name for config in apps.get_app_configs()
    if config.name.split(".")[0] in sys.argv[2:]
    and not config.path.startswith(unpacked)
]
assert not outside, f"not from the wheel: {outside}"
import newsroom.settings
assert newsroom.settings.__file__.startswith(unpacked), newsroom.settings.__file__
print(len(apps.get_app_configs()))
"""


# Development data (the demo and the benchmark generator): never shipped.
DEVELOPMENT_ONLY = {"devdata"}


def local_apps() -> list[str]:
    """The project's own apps that production runs: those whose package
    lives in the checkout, without the development-only ones."""
    return sorted(
        {
            app.split(".")[0]
            for app in settings.INSTALLED_APPS
            if (ROOT / app.split(".")[0] / "__init__.py").exists()
        }
        - DEVELOPMENT_ONLY
    )


def test_the_wheel_holds_every_app_and_django_starts_from_it(tmp_path):
    source = tmp_path / "source"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        path = ROOT / name.decode()
        if path.is_file():
            target = source / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source),
         "-w", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("newsroom-*.whl")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    apps = local_apps()
    assert {"articles", "caching", "editions"} <= set(apps)
    # Every package of the checkout production imports, apps or not
    # (common/, replicas/, outbound/ are named in settings, not apps).
    packages = (
        {path.parent.name for path in ROOT.glob("*/__init__.py")}
        - {"tests", "bench"}
        - DEVELOPMENT_ONLY
    )
    assert {"newsroom", "common", *apps} <= packages
    missing = [
        package
        for package in sorted(packages)
        if not (unpacked / package / "__init__.py").exists()
    ]
    assert not missing, f"left out of the wheel: {missing}"
    shipped = [p for p in DEVELOPMENT_ONLY if (unpacked / p).exists()]
    assert not shipped, f"development-only code in the wheel: {shipped}"

    env = clean_env(
        DEBUG="true",
        PYTHONPATH=str(unpacked),
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
    )
    # Run from outside the checkout, so nothing is found there by accident.
    started = subprocess.run(
        [sys.executable, "-c", CHECK, str(unpacked), *apps],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert started.returncode == 0, output(started)
    assert int(started.stdout.split()[-1]) >= len(apps)


def test_production_settings_leave_the_demo_out(tmp_path):
    """Without DEBUG the demo loader is not installed: production cannot
    load it by mistake, and asking for it says why instead of "Unknown
    command". NEWSROOM_DEVDATA=true brings it back (for a throwaway
    benchmark database), and the command still asks for --without-debug."""
    env = production_env(tmp_path)
    listed = run([sys.executable, "manage.py", "help", "--commands"], env)
    assert listed.returncode == 0, output(listed)
    assert "migrate" in listed.stdout
    assert "generate_articles" not in listed.stdout

    for command in (["load_demo_newsroom"], ["load_demo_newsroom", "--without-debug"]):
        absent = run([sys.executable, "manage.py", *command], env)
        assert absent.returncode != 0
        assert "demo newsroom is not installed" in absent.stderr, output(absent)
        assert "make demo" in absent.stderr
        assert "NEWSROOM_DEVDATA=true" in absent.stderr

    env["NEWSROOM_DEVDATA"] = "true"
    refused = run([sys.executable, "manage.py", "load_demo_newsroom"], env)
    assert refused.returncode != 0
    assert "DEBUG is off" in refused.stderr
    assert "--without-debug" in refused.stderr


def test_the_docker_image_leaves_the_demo_out():
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for package in DEVELOPMENT_ONLY:
        assert any(fnmatch(package, pattern) for pattern in patterns), package
