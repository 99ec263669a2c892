"""The counter (guichet) in a browser, as an Agent uses it: log in, open the counter from the
campaign listing's button, find the citizen, read why they cannot vote, complete their
district with them, tick projects while the running total follows, record the ballot."""

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


def test_agent_records_a_paper_ballot_after_completing_the_district(
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
    decision = page.locator("[data-counter-decision]")
    expect(decision).to_contain_text("Cette personne ne peut pas voter pour l'instant")
    expect(decision).to_contain_text(
        "Quartier non renseigné : demandez-le et complétez-le ci-dessous."
    )
    expect(page.get_by_role("button", name="Enregistrer le bulletin papier")).to_have_count(0)
    shoot(page, "counter-refused")
    axe_check(page)

    page.get_by_label("Quartier de résidence").select_option(label="Gare")
    page.get_by_role("button", name="Enregistrer et revérifier").click()
    expect(page.locator("[data-counter-decision]")).to_contain_text("Cette personne peut voter.")

    city_total = page.locator("[data-counter-envelope]").first.locator("[data-counter-total]")
    expect(city_total).to_contain_text("Total : 0\u00a0€ sur 300\u202f000\u00a0€")
    page.get_by_label(re.compile("Des arbres dans la cour")).check()
    expect(city_total).to_contain_text(
        "Total : 120\u202f000\u00a0€ sur 300\u202f000\u00a0€ (reste 180\u202f000\u00a0€)."
    )
    page.get_by_label(re.compile("Une piste cyclable")).check()
    page.get_by_label(re.compile("Des fontaines")).check()
    expect(city_total).to_contain_text("dépassement de 60\u202f000\u00a0€")
    shoot(page, "counter-over-budget")
    page.get_by_label(re.compile("Une piste cyclable")).uncheck()
    expect(city_total).to_contain_text("Total : 180\u202f000\u00a0€ sur 300\u202f000\u00a0€")
    shoot(page, "counter-ballot")
    axe_check(page)

    page.get_by_label(re.compile("J'ai vérifié l'identité")).check()
    page.get_by_role("button", name="Enregistrer le bulletin papier").click()
    expect(page.locator("main")).to_contain_text("Code de reçu à remettre au votant")
    record = VoterRecord.objects.get(user=citizen)
    assert record.channel == Channel.COUNTER and record.recorded_by == agent
    citizen.profile.refresh_from_db()
    assert citizen.profile.district == gare

    # Next in line: a person without an email address, registered at the counter.
    page.get_by_role("link", name="Saisir un autre bulletin").click()
    page.get_by_label("Prénom").fill("Marcel")
    page.locator("input[name=last_name]").fill("Lagarde")
    page.get_by_label("Quartier de résidence").select_option(label="Gare")
    shoot(page, "counter-register")
    page.get_by_role("button", name="Inscrire la personne").click()
    expect(page.locator("[data-counter-decision]")).to_contain_text("Cette personne peut voter.")
    expect(page.locator("main")).to_contain_text("aucune (inscrit au guichet)")
    axe_check(page)
