"""Fixtures shared by the whole suite: one user per role, and Playwright for browser tests.

Browser tests use `browser_page` (and the pytest-django `live_server`); they are marked
`browser` automatically and skip, with a visible reason, where Debian's chromium is absent
(in CI, with `CI=true`, they fail instead: `.ci/run` installs chromium).
"""

import os
from pathlib import Path

import pytest

from civic.accounts import roles
from tests.accessibility import axe_check as _axe_check
from tests.factories import CitizenFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must still allow the
# ORM there (the live server runs in its own thread).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_MISSING = f"chromium not found at {CHROMIUM}: browser tests skipped; .ci/run installs it"

BROWSER_FIXTURES = {"browser", "browser_page"}


def _db_marker(item) -> dict:
    marker = item.get_closest_marker("django_db")
    return marker.kwargs if marker else {}


def _is_transactional(item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(_db_marker(item).get("transaction")) or bool(
        {"transactional_db", "live_server"} & fixtures
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
    # pytest-django already runs transactional tests last. Among them, those with
    # serialized_rollback go first: a plain transactional test flushes the database and the
    # post_migrate handlers then recreate groups and content types under new ids, which the
    # serialized data would collide with.
    positions = [i for i, item in enumerate(items) if _is_transactional(item)]
    ordered = sorted(
        (items[i] for i in positions),
        key=lambda item: not _db_marker(item).get("serialized_rollback", False),
    )
    for i, item in zip(positions, ordered, strict=True):
        items[i] = item


@pytest.fixture(autouse=True)
def _migrated_state_for_transactional_tests(request):
    """A plain transactional test that runs after serialized_rollback ones finds a database
    flushed without post_migrate: give it back content types, permissions and role groups."""
    if not _is_transactional(request.node) or _db_marker(request.node).get("serialized_rollback"):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal

    if not ContentType.objects.exists():
        ContentType.objects.clear_cache()
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache. What the apps cache per version of the database
    (alerts, the guide's next change) is keyed on a version bumped after each commit; a test's
    writes are rolled back, never committed, so without this a later test would read an
    earlier test's alerts."""
    from django.core.cache import cache

    cache.clear()
    yield


# Users, one per role ------------------------------------------------------------------


@pytest.fixture
def citizen(db):
    return CitizenFactory(profile__display_name="Camille D.")


@pytest.fixture
def moderator(db):
    return CitizenFactory(groups=[roles.MODERATORS], profile__display_name="Modération")


@pytest.fixture
def elected(db):
    return CitizenFactory(groups=[roles.ELECTED], profile__display_name="Élue")


@pytest.fixture
def agent(db):
    return CitizenFactory(groups=[roles.STAFF], profile__display_name="Agent")


@pytest.fixture
def administrator(db):
    return CitizenFactory(
        groups=[roles.ADMINISTRATORS],
        is_staff=True,
        is_superuser=True,
        profile__display_name="Administration",
    )


@pytest.fixture
def user(db):
    """An account with nothing else: unverified email, no profile, no group."""
    return UserFactory()


# Wagtail ------------------------------------------------------------------------------


@pytest.fixture
def default_site(db):
    """The default Wagtail site, rebuilt (with the root page, root collection and locale)
    when a transactional test flushed what the migrations created. Browser tests had better
    use `django_db(transaction=True, serialized_rollback=True)`, which restores all of it."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Bienvenue", slug="home"))
    return Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Civic"
    )


# Demo ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_transaction(django_db_setup, django_db_blocker):
    """One transaction around a whole test module, rolled back at its end.

    Seeding the demo takes seconds: a module-scoped fixture that depends on this one seeds it
    once (inside `django_db_blocker.unblock()`), and every test of the module then runs in a
    savepoint of this transaction, so a test's own writes are undone after it and the demo's
    after the module. Not for transactional tests (they would commit it).
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# Shared data (../shared next to the repository) --------------------------------------

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder (`../shared`); missing, it skips locally and fails in CI."""
    if not SHARED_DIR.is_dir():
        message = f"shared data folder not found at {SHARED_DIR}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED_DIR


# Browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(CHROMIUM_MISSING.replace("skipped", "cannot run in CI"))
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page in its own context (cookies, storage) for one test, French first."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_login(live_server):
    """`browser_login(page, user)`: the browser page is now logged in as `user`."""
    from django.conf import settings
    from django.test import Client

    def login(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return login


@pytest.fixture
def axe_check():
    """`axe_check(page)`: asserts axe-core finds no accessibility violation on the page."""
    return _axe_check
