"""The admin's campaign form refuses what `services.campaign_check` refuses, on the field."""

import html as htmlib
import re

import pytest
from django.urls import reverse

from budget.models import Campaign
from tests.budget.factories import CampaignFactory
from tests.budget.test_wagtail_hooks import campaign_form_data

pytestmark = pytest.mark.django_db


def test_a_new_campaign_with_envelopes_over_its_total_is_refused_then_created(client, agent):
    template = CampaignFactory.build(phase=Campaign.Phase.UPCOMING, slug="bp-2027")
    data = campaign_form_data(template, [], title="BP 2027", total_amount="100000")
    data.update(
        {
            "envelopes-TOTAL_FORMS": "1",
            "envelopes-INITIAL_FORMS": "0",
            "envelopes-0-id": "",
            "envelopes-0-district": "",
            "envelopes-0-amount": "150000",
        }
    )
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_campaign:add")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "total_amount" in response.context["form"].errors
    assert "Les enveloppes totalisent 150000 €" in response.content.decode()
    assert not Campaign.objects.filter(slug="bp-2027").exists()

    data["envelopes-0-amount"] = "100000"
    assert client.post(url, data).status_code == 302
    campaign = Campaign.objects.get(slug="bp-2027")
    assert list(campaign.envelopes.values_list("amount", flat=True)) == [100_000]


def test_equal_shares_completion_is_offered_with_add1_comparison_by_default(client, agent):
    """The form offers the three completions, Add1 + comparison checked, each explained in
    plain words; a campaign created with it counts with `equalshares/add1-comparison`."""
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_campaign:add")
    html = htmlib.unescape(client.get(url).content.decode())
    assert 'type="radio" name="equal_shares_completion" value="add1-comparison"' in html
    assert re.search(r'value="add1-comparison"[^>]*checked', html)
    for words in (
        "« Aucune » : chaque votant reçoit sa part de l'enveloppe",
        "« Add1 » : on refait le calcul en donnant un euro de plus à chaque votant",
        "puis on la compare avec celle de la règle gloutonne",
        "s'il reste de l'argent à la fin, ajouter les projets les plus soutenus",
    ):
        assert words in html

    template = CampaignFactory.build(
        phase=Campaign.Phase.UPCOMING, slug="bp-2028", tally_rule="equalshares"
    )
    data = campaign_form_data(template, [], title="BP 2028", total_amount="100000")
    data.update(
        {
            "equal_shares_completion": "add1-comparison",
            "envelopes-TOTAL_FORMS": "1",
            "envelopes-INITIAL_FORMS": "0",
            "envelopes-0-id": "",
            "envelopes-0-district": "",
            "envelopes-0-amount": "100000",
        }
    )
    assert client.post(url, data).status_code == 302
    assert Campaign.objects.get(slug="bp-2028").pabulib_rule == "equalshares/add1-comparison"
