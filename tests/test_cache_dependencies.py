"""Invalidation by dependency: a change touches the cached pages that show
it and nothing else (caching/, articles/invalidation.py)."""

import threading
import time

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

import caching
from articles import invalidation, workflow
from articles.models import Article, Section
from authors.models import Author
from caching import core
from caching.pages import PageCacheMiddleware
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True


@pytest.fixture
def site():
    """A small edition: three live pieces in two sections, with tags."""
    politics = SectionFactory(name="Politics", slug="politics")
    economy = SectionFactory(name="Economy", slug="economy")
    pieces = [
        ArticleFactory(headline="Budget passes", section=politics),
        ArticleFactory(headline="Rates held", section=economy),
        ArticleFactory(headline="Harvest in", section=economy),
    ]
    pieces[0].tags.add("parliament")
    pieces[1].tags.add("banks")
    return pieces


def urls(site) -> list[str]:
    return [
        "/en/",
        "/en/section/politics/",
        "/en/section/economy/",
        *(piece.get_absolute_url() for piece in site),
    ]


def warm(client, site) -> None:
    for url in urls(site):
        client.get(url)
    for url in urls(site):
        assert client.get(url)["X-Page-Cache"] == "hit", url


def served(client, site) -> dict[str, str]:
    return {url: client.get(url)["X-Page-Cache"] for url in urls(site)}


def save_a_draft(site, editor):
    draft = ArticleFactory(headline="Unfinished", draft=True, section=site[0].section)
    for text in ("Unfinished.", "Unfinished, more.", "Unfinished, even more."):
        draft.body = f"<p>{text}</p>"
        draft.save()


def tag_a_draft(site, editor):
    draft = ArticleFactory(headline="Secret", draft=True, section=site[0].section)
    draft.tags.add("parliament", "embargoed-topic")


def submit_a_draft(site, editor):
    draft = ArticleFactory(headline="For review", draft=True, section=site[0].section)
    workflow.submit(draft, by=editor)


def edit_an_author_without_public_pieces(site, editor):
    author = AuthorFactory(name="New hire")
    ArticleFactory(
        headline="Their draft", draft=True, authors=[author], section=site[0].section
    )
    author = Author.objects.get(pk=author.pk)
    author.city = "Ganja"
    author.save()


@pytest.mark.parametrize(
    "change",
    [save_a_draft, tag_a_draft, submit_a_draft, edit_an_author_without_public_pieces],
    ids=lambda change: change.__name__,
)
def test_changes_readers_cannot_see_leave_every_cached_page(
    client, site, editor, change
):
    warm(client, site)
    change(site, editor)
    assert set(served(client, site).values()) == {"hit"}


def test_a_publish_leaves_unrelated_article_pages_cached(client, site, editor):
    """Only the lists it is on and its neighbours' related news change; the
    latest-news part on every page is rendered once, the page around it is
    not."""
    warm(client, site)
    piece = ArticleFactory(headline="Rates cut", draft=True, section=site[1].section)
    piece.tags.add("banks")
    workflow.publish(piece, by=editor)
    after = served(client, site)
    # The lists it is on are rendered anew ...
    assert after["/en/"] == "miss"
    assert after["/en/section/economy/"] == "miss"
    # ... the other pages keep their own part, with the new latest news
    # spliced in (rendered once, by whichever page asked first).
    for url in ("/en/section/politics/", site[0].get_absolute_url()):
        assert after[url] in ("parts", "hit"), url
        assert "Rates cut" in client.get(url).content.decode()
    assert "parts" in after.values()


def test_an_edit_of_a_live_piece_reaches_the_pages_that_show_it(client, site):
    warm(client, site)
    piece = Article.objects.get(pk=site[1].pk)
    piece.headline = "Rates held again"
    piece.save()
    # The sidebar of an unrelated page, without rendering the page's own part.
    other = client.get(site[0].get_absolute_url())
    assert other["X-Page-Cache"] == "parts"
    assert "Rates held again" in other.content.decode()
    for url in ("/en/", "/en/section/economy/", piece.get_absolute_url()):
        assert "Rates held again" in client.get(url).content.decode(), url


def test_a_kill_leaves_every_page_at_once(client, site, editor):
    warm(client, site)
    workflow.kill(site[1], by=editor, reason="Legal")
    assert client.get(site[1].get_absolute_url()).status_code == 410
    for url in urls(site):
        if url != site[1].get_absolute_url():
            assert "Rates held" not in client.get(url).content.decode(), url


def test_a_section_rename_committed_during_a_render_is_not_hidden(
    client, site, django_capture_on_commit_callbacks
):
    """A page rendered while the rename is not yet committed reads the old
    name (here, in one transaction, the new one: the order is what counts);
    the change recorded at commit keeps that render from being served."""
    warm(client, site)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        section = Section.objects.get(slug="politics")
        section.name = "Home affairs"
        section.save()
    url = site[0].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"  # rendered before commit
    assert client.get(url)["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert client.get(url)["X-Page-Cache"] == "miss"  # not served after it


def test_a_render_that_began_before_a_change_is_never_served():
    """The entry records the sequence read before rendering: a change with a
    later number, even one recorded before the entry was stored, keeps it
    from being served."""
    renders = []

    def render():
        renders.append(1)
        # A change commits while this render is under way.
        core.advance(["probe-tag"])
        return "rendered from old rows"

    assert (
        caching.cached("probe", render, tags=["probe-tag"]) == "rendered from old rows"
    )
    caching.cached("probe", render, tags=["probe-tag"])
    assert len(renders) == 2


def run_together(call, *, started: threading.Event, others: int = 4) -> None:
    """`call` in a thread, then in `others` more once it has `started`."""
    first = threading.Thread(target=call)
    first.start()
    started.wait(2)
    rest = [threading.Thread(target=call) for _ in range(others)]
    for thread in rest:
        thread.start()
    for thread in [first, *rest]:
        thread.join(5)


def test_concurrent_misses_render_once():
    """Threads missing the same key together wait for one render and are
    served it."""
    renders = []
    started = threading.Event()

    def render():
        renders.append(threading.get_ident())
        started.set()
        time.sleep(0.2)
        return "the page"

    results = []

    def read():
        results.append(caching.cached("shared-key", render, tags=["probe"]))

    run_together(read, started=started)
    assert results == ["the page"] * 5
    assert len(renders) == 1


def test_concurrent_page_misses_render_once():
    """The page cache's own single flight: five requests for one address
    while its render is under way get that render."""
    calls = []
    rendering = threading.Event()

    def view(request):
        calls.append(request.path)
        rendering.set()
        time.sleep(0.2)
        caching.pages.shows("probe")
        return HttpResponse("<p>page</p>")

    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    responses = []

    def request():
        responses.append(middleware(factory.get("/en/probe/")))

    run_together(request, started=rendering)
    assert len(calls) == 1
    assert sorted(r["X-Page-Cache"] for r in responses) == ["hit"] * 4 + ["miss"]
    assert {r.content for r in responses} == {b"<p>page</p>"}


def test_tags_never_lose_a_later_change_to_an_earlier_one():
    """Two changes recorded together: the tag keeps the higher number."""
    cache = caches["default"]
    first = core.advance(["contested"])
    second = core.advance(["contested"])
    assert second > first
    cache.set(core.tag_key("contested"), first, None)  # as if written late
    third = core.advance(["contested", "other"])
    assert cache.get(core.tag_key("contested")) == third
    assert third > second


def test_invalidation_names_what_a_publish_touches(site, editor):
    """The registry's answer for a publish: the piece, its lists, its
    neighbours' related news; not other pieces."""
    piece = ArticleFactory(headline="Rates cut", draft=True, section=site[1].section)
    piece.tags.add("banks")
    recorded = []
    real_advance = core.advance

    def advance(tags):
        recorded.append(set(tags))
        return real_advance(tags)

    core.advance = advance
    try:
        workflow.publish(piece, by=editor)
    finally:
        core.advance = real_advance
    touched = set().union(*recorded)
    assert invalidation.article_tag(piece.pk) in touched
    assert invalidation.latest_tag("en") in touched
    assert invalidation.section_list_tag(site[1].section_id) in touched
    assert invalidation.related_tag(site[1].pk) in touched  # shares "banks"
    assert invalidation.article_tag(site[0].pk) not in touched
    assert invalidation.section_list_tag(site[0].section_id) not in touched


def test_a_feed_names_what_it_shows(client, site):
    """An author's new name reaches a cached feed; a draft saved does not
    touch it."""
    from tests.factories import AuthorFactory as Authors

    author = Authors(name="Old Name")
    ArticleFactory(headline="Bylined", authors=[author], section=site[0].section)
    assert "Old Name" in client.get("/en/feeds/rss/").content.decode()
    assert client.get("/en/feeds/rss/")["X-Page-Cache"] == "hit"
    save_a_draft(site, None)
    assert client.get("/en/feeds/rss/")["X-Page-Cache"] == "hit"
    author = Author.objects.get(pk=author.pk)
    author.name = "New Name"
    author.save()
    assert "New Name" in client.get("/en/feeds/rss/").content.decode()


def test_a_scheduled_piece_bounds_only_the_parts_it_changes(client, site):
    """At its second it enters the latest news of every page; the pages'
    own parts, which it does not change, stay cached."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    now = timezone.now()
    ArticleFactory(
        headline="Embargoed report",
        section=site[0].section,
        published_at=now + timedelta(minutes=5),
    )
    url = site[1].get_absolute_url()
    with time_machine.travel(now, tick=False):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    with time_machine.travel(now + timedelta(minutes=5, seconds=1), tick=False):
        after = client.get(url)
        assert "Embargoed report" in after.content.decode()
        assert after["X-Page-Cache"] == "parts"


def test_editors_picks_reach_the_cached_home_page_and_leave_at_their_end(client, site):
    """A pick added shows at once; one with an end leaves at its second."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from headlines.models import CuratedItem, CuratedList

    picks = CuratedList.objects.create(name="Editor's picks", slug="editors-picks")
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        before = client.get("/en/").content.decode().count("Harvest in")
        assert client.get("/en/")["X-Page-Cache"] == "hit"
        CuratedItem.objects.create(
            curated_list=picks, article=site[2], ends_at=now + timedelta(minutes=3)
        )
        home = client.get("/en/").content.decode()
        assert "Editor&#x27;s picks" in home or "Editor's picks" in home
        assert home.count("Harvest in") == before + 1
    with time_machine.travel(now + timedelta(minutes=3, seconds=1), tick=False):
        assert client.get("/en/").content.decode().count("Harvest in") == before


def test_a_waiter_takes_a_render_that_finished_between_its_poll_and_the_lock():
    """The renderer stores its value and releases the lock between a
    waiter's poll and its attempt at the lock: the waiter must serve that
    render, not render again (it happened under load in CI)."""
    from caching import core

    cache = core.backend()
    lock = core.LOCK_KEY.format("race-key")
    cache.add(lock, 0, core.LOCK_SECONDS)
    polls = []

    def poll():
        polls.append(1)
        if len(polls) == 1:
            cache.delete(lock)  # the render finishes right after this poll
            return None
        return "the render"

    assert core.wait_for_render(cache, lock, poll) == "the render"
    assert cache.add(lock, 0, 1)  # and the waiter did not keep the lock
