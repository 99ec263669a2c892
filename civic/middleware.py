"""Civic's middleware: security policies and headers, and requests refused before any view.

Content-Security-Policy: the strict public policy, and a separate one for the Wagtail admin.

Public pages get `CONTENT_SECURITY_POLICY` (no inline script or style, no other origin).
The Wagtail admin (`CIVIC_ADMIN_URL_PREFIX`) gets `CIVIC_ADMIN_CONTENT_SECURITY_POLICY`:
still same-origin only, but it tolerates the inline code Wagtail's own widgets emit (see the
settings for which directives and why). A view decorated with django-csp's decorators keeps
its own policy.

The public policy allows one other origin only when the city sets `CIVIC_MAP_TILE_URL`: its
tile server, in `img-src` (read at each response, so the setting is the only place to say it).

Then (see each class): `CivicCommonMiddleware` (no slash redirect under the API),
`ResponseHeadersMiddleware` (Permissions-Policy, no-store on personal
pages), `RefuseNulMiddleware` (400 for a NUL byte anywhere in the request),
`HeadAsGetMiddleware` (HEAD wherever GET) and `ApiErrorsMiddleware` (JSON 404/405 under the
API).
"""

from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.middleware.common import CommonMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

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


def _is_api(request) -> bool:
    return request.path_info.startswith(settings.CIVIC_API_URL_PREFIX)


class CivicCommonMiddleware(CommonMiddleware):
    """Django's, without the APPEND_SLASH redirect under the API: its routes end without a
    slash, and an unknown one is a JSON 404 (not a redirect to the site's 404 page)."""

    def should_redirect_with_slash(self, request):
        return not _is_api(request) and super().should_redirect_with_slash(request)


def _is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


class ResponseHeadersMiddleware:
    """Headers every response carries, and those of pages with personal data.

    `Permissions-Policy` (`CIVIC_PERMISSIONS_POLICY`) on every response, static files
    included. `Cache-Control: no-store` (Django's `never_cache` headers) on the pages no browser
    or proxy may keep: under `CIVIC_NO_STORE_PATH_PREFIXES` (Mon espace, the account pages) and
    the views named in `CIVIC_NO_STORE_URL_NAMES` (the ballot, the receipt check).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.CIVIC_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        if self._personal(request) and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _personal(request) -> bool:
        if request.path_info.startswith(tuple(settings.CIVIC_NO_STORE_PATH_PREFIXES)):
            return True
        match = getattr(request, "resolver_match", None)
        return bool(match) and match.view_name in settings.CIVIC_NO_STORE_URL_NAMES


def _has_nul(request) -> bool:
    """A NUL in the path, the query string or a urlencoded or JSON body."""
    if "\x00" in request.path_info or "\x00" in request.path:
        return True
    if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "").replace("+", " ")):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        return b"\x00" in unquote_to_bytes(request.body.replace(b"+", b" "))
    if content_type == "application/json":
        return b"\x00" in request.body or b"\\u0000" in request.body
    return False


def _has_nul_in_multipart(request) -> bool:
    """A NUL in a multipart form's fields or file names (file contents may hold any byte)."""
    if (
        request.method in ("GET", "HEAD", "OPTIONS")
        or request.content_type != "multipart/form-data"
    ):
        return False
    fields = list(request.POST) + list(request.FILES)
    fields += [value for _, values in request.POST.lists() for value in values]
    fields += [upload.name or "" for _, uploads in request.FILES.lists() for upload in uploads]
    return any("\x00" in text for text in fields)


class RefuseNulMiddleware:
    """A NUL byte in the path, the query string or the form body is a 400, before any view
    (multipart forms: just before the view, see `process_view`).

        No database stores it (PostgreSQL refuses it in text: a 500 in every view that filtered on
        it), no form field needs it. The API answers in its JSON error format, pages with the
        site's 400 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return self.refusal(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A multipart form is read here, as CsrfViewMiddleware (listed before) has just read
        # it, not earlier: a csrf_exempt view may still choose its upload handlers.
        if not getattr(view_func, "csrf_exempt", False) and _has_nul_in_multipart(request):
            return self.refusal(request)
        return None

    @staticmethod
    def refusal(request):
        if _is_api(request):
            from civic.api import error_json

            return error_json(
                status=400,
                code="bad_request",
                message="Requête invalide : caractère nul (%00) refusé.",
            )
        return render(request, "400.html", status=400)


class HeadAsGetMiddleware:
    """HEAD works wherever GET does: a view that refuses HEAD (405) but allows GET is answered
    as for GET, without the body (django-ninja operations, `require_GET` views)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "HEAD" or response.status_code != 405:
            return response
        allowed = {m.strip().upper() for m in response.get("Allow", "").split(",")}
        if "GET" not in allowed:
            return response
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            close = getattr(response, "close", None)
            response.streaming_content = []
            if close:
                close()
        else:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class ApiErrorsMiddleware:
    """Under the API, Django's own 404 (no such route) and 405 (wrong method) are answered in
    the API's JSON error format (`civic.api`), like everything ninja answers itself."""

    MESSAGES = {404: "Ressource introuvable.", 405: "Méthode non autorisée."}
    CODES = {404: "not_found", 405: "method_not_allowed"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status not in self.MESSAGES or not _is_api(request) or _is_json(response):
            return response
        from civic.api import error_json

        json_response = error_json(
            status=status, code=self.CODES[status], message=self.MESSAGES[status]
        )
        if "Allow" in response:
            json_response["Allow"] = response["Allow"]
        return json_response
