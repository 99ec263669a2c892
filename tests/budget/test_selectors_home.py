"""The campaign the home page puts forward (`selectors.campaign_for_home`)."""

import pytest

from budget import selectors
from budget.models import Campaign
from tests.budget.factories import CampaignFactory
from tests.cms.factories import home_page_create

pytestmark = pytest.mark.django_db
P = Campaign.Phase


def test_a_campaign_open_to_vote_comes_first_then_one_open_to_submission():
    assert selectors.campaign_for_home() is None
    CampaignFactory(phase=P.UPCOMING)
    assert selectors.campaign_for_home() is None  # nothing to show before it starts
    finished = CampaignFactory(phase=P.RESULTS)
    assert selectors.campaign_for_home() == finished
    submission = CampaignFactory(phase=P.SUBMISSION)
    assert selectors.campaign_for_home() == submission
    vote = CampaignFactory(phase=P.VOTE)
    assert selectors.campaign_for_home() == vote


def test_the_home_page_shows_it(client):
    home_page_create()
    campaign = CampaignFactory(phase=P.VOTE, title="Budget participatif 2026")
    page = client.get("/").content.decode()
    assert campaign.title in page


def test_it_costs_one_query_whatever_the_number_of_campaigns(django_assert_num_queries):
    for size in (2, 12):
        CampaignFactory.create_batch(size - Campaign.objects.count(), phase=P.RESULTS)
        with django_assert_num_queries(1):
            selectors.campaign_for_home()
