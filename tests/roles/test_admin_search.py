"""The admin's search boxes lead each staff role to a page it can use (issue #8, point 7)."""

import re

import pytest
from django.urls import reverse

from proposals.models import Idea
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db

ROLES = ["moderator", "elected", "agent", "administrator"]


def _search_actions(html: str) -> list[str]:
    """Where the dashboard's search form and the sidebar's search box send the query."""
    forms = re.findall(r'<form[^>]*action="([^"]+)"[^>]*role="search"', html)
    sidebar = re.findall(r'"wagtail.sidebar.SearchModule", "_args": \["([^"]+)"\]', html)
    return forms + sidebar


@pytest.mark.parametrize("role", ROLES)
def test_each_search_box_lands_on_a_page_the_role_can_use(client, request, role, default_site):
    IdeaFactory(title="Un parking vélo", status=Idea.Status.PUBLISHED)
    client.force_login(request.getfixturevalue(role))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    actions = _search_actions(dashboard)
    assert actions, "no search box at all"
    for action in actions:
        response = client.get(action, {"q": "vélo"})
        assert response.status_code == 200, action
        assert "permission" not in response.content.decode().lower(), action


@pytest.mark.parametrize("role", ["moderator", "agent"])
def test_roles_without_pages_search_ideas(client, request, role, default_site):
    IdeaFactory(title="Un parking vélo")
    IdeaFactory(title="Planter des arbres")
    client.force_login(request.getfixturevalue(role))
    actions = _search_actions(client.get(reverse("wagtailadmin_home")).content.decode())
    assert set(actions) == {reverse("ideas:index")}
    html = client.get(reverse("ideas:index"), {"q": "vélo"}).content.decode()
    assert "Un parking vélo" in html and "Planter des arbres" not in html
