"""The counter (guichet) in a browser, as at a polling station: the Agent logs in, opens the
counter from the campaign listing's button, finds the citizen, attests their identity, reads
why they cannot vote, completes their district with them, opens the booth; the citizen then
chooses alone on the tablet, confirms, notes the receipt and hands the tablet back."""

import re

import pytest
from playwright.sync_api import expect

from budget.models import Channel, VoterRecord
from civic.accounts.models import Profile
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import DEFAULT_PASSWORD, CitizenFactory, DistrictFactory
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name: str) -> None:
    screenshots_take(page, "budgetcounter", name)


@pytest.fixture
def campaign(default_site):
    """A knapsack vote for residents: 300 000 € for the city, 150 000 € for the Gare."""
    gare = DistrictFactory(name="Gare", population=4200)
    campaign = CampaignFactory(
        title="Budget participatif 2027",
        vote_rule="knapsack",
        max_choices=None,
        requires_district=True,
    )
    city = EnvelopeFactory(campaign=campaign, amount=300_000)
    EnvelopeFactory(campaign=campaign, district=gare, amount=150_000)
    for title, cost in [
        ("Des arbres dans la cour de l'école Jaurès", 120_000),
        ("Une piste cyclable rue Pasteur", 180_000),
        ("Des fontaines à eau dans les parcs", 60_000),
    ]:
        ProjectFactory(envelope=city, title=title, estimated_cost=cost)
    return campaign, gare


def test_agent_checks_identity_and_the_citizen_votes_alone_in_the_booth(
    live_server, browser_page, axe_check, campaign
):
    campaign, gare = campaign
    agent = CitizenFactory(groups=["Agents"], email="agent@example.org")
    citizen = CitizenFactory(first_name="Josiane", last_name="Berthelot")
    Profile.objects.filter(user=citizen).update(district=None)
    page = browser_page

    page.goto(live_server.url + "/compte/login/")
    page.locator("input[name=login]").fill(agent.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/compte/login/"))

    page.goto(live_server.url + "/admin/snippets/budget/campaign/")
    page.get_by_role("link", name=re.compile(r"Guichet \(bulletins papier\)")).click()
    expect(page.locator("h1")).to_contain_text("Vote au guichet")

    page.get_by_label("Adresse e-mail ou nom du votant").fill("josiane berth")
    page.locator("#main").get_by_role("button", name="Rechercher").click()
    # Nothing about the vote until the agent attests the identity.
    expect(page.locator("[data-counter-decision]")).to_have_count(0)
    page.get_by_label(re.compile("J'ai vérifié l'identité")).check()
    page.get_by_role("button", name="Vérifier le droit de vote").click()
    decision = page.locator("[data-counter-decision]")
    expect(decision).to_contain_text("Cette personne ne peut pas voter pour l'instant")
    expect(decision).to_contain_text(
        "Quartier non renseigné : demandez-le et complétez-le ci-dessous."
    )
    expect(
        page.get_by_role("button", name="Ouvrir l'isoloir et remettre la tablette")
    ).to_have_count(0)
    shoot(page, "counter-refused")
    axe_check(page)

    page.get_by_label("Quartier de résidence").select_option(label="Gare")
    page.get_by_role("button", name="Enregistrer et revérifier").click()
    expect(page.locator("[data-counter-decision]")).to_contain_text("Cette personne peut voter.")
    # The agent's screen has no ballot: the projects are not even listed.
    expect(page.locator("main")).not_to_contain_text("Des arbres dans la cour")
    page.get_by_role("button", name="Ouvrir l'isoloir et remettre la tablette").click()

    # The tablet, now in the citizen's hands.
    expect(page.locator("main")).to_contain_text("Isoloir du guichet")
    page.get_by_label(re.compile("Des arbres dans la cour")).check()
    page.get_by_label(re.compile("Des fontaines")).check()
    shoot(page, "counter-booth")
    axe_check(page)
    page.get_by_role("button", name="Vérifier mon vote").click()
    expect(page.get_by_role("heading", name="Confirmer mon vote")).to_be_visible()
    page.get_by_role("button", name="Confirmer mon vote").click()
    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_visible()
    expect(page.locator(".budget-receipt__code")).to_contain_text("-")
    expect(page.locator("main")).not_to_contain_text("Des arbres dans la cour")
    axe_check(page)
    record = VoterRecord.objects.get(user=citizen)
    assert record.channel == Channel.COUNTER and record.recorded_by == agent
    citizen.profile.refresh_from_db()
    assert citizen.profile.district == gare

    # Handed back: the agent's screen again, and the booth is closed.
    page.get_by_role("link", name=re.compile("rendre la tablette")).click()
    expect(page.locator("h1")).to_contain_text("Vote au guichet")
    page.goto(f"{live_server.url}/admin/budget/campagnes/{campaign.pk}/isoloir/")
    expect(page.locator("h1")).to_contain_text("Vote au guichet")
    expect(page.locator("main")).to_contain_text("L'isoloir est fermé")

    # Next in line: a person without an email address, registered at the counter.
    page.get_by_label("Prénom").fill("Marcel")
    page.locator("input[name=last_name]").fill("Lagarde")
    page.get_by_label("Quartier de résidence").select_option(label="Gare")
    shoot(page, "counter-register")
    page.get_by_role("button", name="Inscrire la personne").click()
    expect(page.locator("main")).to_contain_text("aucune (inscrit au guichet)")
    page.get_by_label(re.compile("J'ai vérifié l'identité")).check()
    page.get_by_role("button", name="Vérifier le droit de vote").click()
    expect(page.locator("[data-counter-decision]")).to_contain_text("Cette personne peut voter.")
    axe_check(page)
