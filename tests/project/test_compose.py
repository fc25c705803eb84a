"""docker-compose.yml: valid Compose, and a web service that can really start.

No Docker engine runs here, so the file is checked as data: against the
Compose specification's JSON schema (from ../shared/schemas), then for the
wiring that matters — migrations on start, named volumes for data, the
database and cache URLs pointing at their services, secrets only from the
environment.
"""

from __future__ import annotations

import json
import re

import dj_database_url
import jsonschema
import pytest
import yaml

from tests.project.procs import ROOT

pytestmark = pytest.mark.any_database

COMPOSE_FILE = ROOT / "docker-compose.yml"
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|API_KEY", re.IGNORECASE)
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` substitution."""

    def substitute(match: re.Match) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        current = env.get(name)
        if op in (":?", "?") and not current:
            raise LookupError(arg or f"{name} is required")
        if op in (":-", "-") and not current:
            return arg
        return current or ""

    return VARIABLE.sub(substitute, value.replace("$$", "\0")).replace("\0", "$")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    assert isinstance(env, dict), "environment is written as a mapping"
    return env


def test_compose_file_matches_the_compose_specification(compose, schemas):
    """The file is valid against compose-spec.json (JSON Schema draft-07)."""
    schema = json.loads((schemas / "compose" / "compose-spec.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)

    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in errors
    )
    # The schema is strict about names, so a typo would not pass unnoticed.
    typo = {**compose, "services": {"web": {"image": "x", "dependson": ["db"]}}}
    assert not validator.is_valid(typo)


def test_services(services):
    assert set(services) == {
        "front",
        "varnish",
        "web",
        "web-2",
        "worker",
        "db",
        "db-replica",
        "redis",
    }
    assert services["web"]["build"] == "."
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"


def test_web_migrates_collects_static_then_serves(services):
    """On start: migrate, collectstatic, then gunicorn on 0.0.0.0:8000."""
    command = services["web"]["command"]
    script = command[-1] if isinstance(command, list) else command
    steps = [step.strip() for step in script.split("&&")]
    assert steps[0] == "python manage.py migrate --no-input"
    assert steps[1] == "python manage.py collectstatic --no-input"
    assert steps[2].startswith("exec gunicorn newsroom.wsgi --bind 0.0.0.0:8000")
    assert len(steps) == 3


def test_readers_reach_gunicorn_only_through_the_buffering_front(services):
    """Slow clients must meet nginx, not a gunicorn worker (#17 item 6)."""
    assert "ports" not in services["web"], "gunicorn must not be published"
    front = services["front"]
    assert front["image"].startswith("nginx:")
    assert any(port.endswith(":80") for port in front["ports"])
    mounts = {
        target: source
        for source, target, *_ in (volume.split(":") for volume in front["volumes"])
    }
    template = mounts["/etc/nginx/templates/default.conf.template"]
    assert (ROOT / template).is_file()
    env = environment(front)
    # nginx, then Varnish (tests/edge/test_deploy.py), then gunicorn: two
    # proxies of ours append to X-Forwarded-For; nginx's X-Forwarded-Proto
    # is believed.
    assert env["NEWSROOM_UPSTREAM"] == "varnish:80"
    assert interpolate(environment(services["web"])["TRUSTED_PROXY_COUNT"], {}) == "2"


def test_web_waits_for_healthy_database_and_cache(services):
    depends_on = services["web"]["depends_on"]
    assert depends_on["db"]["condition"] == "service_healthy"
    assert "redis" in depends_on
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])


def test_data_lives_in_named_volumes(compose, services):
    """Database files and uploads survive `docker compose down` and rebuilds."""
    declared = set(compose["volumes"])
    mounts = {
        name: dict(volume.split(":", 1) for volume in services[name]["volumes"])
        for name in ("web", "db")
    }
    assert mounts["db"].get("pgdata") == "/var/lib/postgresql/data"
    assert "pgdata" in declared
    # The image's MEDIA_ROOT: BASE_DIR/var/media with the code in WORKDIR.
    workdir = re.search(r"^WORKDIR\s+(\S+)", (ROOT / "Dockerfile").read_text(), re.M)
    assert mounts["web"].get("media") == f"{workdir[1]}/var/media"
    assert "media" in declared


def test_web_reaches_database_and_cache_services(services):
    """DATABASE_URL and REDIS_URL point at the db and redis services."""
    env = environment(services["web"])
    secrets = {"SECRET_KEY": "k" * 50, "POSTGRES_PASSWORD": "pw-from-env"}

    database = dj_database_url.parse(interpolate(env["DATABASE_URL"], secrets))
    db_env = {
        name: interpolate(value, secrets)
        for name, value in environment(services["db"]).items()
    }
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db"
    assert database["NAME"] == db_env["POSTGRES_DB"]
    assert database["USER"] == db_env["POSTGRES_USER"]
    assert database["PASSWORD"] == db_env["POSTGRES_PASSWORD"] == "pw-from-env"

    assert re.fullmatch(r"redis://redis:6379/\d+", env["REDIS_URL"])


def test_web_runs_in_production_mode(services):
    env = environment(services["web"])
    assert env["DEBUG"] == "false"
    assert "ALLOWED_HOSTS" in env
    assert "SERVE_MEDIA" in env


def test_secrets_come_only_from_the_environment(services):
    """No secret literal: every secret is a required `${NAME:?message}`."""
    for service_name, service in services.items():
        for name, value in environment(service).items():
            if SECRET_NAME.search(name):
                assert re.fullmatch(r"\$\{\w+:\?[^}]+\}", str(value)), (
                    f"{service_name}.{name} must be ${{{name}:?...}}, not a literal"
                )
                with pytest.raises(LookupError):
                    interpolate(str(value), {})
    database_url = environment(services["web"])["DATABASE_URL"]
    with pytest.raises(LookupError):
        interpolate(database_url, {})


def test_the_replica_streams_from_db_and_serves_only_when_asked(services, compose):
    """`--profile replica` adds a hot standby cloned from `db`, whose own
    pg_hba lets it stream; without DATABASE_REPLICA_URLS the site reads db."""
    replica = services["db-replica"]
    assert replica["profiles"] == ["replica"]
    assert replica["image"] == services["db"]["image"]
    script = replica["command"][-1]
    assert "pg_basebackup -h db -U newsroom" in script and " -R " in script
    assert "hot_standby=on" in script
    assert replica["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pgreplica" in compose["volumes"]
    mounts = dict(volume.rsplit(":", 2)[:2] for volume in services["db"]["volumes"])
    init = mounts["./deploy/postgres/replication.sh"]
    assert init.startswith("/docker-entrypoint-initdb.d/")
    hba_line = (ROOT / "deploy/postgres/replication.sh").read_text()
    assert "host replication all all scram-sha-256" in hba_line
    env = environment(services["web"])
    assert interpolate(env["DATABASE_REPLICA_URLS"], {}) == ""


def test_a_second_web_node_shares_everything_and_varnish_can_name_it(services):
    """`--profile two-nodes` adds `web-2`: the same code, settings and
    uploads as `web`; VARNISH_BACKENDS swaps in the VCL naming both."""
    web, second = services["web"], services["web-2"]
    assert second["profiles"] == ["two-nodes"]
    assert second["build"] == web["build"]
    assert second["environment"] == web["environment"]
    assert second["volumes"] == web["volumes"]
    assert "gunicorn newsroom.wsgi --bind 0.0.0.0:8000" in second["command"][-1]
    assert "migrate --check" in second["command"][-1]  # web migrates, once

    (mount,) = [v for v in services["varnish"]["volumes"] if "backend.vcl" in v]
    source, target = mount.rsplit(":", 2)[:2]
    assert target == "/etc/varnish/backend.vcl"
    assert interpolate(source, {}) == "./deploy/varnish/backend.vcl"
    two = interpolate(source, {"VARNISH_BACKENDS": "backend-two-nodes.vcl"})
    vcl = (ROOT / two).read_text()
    assert '.host = "web";' in vcl and '.host = "web-2";' in vcl
    assert vcl.count('.port = "8000";') == 2
