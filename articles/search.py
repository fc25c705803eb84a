"""Article search: PostgreSQL full-text with weights and ranking, and a plain
fallback on SQLite so the zero-setup site still searches.

The document is the headline (weight A), the lead (B) and the body text (C),
parsed with the text-search configuration of the article's language. An
edition's search parses the query with its own configuration; a search
across editions parses it with each and ORs the results. Only
`published()` pieces are ever searched, and full-text results are ranked
among the newest RANK_WINDOW matches.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
)
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article

# PostgreSQL's text-search configuration for each language; "simple" (no
# stemming) where PostgreSQL has none, e.g. Azerbaijani.
SEARCH_CONFIGS = {"en": "english", "ru": "russian"}
DEFAULT_CONFIG = "simple"
MAX_QUERY_LENGTH = 200
# Full-text results are ranked among the newest this many matches. Ranking
# reads each match's whole search vector; a common word matches thousands
# of pieces at archive scale, and a news reader wants recent ones.
RANK_WINDOW = 500
# Snippets are cut from the lead and this much of the body's start.
# ts_headline parses all the text it is given, at about the cost of
# indexing it: whole bodies made the snippets of one page of results cost
# more than finding and ranking them. News puts the story in its first
# paragraphs; a match only further down shows the lead.
SNIPPET_SOURCE_CHARS = 2000
_START, _STOP = "\x02", "\x03"


def rank_window() -> int:
    return RANK_WINDOW


def config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language, DEFAULT_CONFIG)


def language_config() -> Case:
    """The configuration of each row's language, as a database expression."""
    return Case(
        *[
            When(language=code, then=Value(name))
            for code, name in SEARCH_CONFIGS.items()
        ],
        default=Value(DEFAULT_CONFIG),
    )


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


class StripTags(Func):
    """Body HTML to text inside the database, for the document and snippets.

    A tag cut off at the end of a truncated body (`<a hre`) goes too.
    """

    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]*(>|$)', ' ', 'g')"


def document(config: str) -> SearchVector:
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("lead", weight="B", config=config)
        + SearchVector(StripTags(F("body")), weight="C", config=config)
    )


def search_document(article: Article) -> SearchVector:
    """The document of `article` as it is about to be saved, from its values
    rather than its columns: `Article.save()` writes it in the same INSERT
    or UPDATE as the text (a column in an UPDATE's SET reads the old row)."""
    config = config_for(article.language)
    return (
        SearchVector(Value(article.headline or ""), weight="A", config=config)
        + SearchVector(Value(article.lead or ""), weight="B", config=config)
        + SearchVector(
            StripTags(Value(article.body or "", output_field=TextField())),
            weight="C",
            config=config,
        )
    )


@dataclass
class SearchFilters:
    language: str = ""  # an edition; empty searches them all
    section: str = ""
    content_type: str = ""
    date_from: date | None = None
    date_to: date | None = None


def search_query(text: str, language: str = "") -> SearchQuery:
    """`text` as a web-search query in one edition's configuration, or in
    every edition's."""
    return _query(" ".join(text.split())[:MAX_QUERY_LENGTH], language)


def _query(text: str, language: str = "") -> SearchQuery:
    """The query parsed as each stored row was: with the edition's own
    configuration, or (across editions) with every configuration in use."""
    if language:
        return SearchQuery(text, config=config_for(language), search_type="websearch")
    configs = [*dict.fromkeys([*SEARCH_CONFIGS.values(), DEFAULT_CONFIG])]
    query = SearchQuery(text, config=configs[0], search_type="websearch")
    for config in configs[1:]:
        query |= SearchQuery(text, config=config, search_type="websearch")
    return query


def _ranked_window(matches: QuerySet, query: SearchQuery) -> list[int]:
    """The ids of the newest RANK_WINDOW matches, best ranked first.

    One query: the GIN index finds the matches, the newest are kept by
    publish time, and only those are ranked, which reads their search
    vectors. (Ranked in the same SELECT, every match would be: ts_rank
    is too cheap by its declared cost for PostgreSQL to postpone it past
    the LIMIT.)
    """
    window = matches.order_by("-published_at", "-pk").values_list(
        "pk", "published_at", "search_vector"
    )[: rank_window()]
    sql, params = window.query.sql_with_params()
    compiler = window.query.get_compiler(window.db)
    query_sql, query_params = compiler.compile(query.resolve_expression(window.query))
    with connections[window.db].cursor() as cursor:
        cursor.execute(
            f"SELECT id, ts_rank(vector, {query_sql}) FROM ({sql}) "
            "AS newest (id, published_at, vector)",
            (*query_params, *params),
        )
        newest = cursor.fetchall()  # newest first, so equal ranks stay so
    return [pk for pk, _rank in sorted(newest, key=lambda row: -row[1])]


def _snippet(query: SearchQuery, config) -> SearchHeadline:
    return SearchHeadline(
        Func(
            F("lead"),
            Value(" "),
            StripTags(Left("body", SNIPPET_SOURCE_CHARS)),
            function="concat",
        ),
        query,
        config=config,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
    )


def search_articles(
    text: str, filters: SearchFilters | None = None
) -> QuerySet | RankedMatches:
    """Published articles matching `text`, best first, each with a `snippet`
    on PostgreSQL."""
    return search_results(text, filters)[0]


class RankedMatches(Sequence):
    """Full-text matches in rank order, held as ids: indexing or slicing
    reads just those articles, with their snippets, in one query."""

    def __init__(self, ids: list[int], rows: Callable[[list[int]], QuerySet]):
        self.ids = ids
        self._rows = rows

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            ids = self.ids[index]
            found = {article.pk: article for article in self._rows(ids)} if ids else {}
            # An article gone since the ranking query is left out.
            return [found[pk] for pk in ids if pk in found]
        return self[index : index + 1 or None][0]

    def __iter__(self) -> Iterator[Article]:
        return iter(self[:])


def search_results(
    text: str, filters: SearchFilters | None = None
) -> tuple[QuerySet | RankedMatches, int | None]:
    """`search_articles()` and, when the search already knows it (the full-text
    window), the number of results, which spares the page a COUNT query."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    filters = filters or SearchFilters()
    articles = Article.objects.published().select_related("section")
    if filters.language:
        articles = articles.in_edition(filters.language)
    if filters.section:
        articles = articles.filter(section__slug=filters.section)
    if filters.content_type:
        articles = articles.filter(content_type=filters.content_type)
    if filters.date_from:
        articles = articles.filter(published_at__date__gte=filters.date_from)
    if filters.date_to:
        articles = articles.filter(published_at__date__lte=filters.date_to)
    if not text:
        return articles.none(), 0
    if uses_full_text():
        query = _query(text, filters.language)
        ids = _ranked_window(articles.filter(search_vector=query), query)
        config = (
            Value(config_for(filters.language))
            if filters.language
            else language_config()
        )

        def rows(page_ids: list[int]) -> QuerySet:
            return (
                # One array parameter rather than a placeholder per id.
                Article.objects.filter(
                    RawSQL(
                        '"articles_article"."id" = ANY(%s)',
                        (page_ids,),
                        output_field=BooleanField(),
                    )
                )
                .select_related("section")
                .annotate(snippet=_snippet(query, config))
                .defer("body", "search_vector")
            )

        return RankedMatches(ids, rows), len(ids)
    condition = Q()
    for word in text.split()[:10]:
        condition &= (
            Q(headline__icontains=word)
            | Q(lead__icontains=word)
            | Q(body__icontains=word)
        )
    return (
        articles.filter(condition).defer("body").order_by("-published_at", "-pk"),
        None,
    )


def highlight(snippet: str | None) -> SafeString:
    """A database snippet as safe HTML: everything escaped, matches in <mark>."""
    if not snippet:
        return mark_safe("")
    text = escape(html.unescape(snippet))
    # Escaping left the control-character markers alone.
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))
