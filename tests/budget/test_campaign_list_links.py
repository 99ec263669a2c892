"""On `/budget-participatif/`, "Votez maintenant" and "Résultats publiés" are links."""

import pytest
from django.urls import reverse

from budget.models import Campaign
from tests.budget.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_vote_and_results_badges_are_links(client):
    voting = CampaignFactory(phase=Campaign.Phase.VOTE)
    finished = CampaignFactory(phase=Campaign.Phase.RESULTS)

    html = client.get(reverse("budget:campaign_list")).content.decode()

    assert f'href="{reverse("budget:ballot", args=[voting.slug])}">Votez maintenant' in html
    assert f'href="{reverse("budget:results", args=[finished.slug])}">Résultats publiés' in html
