"""The budget in the Wagtail admin: campaign and project listings, the review form."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from budget.models import Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory


@pytest.fixture
def project(db):
    return ProjectFactory(
        status=Project.Status.SUBMITTED,
        validated_cost=None,
        envelope=EnvelopeFactory(campaign=CampaignFactory(phase="review")),
    )


def test_agents_list_campaigns_and_projects_with_filters(client, agent, project):
    client.force_login(agent)
    response = client.get(reverse("wagtailsnippets_budget_campaign:list"))
    assert response.status_code == 200
    assert project.campaign.title in response.content.decode()
    response = client.get(reverse("wagtailsnippets_budget_project:list"), {"status": "submitted"})
    assert response.status_code == 200
    assert project.title in response.content.decode()
    edit = client.get(reverse("wagtailsnippets_budget_campaign:edit", args=[project.campaign.pk]))
    assert edit.status_code == 200
    assert "Enveloppes" in edit.content.decode()


def test_an_agent_reviews_a_project_through_the_service(client, agent, project):
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_project:review", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "decision": "ineligible",
            "feasibility": "not_feasible",
            "validated_cost": "",
            "public_note": "",
            "internal_note": "",
        },
    )
    assert response.status_code == 200  # the form again, with the reason asked for
    assert "Expliquez publiquement" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED

    response = client.post(
        url,
        {
            "decision": "eligible",
            "feasibility": "feasible",
            "validated_cost": "120000",
            "public_note": "Chiffrage des services.",
            "internal_note": "",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.validated_cost) == ("eligible", 120_000)


def test_a_citizen_cannot_review(client, citizen, project):
    client.force_login(citizen)
    response = client.get(reverse("wagtailsnippets_budget_project:review", args=[project.pk]))
    assert response.status_code in (302, 403)


def campaign_form_data(campaign, envelopes, **changes):
    fmt = "%Y-%m-%d %H:%M"
    data = {
        "title": campaign.title,
        "slug": campaign.slug,
        "description": "",
        "total_amount": str(campaign.total_amount),
        "min_age_bracket": "",
        "requires_district": "on",
        "requires_verified_account": "on",
        "vote_rule": campaign.vote_rule,
        "min_choices": str(campaign.min_choices),
        "max_choices": str(campaign.max_choices or ""),
        "tally_rule": campaign.tally_rule,
        "tally_threshold": "0",
        "equal_shares_completion": campaign.equal_shares_completion,
        "envelopes-TOTAL_FORMS": str(len(envelopes)),
        "envelopes-INITIAL_FORMS": str(len(envelopes)),
        "envelopes-MIN_NUM_FORMS": "1",
        "envelopes-MAX_NUM_FORMS": "1000",
    }
    for name in ["submission_start", "submission_end", "review_end", "vote_start", "vote_end"]:
        data[name] = timezone.localtime(getattr(campaign, name)).strftime(fmt)
    data["results_date"] = timezone.localtime(campaign.results_date).strftime(fmt)
    data["followup_start"] = ""
    for index, envelope in enumerate(envelopes):
        data[f"envelopes-{index}-id"] = str(envelope.pk)
        data[f"envelopes-{index}-district"] = str(envelope.district_id or "")
        data[f"envelopes-{index}-amount"] = str(envelope.amount)
    data.update(changes)
    return data


def test_envelopes_cannot_exceed_the_total_and_rules_freeze_during_the_vote(client, agent, city):
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_campaign:edit", args=[city.campaign.pk])
    envelopes = [city.city, city.north, city.south]
    before_the_vote = city.campaign.vote_start - datetime.timedelta(days=1)
    with time_machine.travel(before_the_vote, tick=False):
        data = campaign_form_data(city.campaign, envelopes, total_amount="600000")
        response = client.post(url, data)
    assert response.status_code == 200
    assert "Les enveloppes totalisent 700000 €" in response.content.decode()
    # During the vote the voting rules are read-only: a crafted value is ignored.
    data = campaign_form_data(city.campaign, envelopes, max_choices="5", title="BP 2027")
    response = client.post(url, data)
    assert response.status_code == 302
    city.campaign.refresh_from_db()
    assert (city.campaign.title, city.campaign.max_choices) == ("BP 2027", 3)


def test_an_envelope_with_projects_cannot_be_deleted(client, agent, city):
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_campaign:edit", args=[city.campaign.pk])
    data = campaign_form_data(city.campaign, [city.city, city.north, city.south])
    data["envelopes-2-DELETE"] = "on"
    with time_machine.travel(city.campaign.vote_start - datetime.timedelta(days=1), tick=False):
        response = client.post(url, data)
    assert response.status_code == 200
    assert "ne peut pas être supprimée" in response.content.decode()
    assert city.campaign.envelopes.count() == 3
