"""docker-compose.yml's edge: nginx in front, then Varnish with the shipped
configuration, then gunicorn; the web app and the worker purge it."""

from __future__ import annotations

import re

import yaml

from tests.project.procs import ROOT

from .conftest import VCL_DIR


def services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_varnish_stands_between_the_front_and_gunicorn():
    found = services()
    varnish = found["varnish"]
    assert varnish["image"].startswith("varnish:7")
    # source:target:ro, the source possibly holding a ${VAR:-default}
    mounts = dict(
        volume.rsplit(":", 2)[:2][::-1] for volume in varnish["volumes"]
    )  # target -> source
    assert mounts["/etc/varnish/default.vcl"] == "./deploy/varnish/default.vcl"
    # backend.vcl unless VARNISH_BACKENDS names another (two web nodes).
    assert (
        mounts["/etc/varnish/backend.vcl"]
        == "./deploy/varnish/${VARNISH_BACKENDS:-backend.vcl}"
    )
    assert "ports" not in varnish, "readers reach Varnish through the front"
    assert found["front"]["environment"]["NEWSROOM_UPSTREAM"] == "varnish:80"
    backend = (VCL_DIR / "backend.vcl").read_text()
    assert re.search(r'\.host = "web";\s*\.port = "8000";', backend)


def test_the_web_app_and_the_worker_purge_the_varnish_service():
    found = services()
    for name in ("web", "worker"):
        urls = found[name]["environment"]["EDGE_PURGE_URLS"]
        assert "http://varnish:80/" in urls, name
