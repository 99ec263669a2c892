"""Élus create, edit and publish pages; deleting or unpublishing the home page, a section or
someone else's page is for administrators (issue #8, point 7)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civic.accounts import roles
from tests.cms.factories import home_page_create, information_page_create, news_index_create
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(default_site):
    return home_page_create()


def _assert_refused(response):
    """Wagtail's admin answers a refused action by sending back to the dashboard with its
    "permission" message."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def _delete(client, page):
    return client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def _unpublish(client, page):
    return client.get(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))


def test_an_elected_official_cannot_delete_or_unpublish_the_home_page(client, elected, home):
    client.force_login(elected)
    _assert_refused(_delete(client, home))
    _assert_refused(_unpublish(client, home))
    _assert_refused(client.post(reverse("wagtailadmin_pages:delete", args=[home.pk])))
    home.refresh_from_db()
    assert home.live


def test_the_home_page_editor_offers_no_delete_or_unpublish_to_an_elected_official(
    client, elected, home
):
    client.force_login(elected)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[home.pk]) not in html
    assert reverse("wagtailadmin_pages:unpublish", args=[home.pk]) not in html
    assert reverse("wagtailadmin_pages:edit", args=[home.pk]) in html  # can still edit


def test_an_elected_official_cannot_remove_a_page_someone_else_wrote(client, elected, home):
    author = CitizenFactory(groups=[roles.ELECTED])
    page = information_page_create(home, owner=author)
    client.force_login(elected)
    _assert_refused(_delete(client, page))
    _assert_refused(_unpublish(client, page))
    explorer = client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[page.pk]) not in explorer
    assert reverse("wagtailadmin_pages:unpublish", args=[page.pk]) not in explorer


def test_an_elected_official_cannot_remove_a_section(client, elected, home):
    section = news_index_create(home, owner=elected)
    information_page_create(section, owner=elected)
    client.force_login(elected)
    _assert_refused(_delete(client, section))
    _assert_refused(_unpublish(client, section))


def test_an_elected_official_removes_their_own_page(client, elected, home):
    page = information_page_create(home, owner=elected)
    client.force_login(elected)
    assert _unpublish(client, page).status_code == 200
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not type(page).objects.filter(pk=page.pk).exists()


def test_the_bulk_delete_refuses_pages_of_others(client, elected, home):
    page = information_page_create(home, owner=CitizenFactory(groups=[roles.ELECTED]))
    client.force_login(elected)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{url}?id={page.pk}&childOf={home.pk}")
    assert type(page).objects.filter(pk=page.pk).exists()


def test_an_administrator_removes_any_page(client, home):
    admin = CitizenFactory(groups=[roles.ADMINISTRATORS], is_staff=True)  # not a superuser
    page = information_page_create(home, owner=CitizenFactory())
    client.force_login(admin)
    assert _unpublish(client, page).status_code == 200
    assert client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 302


def _explorer_queries(client, home) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_explore", args=[home.pk])).status_code == 200
    return len(queries)


def test_the_explorer_asks_the_role_once_whatever_the_number_of_pages(client, elected, home):
    client.force_login(elected)
    for n in range(3):
        information_page_create(home, slug=f"page-{n}", title=f"Page {n}", owner=elected)
    _explorer_queries(client, home)  # warm the caches
    few = _explorer_queries(client, home)
    for n in range(3, 15):
        information_page_create(home, slug=f"page-{n}", title=f"Page {n}", owner=elected)
    assert _explorer_queries(client, home) == few
