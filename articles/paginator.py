"""A paginator whose count stays cheap on lists of hundreds of thousands."""

from __future__ import annotations

import json

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# Readers page through recent news; the day archive reaches anything older.
MAX_PAGES = 100


class UncountedPage(Page):
    """A page that knows whether an older one exists without a count."""

    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1


class NewerOlderPaginator(Paginator):
    """ "Newer / Older" pages with no `COUNT(*)`: each page reads one row
    more than it shows to learn whether an older page exists.

    Readers page through recent news (the day archive reaches anything
    older), so nobody needs the total; counting even a capped number of
    rows in a section or an author's pieces cost more than the page itself
    at a million articles.
    """

    max_pages = MAX_PAGES
    num_pages = None  # unknown, by design; templates show "Page N" alone

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(_("That page number is not an integer")) from error
        if number < 1 or number > self.max_pages:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number) -> UncountedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.rows(bottom, bottom + self.per_page + 1)
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        has_next = len(rows) > self.per_page and number < self.max_pages
        return UncountedPage(rows[: self.per_page], number, self, has_next=has_next)

    def rows(self, bottom: int, top: int) -> list:
        return list(self.object_list[bottom:top])


class EstimatedCountPaginator(Paginator):
    """For the admin's change list at archive scale.

    On PostgreSQL the count stops at `cap` rows; past that, the planner's
    estimate stands in for `COUNT(*)` (`pg_class.reltuples` for the whole
    table, EXPLAIN's row estimate for a filtered list), so every page of a
    long list stays reachable. Each costs a millisecond or two at a million
    rows, where a COUNT costs more than the page. Near the end of a list
    whose estimate runs high, the last pages may be empty.
    """

    cap = 2_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or connections[queryset.db].vendor != "postgresql":
            return super().count
        if not query.where and not query.combinator:
            estimate = self._table_estimate(queryset)
            if estimate >= self.cap:
                return estimate
        counted = queryset.order_by().values("pk")[: self.cap].count()
        if counted < self.cap:
            return counted
        return max(counted, self._plan_estimate(queryset))

    @staticmethod
    def _table_estimate(queryset) -> int:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row else -1

    @staticmethod
    def _plan_estimate(queryset) -> int:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])


class KnownCountPaginator(Paginator):
    """A paginator told how many items there are, when the caller already
    knows (search's window of ids), instead of asking with a COUNT query."""

    def __init__(self, object_list, per_page, *, count: int | None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property
