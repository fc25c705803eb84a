"""The WSGI entry point gunicorn loads."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_workers_startup_objects_are_frozen_out_of_full_collections():
    """Loaded in a fresh interpreter, as a gunicorn worker loads it: the
    URLconf is imported and everything loaded so far is frozen, so full
    garbage collections scan only what requests create."""
    script = (
        "import gc, sys\n"
        "import newsroom.wsgi\n"
        "assert 'articles.views' in sys.modules\n"
        "print(gc.get_freeze_count())\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    env.setdefault("DEBUG", "true")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 10_000
