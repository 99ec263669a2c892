"""The version of the public pages: one value in the shared cache, replaced after every
committed write to the database, by any process.

Why writes and not model signals: statuses, counts and results also change through
`QuerySet.update()`, `bulk_create()` and raw SQL (the results, the bulk of the demo's votes),
which send no signal; and a new model's pages would be stale until someone remembered to
connect it. Watching the SQL itself forgets nothing. A page stored under an older version is
never served again (`middleware.PageCacheMiddleware`).
"""

import threading
import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "civic:pages:version"
WRITES = ("INSERT", "UPDATE", "DELETE")
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
        if (
            sql.lstrip()[:6].upper() in WRITES
            and not getattr(_bumping, "active", False)
            and not self._pending()
        ):
            transaction.on_commit(pages_version_bump, using=self.connection.alias, robust=True)
        return result

    def _pending(self) -> bool:
        """Whether this transaction will already bump the version when it commits (Django
        drops the callbacks of a rolled back transaction or savepoint)."""
        return any(func is pages_version_bump for _, func, _ in self.connection.run_on_commit)
