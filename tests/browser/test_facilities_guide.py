"""Issue #12, points 3, 4, 7 and 8 clicked as a visitor clicks: the guide's map shows the
places, "Ouvert maintenant" and a category are chosen and "Filtrer" pressed, "Trier par
distance" uses the shared position, a place's page shows its map and hours; the agenda and
its map; the alert banner folds and stays folded; the pharmacy on duty on the home page.
axe finds nothing, and no page of the guide asks another origin for anything."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import FacilityClosure
from tests.cms.factories import home_page_create
from tests.cms.guide_factories import (
    alert_create,
    category_create,
    duty_create,
    event_category_create,
    event_create,
    facility_create,
    pharmacy_create,
)
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name: str) -> None:
    screenshots_take(page, "guide", name, reload=True)


@pytest.fixture
def guide(default_site):
    """Places whose state does not depend on the hour the test runs: open around the clock,
    or closed today by an exceptional closure."""
    home_page_create()
    libraries = category_create("bibliotheques", "Bibliothèques", icon="bibliotheque")
    parks = category_create("parcs", "Parcs et jardins", icon="parc")
    town_hall = facility_create(
        "Hôtel de ville",
        hours="24/7",
        latitude=Decimal("47.080000"),
        longitude=Decimal("2.400000"),
        wheelchair_access=True,
        phone="02 48 00 00 00",
    )
    library = facility_create(
        "Médiathèque Jules-Verne",
        category=libraries,
        hours="24/7",
        latitude=Decimal("47.083000"),
        longitude=Decimal("2.405000"),
    )
    today = timezone.localdate()
    FacilityClosure.objects.create(
        facility=library, start_date=today, end_date=today, reason="inventaire"
    )
    facility_create(
        "Parc de la Prairie",
        category=parks,
        hours="24/7",
        latitude=Decimal("47.200000"),
        longitude=Decimal("2.600000"),
    )
    pharmacy = pharmacy_create(
        "Pharmacie du Port",
        hours="24/7",
        latitude=Decimal("47.081000"),
        longitude=Decimal("2.401000"),
    )
    now = timezone.now()
    duty_create(
        pharmacy,
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(days=6),
    )
    culture = event_category_create("culture", "Culture")
    event_create(
        "Concert de l'harmonie",
        category=culture,
        facility=town_hall,
        address="",
        starts_at=now + datetime.timedelta(days=2),
    )
    event_create(
        "Course des berges",
        category=event_category_create("sport", "Sport"),
        address="Quai du Port",
        latitude="47.09",
        longitude="2.41",
        starts_at=now + datetime.timedelta(days=4),
    )
    return {"town_hall": town_hall, "library": library}


def record_requests(page, base_url):
    """Every URL the page asks for that is not on the live server."""
    foreign = []

    def on_request(request):
        url = request.url
        if not (url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:")):
            foreign.append(url)

    page.on("request", on_request)
    return foreign


def test_a_visitor_filters_the_guide_and_opens_a_place(live_server, browser_page, guide, axe_check):
    page = browser_page
    foreign = record_requests(page, live_server.url)
    page.goto(f"{live_server.url}/equipements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide des équipements")
    expect(page.get_by_text("4 équipements")).to_be_visible()
    # The map draws the places from the GeoJSON, grouped into clusters where they are close.
    expect(page.locator("#facilities-map.is-map")).to_be_visible()
    expect(page.locator("#facilities-map .leaflet-marker-icon").first).to_be_visible()
    expect(page.get_by_text("Pharmacie de garde")).to_be_visible()
    axe_check(page)
    shoot(page, "facility-list")

    page.get_by_label("Ouvert maintenant").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"ouvert=1"))
    expect(page.get_by_text("3 équipements")).to_be_visible()
    expect(page.get_by_role("link", name="Médiathèque Jules-Verne")).to_have_count(0)

    page.get_by_label("Catégorie").select_option(label="Parcs et jardins")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("1 équipement", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Parc de la Prairie")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Effacer les filtres").click()
    page.get_by_label("Accessible en fauteuil roulant").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Hôtel de ville")).to_be_visible()
    page.get_by_role("link", name="Hôtel de ville").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hôtel de ville")
    expect(page.get_by_text("Ouvert maintenant")).to_be_visible()
    expect(page.get_by_text("Ouvert 24 h/24").first).to_be_visible()
    expect(page.locator("#facility-map .leaflet-marker-icon")).to_be_visible()
    expect(page.get_by_role("link", name="02 48 00 00 00")).to_be_visible()
    axe_check(page)
    shoot(page, "facility-detail")

    page.goto(f"{live_server.url}/equipements/{guide['library'].slug}/")
    expect(page.get_by_text("Fermeture exceptionnelle : inventaire")).to_be_visible()
    shoot(page, "facility-detail-closed")
    assert foreign == [], foreign


def test_sort_by_distance_with_the_shared_position(live_server, browser, guide):
    context = browser.new_context(
        locale="fr-FR",
        geolocation={"latitude": 47.2, "longitude": 2.6},
        permissions=["geolocation"],
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/equipements/")
        page.get_by_role("button", name="Trier par distance (me localiser)").click()
        expect(page).to_have_url(re.compile(r"pres=47\.200%2C2\.600|pres=47\.200,2\.600"))
        expect(page.get_by_text("du plus proche au plus éloigné")).to_be_visible()
        first = page.locator("[data-facility-list] h3").first
        expect(first).to_have_text("Parc de la Prairie")
    finally:
        context.close()


def test_the_agenda_with_its_map_and_feed(live_server, browser_page, guide, axe_check):
    page = browser_page
    foreign = record_requests(page, live_server.url)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Pharmacie de garde")).to_be_visible()
    expect(page.get_by_role("link", name="Pharmacie du Port")).to_be_visible()
    shoot(page, "home")
    page.get_by_role("navigation", name=re.compile("principal|Menu", re.I)).get_by_role(
        "link", name="Agenda"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(page.locator("#events-map .leaflet-marker-icon").first).to_be_visible()
    axe_check(page)
    shoot(page, "agenda")
    page.get_by_label("Catégorie").select_option(label="Sport")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Course des berges")).to_be_visible()
    expect(page.get_by_role("link", name="Concert de l'harmonie")).to_have_count(0)
    page.get_by_role("link", name="Course des berges").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Course des berges")
    axe_check(page)
    shoot(page, "event-detail")
    assert foreign == [], foreign


def test_the_alert_banner_folds_and_stays_folded(
    live_server, browser_page, default_site, axe_check
):
    alert_create("Vigilance crues", text="La Loire monte : évitez les berges.", level="danger")
    page = browser_page
    page.goto(f"{live_server.url}/equipements/")
    expect(page.get_by_text("La Loire monte : évitez les berges.")).to_be_visible()
    axe_check(page)
    shoot(page, "alert")
    page.get_by_text("Vigilance crues").click()
    expect(page.get_by_text("La Loire monte : évitez les berges.")).to_be_hidden()
    page.goto(f"{live_server.url}/agenda/")
    expect(page.get_by_text("Vigilance crues")).to_be_visible()
    expect(page.get_by_text("La Loire monte : évitez les berges.")).to_be_hidden()


def test_the_guide_works_without_javascript(live_server, browser, guide):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/equipements/")
        expect(page.get_by_text("Le plan a besoin de JavaScript")).to_be_visible()
        expect(page.get_by_role("button", name="Trier par distance (me localiser)")).to_be_hidden()
        page.get_by_label("Ouvert maintenant").check()
        page.get_by_role("button", name="Filtrer").click()
        expect(page.get_by_text("3 équipements")).to_be_visible()
    finally:
        context.close()
