import pytest
from django.urls import reverse

from proposals.models import Idea
from tests.proposals.factories import IdeaFactory, ThemeFactory

pytestmark = pytest.mark.django_db
S = Idea.Status


def test_staff_browse_every_idea_with_filters(client, agent):
    IdeaFactory(title="Publiée")
    IdeaFactory(title="En attente", status=S.SUBMITTED)
    client.force_login(agent)
    response = client.get(reverse("ideas:index"), {"status": S.SUBMITTED})
    html = response.content.decode()
    assert response.status_code == 200
    assert "En attente" in html and "Publiée</a>" not in html


def test_inspect_page_offers_the_lifecycle_actions(client, elected):
    idea = IdeaFactory(status=S.PUBLISHED)
    client.force_login(elected)
    html = client.get(reverse("ideas:inspect", args=[idea.pk])).content.decode()
    assert reverse("ideas:advance", args=[idea.pk]) in html
    assert reverse("ideas:answer", args=[idea.pk]) in html


def test_admin_status_change_goes_through_the_service(client, elected):
    idea = IdeaFactory(status=S.UNDER_STUDY)
    client.force_login(elected)
    url = reverse("ideas:advance", args=[idea.pk])

    response = client.post(url, {"transition": "not_retain", "reason": ""})
    assert response.status_code == 200
    assert "Indiquez le motif" in response.content.decode()

    response = client.post(url, {"transition": "not_retain", "reason": "Trop coûteux"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == S.NOT_RETAINED
    assert idea.status_changes.get().reason == "Trop coûteux"


def test_admin_offers_only_what_the_role_may_do(client, elected):
    idea = IdeaFactory(status=S.SUBMITTED)
    client.force_login(elected)
    response = client.post(reverse("ideas:advance", args=[idea.pk]), {"transition": "publish"})
    assert response.status_code == 200  # "publish" is not a choice for an elected official
    idea.refresh_from_db()
    assert idea.status == S.SUBMITTED


def test_admin_official_answer(client, agent):
    idea = IdeaFactory(status=S.PUBLISHED)
    client.force_login(agent)
    response = client.post(reverse("ideas:answer", args=[idea.pk]), {"text": "Merci !"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.official_answer == "Merci !"


def test_citizens_have_no_admin(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = client.get(reverse("ideas:advance", args=[idea.pk]))
    assert response.status_code in (302, 403)


def test_editors_manage_themes_as_snippets(client, elected):
    ThemeFactory(name="Mobilité")
    client.force_login(elected)
    response = client.get(reverse("wagtailsnippets_proposals_theme:list"))
    assert response.status_code == 200 and "Mobilité" in response.content.decode()
