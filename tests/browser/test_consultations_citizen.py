"""A citizen answers a consultation, with and without JavaScript: errors beside their
question with nothing lost, then the answer, the results with their tables; axe clean."""

import re

import pytest
from playwright.sync_api import expect

from consultations.models import Response
from tests.consultations.factories import consultation, index_page
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name):
    screenshots_take(page, "consultations", name)


def _answer_everything_but_the_first(page):
    page.get_by_label("Arbres").check()
    page.get_by_label("Bancs").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("A", exact=True).select_option("2")
    page.get_by_label("B", exact=True).select_option("1")
    page.get_by_label("C", exact=True).select_option("3")
    page.get_by_label("Oui").check()
    page.get_by_label("Remarque").fill("Plus d'ombre l'été")


def _journey(page, base_url, consultation_page, axe_check, suffix):
    page.goto(base_url + consultation_page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Place du marché")
    axe_check(page)
    shoot(page, f"questionnaire-{suffix}")
    _answer_everything_but_the_first(page)
    page.get_by_role("button", name="Envoyer ma réponse").click()
    summary = page.locator("#form-errors")
    expect(summary.get_by_text("Cette question demande une réponse.")).to_be_visible()
    summary.get_by_role("link", name="Fréquence").click()
    expect(page).to_have_url(re.compile(r"#question-\d+$"))
    expect(
        page.locator(".field--error").get_by_text("Cette question demande une réponse.")
    ).to_be_visible()
    expect(page.get_by_label("Remarque")).to_have_value("Plus d'ombre l'été")
    expect(page.get_by_label("Bancs")).to_be_checked()
    expect(page.get_by_label("B", exact=True)).to_have_value("1")
    axe_check(page)
    shoot(page, f"questionnaire-errors-{suffix}")
    page.get_by_label("Souvent").check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_text(re.compile("Merci, votre réponse est enregistrée"))).to_be_visible()
    assert Response.objects.filter(consultation=consultation_page).count() == 1
    page.get_by_role("link", name="Voir les résultats").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Résultats")
    expect(page.get_by_role("table").first).to_be_visible()
    axe_check(page)
    shoot(page, f"results-{suffix}")


def test_a_citizen_answers_with_javascript(
    live_server, browser_page, browser_login, default_site, citizen, axe_check
):
    page_obj = consultation(default_site, results_visibility="live")
    browser_login(browser_page, citizen)
    _journey(browser_page, live_server.url, page_obj, axe_check, "js")
    # The chart is drawn beside its table.
    expect(browser_page.locator(".civic-chart__plot .main-svg").first).to_be_visible()


def test_a_citizen_answers_without_javascript(
    live_server, browser, browser_login, default_site, citizen, axe_check
):
    page_obj = consultation(default_site, results_visibility="live")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        browser_login(page, citizen)
        _journey(page, live_server.url, page_obj, axe_check, "nojs")
    finally:
        context.close()


def test_someone_outside_the_target_is_told_how_to_fix_the_profile(
    live_server, browser_page, browser_login, default_site, citizen, axe_check
):
    from tests.factories import DistrictFactory

    page_obj = consultation(default_site, districts=[DistrictFactory(name="La Gare")])
    browser_login(browser_page, citizen)
    browser_page.goto(live_server.url + page_obj.url)
    expect(
        browser_page.get_by_text(re.compile("s'adresse aux habitants de : La Gare"))
    ).to_be_visible()
    browser_page.get_by_role("link", name="Compléter mon profil").click()
    expect(browser_page).to_have_url(re.compile("/mon-espace/profil/"))


def test_a_visitor_searches_the_index_and_sees_what_is_closed(
    live_server, browser_page, default_site, axe_check
):
    consultation(default_site, title="Place du marché")
    consultation(
        default_site, title="Horaires de la médiathèque", opens_in_days=-20, closes_in_days=-5
    )
    page = browser_page
    page.goto(live_server.url + index_page(default_site).url)
    expect(page.locator(".badge", has_text="Fermée")).to_be_visible()
    expect(page.locator(".badge", has_text="Fermer")).to_have_count(0)
    axe_check(page)
    shoot(page, "index")
    search = page.get_by_label("Rechercher une consultation")
    box = search.bounding_box()
    assert box["width"] > 150  # a full-width box, not a 20 px sliver beside a wrapped label
    search.fill("mediatheque")
    page.locator("#main").get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("link", name="Horaires de la médiathèque")).to_be_visible()
    expect(page.get_by_role("link", name="Place du marché")).to_have_count(0)
