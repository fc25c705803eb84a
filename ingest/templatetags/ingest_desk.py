"""The desk's wire alerts, for `templates/admin/ingest/desk_alerts.html`.

A tag rather than a value from the desk view: the desk page (articles) only
includes the template, and ingest decides what goes in it.
"""

from __future__ import annotations

from django import template

from ..alerts import desk_alerts

register = template.Library()


@register.simple_tag(takes_context=True)
def wire_alerts(context) -> dict:
    alerts, count = desk_alerts(language=context.get("edition") or "")
    return {"alerts": alerts, "count": count}
