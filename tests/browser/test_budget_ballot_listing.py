"""A citizen adds a project to the ballot from its card, then sorts, searches and shows more
of the envelope's projects, with the running total on screen, the review button waiting (with
its reason) while over budget, and votes with the visible buttons; at 375 and 1280 px, axe
clean on the campaign, ballot and results pages. Without JavaScript, search and "show more"
go through the server and keep the choices."""

import datetime
import re

import pytest
import time_machine
from playwright.sync_api import expect

from budget.ballots import ballot_cast, pending_ballots_release
from budget.models import Ballot, Project, VoterRecord
from budget.results import results_publish
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name: str) -> None:
    screenshots_take(page, "ballot", name)


@pytest.fixture
def campaign(default_site):
    """A knapsack vote: a city-wide envelope of 300 000 € with 20 projects (one about bikes,
    one of 250 000 €), a Gare envelope of 150 000 € with two."""
    gare = DistrictFactory(name="Gare", population=4200)
    campaign = CampaignFactory(
        title="Budget participatif 2027", vote_rule="knapsack", max_choices=None
    )
    city = EnvelopeFactory(campaign=campaign, amount=300_000)
    district = EnvelopeFactory(campaign=campaign, district=gare, amount=150_000)
    for index in range(18):
        ProjectFactory(
            envelope=city,
            title=f"Un projet pour la ville numéro {index + 1}",
            summary="Proposé par des habitants.",
            estimated_cost=10_000 + 1_000 * index,
        )
    ProjectFactory(
        envelope=city,
        title="Des arceaux à vélo devant les écoles",
        summary="Stationner son vélo en sécurité.",
        estimated_cost=60_000,
    )
    ProjectFactory(
        envelope=city,
        title="Une grande halle couverte",
        summary="Un marché couvert.",
        estimated_cost=250_000,
    )
    ProjectFactory(envelope=district, title="Un jardin partagé", estimated_cost=80_000)
    ProjectFactory(envelope=district, title="Des bancs sur le parvis", estimated_cost=40_000)
    return campaign, gare


def visible_choices(page):
    return page.locator("fieldset").first.locator(".budget-choice:visible")


@pytest.mark.parametrize("width", [375, 1280])
def test_add_to_ballot_sticky_total_blocked_review_then_vote(
    live_server, browser, browser_login, axe_check, campaign, width
):
    campaign, gare = campaign
    voter = CitizenFactory(profile__district=gare)
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"Page error: {e}"))
    browser_login(page, voter)

    page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/")
    card = page.locator(".budget-project-card", has_text="Une grande halle couverte")
    axe_check(page)
    card.get_by_role("link", name=re.compile("Ajouter au bulletin")).click()

    expect(page.get_by_role("heading", name="Mon bulletin de vote")).to_be_visible()
    halle = page.get_by_role("checkbox", name=re.compile("Une grande halle"))
    expect(halle).to_be_checked()
    city_total = page.locator("fieldset").first.locator("[data-total]")
    expect(city_total).to_contain_text("250\u202f000\u00a0€")
    # The voter's random order; the page reaches the chosen project (the first 12, or 20
    # when it came later), then "show more" in the page.
    expect(halle).to_be_visible()
    if visible_choices(page).count() == 12:
        page.get_by_role("button", name=re.compile("Afficher 12 projets de plus")).first.click()
    expect(visible_choices(page)).to_have_count(20)
    expect(page.get_by_role("button", name=re.compile("projets de plus")).first).to_be_hidden()
    # Sorted by cost: the cheapest first.
    page.get_by_label("Ordre").first.select_option(label="Coût croissant")
    expect(visible_choices(page).first).to_contain_text(re.compile(r"numéro 1(?!\d)"))
    # Search: only the bikes.
    page.get_by_label("Rechercher un projet").first.fill("velo")
    expect(visible_choices(page)).to_have_count(1)
    page.get_by_role("checkbox", name=re.compile("Des arceaux")).check()
    expect(city_total).to_contain_text("Vous dépassez l’enveloppe de 10\u202f000\u00a0€")
    review = page.get_by_role("button", name="Vérifier mon vote")
    expect(review).to_be_disabled()
    blocked = page.locator("#ballot-blocked")
    expect(blocked).to_be_visible()
    expect(blocked).to_contain_text("Vous dépassez l’enveloppe « Toute la ville »")
    page.get_by_label("Rechercher un projet").first.fill("")
    expect(visible_choices(page)).to_have_count(12)

    # The running total stays on screen while scrolling through the projects.
    first_row = visible_choices(page).nth(1)
    first_row.scroll_into_view_if_needed()
    box = city_total.bounding_box()
    viewport = page.viewport_size
    assert box["y"] + box["height"] <= viewport["height"] + 1
    assert box["y"] > 0
    assert (
        page.evaluate("el => getComputedStyle(el).position", city_total.element_handle())
        == "sticky"
    )
    # The most expensive first: the hall, chosen from its card, is at the top.
    page.get_by_label("Ordre").first.select_option(label="Coût décroissant")
    expect(visible_choices(page).first).to_contain_text("Une grande halle")
    halle.focus()
    axe_check(page)
    shoot(page, f"ballot-over-budget-{width}")

    # Remove the hall: back under the amount, the review button works again.
    halle.uncheck()
    expect(review).to_be_enabled()
    expect(blocked).to_be_hidden()
    expect(city_total).to_contain_text("Il reste 240\u202f000\u00a0€")
    review.click()
    expect(page.get_by_role("heading", name="Confirmer mon vote")).to_be_visible()
    expect(page.get_by_text("Des arceaux à vélo devant les écoles")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Confirmer mon vote").click()
    expect(page.get_by_role("heading", name="Votre vote est enregistré")).to_be_visible()
    assert VoterRecord.objects.filter(user=voter).count() == 1
    pending_ballots_release(campaign=campaign, batch=0)  # as at the close
    ballot = Ballot.objects.get(campaign=campaign, envelope__district__isnull=True)
    bikes = Project.objects.get(title__startswith="Des arceaux")
    assert ballot.choices == [bikes.pk]
    assert not errors, errors
    context.close()


def test_listing_without_javascript_keeps_the_choices(
    live_server, browser, browser_login, axe_check, campaign
):
    campaign, gare = campaign
    voter = CitizenFactory(profile__district=gare)
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 375, "height": 800}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    browser_login(page, voter)
    page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/vote/")
    expect(visible_choices(page)).to_have_count(12)
    visible_choices(page).first.get_by_role("checkbox").check()
    page.get_by_role("button", name=re.compile("Afficher 12 projets de plus")).first.click()
    expect(visible_choices(page)).to_have_count(20)
    expect(page.locator("fieldset").first.locator("input[type=checkbox]:checked")).to_have_count(1)
    page.get_by_label("Ordre").first.select_option(label="Coût décroissant")
    page.get_by_label("Rechercher un projet").first.fill("halle")
    page.get_by_role("button", name="Afficher", exact=True).first.click()
    expect(visible_choices(page)).to_have_count(1)
    expect(visible_choices(page).first).to_contain_text("Une grande halle couverte")
    expect(page.locator("fieldset").first.locator("input[type=checkbox]:checked")).to_have_count(1)
    axe_check(page)
    context.close()


def test_results_reasons_charts_and_tables_at_375(live_server, browser, axe_check, campaign, agent):
    campaign, gare = campaign
    city = campaign.envelopes.get(district__isnull=True)
    halle = Project.objects.get(title__startswith="Une grande halle")
    bikes = Project.objects.get(title__startswith="Des arceaux")
    small = Project.objects.filter(envelope=city, title__contains="numéro").order_by("pk")
    for index in range(5):
        ballot_cast(
            campaign=campaign,
            voter=CitizenFactory(profile__district=gare),
            choices={city.pk: [halle.pk, small[index].pk] if index < 3 else [bikes.pk]},
        )
    with time_machine.travel(campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=campaign)
    for width in (375, 1280):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/resultats/")
        expect(page.locator(".civic-chart.is-drawn .main-svg").first).to_be_visible()
        # Greedy: the hall (3 votes) first, 50 000 € left; the bikes (2 votes, 60 000 €) no.
        page.get_by_text(re.compile("Pourquoi .* pas été retenu")).first.click()
        expect(
            page.get_by_text(re.compile("enveloppe restante de 50\u202f000\u00a0€"))
        ).to_be_visible()
        # No chart label is cut: every tick label lies inside its chart.
        for chart in page.locator(".civic-chart.is-drawn").all():
            frame = chart.bounding_box()
            for label in chart.locator(".ytick text, .xtick text").all():
                box = label.bounding_box()
                if box:
                    assert box["x"] >= frame["x"] - 1, label.text_content()
                    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
        page.locator(".budget-table-wrap").first.focus()
        axe_check(page)
        context.close()
