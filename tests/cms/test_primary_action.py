"""The home page's main button invites to participate now: the open vote first."""

import re

import pytest
from django.urls import reverse
from wagtail import hooks

from budget.models import Campaign
from civic.hooks import PRIMARY_ACTIONS, PrimaryAction, primary_action_collect
from tests.budget.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def primary_button(html: str) -> tuple[str, str]:
    match = re.search(
        r'<a class="btn btn--primary" href="([^"]+)" data-primary-action>([^<]+)<', html
    )
    assert match, "no primary button"
    return match.group(1), match.group(2)


def test_an_open_vote_is_the_main_button(client, news_index):
    campaign = CampaignFactory(phase=Campaign.Phase.VOTE, title="Budget participatif 2027")

    href, text = primary_button(client.get("/").content.decode())

    assert href == reverse("budget:ballot", args=[campaign.slug])
    assert text == "Voter : Budget participatif 2027"


def test_an_open_call_for_projects_comes_before_ideas(client, home):
    campaign = CampaignFactory(phase=Campaign.Phase.SUBMISSION)

    href, _text = primary_button(client.get("/").content.decode())

    assert href == reverse("budget:project_submit", args=[campaign.slug])


def test_without_a_campaign_the_button_invites_to_propose_an_idea(client, home):
    CampaignFactory(phase=Campaign.Phase.REVIEW)

    href, text = primary_button(client.get("/").content.decode())

    assert (href, text) == (reverse("proposals:idea_create"), "Proposer une idée")


def test_the_lowest_order_wins(rf):
    def urgent(request):
        return PrimaryAction("Répondre à la consultation", "/consultations/x/", order=5)

    with hooks.register_temporarily(PRIMARY_ACTIONS, urgent):
        action = primary_action_collect(rf.get("/"))

    assert action.url == "/consultations/x/"
