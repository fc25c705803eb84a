from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """How published pieces leave the site for machines: RSS and Atom feeds,
    sitemaps (with Google News), robots.txt and the conditional requests
    that let readers of all of them skip what has not changed."""

    name = "distribution"
    verbose_name = "Distribution"
