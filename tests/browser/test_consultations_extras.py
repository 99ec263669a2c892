"""Consultations, clicked as people click: the context's map is drawn by the site's map module
without asking any other server; a citizen comments, replies and flags on an open
consultation; an agent finds a citizen by name at the paper desk and records their
questionnaire. Axe clean on every page visited."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from consultations.models import Response
from tests.consultations.factories import consultation
from tests.factories import CitizenFactory
from tests.moderation.factories import comment_create
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLACE = {
    "latitude": 47.7508,
    "longitude": 7.3359,
    "zoom": 17,
    "label": "Place du marché",
    "caption": "Le périmètre du projet",
}


def shoot(page, name, **kwargs):
    screenshots_take(page, "consultations-extras", name, **kwargs)


def test_the_context_map_draws_without_asking_another_server(
    live_server, browser_page, default_site, settings, axe_check
):
    settings.CIVIC_MAP_TILE_URL = ""
    page_obj = consultation(default_site, context=[("map", PLACE)])
    page = browser_page
    origins = set()
    page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))

    page.goto(live_server.url + page_obj.url)
    element = page.locator(".consultation-map")
    expect(element).to_have_class(re.compile("leaflet-container"))
    expect(element.locator(".leaflet-marker-icon")).to_have_attribute("title", "Place du marché")
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Zoomer")
    expect(page.get_by_text("Position : 47.750800, 7.335900")).to_have_count(0)  # replaced
    expect(page.get_by_text("Le périmètre du projet")).to_be_visible()
    assert page.evaluate("document.querySelector('.consultation-map')._leaflet_id") is not None
    axe_check(page)
    shoot(page, "context-map", reload=True)
    assert origins == {urlsplit(live_server.url).netloc}


def test_without_javascript_the_map_is_the_place_and_its_coordinates(
    live_server, browser, default_site, axe_check
):
    page_obj = consultation(default_site, context=[("map", PLACE)])
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + page_obj.url)
    expect(page.get_by_text("Place du marché — Position : 47.750800, 7.335900")).to_be_visible()
    axe_check(page)
    context.close()


def test_a_citizen_comments_replies_and_flags_by_clicking(
    live_server, browser_page, browser_login, default_site, citizen, axe_check
):
    page_obj = consultation(default_site, comments_enabled=True)
    other = CitizenFactory(profile__display_name="Lou")
    comment_create(obj=page_obj, user=other, text="Et des jeux pour les enfants ?")
    page = browser_page
    browser_login(page, citizen)
    page.goto(live_server.url + page_obj.url)
    axe_check(page)

    form = page.locator("#comments form.comment-form")
    form.get_by_label(re.compile("Votre commentaire")).fill("Plus d'arbres, s'il vous plaît.")
    form.get_by_role("button", name="Publier", exact=True).click()
    expect(page.get_by_text("Votre commentaire est publié.")).to_be_visible()
    expect(page.get_by_text("Plus d'arbres, s'il vous plaît.")).to_be_visible()
    axe_check(page)
    shoot(page, "comments")

    page.get_by_role("link", name="Répondre à Lou").click()
    page.get_by_label(re.compile("Votre commentaire")).fill("Oui, près de la fontaine.")
    axe_check(page)
    page.get_by_role("button", name="Publier ma réponse").click()
    expect(page.get_by_text("Oui, près de la fontaine.")).to_be_visible()

    page.get_by_role("link", name="Signaler le commentaire de Lou").click()
    axe_check(page)
    page.get_by_role("button", name="Oui, signaler").click()
    expect(page.get_by_text("signalé à l'équipe de modération")).to_be_visible()
    axe_check(page)
    from django_comments_xtd.models import XtdComment

    flagged = XtdComment.objects.get(comment="Et des jeux pour les enfants ?")
    assert flagged.flags.filter(user=citizen).exists()
    assert XtdComment.objects.filter(user=citizen).count() == 2


def test_the_agent_finds_the_citizen_by_name_at_the_paper_desk(
    live_server, browser_page, browser_login, default_site, agent, axe_check
):
    consultation(default_site)
    person = CitizenFactory(first_name="Léa", last_name="Martin", email="lea@example.org")
    CitizenFactory(first_name="Paul", last_name="Martin")
    page = browser_page
    browser_login(page, agent)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Réponses aux consultations").first.click()
    page.get_by_role("link", name=re.compile("Saisir un questionnaire papier")).first.click()
    page.wait_for_load_state()
    axe_check(page)

    page.get_by_label("Nom ou adresse e-mail du citoyen").fill("Martin")
    page.locator("#main").get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("2 personnes correspondent")).to_be_visible()
    axe_check(page)
    shoot(page, "paper-desk-matches")
    page.get_by_role("link", name="Choisir Léa Martin").click()
    expect(page.get_by_text("Questionnaire de : Léa Martin (lea@example.org)")).to_be_visible()
    axe_check(page)

    page.get_by_label("Canal").select_option("counter")
    page.get_by_label("Souvent").check()
    page.get_by_label("Arbres").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("A", exact=True).select_option("2")
    page.get_by_label("B", exact=True).select_option("1")
    page.get_by_label("C", exact=True).select_option("3")
    page.get_by_label("Oui").check()
    shoot(page, "paper-desk-chosen")
    page.get_by_role("button", name="Enregistrer le questionnaire").click()
    expect(page.get_by_text("Questionnaire enregistré.")).to_be_visible()
    saved = Response.objects.get()
    assert saved.user == person and saved.channel == "counter"
