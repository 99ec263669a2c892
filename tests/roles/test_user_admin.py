"""Administrators manage people in /admin/users/: roles without inventing names, a citizen's
district and age bracket, a clear superuser switch, who protects their account with a second
factor (issue #8, point 8)."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from civic.accounts import roles
from civic.accounts.models import AgeBracket, Profile
from tests.factories import CitizenFactory, DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db


def _post(person, **changes):
    profile = Profile.objects.filter(user=person).first()
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [str(g.pk) for g in person.groups.all()],
        "district": str(profile.district_id) if profile and profile.district_id else "",
        "age_bracket": profile.age_bracket if profile else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_role_change_saves_without_first_and_last_names(client, administrator):
    person = CitizenFactory(first_name="", last_name="")
    agents = Group.objects.get(name=roles.STAFF)
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        _post(person, groups=[str(agents.pk)]),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert list(person.groups.values_list("name", flat=True)) == [roles.STAFF]


def test_an_account_is_created_without_names(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "nouvelle.agente@example.org",
            "password1": "Un-mot-de-passe-long-42",
            "password2": "Un-mot-de-passe-long-42",
            "groups": [str(Group.objects.get(name=roles.STAFF).pk)],
        },
    )
    assert response.status_code == 302, response.context["form"].errors


def test_an_administrator_corrects_district_and_age_bracket_and_it_is_audited(
    client, administrator
):
    old = DistrictFactory(name="Centre", slug="centre")
    new = DistrictFactory(name="Les Hauts", slug="les-hauts")
    person = CitizenFactory(profile__district=old, profile__age_bracket=AgeBracket.FROM_18_TO_29)
    client.force_login(administrator)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    form_html = client.get(url).content.decode()
    assert 'name="district"' in form_html and 'name="age_bracket"' in form_html

    response = client.post(
        url, _post(person, district=str(new.pk), age_bracket=AgeBracket.FROM_30_TO_44)
    )
    assert response.status_code == 302, response.context["form"].errors
    profile = Profile.objects.get(user=person)
    assert (profile.district, profile.age_bracket) == (new, AgeBracket.FROM_30_TO_44)
    entry = ModelLogEntry.objects.for_instance(person).get(action="accounts.user.edit")
    changes = entry.data["changes"]
    assert changes["profile.district"]["before"] == "Centre"
    assert changes["profile.district"]["after"] == "Les Hauts"
    assert changes["profile.age_bracket"]["after"] == "30 à 44 ans"
    history = client.get(reverse("wagtailusers_users:history", args=[person.pk]))
    assert "Centre → Les Hauts" in history.content.decode()


def test_a_district_is_given_to_an_account_that_had_no_profile(client, administrator):
    person = UserFactory()
    district = DistrictFactory()
    client.force_login(administrator)
    client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]), _post(person, district=district.pk)
    )
    assert Profile.objects.get(user=person).district == district


def test_malformed_profile_values_are_refused_with_a_form_error(client, administrator):
    person = CitizenFactory()
    client.force_login(administrator)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    for bad in ({"district": "999999"}, {"age_bracket": "200+"}):
        response = client.post(url, _post(person, **bad))
        assert response.status_code == 200
        assert response.context["form"].errors
    # A NUL byte is refused before any form (civic.middleware).
    assert client.post(url, _post(person, district="1\x00")).status_code == 400


def test_the_superuser_switch_is_labelled_and_only_for_superusers(client, administrator):
    person = CitizenFactory()
    client.force_login(administrator)  # a superuser
    html = client.get(reverse("wagtailusers_users:edit", args=[person.pk])).content.decode()
    assert "Super-administrateur technique (tous les droits, sans passer par les groupes)" in html

    group_admin = CitizenFactory(groups=[roles.ADMINISTRATORS], is_staff=True)
    client.force_login(group_admin)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    html = client.get(url).content.decode()
    assert 'name="is_superuser"' not in html
    client.post(url, _post(person, is_superuser="on"))
    person.refresh_from_db()
    assert not person.is_superuser


def _listing(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_listing_says_which_team_members_use_a_second_factor(client, administrator):
    protected = CitizenFactory(groups=[roles.MODERATORS], email="avec.mfa@example.org")
    Authenticator.objects.create(user=protected, type=Authenticator.Type.TOTP, data={})
    CitizenFactory(groups=[roles.STAFF], email="sans.mfa@example.org")
    client.force_login(administrator)
    html, _count = _listing(client)
    assert "Double authentification" in html
    rows = {row.split("</tr>")[0] for row in html.split("<tr")}
    with_mfa = next(row for row in rows if "avec.mfa@example.org" in row)
    without_mfa = next(row for row in rows if "sans.mfa@example.org" in row)
    assert ">Oui<" in with_mfa.replace("\n", "").replace(" ", "")
    assert ">Non<" in without_mfa.replace("\n", "").replace(" ", "")


def test_the_mfa_column_costs_no_query_per_row(client, administrator):
    client.force_login(administrator)

    def people(n):
        for _ in range(n):
            person = CitizenFactory(groups=[roles.STAFF])
            Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})

    people(3)
    _listing(client)
    _html, few = _listing(client)
    people(12)
    _html, many = _listing(client)
    assert many == few
