"""Proposing a participatory-budget project in a browser: the campaign page links to the form,
a wrong cost comes back on its field with everything else kept, then the project is filed;
axe finds no violation on the form, with and without errors."""

import pytest
from playwright.sync_api import expect

from budget.models import Campaign, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory
from tests.factories import CitizenFactory, DistrictFactory
from tests.screenshots import screenshots_take

# serialized_rollback: the live server needs what migrations created (Wagtail's root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name: str) -> None:
    screenshots_take(page, "budgetsubmit", name)


def test_propose_a_project(live_server, browser_page, browser_login, axe_check, default_site):
    campaign = CampaignFactory(phase=Campaign.Phase.SUBMISSION, title="Budget participatif 2028")
    EnvelopeFactory(campaign=campaign, amount=300_000)
    EnvelopeFactory(campaign=campaign, district=DistrictFactory(name="Gare"), amount=100_000)
    citizen = CitizenFactory()
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    browser_login(page, citizen)

    page.goto(f"{live_server.url}/budget-participatif/{campaign.slug}/")
    page.get_by_role("link", name="Proposer un projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer un projet")
    axe_check(page)

    page.get_by_label("Titre du projet").fill("Des arbres rue Pasteur")
    page.get_by_label("Résumé").fill("Planter douze arbres pour rafraîchir la rue.")
    page.get_by_label("Description").fill("La rue Pasteur est brûlante l'été.")
    page.get_by_label("Enveloppe").select_option(label="Gare")
    page.get_by_label("Coût estimé (en euros)").fill("quarante mille")
    page.get_by_role("button", name="Déposer mon projet").click()

    expect(page.get_by_role("alert")).to_contain_text("pas encore déposé")
    cost = page.get_by_label("Coût estimé (en euros)")
    expect(cost).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("en chiffres et sans centimes")).to_be_visible()
    expect(page.get_by_label("Titre du projet")).to_have_value("Des arbres rue Pasteur")
    axe_check(page)
    shoot(page, "form-errors")

    cost.fill("40 000")
    page.get_by_role("button", name="Déposer mon projet").click()
    expect(page.get_by_text("Votre projet est bien déposé")).to_be_visible()
    project = Project.objects.get()
    assert project.status == Project.Status.SUBMITTED and project.estimated_cost == 40_000
    assert list(project.authors.all()) == [citizen]
    assert not [e for e in errors if "Content Security Policy" in e], errors
