"""Moderators curate ideas but take none of the city's decisions and never rewrite a citizen's
text; the ideas export opens cleanly in a spreadsheet (issue #8, points 7 and 10)."""

import csv
import io

import pytest
from django.urls import reverse

from proposals.models import Idea
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_a_moderator_cannot_retain_or_refuse_an_idea_under_study(client, moderator):
    idea = IdeaFactory(status=Idea.Status.UNDER_STUDY)
    client.force_login(moderator)
    inspect = client.get(reverse("ideas:inspect", args=[idea.pk])).content.decode()
    assert "Faire avancer l'idée" not in inspect
    assert "Réponse officielle" not in inspect

    response = client.post(reverse("ideas:advance", args=[idea.pk]), {"transition": "accept"})
    idea.refresh_from_db()
    assert idea.status == Idea.Status.UNDER_STUDY
    assert response.status_code == 200  # the form again, with the error


def test_a_moderator_cannot_give_the_official_answer(client, moderator):
    idea = IdeaFactory()
    client.force_login(moderator)
    client.post(reverse("ideas:answer", args=[idea.pk]), {"text": "La ville répond."})
    idea.refresh_from_db()
    assert idea.official_answer == ""


@pytest.mark.parametrize("role", ["agent", "elected"])
def test_agents_and_elected_officials_decide(client, request, role):
    idea = IdeaFactory(status=Idea.Status.UNDER_STUDY)
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("ideas:advance", args=[idea.pk]), {"transition": "accept"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Idea.Status.ACCEPTED


def test_a_moderator_still_publishes_and_rejects_pending_ideas(client, moderator):
    idea = IdeaFactory(status=Idea.Status.SUBMITTED)
    client.force_login(moderator)
    client.post(
        reverse("ideas:advance", args=[idea.pk]),
        {"transition": "reject", "reason": "Hors sujet : ne concerne pas la ville."},
    )
    idea.refresh_from_db()
    assert idea.status == Idea.Status.REJECTED


def _edit_data(idea, **changes):
    return {
        "title": idea.title,
        "body": idea.body,
        "theme": idea.theme_id,
        "district": idea.district_id or "",
        **changes,
    }


def test_a_moderator_sees_the_text_read_only_and_cannot_rewrite_it(client, moderator):
    idea = IdeaFactory(title="Des bancs au parc", body="Texte de la citoyenne.")
    client.force_login(moderator)
    url = reverse("ideas:edit", args=[idea.pk])
    html = client.get(url).content.decode()
    assert 'name="title"' not in html and 'name="body"' not in html
    assert "Texte de la citoyenne." in html
    assert "modifié que par son auteur" in html

    response = client.post(
        url, _edit_data(idea, title="Titre réécrit", body="Texte réécrit par la modération.")
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.title, idea.body) == ("Des bancs au parc", "Texte de la citoyenne.")


def test_a_moderator_can_refile_an_idea_under_another_theme(client, moderator):
    from tests.proposals.factories import ThemeFactory

    idea = IdeaFactory()
    other = ThemeFactory(name="Mobilité", slug="mobilite")
    client.force_login(moderator)
    client.post(reverse("ideas:edit", args=[idea.pk]), _edit_data(idea, theme=other.pk))
    idea.refresh_from_db()
    assert idea.theme == other


def test_an_administrator_can_correct_a_slip_in_the_text(client, administrator):
    idea = IdeaFactory(title="Des bamcs au parc")
    client.force_login(administrator)
    client.post(reverse("ideas:edit", args=[idea.pk]), _edit_data(idea, title="Des bancs au parc"))
    idea.refresh_from_db()
    assert idea.title == "Des bancs au parc"


def test_the_ideas_csv_has_a_bom_french_headings_and_labels(client, agent):
    IdeaFactory(title="Vélos", status=Idea.Status.UNDER_STUDY)
    client.force_login(agent)
    response = client.get(reverse("ideas:index") + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert rows[0] == ["N°", "Titre", "Statut", "Thème", "Quartier", "Canal", "Déposée le"]
    assert rows[1][2] == "À l'étude"
    assert rows[1][5] == "Site web"
    assert "Pk" not in rows[0]


@pytest.mark.parametrize("role", ["moderator", "elected", "agent", "administrator"])
def test_the_admin_has_no_add_idea_form(client, request, role):
    """Ideas come from citizens (public form) or, for Agents, from the on-behalf form."""
    client.force_login(request.getfixturevalue(role))
    listing = client.get(reverse("ideas:index")).content.decode()
    assert "Ajouter une idée" not in listing and "/admin/idees/new/" not in listing
    assert client.get("/admin/idees/new/").status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_it"),
    [("citizen", False), ("moderator", False), ("elected", False), ("agent", True)],
)
def test_only_agents_get_the_on_behalf_form(client, request, role, sees_it):
    """DOMAIN.md: Agents enter counter, phone and mail ideas for citizens (Administrators,
    who hold every permission, too); nobody else sees the author's e-mail field."""
    client.force_login(request.getfixturevalue(role))
    html = client.get(reverse("proposals:idea_create")).content.decode()
    assert ('name="author_email"' in html) is sees_it
