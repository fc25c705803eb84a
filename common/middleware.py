"""Project-wide middleware."""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with inline styles allowed under ADMIN_URL only.

    Django's admin widgets and the prose editor set `style` attributes, which
    style-src 'self' blocks. Reader pages keep the strict policy, and scripts
    stay restricted everywhere.
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            parts.replace = {
                **(parts.replace or {}),
                "style-src": [SELF, UNSAFE_INLINE],
            }
        return parts
