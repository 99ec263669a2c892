"""`PageCacheMiddleware`: a public page is rendered once per version of the database and
served from the shared cache to every anonymous visitor until something changes.

Who gets a cached page: a GET by a visitor with no session cookie and no messages cookie, so
someone who is nobody, with nothing to be told; a signed-in person, or anyone with a
session, always gets the page rendered for them (and their page is never stored).

What is stored: a 200 answer that set nothing for its visitor (no session written, no
`Set-Cookie`), outside the personal pages (`CIVIC_NO_STORE_PATH_PREFIXES`,
`CIVIC_NO_STORE_URL_NAMES`), under its host, scheme, path with query string and language,
with the version of the pages (`versions.py`) read *before* it was rendered: a write that
commits meanwhile makes it old at once. An entry also expires after `CIVIC_PAGE_CACHE_SECONDS`
and at the next moment a page changes with no write at all (`civic.hooks.PAGE_CACHE_DEADLINES`:
a campaign's phase opening or closing). The CSRF token of the forms (the language switch on
every page) is never shared: it is cut out when the page is stored and each visitor gets
their own, with its cookie, as if the page had been rendered for them.

It sits last in `MIDDLEWARE`: the middleware before it (security and CSP headers, language,
CSRF cookie, `Vary`) works on a cached answer as on a rendered one.
"""

import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from civic.hooks import page_cache_deadline_collect

from .versions import VERSION_KEY, pages_version

ENTRY_PREFIX = "civic:pages:entry:"
TOKEN_HOLE = b"\x00civic-csrf-token\x00"
TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CACHED_TYPES = ("text/html", "application/json", "application/geo+json")


class PageCacheMiddleware:
    def __init__(self, get_response):
        if not getattr(settings, "CIVIC_PAGE_CACHE", False):
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.seconds = int(getattr(settings, "CIVIC_PAGE_CACHE_SECONDS", 300))

    def __call__(self, request):
        if not self.visitor_is_nobody(request):
            return self.get_response(request)
        key = ENTRY_PREFIX + "|".join(
            (
                request.get_host(),
                request.scheme,
                getattr(request, "LANGUAGE_CODE", ""),
                request.get_full_path(),
            )
        )
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or pages_version()
        entry = found.get(key)
        if entry is not None and entry["version"] == version and entry["until"] > time.time():
            return self.replay(request, entry)
        response = self.get_response(request)
        if self.storable(request, response):
            self.store(request, response, key=key, version=version)
        return response

    @staticmethod
    def visitor_is_nobody(request) -> bool:
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES
            and not request.path_info.startswith(tuple(settings.CIVIC_NO_STORE_PATH_PREFIXES))
            and not request.path_info.startswith("/admin/")
        )

    @staticmethod
    def storable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").split(";")[0] in CACHED_TYPES
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and not (session is not None and session.modified)
            and not (match and match.view_name in settings.CIVIC_NO_STORE_URL_NAMES)
        )

    def store(self, request, response, *, key: str, version: str) -> None:
        content = response.content
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            tokens = set(TOKEN_FIELD.findall(content))
            if len(tokens) != 1:
                return  # several renderings with their own tokens: not ours to cut out
            content = content.replace(tokens.pop(), TOKEN_HOLE)
        until = time.time() + self.seconds
        deadline = page_cache_deadline_collect(timezone.now())
        if deadline is not None:
            until = min(until, deadline.timestamp())
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("vary", "content-length")
        }
        entry = {
            "version": version,
            "until": until,
            "headers": headers,
            "vary": response.get("Vary", ""),
            "content": content,
        }
        cache.set(key, entry, max(1, int(until - time.time())))

    @staticmethod
    def replay(request, entry) -> HttpResponse:
        content = entry["content"]
        if TOKEN_HOLE in content:
            content = content.replace(TOKEN_HOLE, get_token(request).encode())
        response = HttpResponse(content, headers=entry["headers"])
        # The rendered page varied on what it read (the user through the session cookie):
        # say so on the copy too, for the browsers and proxies after us.
        vary = [part.strip() for part in entry["vary"].split(",") if part.strip()]
        patch_vary_headers(response, ["Cookie", *vary])
        return response
