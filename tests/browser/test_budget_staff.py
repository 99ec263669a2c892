"""Staff run the ballot in a browser: an Agent logs in through the login form, opens a
submitted project from the admin listing, fills the review form and presses the visible
"Enregistrer l'instruction", then puts the project on the ballot with the visible "Mettre au
vote" button; an administrator sees the campaign's and a project's frozen fields read-only
during the vote and corrects an envelope's amount with a reason. Screenshots at 1280 and 375
px of the review page, the project listing with its actions and the frozen campaign form."""

import pytest
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from budget.models import Campaign, Project
from civic.accounts import roles
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import DEFAULT_PASSWORD, CitizenFactory
from tests.screenshots import screenshots_take

# serialized_rollback: the live server needs what migrations created (Wagtail's root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name: str) -> None:
    screenshots_take(page, "budgetstaff", name)


def log_in(page, live_server, user) -> None:
    """Through the login form, as a person does: /admin/ sends to it."""
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def test_an_agent_reviews_a_project_and_puts_it_on_the_ballot(
    live_server, browser_page, axe_check, default_site
):
    campaign = CampaignFactory(phase=Campaign.Phase.REVIEW, title="Budget participatif 2028")
    envelope = EnvelopeFactory(campaign=campaign, amount=600_000)
    project = ProjectFactory(
        envelope=envelope,
        title="Des bancs place du Marché",
        status=Project.Status.SUBMITTED,
        estimated_cost=30_000,
        validated_cost=None,
    )
    agent = CitizenFactory(groups=[roles.STAFF])
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server, agent)

    page.goto(f"{live_server.url}/admin/snippets/budget/project/")
    page.get_by_role("button", name=f"Plus d’options pour « {project.title} »").click()
    page.get_by_role("link", name="Instruire").click()
    expect(page.get_by_text("Statut actuel : Déposé")).to_be_visible()
    page.get_by_role("combobox", name="Décision").select_option(label="Recevable")
    page.get_by_role("combobox", name="Faisabilité").select_option(label="Réalisable")
    page.get_by_role("spinbutton", name="Coût validé par les services (€)").fill("32000")
    page.get_by_role("textbox", name="Avis public").fill("Chiffrage des services techniques.")
    shoot(page, "review")
    save = page.get_by_role("button", name="Enregistrer l'instruction")
    expect(save).to_be_visible()
    save.click()

    expect(
        page.get_by_text("Instruction du projet « Des bancs place du Marché » enregistrée.")
    ).to_be_visible()
    project.refresh_from_db()
    assert (project.status, project.validated_cost) == (Project.Status.ELIGIBLE, 32_000)
    shoot(page, "project-list")
    axe_check(page)

    page.get_by_role("link", name="Mettre au vote").click()
    expect(page.get_by_text("32 000 €")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Oui, mettre au vote").click()
    expect(
        page.get_by_text("« Des bancs place du Marché » est sur le bulletin de vote.")
    ).to_be_visible()
    project.refresh_from_db()
    assert project.status == Project.Status.ON_BALLOT
    assert set(ModelLogEntry.objects.for_instance(project).values_list("action", flat=True)) >= {
        "budget.project.review",
        "budget.project.put_on_ballot",
    }
    # Before the vote it can still leave the ballot, from the same row.
    expect(page.get_by_role("link", name="Retirer du bulletin")).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_an_administrator_sees_the_frozen_ballot_and_corrects_it_with_a_reason(
    live_server, browser_page, axe_check, default_site
):
    campaign = CampaignFactory(title="Budget participatif 2027")  # vote open
    envelope = EnvelopeFactory(campaign=campaign, amount=600_000)
    ProjectFactory(envelope=envelope, title="Boîtes à livres")
    administrator = CitizenFactory(groups=[roles.ADMINISTRATORS])
    page = browser_page
    log_in(page, live_server, administrator)

    page.goto(f"{live_server.url}/admin/snippets/budget/campaign/edit/{campaign.pk}/")
    expect(page.get_by_role("combobox", name="Règle de dépouillement")).to_be_disabled()
    expect(page.get_by_role("spinbutton", name="Montant total (€)")).to_be_disabled()
    expect(page.get_by_text("les enveloppes et leurs montants sont figés")).to_be_visible()
    expect(page.get_by_role("button", name="Ajouter Enveloppe")).to_have_count(0)
    shoot(page, "campaign-frozen")

    page.get_by_role("link", name="Corriger pendant le vote").click()
    page.get_by_label("Montant de l'enveloppe « Toute la ville » (€)").fill("650000")
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.get_by_text("Champ requis.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Raison de la correction").fill("Montant voté au conseil du 3 mars")
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.get_by_text("Campagne corrigée ; la correction est au journal.")).to_be_visible()
    envelope.refresh_from_db()
    assert envelope.amount == 650_000
    entry = ModelLogEntry.objects.for_instance(campaign).get(action="budget.campaign.correct")
    assert entry.data["reason"] == "Montant voté au conseil du 3 mars"
