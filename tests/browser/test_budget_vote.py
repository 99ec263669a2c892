"""Voting in the participatory budget end to end, with JavaScript (live totals) and without
(server-side update), then the published results with their charts; axe finds no violation
on the campaign, ballot, confirmation, receipt and results pages."""

import datetime
import re

import pytest
import time_machine
from playwright.sync_api import expect

from budget.ballots import ballot_cast
from budget.models import Ballot, PendingBallot, Project, VoterRecord
from budget.results import results_publish
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory
from tests.screenshots import screenshots_take

# serialized_rollback: the live server needs what migrations created (Wagtail's root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def shoot(page, name: str, reload: bool = False) -> None:
    screenshots_take(page, "budgetui", name, reload=reload)


@pytest.fixture
def campaign(default_site):
    """A knapsack vote: city-wide envelope of 300 000 € and one for the Gare district."""
    gare = DistrictFactory(name="Gare", population=4200)
    campaign = CampaignFactory(
        title="Budget participatif 2027",
        description="Un million d'euros pour des projets proposés par les habitants.",
        vote_rule="knapsack",
        max_choices=None,
    )
    city = EnvelopeFactory(campaign=campaign, amount=300_000)
    district = EnvelopeFactory(campaign=campaign, district=gare, amount=150_000)
    projects = [
        ("Des arbres dans la cour de l'école Jaurès", 120_000, city),
        ("Une piste cyclable rue Pasteur", 180_000, city),
        ("Des fontaines à eau dans les parcs", 60_000, city),
        ("Un jardin partagé derrière la gare", 80_000, district),
        ("Des bancs sur le parvis", 40_000, district),
    ]
    for title, cost, envelope in projects:
        ProjectFactory(
            envelope=envelope,
            title=title,
            summary="Proposé par des habitants du quartier.",
            estimated_cost=cost,
        )
    return campaign, gare


def checkbox(page, title):
    return page.get_by_role("checkbox", name=re.compile(re.escape(title[:20])))


def test_vote_with_javascript_live_totals(
    live_server, browser_page, browser_login, axe_check, campaign
):
    campaign, gare = campaign
    voter = CitizenFactory(profile__district=gare)
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    browser_login(page, voter)

    page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)
    axe_check(page)
    shoot(page, "campaign", reload=True)

    page.get_by_role("link", name="Voter").first.click()
    expect(page.get_by_role("heading", name="Mon bulletin de vote")).to_be_visible()
    # Live totals: the update button is not needed, the totals follow each tick.
    expect(page.get_by_role("button", name="Mettre à jour les totaux")).to_be_hidden()
    city_total = page.locator("fieldset").nth(0).locator(".budget-total__line")
    checkbox(page, "Une piste cyclable").check()
    expect(city_total).to_contain_text("180\u202f000\u00a0€")
    checkbox(page, "Des arbres dans la cour").check()
    expect(city_total).to_contain_text("300\u202f000\u00a0€")
    expect(city_total).to_contain_text("Il reste 0\u00a0€")
    checkbox(page, "Des fontaines").check()
    expect(city_total).to_contain_text("Vous dépassez l’enveloppe de 60\u202f000\u00a0€")
    expect(page.locator("fieldset").nth(0).locator("[data-total]")).to_have_class(
        re.compile("is-over")
    )
    axe_check(page)
    shoot(page, "ballot-live")
    # Over budget: "Vérifier mon vote" waits, and says why (the server refuses too).
    expect(page.get_by_role("button", name="Vérifier mon vote")).to_be_disabled()
    expect(page.locator("#ballot-blocked")).to_contain_text("retirez un projet")
    checkbox(page, "Des fontaines").uncheck()
    expect(page.get_by_role("button", name="Vérifier mon vote")).to_be_enabled()
    checkbox(page, "Des bancs sur le parvis").check()
    page.get_by_role("button", name="Vérifier mon vote").click()

    expect(page.get_by_role("heading", name="Confirmer mon vote")).to_be_visible()
    expect(page.get_by_text("Un vote est définitif.")).to_be_visible()
    axe_check(page)
    shoot(page, "confirmation")
    page.get_by_role("button", name="Confirmer mon vote").click()

    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_visible()
    code = CODE.search(page.locator(".budget-receipt__code").inner_text()).group(0)
    axe_check(page)
    shoot(page, "receipt")
    assert VoterRecord.objects.filter(user=voter, channel="web").count() == 1
    # Sealed beside the voter record until its envelope's batch is released.
    assert PendingBallot.objects.filter(campaign=campaign).count() == 2
    assert not Ballot.objects.filter(campaign=campaign).exists()
    assert code
    assert not [e for e in errors if "Content Security Policy" in e or "Page error" in e], errors


def test_vote_without_javascript(live_server, browser, browser_login, axe_check, campaign):
    campaign, gare = campaign
    voter = CitizenFactory(profile__district=gare)
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    browser_login(page, voter)
    page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/vote/")
    update = page.get_by_role("button", name="Mettre à jour les totaux")
    expect(update).to_be_visible()
    checkbox(page, "Une piste cyclable").check()
    checkbox(page, "Un jardin partagé").check()
    update.click()
    expect(page.get_by_role("status").first).to_contain_text("Les totaux ont été recalculés")
    expect(page.locator("fieldset").nth(0).locator(".budget-total__line")).to_contain_text(
        "180\u202f000\u00a0€"
    )
    expect(page.locator("fieldset").nth(1).locator(".budget-total__line")).to_contain_text(
        "Il reste 70\u202f000\u00a0€"
    )
    expect(checkbox(page, "Une piste cyclable")).to_be_checked()
    axe_check(page)
    page.get_by_role("button", name="Vérifier mon vote").click()
    page.get_by_role("button", name="Confirmer mon vote").click()
    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_visible()
    assert CODE.search(page.locator(".budget-receipt__code").inner_text())
    assert VoterRecord.objects.filter(user=voter).count() == 1
    context.close()


def test_results_page_charts_and_accessibility(
    live_server, browser_page, axe_check, campaign, agent
):
    campaign, gare = campaign
    projects = {
        prefix: Project.objects.get(campaign=campaign, title__startswith=prefix)
        for prefix in ("Des arbres", "Des fontaines", "Une piste", "Un jardin")
    }
    city = campaign.envelopes.get(district__isnull=True)
    district = campaign.envelopes.get(district=gare)
    Project.objects.filter(pk=projects["Des arbres"].pk).update(
        latitude="47.081000", longitude="2.398000"
    )
    for index in range(6):
        voter = CitizenFactory(profile__district=gare)
        choices = {city.pk: [projects["Des arbres"].pk, projects["Des fontaines"].pk]}
        if index % 2:
            choices = {city.pk: [projects["Une piste"].pk], district.pk: [projects["Un jardin"].pk]}
        ballot_cast(campaign=campaign, voter=voter, choices=choices)
    with time_machine.travel(campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=campaign)

    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"Page error: {e}"))
    page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/resultats/")
    expect(page.get_by_role("heading", name="Résultats du vote")).to_be_visible()
    # plotly drew every chart (votes per envelope, allocation, turnout).
    expect(page.locator(".civic-chart.is-drawn .main-svg").first).to_be_visible()
    assert page.locator(".civic-chart.is-drawn").count() == 4
    expect(page.get_by_role("table").first).to_be_visible()
    axe_check(page)
    shoot(page, "results", reload=True)
    assert not [e for e in errors if "Content Security Policy" in e or "Page error" in e], errors
