"""The frame of a signed-in person's page (site, site settings, menu, admin access) read once
per version of the frame (civic/page_cache/memo.py), and never stale: a committed change to
what the frame shows is on the next page; a vote or an idea leaves the frame's version alone."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civic.accounts import roles
from civic.page_cache.versions import (
    FRAME_TABLES,
    pages_version,
    pages_version_bump,
    tables_version,
)
from cms.models import SiteSettings
from tests.proposals.factories import IdeaFactory, ThemeFactory

pytestmark = pytest.mark.django_db

FRAME_TABLES_READ = ("wagtailcore_site", "cms_sitesettings", "auth_permission")


@pytest.fixture(autouse=True)
def page_cache(settings, default_site):
    settings.CIVIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the commit of the writes inside would run (the writes
    before it count as committed by their own requests)."""

    @contextmanager
    def commit():
        connection.run_on_commit = [
            pending
            for pending in connection.run_on_commit
            if pending[1] is not pages_version_bump
            and getattr(pending[1], "__name__", "") != "_tables_bump"
        ]
        for watcher in connection.execute_wrappers:
            if getattr(watcher, "civic_page_cache", False):
                watcher.tables.clear()
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return commit


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def page(client) -> str:
    response = client.get("/idees/")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_second_signed_in_page_reads_no_site_settings_or_permission(signed_in):
    with CaptureQueriesContext(connection) as first:
        page(signed_in)
    with CaptureQueriesContext(connection) as second:
        page(signed_in)
    read = [q["sql"] for q in first.captured_queries]
    assert all(any(table in sql for sql in read) for table in FRAME_TABLES_READ), read
    again = [q["sql"] for q in second.captured_queries]
    assert not [sql for sql in again if any(table in sql for table in FRAME_TABLES_READ)]
    assert len(again) <= len(read) - len(FRAME_TABLES_READ)


def test_a_renamed_city_shows_on_the_next_signed_in_page(signed_in, default_site, committed):
    site_settings = SiteSettings.for_site(default_site)
    site_settings.city_name = "Ingeville"
    site_settings.save()
    assert "Ingeville" in page(signed_in)
    with committed():
        site_settings.city_name = "Bourg-la-Reine-des-Prés"
        site_settings.save()
    shown = page(signed_in)
    assert "Bourg-la-Reine-des-Prés" in shown and "Ingeville" not in shown


def test_a_citizen_made_moderator_gets_the_user_bar_on_the_next_page(signed_in, citizen, committed):
    assert "wagtail-userbar" not in page(signed_in)
    with committed():
        citizen.groups.add(Group.objects.get_or_create(name=roles.MODERATORS)[0])
    assert "wagtail-userbar" in page(signed_in)
    with committed():
        citizen.groups.clear()
    assert "wagtail-userbar" not in page(signed_in)


def test_a_new_idea_makes_the_pages_old_but_not_the_frame(citizen, committed):
    theme = ThemeFactory()
    pages, frame = pages_version(), tables_version(FRAME_TABLES)
    with committed():
        IdeaFactory(title="Des bancs au marché", author=citizen, theme=theme)
    assert pages_version() != pages
    assert tables_version(FRAME_TABLES) == frame


def test_changed_site_settings_make_the_frame_old(default_site, committed):
    frame = tables_version(FRAME_TABLES)
    with committed():
        SiteSettings.for_site(default_site).save()
    assert tables_version(FRAME_TABLES) != frame


def test_without_the_shared_cache_every_page_reads_its_frame(signed_in, settings):
    settings.CIVIC_PAGE_CACHE = False
    page(signed_in)
    with CaptureQueriesContext(connection) as again:
        page(signed_in)
    assert any("cms_sitesettings" in q["sql"] for q in again.captured_queries)


def test_admin_user_ids_are_the_accounts_that_may_open_the_admin(
    citizen, moderator, elected, agent, administrator
):
    from django.contrib.auth.models import Permission

    from civic.accounts.selectors import admin_user_ids, user_can_access_admin
    from tests.factories import CitizenFactory

    direct = CitizenFactory()
    direct.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    gone = CitizenFactory(groups=[roles.MODERATORS], is_active=False)
    people = [citizen, moderator, elected, agent, administrator, direct, gone]
    assert {p.pk for p in people if user_can_access_admin(p)} == admin_user_ids()
    assert admin_user_ids() == {moderator.pk, elected.pk, agent.pk, administrator.pk, direct.pk}


def test_an_update_that_matches_no_row_makes_nothing_old(default_site, committed):
    pages, frame = pages_version(), tables_version(FRAME_TABLES)
    with committed():
        assert SiteSettings.objects.filter(pk=-1).update(city_name="Nulle part") == 0
    assert (pages_version(), tables_version(FRAME_TABLES)) == (pages, frame)
