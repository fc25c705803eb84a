"""Newsroom roles as Django groups with real model permissions.

The table is the single source of truth. `sync_roles()` runs after every
`migrate` (as Django's own permissions do), so every install has the groups,
and a permission added here reaches existing installs on their next migrate.
Editors manage curated lists but not the ticker, which is the desk's.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

JOURNALIST = "Journalist"
EDITOR = "Editor"
DESK = "Desk"

CURATED_LIST_PERMISSIONS = {
    "headlines.add_curatedlist",
    "headlines.change_curatedlist",
    "headlines.view_curatedlist",
    "headlines.add_curateditem",
    "headlines.change_curateditem",
    "headlines.delete_curateditem",
    "headlines.view_curateditem",
}

FOLLOW_LINK_PERMISSIONS = {
    "agency.add_followlink",
    "agency.change_followlink",
    "agency.delete_followlink",
    "agency.view_followlink",
}

# The byline and related-articles inlines of the article form: the admin
# shows an inline only to users with permissions on its own model.
ARTICLE_INLINE_PERMISSIONS = {
    f"articles.{verb}_{model}"
    for verb in ("add", "change", "delete", "view")
    for model in ("byline", "relatedarticle")
}

# Editors run the subscriber API: they add client newsrooms, issue their
# keys and revoke them. Keys are never deleted, so access stays on record.
API_SUBSCRIBER_PERMISSIONS = {
    "api.add_subscriber",
    "api.change_subscriber",
    "api.view_subscriber",
    "api.add_apikey",
    "api.change_apikey",
    "api.view_apikey",
    # The webhook delivery log, and its "Redeliver" action.
    "api.view_delivery",
    "api.change_delivery",
}

# Wires in (ingest): journalists read the Incoming queue and make drafts
# from it; only editors configure sources (never delete them: disable).
INGEST_QUEUE_PERMISSIONS = {
    "ingest.view_incomingitem",
    "ingest.view_incomingversion",
    "ingest.use_incomingitem",
}
INGEST_SOURCE_PERMISSIONS = {
    "ingest.add_source",
    "ingest.change_source",
    "ingest.view_source",
    "ingest.view_itemuse",
}

# "app_label.codename" of each group's permissions.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    JOURNALIST: {
        *ARTICLE_INLINE_PERMISSIONS,
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "authors.view_author",
        "images.add_image",
        "images.change_image",
        "images.view_image",
        "taggit.add_tag",
        "taggit.view_tag",
        *INGEST_QUEUE_PERMISSIONS,
    },
    EDITOR: {
        *ARTICLE_INLINE_PERMISSIONS,
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.review_article",
        "articles.publish_article",
        "articles.kill_article",
        "articles.correct_article",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "authors.add_author",
        "authors.change_author",
        "authors.view_author",
        # The author box's lines and links are edited inline on the author.
        *(
            f"authors.{verb}_{model}"
            for verb in ("add", "change", "delete", "view")
            for model in ("expertiseline", "sociallink")
        ),
        "images.add_image",
        "images.change_image",
        # Pictures readers see: journalists change only their own unused
        # uploads (images.models.Image.editable_by).
        "images.change_public_image",
        "images.view_image",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.view_tag",
        *CURATED_LIST_PERMISSIONS,
        *FOLLOW_LINK_PERMISSIONS,
        *API_SUBSCRIBER_PERMISSIONS,
        *INGEST_QUEUE_PERMISSIONS,
        *INGEST_SOURCE_PERMISSIONS,
    },
    DESK: {
        "articles.view_article",
        "articles.view_section",
        "headlines.add_tickeritem",
        "headlines.change_tickeritem",
        "headlines.delete_tickeritem",
        "headlines.view_tickeritem",
        *CURATED_LIST_PERMISSIONS,
    },
}


def sync_roles(**kwargs) -> None:
    """Create the role groups and set their permissions to exactly the table's."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        query = Q(pk__in=[])
        for name in names:
            app_label, codename = name.split(".", 1)
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(query))
