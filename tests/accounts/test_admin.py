"""Accounts in the Wagtail admin: districts, users, the strong-authentication notice."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from civic.accounts.models import District, User
from tests.factories import DEFAULT_PASSWORD, DistrictFactory


def _district_post(population, brackets):
    data = {
        "name": "Les Vignes",
        "slug": "les-vignes",
        "population": str(population),
        "description": "",
        "age_brackets-TOTAL_FORMS": str(len(brackets)),
        "age_brackets-INITIAL_FORMS": "0",
        "age_brackets-MIN_NUM_FORMS": "0",
        "age_brackets-MAX_NUM_FORMS": "8",
    }
    for i, (bracket, count) in enumerate(brackets):
        data.update(
            {
                f"age_brackets-{i}-bracket": bracket,
                f"age_brackets-{i}-population": str(count),
                f"age_brackets-{i}-id": "",
                f"age_brackets-{i}-ORDER": str(i + 1),
                f"age_brackets-{i}-DELETE": "",
            }
        )
    return data


ADD_URL = "wagtailsnippets_accounts_district:add"


@pytest.mark.django_db
def test_admin_creates_a_district_whose_pyramid_adds_up(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse(ADD_URL), _district_post(1000, [("0-10", 300), ("18-29", 700)]))
    assert response.status_code == 302
    district = District.objects.get(slug="les-vignes")
    assert sum(district.age_brackets.values_list("population", flat=True)) == 1000


@pytest.mark.django_db
def test_admin_sees_a_clear_error_when_the_pyramid_does_not_add_up(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse(ADD_URL), _district_post(1000, [("0-10", 300), ("18-29", 600)]))
    assert response.status_code == 200
    assert not District.objects.filter(slug="les-vignes").exists()
    html = response.content.decode()
    assert "doit être égale à la somme des tranches d&#x27;âge (900)" in html


@pytest.mark.django_db
def test_admin_cannot_enter_the_same_bracket_twice(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse(ADD_URL), _district_post(1000, [("0-10", 500), ("0-10", 500)]))
    assert response.status_code == 200
    assert not District.objects.filter(slug="les-vignes").exists()


@pytest.mark.django_db
def test_agent_can_list_districts_but_not_edit_them(client, agent):
    district = DistrictFactory(name="Le Port", population=4900)
    client.force_login(agent)
    listing = client.get(reverse("wagtailsnippets_accounts_district:list"))
    assert listing.status_code == 200
    assert "Le Port" in listing.content.decode()
    assert "4900" in listing.content.decode().replace("\u202f", "").replace(" ", "")
    edit = client.get(reverse("wagtailsnippets_accounts_district:edit", args=[district.pk]))
    assert edit.status_code == 302  # Wagtail's "permission denied" redirect
    assert client.get(reverse(ADD_URL)).status_code == 302


@pytest.mark.django_db
def test_citizen_and_elected_cannot_see_districts_in_admin(client, elected):
    client.force_login(elected)
    response = client.get(reverse("wagtailsnippets_accounts_district:list"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_creates_a_user_with_email_login(client, administrator):
    from django.contrib.auth.models import Group

    from civic.accounts import roles

    client.force_login(administrator)
    agents = Group.objects.get(name=roles.STAFF)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "nouvel.agent@ingeville.fr",
            "first_name": "Nouvel",
            "last_name": "Agent",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
            "groups": [agents.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="nouvel.agent@ingeville.fr")
    assert user.check_password("un-mot-de-passe-solide-42")
    assert list(user.groups.all()) == [agents]
    edit = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert edit.status_code == 200


@pytest.mark.django_db
def test_admin_dashboard_asks_staff_to_enable_two_factor(client, elected):
    client.force_login(elected)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "double authentification" in html
    assert reverse("mfa_index") in html


@pytest.mark.django_db
def test_no_two_factor_notice_once_enabled(client, elected):
    Authenticator.objects.create(user=elected, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(elected)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("mfa_index") not in html


@pytest.mark.django_db
def test_two_factor_setup_page_is_reachable(client, elected):
    assert reverse("mfa_index") == "/compte/2fa/"
    client.force_login(elected)
    assert client.get(reverse("mfa_index")).status_code == 200
    # Activating asks for the password again first.
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "<img" in response.content.decode()
