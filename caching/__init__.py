"""Caching by dependency: what a cached part shows, it names; what changes,
invalidates exactly the parts that name it.

The machinery lives here, below the domain: this package imports no model.
The domain says which model change touches which tags
(`articles/invalidation.py`), which parts a page is built from
(`headlines/parts.py`, `articles/parts.py`) and which clocks bound them.

- `cached()` / `cached_many()`: the one get-or-render helper every cache
  layer uses (pages, parts, stories, cards, navigation, follow-us, most
  read, clocks), with single-flight on a miss.
- `depend()` / `expires()`: what the value being rendered shows and when the
  clock alone changes it.
- `invalidate()`: a change readers can see, now and again on commit.
"""

from .core import (
    cached,
    cached_many,
    depend,
    expires,
    invalidate,
    is_enabled,
    modified,
    scope,
)

__all__ = [
    "cached",
    "cached_many",
    "depend",
    "expires",
    "invalidate",
    "is_enabled",
    "modified",
    "scope",
]
