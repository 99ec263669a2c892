"""An administrator publishes a campaign's results with the visible buttons of the admin, at
1280 px, then withdraws them with a reason at 375 px; citizens read each state on the public
results page. axe finds no violation on the admin and public pages of the journey."""

import re

import pytest
from playwright.sync_api import expect

from budget.ballots import ballot_cast
from budget.models import Campaign
from civic.accounts import roles
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory, phase_dates
from tests.factories import DEFAULT_PASSWORD, CitizenFactory

# serialized_rollback: the live server needs what migrations created (Wagtail's root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def counted_campaign(default_site):
    """A campaign whose vote has just closed: 5 ballots in one envelope of 100 000 €."""
    campaign = CampaignFactory(title="Budget participatif 2026", vote_rule="knapsack")
    envelope = EnvelopeFactory(campaign=campaign, amount=100_000)
    trees = ProjectFactory(envelope=envelope, title="Des arbres rue Haute", estimated_cost=60_000)
    benches = ProjectFactory(envelope=envelope, title="Des bancs au parc", estimated_cost=30_000)
    lane = ProjectFactory(envelope=envelope, title="Une piste cyclable", estimated_cost=70_000)
    for choices in ([trees, benches], [trees], [trees, benches], [lane, benches], [lane]):
        ballot_cast(
            campaign=campaign,
            voter=CitizenFactory(),
            choices={envelope.pk: [p.pk for p in choices]},
        )
    Campaign.objects.filter(pk=campaign.pk).update(**phase_dates(Campaign.Phase.COUNTING))
    return campaign


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def test_an_administrator_publishes_then_withdraws_the_results(
    live_server, browser_page, axe_check, counted_campaign
):
    campaign = counted_campaign
    administrator = CitizenFactory(groups=[roles.ADMINISTRATORS])
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, administrator)

    page.goto(f"{live_server.url}/admin/snippets/budget/campaign/")
    page.get_by_role("button", name=f"Plus d’options pour « {campaign.title} »").click()
    page.get_by_role("link", name="Résultats").click()
    page.get_by_role("button", name="Calculer un aperçu").click()
    expect(page.get_by_text("Des arbres rue Haute").first).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Publier les résultats…").click()
    expect(page.get_by_role("heading", name=re.compile("Publier les résultats"))).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Oui, publier les résultats").click()
    expect(page.get_by_text("Résultats publiés.")).to_be_visible()

    public = f"{live_server.url}/budget-participatif/{campaign.slug}/resultats/"
    page.goto(public)
    expect(page.get_by_role("heading", name="Résultats du vote")).to_be_visible()
    expect(page.get_by_text("Des arbres rue Haute").first).to_be_visible()
    axe_check(page)

    # A mistake is found: withdrawn at the counter's phone, with the reason citizens will read.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/admin/budget/campagnes/{campaign.pk}/resultats/")
    page.get_by_role("link", name="Retirer les résultats…").click()
    expect(page.get_by_role("heading", name=re.compile("Retirer les résultats"))).to_be_visible()
    page.get_by_role("textbox", name=re.compile("Raison")).fill(
        "Des bulletins papier n'avaient pas été saisis."
    )
    axe_check(page)
    page.get_by_role("button", name="Retirer les résultats").click()

    page.goto(public)
    expect(page.get_by_role("heading", name="Les résultats ont été retirés")).to_be_visible()
    expect(page.get_by_text("Des bulletins papier n'avaient pas été saisis.")).to_be_visible()
    expect(page.get_by_text("Publication annoncée")).to_have_count(0)
    axe_check(page)
