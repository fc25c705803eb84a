"""Measurement headers for bench/, on only with BENCH_HEADERS=true.

`Server-Timing: app;dur=<ms>` is the time spent inside Django, `X-SQL-Queries`
the number of queries the request ran, and `X-Worker` the worker's pid and
resident memory, so the load script reads all three from plain responses.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.db import connections
from django.http import HttpRequest, HttpResponseBase


def worker_rss_kib() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class BenchHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connections["default"].execute_wrapper(count):
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        response["X-SQL-Queries"] = str(queries)
        response["X-Worker"] = f"pid={os.getpid()} rss_kib={worker_rss_kib()}"
        return response
