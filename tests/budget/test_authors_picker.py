"""The project's "Porteurs" field is a search by public name, not a list of every account's
email (issue #8, point 9)."""

import pytest
from django.urls import reverse

from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db):
    author = CitizenFactory(profile__display_name="Porteuse Lou")
    return ProjectFactory(
        authors=[author], envelope=EnvelopeFactory(campaign=CampaignFactory(phase="review"))
    )


def test_the_edit_form_shows_the_authors_by_public_name_and_no_other_account(
    client, agent, project
):
    stranger = CitizenFactory(profile__display_name="Quelqu'un d'autre")
    author = project.authors.get()
    client.force_login(agent)
    page = client.get(reverse("wagtailsnippets_budget_project:edit", args=[project.pk]))
    html = page.content.decode()
    assert "Porteuse Lou" in html
    assert author.email not in html
    assert stranger.email not in html and "Quelqu&#x27;un d&#x27;autre" not in html
    assert "pseudonym-autocomplete.js" in html


def test_the_search_answers_public_names_only_to_staff_who_edit_projects(
    client, agent, citizen, project
):
    url = reverse("accounts_admin:pseudonym_search")
    client.force_login(agent)
    response = client.get(url, {"q": "lou"})
    author = project.authors.get()
    assert response.json() == {"results": [{"id": author.pk, "name": "Porteuse Lou"}]}
    assert author.email not in response.content.decode()
    assert client.get(url, {"q": "a\x00b"}).status_code == 400
    assert client.get(url, {"q": "x" * 10_000}).status_code == 200
    client.force_login(citizen)
    assert client.get(url, {"q": "lou"}).status_code == 302  # the admin is closed to citizens


def test_a_moderator_cannot_search_accounts(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("accounts_admin:pseudonym_search"), {"q": "lou"})
    assert response.status_code == 403


def test_the_chosen_authors_are_saved(client, agent, project):
    other = CitizenFactory(profile__display_name="Sam")
    client.force_login(agent)
    from tests.audit.test_edit_changes import project_form_data

    data = project_form_data(project, authors=[str(other.pk)])
    url = reverse("wagtailsnippets_budget_project:edit", args=[project.pk])
    assert client.post(url, data).status_code == 302
    assert list(project.authors.all()) == [other]
