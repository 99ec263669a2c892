"""Edits in the admin say what changed: the fields before and after, in the log entry and in
the object's history (issue #8, point 4)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from civic.accounts import roles
from civic.audit import audit_changes, audit_snapshot
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.budget.test_wagtail_hooks import campaign_form_data
from tests.factories import CitizenFactory
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def project_form_data(project, **changes):
    data = {
        "campaign": str(project.campaign_id),
        "envelope": str(project.envelope_id),
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "latitude": "" if project.latitude is None else str(project.latitude),
        "longitude": "" if project.longitude is None else str(project.longitude),
        "estimated_cost": str(project.estimated_cost),
        "authors": [str(pk) for pk in project.authors.values_list("pk", flat=True)],
    }
    data.update(changes)
    return data


@pytest.fixture
def project(db):
    author = CitizenFactory(profile__display_name="Porteuse Lou")
    return ProjectFactory(
        title="Un banc au parc",
        estimated_cost=12_000,
        authors=[author],
        envelope=EnvelopeFactory(campaign=CampaignFactory(phase="review")),
    )


def test_audit_changes_keeps_only_the_fields_that_differ():
    before = {"title": {"label": "titre", "value": "A"}, "cost": {"label": "coût", "value": 1}}
    after = {"title": {"label": "titre", "value": "B"}, "cost": {"label": "coût", "value": 1}}
    assert audit_changes(before, after) == {
        "title": {"label": "titre", "before": "A", "after": "B"}
    }
    assert audit_changes({"x": 1}, {"x": 2}) == {"x": {"label": "x", "before": 1, "after": 2}}


def test_a_snapshot_names_people_by_their_public_name_and_never_holds_a_password(project):
    author = project.authors.get()
    assert audit_snapshot(project)["authors"]["value"] == ["Porteuse Lou"]
    snapshot = audit_snapshot(author)
    assert "password" not in snapshot and "last_login" not in snapshot


def test_a_project_edit_records_before_and_after_and_the_history_shows_it(client, agent, project):
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_project:edit", args=[project.pk])
    response = client.post(
        url, project_form_data(project, title="Un banc ombragé", estimated_cost="15000")
    )
    assert response.status_code == 302

    entry = ModelLogEntry.objects.for_instance(project).get(action="budget.project.edit")
    assert entry.user == agent
    assert entry.data["changes"] == {
        "estimated_cost": {
            "label": "coût estimé par les porteurs (€)",
            "before": 12000,
            "after": 15000,
        },
        "title": {"label": "titre", "before": "Un banc au parc", "after": "Un banc ombragé"},
    }
    history = client.get(reverse("wagtailsnippets_budget_project:history", args=[project.pk]))
    page = history.content.decode()
    assert "Titre : Un banc au parc → Un banc ombragé" in page
    assert "Coût estimé par les porteurs (€) : 12000 → 15000" in page


def test_an_edit_that_changes_nothing_says_so(client, agent, project):
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_project:edit", args=[project.pk])
    assert client.post(url, project_form_data(project)).status_code == 302
    entry = ModelLogEntry.objects.for_instance(project).get(action="budget.project.edit")
    assert entry.data["changes"] == {}
    assert "aucun champ changé" in entry.message


def test_a_campaign_edit_records_its_fields_and_envelopes(client, agent):
    campaign = CampaignFactory(phase="review", title="BP 2027")
    dates = ["submission_start", "submission_end", "review_end", "vote_start", "vote_end"]
    for name in [*dates, "results_date"]:  # the form's precision is the minute
        setattr(campaign, name, getattr(campaign, name).replace(second=0, microsecond=0))
    campaign.save()
    envelope = EnvelopeFactory(campaign=campaign, amount=300_000)
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_campaign:edit", args=[campaign.pk])
    data = campaign_form_data(campaign, [envelope], title="BP 2027 bis")
    data["envelopes-0-amount"] = "250000"
    response = client.post(url, data)
    assert response.status_code == 302

    entry = ModelLogEntry.objects.for_instance(campaign).get(action="budget.campaign.edit")
    changes = entry.data["changes"]
    assert changes["title"]["before"] == "BP 2027"
    assert changes["title"]["after"] == "BP 2027 bis"
    assert changes["envelopes"]["before"] != changes["envelopes"]["after"]
    assert set(changes) == {"title", "envelopes"}


def test_an_idea_correction_records_before_and_after(client, administrator):
    # Only administrators correct a citizen's text (issue #8, point 7).
    idea = IdeaFactory(title="Des vélos", body="Plus de vélos en ville.")
    client.force_login(administrator)
    url = reverse("ideas:edit", args=[idea.pk])
    response = client.post(
        url,
        {
            "title": "Des vélos partagés",
            "body": idea.body,
            "theme": str(idea.theme_id),
            "district": "",
        },
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(idea).get(action="proposals.idea.edit")
    assert entry.data["changes"] == {
        "title": {"label": "titre", "before": "Des vélos", "after": "Des vélos partagés"}
    }


def test_a_role_change_is_logged_with_the_groups_before_and_after(client, administrator):
    person = CitizenFactory(groups=[roles.CITIZENS], first_name="Lou", last_name="Martin")
    client.force_login(administrator)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    staff = Group.objects.get(name=roles.STAFF)
    citizens = Group.objects.get(name=roles.CITIZENS)
    response = client.post(
        url,
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "password1": "",
            "password2": "",
            "is_active": "on",
            "groups": [str(citizens.pk), str(staff.pk)],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = ModelLogEntry.objects.for_instance(person).get(action="accounts.user.edit")
    assert entry.user == administrator
    assert entry.data["changes"]["groups"]["before"] == [roles.CITIZENS]
    assert entry.data["changes"]["groups"]["after"] == sorted([roles.CITIZENS, roles.STAFF])
    assert "password" not in entry.data["changes"]
