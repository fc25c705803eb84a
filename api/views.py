"""The subscriber API: items in ninjs or NewsML-G2, authenticated by bearer
key, rate-limited.

Views only choose articles (`querysets.syndicated()`), paginate and pick a
format (`formats.choose_format()`); what an item says is
`facts.article_facts()`, how each format spells it is in `formats.FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from taggit.models import Tag

from articles.models import Article, Section

from . import keys, ratelimit
from .facts import article_facts
from .formats import (
    FORMATS,
    Format,
    NotAcceptable,
    UnknownFormat,
    available_types,
    choose_format,
)
from .pagination import InvalidCursor, after_cursor_q, as_utc, encode_cursor
from .querysets import changed_since_q, for_ninjs, syndicated

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
REALM = 'Bearer realm="newsroom-api"'

View = Callable[..., HttpResponse]


def error(status: int, code: str, detail: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"error": code, "detail": detail}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _bearer_key(request: HttpRequest) -> str | None:
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return key.strip()


def api_view(view: View) -> View:
    """Authenticate the bearer key, count the request, answer JSON.

    Errors follow RFC 6750: 401 with a `WWW-Authenticate: Bearer` challenge
    without or with a bad key, 429 with `Retry-After` over the rate limit.
    """

    # No cookies are read, so cross-site request forgery has nothing to ride on.
    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return error(
                405, "method_not_allowed", "Only GET is supported.", Allow="GET, HEAD"
            )
        key = _bearer_key(request)
        if key is None:
            return error(
                401,
                "unauthorized",
                "Send your API key as 'Authorization: Bearer <key>'.",
                WWW_Authenticate=REALM,
            )
        api_key = keys.authenticate(key)
        if api_key is None:
            return error(
                401,
                "invalid_token",
                "The API key is unknown, revoked or its subscriber is inactive.",
                WWW_Authenticate=f'{REALM}, error="invalid_token"',
            )
        usage = ratelimit.hit(api_key.pk)
        if usage is not None and usage.exceeded:
            response = error(
                429,
                "rate_limited",
                f"More than {usage.limit} requests a minute; retry later.",
                Retry_After=str(usage.reset),
            )
        else:
            response = view(request, *args, **kwargs)
        if usage is not None:
            response["RateLimit-Limit"] = str(usage.limit)
            response["RateLimit-Remaining"] = str(max(usage.remaining, 0))
            response["RateLimit-Reset"] = str(usage.reset)
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ["Authorization", "Accept"])
        return response

    return wrapper


def _format(request: HttpRequest) -> Format | JsonResponse:
    """The format asked for, or the error that answers the request."""
    try:
        return choose_format(request)
    except UnknownFormat:
        return error(
            400,
            "bad_request",
            "Unknown 'format'; use one of: " + ", ".join(FORMATS) + ".",
        )
    except NotAcceptable:
        return error(
            406,
            "not_acceptable",
            "No format matches the Accept header; the API answers "
            + ", ".join(available_types())
            + ".",
        )


def _page_size(value: str | None) -> int:
    if not value:
        return DEFAULT_PAGE_SIZE
    size = int(value)  # ValueError: answered 400 by the caller
    if size < 1:
        raise ValueError(value)
    return min(size, MAX_PAGE_SIZE)


def _since(value: str) -> datetime:
    # An unencoded "+" of a UTC offset arrives as a space.
    parsed = parse_datetime(value.strip().replace(" ", "+"))
    if parsed is None:
        raise ValueError(value)
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return as_utc(parsed)


class BadFilter(ValueError):
    """A filter value that can name nothing; the message says which."""


def _values(request: HttpRequest, name: str) -> list[str]:
    """A filter's values, repeated (`?tag=a&tag=b`) or comma-separated."""
    values = [
        value.strip()
        for raw in request.GET.getlist(name)
        for value in raw.split(",")
        if value.strip()
    ]
    # No slug or language holds a NUL, and PostgreSQL refuses one in a query.
    if any("\x00" in value for value in values):
        raise BadFilter(f"'{name}' contains a NUL character.")
    return values


def _filtered(request: HttpRequest, articles: QuerySet[Article]) -> QuerySet[Article]:
    """`articles` narrowed by the list's filters.

    Section and tag slugs are looked up first, each with one indexed query:
    slugs that name nothing match nothing, and when none of them names
    anything the answer is an empty list without reading the articles (a
    filter the newest-first walk never satisfies would read the archive).
    An empty list rather than a 400 because a tag may appear tomorrow, and
    a subscriber's saved filter should not start failing when a section is
    renamed.
    """
    if slugs := _values(request, "section"):
        section_ids = list(
            Section.objects.filter(slug__in=slugs).values_list("pk", flat=True)
        )
        articles = articles.filter(section_id__in=section_ids)
    if slugs := _values(request, "tag"):
        tag_ids = list(Tag.objects.filter(slug__in=slugs).values_list("pk", flat=True))
        # A subquery, not a join: a piece with two of the tags stays one item.
        # From every row: a piece deleted after release is still sent, canceled.
        articles = articles.filter(
            pk__in=Article.all_objects.filter(tags__in=tag_ids).values("pk")
        )
    if languages := _values(request, "language"):
        articles = articles.filter(language__in=languages)
    if content_types := _values(request, "content_type"):
        if set(content_types) - set(Article.ContentType.values):
            raise BadFilter(
                "Unknown content_type; use one of: "
                + ", ".join(Article.ContentType.values)
            )
        articles = articles.filter(content_type__in=content_types)
    return articles


@api_view
def item_list(request: HttpRequest) -> HttpResponse:
    """Items newest first, filtered, one cursor page at a time."""
    chosen = _format(request)
    if isinstance(chosen, HttpResponse):
        return chosen
    try:
        size = _page_size(request.GET.get("limit"))
    except ValueError:
        return error(
            400, "bad_request", f"'limit' is a number from 1 to {MAX_PAGE_SIZE}."
        )
    at = timezone.now()
    articles = syndicated(at)
    if since := request.GET.get("since"):
        try:
            articles = articles.filter(changed_since_q(_since(since), at))
        except ValueError:
            return error(
                400,
                "bad_request",
                "'since' is an ISO 8601 time, e.g. 2025-05-01T08:00:00Z, "
                "with a UTC offset under 16 hours.",
            )
    try:
        articles = _filtered(request, articles)
    except BadFilter as bad:
        return error(400, "bad_request", str(bad))
    if cursor := request.GET.get("cursor"):
        try:
            articles = articles.filter(after_cursor_q(cursor))
        except InvalidCursor:
            return error(400, "bad_request", "'cursor' is not one this API issued.")

    page = list(for_ninjs(articles)[: size + 1])
    more, page = len(page) > size, page[:size]
    next_url = None
    if more:
        query = request.GET.copy()
        query["cursor"] = encode_cursor(page[-1])
        next_url = f"{settings.SITE_URL}{request.path}?{query.urlencode()}"
    if not page and not chosen.has_empty_page:
        return HttpResponse(status=204)
    response = HttpResponse(
        chosen.write_page([article_facts(article) for article in page], next_url),
        content_type=chosen.page_type,
    )
    if next_url:
        # RFC 8288; the only place a NewsML-G2 page can give its next link.
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


@api_view
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    chosen = _format(request)
    if isinstance(chosen, HttpResponse):
        return chosen
    article = for_ninjs(syndicated().filter(pk=pk)).first()
    if article is None:
        return error(404, "not_found", "No such item.")
    return HttpResponse(
        chosen.write_item(article_facts(article)), content_type=chosen.item_type
    )
