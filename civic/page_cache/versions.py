"""The version of the public pages: one value in the shared cache, replaced after every
committed write to the database, by any process.

Why writes and not model signals: statuses, counts and results also change through
`QuerySet.update()`, `bulk_create()` and raw SQL (the results, the bulk of the demo's votes),
which send no signal; and a new model's pages would be stale until someone remembered to
connect it. Watching the SQL itself forgets nothing. A page stored under an older version is
never served again (`middleware.PageCacheMiddleware`).
"""

import re
import threading
import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "civic:pages:version"
FRAME_VERSION_KEY = "civic:frame:version"
WRITES = ("INSERT", "UPDATE", "DELETE")
# What every page's frame reads (`memo.frame_memo`): the sites, their settings, the pages of
# the menu, who may open the admin, the logo. A write to any other table (a ballot, an idea,
# an audit entry) leaves the frame's version alone; a write whose table is not recognised
# (raw SQL starting with WITH...) changes it too.
FRAME_TABLES = frozenset(
    {
        "wagtailcore_site",
        "wagtailcore_page",
        "wagtailcore_locale",
        "cms_sitesettings",
        "wagtailimages_image",
        "wagtailimages_rendition",
        "accounts_user",
        "accounts_user_groups",
        "accounts_user_user_permissions",
        "auth_group",
        "auth_group_permissions",
        "auth_permission",
        "django_content_type",
    }
)
_WRITTEN_TABLE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.I
)
_bumping = threading.local()


def pages_version() -> str:
    """The current version (created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = pages_version_bump()
    return version


def pages_version_bump() -> str:
    """A new version: every page cached so far is old."""
    version = uuid.uuid4().hex
    _bumping.active = True  # a cache kept in the database writes too: not a change of pages
    try:
        cache.set(VERSION_KEY, version, None)
    finally:
        _bumping.active = False
    return version


def frame_version() -> str:
    """The current version of the frame (created on first use)."""
    version = cache.get(FRAME_VERSION_KEY)
    if version is None:
        version = frame_version_bump()
    return version


def frame_version_bump() -> str:
    """A new version of the frame: every value `memo.frame_memo` kept so far is old."""
    version = uuid.uuid4().hex
    _bumping.active = True
    try:
        cache.set(FRAME_VERSION_KEY, version, None)
    finally:
        _bumping.active = False
    return version


def writes_frame(sql: str) -> bool:
    """Whether the write `sql` may change what the frame reads (`FRAME_TABLES`)."""
    found = _WRITTEN_TABLE.match(sql)
    return found is None or found.group(1).rsplit(".", 1)[-1] in FRAME_TABLES


def writes_watch(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: bump the version once each transaction that wrote
    commits (at once outside a transaction), and not for a transaction rolled back."""
    if not any(getattr(w, "civic_page_cache", False) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection))


class _WriteWatcher:
    civic_page_cache = True

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip()[:6].upper() in WRITES and not getattr(_bumping, "active", False):
            alias = self.connection.alias
            if not self._pending(pages_version_bump):
                transaction.on_commit(pages_version_bump, using=alias, robust=True)
            if writes_frame(sql) and not self._pending(frame_version_bump):
                transaction.on_commit(frame_version_bump, using=alias, robust=True)
        return result

    def _pending(self, bump) -> bool:
        """Whether this transaction will already `bump` the version when it commits (Django
        drops the callbacks of a rolled back transaction or savepoint)."""
        return any(func is bump for _, func, _ in self.connection.run_on_commit)
