"""The frame of a signed-in person's page (site, site settings, menu, admin access) read once
per version of the frame (civic/page_cache/memo.py), and never stale: a committed change to
what the frame shows is on the next page; a vote or an idea leaves the frame's version alone."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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


# The signed-in person's row (civic/accounts/middleware.py)

USER_ROW_READ = 'FROM "accounts_user" WHERE "accounts_user"."id" ='


def user_rows_read(client, path="/idees/") -> int:
    with CaptureQueriesContext(connection) as seen:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return sum(USER_ROW_READ in q["sql"] for q in seen.captured_queries)


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_second_signed_in_page_reads_no_user_row(signed_in):
    assert user_rows_read(signed_in) == 1
    assert user_rows_read(signed_in) == 0
    assert "Se déconnecter" in page(signed_in)  # still signed in


def test_a_deactivated_account_is_signed_out_on_the_next_page(signed_in, citizen, committed):
    assert signed_in.get("/mon-espace/").status_code == 200
    with committed():
        type(citizen).objects.filter(pk=citizen.pk).update(is_active=False)
    assert sent_to_login(signed_in.get("/mon-espace/"))


def test_a_new_password_signs_out_the_other_sessions_on_their_next_page(
    signed_in, citizen, committed
):
    assert signed_in.get("/mon-espace/").status_code == 200
    with committed():
        citizen.set_password("un-tout-autre-mot-de-passe-2027")
        citizen.save(update_fields=["password"])
    assert sent_to_login(signed_in.get("/mon-espace/"))


def test_a_new_email_is_on_the_next_page(signed_in, citizen, committed):
    assert citizen.email in signed_in.get("/mon-espace/").content.decode()
    with committed():
        type(citizen).objects.filter(pk=citizen.pk).update(email="camille.neuve@example.org")
    assert "camille.neuve@example.org" in signed_in.get("/mon-espace/").content.decode()


def test_what_a_request_changes_on_its_user_stays_in_that_request(signed_in, citizen):
    from django.test import RequestFactory

    from civic.accounts.middleware import session_user

    session = signed_in.session

    def request():
        made = RequestFactory().get("/idees/")
        made.session = session
        return made

    first = session_user(request())
    first.first_name = "Changé par un formulaire refusé"
    second = session_user(request())
    assert second.pk == citizen.pk and second is not first
    assert second.first_name == citizen.first_name


def test_a_session_of_another_person_gets_that_person(client, citizen, moderator):
    from django.test import Client

    client.force_login(citizen)
    other = Client()
    other.force_login(moderator)
    for _ in range(2):
        mine, theirs = (c.get("/mon-espace/").content.decode() for c in (client, other))
        assert citizen.email in mine and moderator.email not in mine
        assert moderator.email in theirs and citizen.email not in theirs


def test_a_session_whose_hash_does_not_check_out_is_refused_even_once_the_row_is_kept(
    signed_in, citizen
):
    from django.contrib.auth import HASH_SESSION_KEY
    from django.test import Client

    assert signed_in.get("/mon-espace/").status_code == 200  # the row is kept now
    forged = Client()
    forged.force_login(citizen)
    session = forged.session
    session[HASH_SESSION_KEY] = "0" * 64  # the same user, a hash that is not theirs
    session.save()
    assert sent_to_login(forged.get("/mon-espace/"))
    assert signed_in.get("/mon-espace/").status_code == 200  # the real session is untouched
