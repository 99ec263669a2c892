"""Django's `AuthenticationMiddleware`, with the signed-in person's row kept per process while
their table does not change (`civic.page_cache.memo`).

Every signed-in request reads its user again: a SELECT of a row that, between two of the
person's pages, almost never changes (a vote, a comment or an idea do not touch it). Here the
row Django found for a session's (user, backend, session hash) is kept for as long as no
committed write, from any process, changed `accounts_user`: a deactivation, a new password
or an edited email is on the next request, as with the frame's memo. Only the row is kept,
already checked by Django (active, session hash verified): each request gets a new instance
built from it, so that what a request changes on its `request.user` (a form that failed to
validate, the permission caches) never reaches another request. Sessions that do not check
out go through Django's `get_user` every time (it flushes them).
"""

from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.utils.functional import SimpleLazyObject

from civic.page_cache.memo import tables_memo

USER_TABLES = frozenset({"accounts_user"})


def _row(user) -> tuple | None:
    """What `user` is built from again (None for a visitor who is not signed in)."""
    if not user.is_authenticated:
        return None
    fields = type(user)._meta.concrete_fields
    return type(user), user._state.db, tuple(getattr(user, f.attname) for f in fields)


def _user_built(row: tuple):
    model, db, values = row
    names = [f.attname for f in model._meta.concrete_fields]
    return model.from_db(db, names, values)


def session_user(request):
    """`request.user`: Django's `get_user`, its checked row kept (see the module)."""
    session = request.session
    key = (
        session.get(SESSION_KEY),
        session.get(BACKEND_SESSION_KEY),
        session.get(HASH_SESSION_KEY),
    )
    if key[0] is None or key[2] is None:
        return auth.get_user(request)
    checked = []

    def read():
        checked.append(auth.get_user(request))
        return _row(checked[0])

    row = tables_memo(request, ("session user", *key), read, tables=USER_TABLES, space="users")
    if checked:
        return checked[0]
    return _user_built(row) if row is not None else auth.get_user(request)


class AuthenticationMiddleware(DjangoAuthentication):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user_once(request))


def _user_once(request):
    if not hasattr(request, "_cached_user"):  # the attribute Django's `get_user` keeps it in
        request._cached_user = session_user(request)
    return request._cached_user
