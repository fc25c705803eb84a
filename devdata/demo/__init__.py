"""The demo newsroom `make demo` serves: a believable news agency in three
language editions, its texts in `devdata/data/`.

`load_demo_newsroom()` (the `load_demo_newsroom` command) adds only what is
missing, so a second run adds nothing and never overwrites what someone
edited while trying the admin. All texts are written for this demo; the
people, companies, figures and quotes in them are invented.
"""

from .generated import DEFAULT_ARTICLES
from .load import (
    DEMO_PASSWORD,
    DemoConflict,
    LoadReport,
    demo_users,
    load_demo_newsroom,
)
from .specs import LONG_ANALYSIS_SLUG, build_specs
from .subscriber import DEMO_API_KEY, ensure_demo_subscriber

__all__ = [
    "DEFAULT_ARTICLES",
    "DEMO_API_KEY",
    "DEMO_PASSWORD",
    "LONG_ANALYSIS_SLUG",
    "DemoConflict",
    "LoadReport",
    "build_specs",
    "demo_users",
    "ensure_demo_subscriber",
    "load_demo_newsroom",
]
