"""Content-Security-Policy: the strict public policy, and a separate one for the Wagtail admin.

Public pages get `CONTENT_SECURITY_POLICY` (no inline script or style, no other origin).
The Wagtail admin (`CIVIC_ADMIN_URL_PREFIX`) gets `CIVIC_ADMIN_CONTENT_SECURITY_POLICY`:
still same-origin only, but it tolerates the inline code Wagtail's own widgets emit (see the
settings for which directives and why). A view decorated with django-csp's decorators keeps
its own policy.

The public policy allows one other origin only when the city sets `CIVIC_MAP_TILE_URL`: its
tile server, in `img-src` (read at each response, so the setting is the only place to say it).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

from civic.maps import map_tile_origin


class CivicCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(settings.CIVIC_ADMIN_URL_PREFIX):
            if parts.config is None:
                parts.config = default_config(
                    settings.CIVIC_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
                )
            return parts
        tile_origin = map_tile_origin(settings.CIVIC_MAP_TILE_URL)
        if tile_origin:
            parts.update = {
                **(parts.update or {}),
                "img-src": [*(parts.update or {}).get("img-src", ()), tile_origin],
            }
        return parts
