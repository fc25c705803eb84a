from django import template

import caching
from articles.invalidation import FOLLOW_US

from ..models import FollowLink

register = template.Library()

FOLLOW_LINKS_KEY = "agency:follow-links"


def follow_links() -> list[FollowLink]:
    """Cached until a follow-us link changes."""
    return caching.cached(
        FOLLOW_LINKS_KEY,
        lambda: list(FollowLink.objects.filter(is_active=True)),
        tags=[FOLLOW_US],
        enabled=True,  # even with every other cache off: one query a page
    )


@register.inclusion_tag("includes/follow_us.html")
def follow_us() -> dict:
    return {"links": follow_links()}
