from django import template
from django.core.cache import cache

from ..models import FollowLink

register = template.Library()

FOLLOW_LINKS_KEY = "agency:follow-links"


def follow_links() -> list[FollowLink]:
    """Cached until a follow-us link changes (see AgencyConfig.ready)."""
    links = cache.get(FOLLOW_LINKS_KEY)
    if links is None:
        links = list(FollowLink.objects.filter(is_active=True))
        cache.set(FOLLOW_LINKS_KEY, links, None)
    return links


def forget_follow_links(**kwargs) -> None:
    cache.delete(FOLLOW_LINKS_KEY)


@register.inclusion_tag("includes/follow_us.html")
def follow_us() -> dict:
    return {"links": follow_links()}
