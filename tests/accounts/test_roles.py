"""Roles: exactly five groups, the right permissions, and the admin behind allauth's login."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from civic.accounts import roles
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.django_db
def test_only_the_five_civic_groups_exist():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)


@pytest.mark.django_db
def test_citizen_has_no_permission_at_all(citizen):
    assert citizen.get_all_permissions() == set()
    assert not Group.objects.get(name=roles.CITIZENS).page_permissions.exists()


@pytest.mark.django_db
def test_elected_official_can_create_edit_and_publish_pages(elected):
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title="Consultation", slug="consultation"))
    assert root.permissions_for_user(elected).can_add_subpage()
    permissions = page.permissions_for_user(elected)
    assert permissions.can_edit()
    assert permissions.can_publish()


@pytest.mark.django_db
def test_moderator_and_agent_cannot_publish_pages(moderator, agent):
    page = Page.get_first_root_node().add_child(instance=Page(title="Actu", slug="actu"))
    for user in (moderator, agent):
        assert not page.permissions_for_user(user).can_publish()


@pytest.mark.django_db
def test_sync_group_permissions_is_idempotent():
    roles.sync_group_permissions()
    before = {g.name: set(g.permissions.all()) for g in Group.objects.all()}
    pages_before = Group.objects.get(name=roles.ELECTED).page_permissions.count()
    roles.sync_group_permissions()
    assert {g.name: set(g.permissions.all()) for g in Group.objects.all()} == before
    assert Group.objects.get(name=roles.ELECTED).page_permissions.count() == pages_before == 3


@pytest.mark.django_db
def test_anonymous_admin_goes_to_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/compte/login/?next=/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["moderator", "elected", "agent", "administrator"])
def test_team_roles_reach_the_admin(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_elected_official_logs_in_through_allauth_and_reaches_the_admin(client, elected):
    response = client.post(
        "/compte/login/?next=/admin/", {"login": elected.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_citizen_gets_a_friendly_refusal_not_the_admin(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain[-1][0] == "/compte/login/?next=/admin/"
    html = response.content.decode()
    assert "réservée aux équipes de la ville" in html
    assert reverse("accounts:dashboard") in html


@pytest.mark.django_db
def test_signed_in_user_on_login_page_is_sent_on(client, citizen):
    client.force_login(citizen)
    response = client.get("/compte/login/?next=/mon-espace/profil/")
    assert response.status_code == 302
    assert response.url == "/mon-espace/profil/"


@pytest.mark.django_db
def test_wagtail_admin_logout_logs_out(client, elected):
    client.force_login(elected)
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
