"""The paper-entry desk finds the citizen by name or email (the accounts' search the budget
counter uses) and records the questionnaire as theirs; a bad or stale choice loses nothing."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from consultations.models import Response
from tests.factories import CitizenFactory

from .factories import consultation, full_answers

pytestmark = pytest.mark.django_db


def _url(page):
    return reverse("consultations_admin:paper_entry", args=[page.pk])


def test_the_agent_finds_a_citizen_by_name_and_records_their_questionnaire(
    client, default_site, agent
):
    page = consultation(default_site)
    person = CitizenFactory(first_name="Léa", last_name="Martin", email="lea@example.org")
    CitizenFactory(first_name="Paul", last_name="Durand")
    client.force_login(agent)
    html = client.get(_url(page), {"q": "martin"}).content.decode()
    assert "Questionnaire de : Léa Martin" in html
    assert f'name="citizen" value="{person.pk}"' in html
    data = full_answers(page) | {"channel": "counter", "citizen": str(person.pk)}
    response = client.post(_url(page), data, follow=True)
    assert "Questionnaire enregistré." in response.content.decode()
    saved = Response.objects.get()
    assert saved.user == person and saved.channel == "counter"


def test_an_email_finds_one_account_and_several_names_list_them(client, default_site, agent):
    page = consultation(default_site)
    first = CitizenFactory(first_name="Ana", last_name="Dupont", email="ana@example.org")
    second = CitizenFactory(first_name="Marc", last_name="Dupont")
    client.force_login(agent)
    html = client.get(_url(page), {"q": "ANA@example.org"}).content.decode()
    assert f'name="citizen" value="{first.pk}"' in html
    html = client.get(_url(page), {"q": "Dupont"}).content.decode()
    assert "2 personnes correspondent" in html
    assert f"?citizen={first.pk}" in html and f"?citizen={second.pk}" in html
    html = client.get(_url(page), {"citizen": second.pk}).content.decode()
    assert "Questionnaire de : Marc Dupont" in html


def test_no_match_says_so_on_the_field(client, default_site, agent):
    page = consultation(default_site)
    client.force_login(agent)
    html = client.get(_url(page), {"q": "Personne"}).content.decode()
    assert "Personne ne correspond" in html
    assert 'aria-invalid="true"' in html or "error-message" in html


def test_the_lookup_is_audited_without_what_was_typed(client, default_site, agent):
    page = consultation(default_site)
    person = CitizenFactory(last_name="Martin")
    client.force_login(agent)
    client.get(_url(page), {"q": "Martin"})
    entry = PageLogEntry.objects.filter(action="consultations.response.lookup").get()
    assert entry.data["citizens"] == [person.pk]
    assert "Martin" not in str(entry.data)


@pytest.mark.parametrize("bad", ["abc", "0", "99999999", str(2**70)])
def test_a_bad_citizen_choice_is_refused_and_nothing_typed_is_lost(
    client, default_site, agent, bad
):
    page = consultation(default_site)
    client.force_login(agent)
    data = full_answers(page) | {"channel": "mail", "citizen": bad}
    response = client.post(_url(page), data)
    assert response.status_code == 400
    assert not Response.objects.exists()
    assert 'value="Souvent"' in response.content.decode()


def test_an_inactive_account_is_not_found(client, default_site, agent):
    page = consultation(default_site)
    gone = CitizenFactory(last_name="Parti", is_active=False)
    client.force_login(agent)
    response = client.get(_url(page), {"citizen": gone.pk}, follow=True)
    assert "Personne introuvable" in response.content.decode()
    assert "Personne ne correspond" in client.get(_url(page), {"q": "Parti"}).content.decode()


def test_a_refused_entry_still_names_the_chosen_citizen(client, default_site, agent):
    page = consultation(default_site)
    person = CitizenFactory(first_name="Léa", last_name="Martin")
    client.force_login(agent)
    data = full_answers(page) | {"channel": "nope", "citizen": str(person.pk)}
    response = client.post(_url(page), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Questionnaire de : Léa Martin" in html
    assert f'name="citizen" value="{person.pk}"' in html
    assert not Response.objects.exists()
