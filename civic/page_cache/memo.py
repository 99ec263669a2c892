"""`frame_memo`: what every page's frame reads (the site, its settings, the menu, whether
the visitor may open the admin), kept in the process for as long as the frame's version
(`versions.tables_version` of the tables it reads) does not change.

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

from .versions import ANY_TABLE, FRAME_TABLES, tables_version

_REQUEST_ATTRIBUTE = "_civic_tables_versions"
# Values are a few per site, language and campaign (one per person in the "users" space):
# a space's are dropped all at once past this many, whatever a caller keys them on.
MAX_VALUES = 1_000
_memo = threading.local()
_asked: set[str] = set()  # the tables whose version was read in this process


def _version(request, tables: frozenset) -> tuple:
    """The version of `tables`, each table's read once per request (kept on it)."""
    if request is None:
        return tables_version(tables)
    versions = getattr(request, _REQUEST_ATTRIBUTE, None)
    if versions is None:
        versions = {}
        setattr(request, _REQUEST_ATTRIBUTE, versions)
    found = versions.get(tables)  # this set's, read earlier in the request
    if found is not None:
        return found
    missing = {name for name in tables if name not in versions}
    if ANY_TABLE not in versions:
        # The first read of a request: every table this process was asked about so far (the
        # frame's, the page's), in the same round trip, so that one is usually all.
        missing |= FRAME_TABLES | _asked
    _asked.update(tables)
    if missing:
        # `tables_version` reads `ANY_TABLE`'s too (again: a write it stands for is news).
        versions.update(zip(sorted({*missing, ANY_TABLE}), tables_version(missing), strict=True))
    found = versions[tables] = tuple(versions[name] for name in sorted({*tables, ANY_TABLE}))
    return found


def tables_memo(request, key, compute, *, tables: frozenset, space: str = "pages"):
    """`compute()`, or its value computed earlier in this process (and thread) while no
    committed write changed any of `tables` (the versions of `request`, read now without a
    request). `tables` must name every table `compute` reads, and `key` everything else the
    value depends on (site, language, campaign...). `space`: values kept apart from the
    others', so that many of one kind (one per person) do not push them out."""
    if not getattr(settings, "CIVIC_PAGE_CACHE", False):
        return compute()
    version = _version(request, tables)
    spaces = getattr(_memo, "spaces", None)
    if spaces is None:
        spaces = _memo.spaces = {}
    values = spaces.get(space)
    if values is None or len(values) >= MAX_VALUES:
        values = spaces[space] = {}
    found = values.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = compute()
    values[key] = (version, value)
    return value


def frame_memo(request, key, compute):
    """`tables_memo` for what the frame reads (`versions.FRAME_TABLES`)."""
    return tables_memo(request, key, compute, tables=FRAME_TABLES)
