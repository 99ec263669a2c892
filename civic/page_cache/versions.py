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
WRITES = ("INSERT", "UPDATE", "DELETE")
TABLE_PREFIX = "civic:table:"
ANY_TABLE = "*"  # written by SQL whose table is not recognised: every table's version changes
# What every page's frame reads (`memo.frame_memo`): the sites, their settings, the pages of
# the menu, the logo (`SITE_FRAME_TABLES`), and who may open the admin (the user bar).
SITE_FRAME_TABLES = frozenset(
    {
        "wagtailcore_site",
        "wagtailcore_page",
        "wagtailcore_pageviewrestriction",
        "wagtailcore_locale",
        "cms_sitesettings",
        "wagtailimages_image",
        "wagtailimages_rendition",
        "django_content_type",
    }
)
FRAME_TABLES = SITE_FRAME_TABLES | frozenset(
    {
        "accounts_user",
        "accounts_user_groups",
        "accounts_user_user_permissions",
        "auth_group",
        "auth_group_permissions",
        "auth_permission",
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


def tables_version(tables) -> tuple:
    """The version of what is read from `tables`: one value per table in the shared cache,
    replaced after every committed write to that table (`ANY_TABLE`'s after a write whose
    table is not recognised), by any process. Created on first use."""
    names = sorted({*tables, ANY_TABLE})
    keys = [TABLE_PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        _bumping.active = True
        try:
            cache.set_many(missing, None)
        finally:
            _bumping.active = False
        found.update(missing)
    return tuple(found[key] for key in keys)


def tables_version_bump(tables) -> None:
    """New versions for `tables`: whatever was read from them is old."""
    _bumping.active = True
    try:
        cache.set_many({TABLE_PREFIX + name: uuid.uuid4().hex for name in tables}, None)
    finally:
        _bumping.active = False


def written_table(sql: str) -> str:
    """The table the write `sql` changes (`ANY_TABLE` when it cannot tell)."""
    found = _WRITTEN_TABLE.match(sql)
    return found.group(1).rsplit(".", 1)[-1] if found else ANY_TABLE


def writes_watch(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: bump the version once each transaction that wrote
    commits (at once outside a transaction), and not for a transaction rolled back."""
    if not any(getattr(w, "civic_page_cache", False) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection))


class _WriteWatcher:
    civic_page_cache = True

    def __init__(self, connection):
        self.connection = connection
        self.tables = set()  # written by the transaction under way (or a rolled back one)
        self.tables_bump = self._tables_bump  # one object: `_pending` looks for it

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if (
            sql.lstrip()[:6].upper() in WRITES
            and not getattr(_bumping, "active", False)
            # An UPDATE or DELETE that matched no row changed nothing (-1: cannot tell).
            and getattr(context.get("cursor"), "rowcount", -1) != 0
        ):
            alias = self.connection.alias
            if not self._pending(pages_version_bump):
                transaction.on_commit(pages_version_bump, using=alias, robust=True)
            self.tables.add(written_table(sql))
            if not self._pending(self.tables_bump):
                transaction.on_commit(self.tables_bump, using=alias, robust=True)
        return result

    def _tables_bump(self) -> None:
        # Tables of a rolled back transaction may be among them: one more new version, no harm.
        tables, self.tables = self.tables, set()
        tables_version_bump(tables)

    def _pending(self, bump) -> bool:
        """Whether this transaction will already `bump` the version when it commits (Django
        drops the callbacks of a rolled back transaction or savepoint)."""
        return any(func is bump for _, func, _ in self.connection.run_on_commit)
