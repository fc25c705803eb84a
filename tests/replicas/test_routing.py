"""The replica router's rules, through its middleware, without a replica.

Where the replica stands (its replay position) and where the primary has
written are stand-ins here: SQLite has no WAL, and these tests run on both
databases. tests/replicas/test_streaming.py runs the same rules against a
real streaming standby.
"""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from django.db import DEFAULT_DB_ALIAS, OperationalError
from django.http import HttpResponse
from django.test import AsyncClient, RequestFactory

import caching
from caching import core
from replicas import positions, routing

PRIMARY_AT = 1_000


@pytest.fixture
def replica(monkeypatch):
    """One replica, `replica_1`, which has replayed up to `replica.at`."""

    class Replica:
        at = PRIMARY_AT
        reachable = True

    def replay_position(alias):
        assert alias == "replica_1"
        if not Replica.reachable:
            raise OperationalError("connection refused")
        return Replica.at

    monkeypatch.setattr(positions, "aliases", lambda: ["replica_1"])
    monkeypatch.setattr(positions, "replay_position", replay_position)
    monkeypatch.setattr(positions, "primary_position", lambda: PRIMARY_AT)
    return Replica


def serve(request, view=None):
    """Run `request` through the middleware; returns (alias read, response)."""
    seen = {}

    def get_response(request):
        seen["alias"] = routing.read_alias()
        if view is not None:
            view()
            seen["after"] = routing.read_alias()
        return HttpResponse("ok")

    response = routing.ReplicaReadsMiddleware(get_response)(request)
    return seen, response


rf = RequestFactory()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head"])
def test_an_anonymous_readers_page_reads_the_replica(replica, method):
    seen, response = serve(getattr(rf, method)("/en/"))
    assert seen["alias"] == "replica_1"
    assert routing.STICKY_COOKIE not in response.cookies


@pytest.mark.django_db
def test_signed_in_staff_read_the_primary(replica, client, editor):
    client.force_login(editor)
    request = rf.get("/en/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    seen, _response = serve(request)
    assert seen["alias"] == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_a_made_up_session_cookie_is_a_reader(replica, settings):
    """The session store decides who is signed in, as for the page cache."""
    request = rf.get("/en/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "no-such-session"
    seen, _response = serve(request)
    assert seen["alias"] == "replica_1"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/api/v1/articles/", "/preview/x/"])
def test_the_admin_api_and_previews_read_the_primary(replica, path, settings):
    path = path.replace("admin/", settings.ADMIN_URL)
    seen, _response = serve(rf.get(path))
    assert seen["alias"] == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_a_post_reads_the_primary_and_pins_the_client(replica, settings):
    seen, response = serve(rf.post("/beacon/read/1/"))
    assert seen["alias"] == DEFAULT_DB_ALIAS
    cookie = response.cookies[routing.STICKY_COOKIE]
    assert cookie.value == str(PRIMARY_AT)
    assert cookie["max-age"] == settings.REPLICA_STICKY_SECONDS
    assert cookie["httponly"]


@pytest.mark.django_db
def test_a_read_after_its_own_write_waits_for_the_replica_to_have_it(replica):
    request = rf.get("/en/")
    request.COOKIES[routing.STICKY_COOKIE] = str(PRIMARY_AT + 1)
    seen, _response = serve(request)
    assert seen["alias"] == DEFAULT_DB_ALIAS

    replica.at = PRIMARY_AT + 1
    seen, _response = serve(request)
    assert seen["alias"] == "replica_1"


@pytest.mark.django_db
def test_a_garbled_sticky_cookie_is_ignored(replica):
    request = rf.get("/en/")
    request.COOKIES[routing.STICKY_COOKIE] = "not-a-number"
    seen, _response = serve(request)
    assert seen["alias"] == "replica_1"


@pytest.mark.django_db
def test_without_replicas_everything_reads_the_primary_and_nothing_is_pinned(
    settings,
):
    assert positions.aliases() == []
    seen, response = serve(rf.get("/en/"))
    assert seen["alias"] == DEFAULT_DB_ALIAS
    _seen, response = serve(rf.post("/beacon/read/1/"))
    assert not response.cookies
    assert "replicas.routing.ReplicaReadsMiddleware" in settings.MIDDLEWARE


def test_outside_a_request_the_router_reads_the_primary(replica):
    """Management commands, the worker, migrations: no request state."""
    router = routing.ReplicaRouter()
    assert routing.current() is None
    assert router.db_for_read(None) == DEFAULT_DB_ALIAS
    assert router.db_for_write(None) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "articles")
    assert not router.allow_migrate("replica_1", "articles")


@pytest.mark.django_db
def test_a_readers_request_that_writes_reads_the_primary_from_then_on(replica):
    router = routing.ReplicaRouter()
    writes = {}

    def view():
        writes["write"] = router.db_for_write(None)
        writes["read"] = router.db_for_read(None)

    seen, _response = serve(rf.get("/en/"), view)
    seen.update(writes)
    # Having written, the request reads what it wrote.
    assert seen == {
        "alias": "replica_1",
        "write": DEFAULT_DB_ALIAS,
        "read": DEFAULT_DB_ALIAS,
        "after": DEFAULT_DB_ALIAS,
    }


@pytest.mark.django_db
def test_a_replica_behind_a_committed_change_is_not_read(
    replica, monkeypatch, django_capture_on_commit_callbacks
):
    """A change readers can see (a kill, a publish) records the primary's
    position on commit; a replica that has not replayed it serves nobody."""
    monkeypatch.setattr(positions, "primary_position", lambda: PRIMARY_AT + 50)
    with django_capture_on_commit_callbacks(execute=True):
        caching.invalidate("article-1")
    assert core.backend().get(positions.REQUIRED_KEY) == PRIMARY_AT + 50

    seen, _response = serve(rf.get("/en/"))
    assert seen["alias"] == DEFAULT_DB_ALIAS
    replica.at = PRIMARY_AT + 50
    seen, _response = serve(rf.get("/en/"))
    assert seen["alias"] == "replica_1"


@pytest.mark.django_db
def test_a_change_committed_during_a_render_moves_the_rest_to_the_primary(
    replica, monkeypatch, django_capture_on_commit_callbacks
):
    """The request chose the replica; a kill commits before one of its
    cached parts renders: that part must not come from the replica, or it
    would be stored as newer than the kill."""

    def kill_commits_then_a_part_renders():
        monkeypatch.setattr(positions, "primary_position", lambda: PRIMARY_AT + 9)
        with django_capture_on_commit_callbacks(execute=True):
            caching.invalidate("article-1")
        core.current_sequence()

    seen, _response = serve(rf.get("/en/"), kill_commits_then_a_part_renders)
    assert seen == {"alias": "replica_1", "after": DEFAULT_DB_ALIAS}


@pytest.mark.django_db
def test_an_unreachable_replica_is_left_alone_for_a_while(replica, monkeypatch):
    """Readers read the primary, and only the first pays a connection
    attempt until the back-off ends."""
    attempts = []
    monkeypatch.setattr(routing, "_down_until", {})
    failing = positions.replay_position

    def counted(alias):
        attempts.append(alias)
        return failing(alias)

    monkeypatch.setattr(positions, "replay_position", counted)
    replica.reachable = False
    for _request in range(3):
        seen, _response = serve(rf.get("/en/"))
        assert seen["alias"] == DEFAULT_DB_ALIAS
    assert attempts == ["replica_1"]

    replica.reachable = True
    seen, _response = serve(rf.get("/en/"))
    assert seen["alias"] == DEFAULT_DB_ALIAS, "still backing off"
    routing._down_until["replica_1"] -= routing.BACK_OFF_SECONDS
    seen, _response = serve(rf.get("/en/"))
    assert seen["alias"] == "replica_1"


@pytest.mark.django_db
def test_a_cache_that_lost_the_required_position_takes_the_primarys(
    replica, monkeypatch
):
    """A flushed cache must not let a replica serve rows older than what
    committed before the flush."""
    core.backend().clear()
    monkeypatch.setattr(positions, "primary_position", lambda: PRIMARY_AT + 7)
    seen, _response = serve(rf.get("/en/"))
    assert seen["alias"] == DEFAULT_DB_ALIAS
    assert core.backend().get(positions.REQUIRED_KEY) == PRIMARY_AT + 7


@pytest.mark.django_db
def test_the_required_position_never_goes_back():
    """Two commits may record their positions out of order."""
    positions.require(500)
    positions.require(300)
    assert positions.required() == 500
    positions.require(800)
    assert positions.required() == 800


@pytest.mark.django_db
def test_the_choice_reaches_the_view_under_asgi(replica, monkeypatch, settings):
    """The per-request state is a context variable: under ASGI the
    middleware and the view run in other threads than the event loop and
    must still share it (thread locals would not)."""
    asked = []

    def behind(alias):
        asked.append(alias)
        return PRIMARY_AT - 1  # behind: the primary serves the page

    monkeypatch.setattr(positions, "replay_position", behind)
    settings.DATABASE_ROUTERS = ["replicas.routing.ReplicaRouter"]
    response = async_to_sync(AsyncClient().get)("/en/")
    assert response.status_code == 200
    assert asked == ["replica_1"]
