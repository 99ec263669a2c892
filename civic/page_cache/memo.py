"""`frame_memo`: what every page's frame reads (the site, its settings, the menu, whether
the visitor may open the admin), kept in the process for as long as the frame's version
(`versions.frame_version`) does not change.

A signed-in person's page is rendered for them, but its frame is the same from one request
to the next: looking it up again costs five queries and a few milliseconds per page. Here a
value is computed once per version and process. Any committed write, from any process, to a
table the frame reads (`versions.FRAME_TABLES`) makes every value old: the rule of the
anonymous page cache, with its guarantee (never stale after a change), narrowed to those
tables, so that the writes of a vote, a comment or an audit entry leave the frame alone. The
version is read once per request, *before* anything is computed, and kept on the request: a
write that commits while a value is being computed makes it old at once.

Only where the version is shared by every process (`CIVIC_PAGE_CACHE`, on in production with
its Redis cache): elsewhere (tests, development) every call computes.
"""

import threading

from django.conf import settings

from .versions import frame_version

_REQUEST_ATTRIBUTE = "_civic_frame_version"
# A version that lasts (no write for hours) keeps one value per signed-in person's admin
# access: dropped all at once past this many values.
MAX_VALUES = 20_000
_memo = threading.local()


def _version(request) -> str:
    if request is None:
        return frame_version()
    version = getattr(request, _REQUEST_ATTRIBUTE, None)
    if version is None:
        version = frame_version()
        setattr(request, _REQUEST_ATTRIBUTE, version)
    return version


def frame_memo(request, key, compute):
    """`compute()`, or its value computed earlier in this process (and thread) under the
    frame's version of `request` (read now without a request). `key` must name everything
    the value depends on besides the database (site, language, user...)."""
    if not getattr(settings, "CIVIC_PAGE_CACHE", False):
        return compute()
    version = _version(request)
    values = getattr(_memo, "values", None)
    if values is None or _memo.version != version or len(values) >= MAX_VALUES:
        values = {}
        _memo.version, _memo.values = version, values
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value
