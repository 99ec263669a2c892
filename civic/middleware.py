"""Content-Security-Policy: the strict public policy, and a separate one for the Wagtail admin.

Public pages get `CONTENT_SECURITY_POLICY` (no inline script or style, no other origin).
The Wagtail admin (`CIVIC_ADMIN_URL_PREFIX`) gets `CIVIC_ADMIN_CONTENT_SECURITY_POLICY`:
still same-origin only, but it tolerates the inline code Wagtail's own widgets emit (see the
settings for which directives and why). A view decorated with django-csp's decorators keeps
its own policy.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class CivicCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CIVIC_ADMIN_URL_PREFIX)
        ):
            parts.config = default_config(
                settings.CIVIC_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            )
        return parts
