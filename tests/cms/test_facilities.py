"""Issue #12, points 1, 3 and 4: the guide `/equipements/` and a facility's page: filters,
"open now" at a fixed moment, the pharmacy on duty, 404 for what is not published, 400 for
bad parameters, and cached pages that never say "open" after closing time."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from cms.models import FacilityClosure
from cms.opening_hours import PARIS
from tests.cms.guide_factories import (
    category_create,
    duty_create,
    facility_create,
    pharmacy_create,
)

pytestmark = pytest.mark.django_db

# Monday 4 May 2026, 10:00 in Paris.
MONDAY_10 = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=PARIS)


def html(response, status=200) -> str:
    assert response.status_code == status, response.status_code
    return response.content.decode()


@pytest.fixture
def places(db):
    library = category_create("bibliotheques", "Bibliothèques", icon="bibliotheque")
    return {
        "town_hall": facility_create("Hôtel de ville", wheelchair_access=True),
        "library": facility_create(
            "Médiathèque Jules-Verne",
            category=library,
            hours="Tu-Sa 10:00-18:00",
            description="Livres, films et jeux vidéo.",
            hearing_loop=True,
        ),
        "park": facility_create(
            "Parc de la Prairie", hours="24/7", category=category_create("parcs")
        ),
        "hidden": facility_create("Futur gymnase", is_published=False),
    }


def test_the_list_shows_published_facilities_with_their_state_now(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        page = html(client.get("/equipements/"))
    assert "Hôtel de ville" in page and "Médiathèque Jules-Verne" in page
    assert "Futur gymnase" not in page
    assert "Ferme à 12 h" in page  # the town hall
    assert "Ouvre demain à 10 h" in page  # the library, closed on Mondays
    assert "Ouvert 24 h/24" in page


def test_open_now_keeps_only_what_is_open(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        page = html(client.get("/equipements/?ouvert=1"))
    assert "Hôtel de ville" in page and "Parc de la Prairie" in page
    assert "Médiathèque Jules-Verne" not in page
    assert "2 équipements" in page
    with time_machine.travel(MONDAY_10, tick=False):
        page = html(client.get("/equipements/?ouvert=0"))
    assert "Médiathèque Jules-Verne" in page


def test_open_now_on_a_public_holiday(client, places):
    # 14 July 2026, a Tuesday: the library (no PH rule) is open, the town hall (PH off) not.
    with time_machine.travel(datetime.datetime(2026, 7, 14, 11, 0, tzinfo=PARIS), tick=False):
        page = html(client.get("/equipements/?ouvert=1"))
    assert "Médiathèque Jules-Verne" in page
    assert "Hôtel de ville" not in page


def test_filters_by_category_accessibility_and_text(client, places):
    page = html(client.get("/equipements/?categorie=bibliotheques"))
    assert "Médiathèque Jules-Verne" in page and "Hôtel de ville" not in page
    page = html(client.get("/equipements/?accessibilite=fauteuil"))
    assert "Hôtel de ville" in page and "Médiathèque Jules-Verne" not in page
    page = html(client.get("/equipements/?accessibilite=boucle"))
    assert "Médiathèque Jules-Verne" in page and "Hôtel de ville" not in page
    page = html(client.get("/equipements/?q=jeux+video"))  # accents ignored
    assert "Médiathèque Jules-Verne" in page and "Parc de la Prairie" not in page


def test_sorted_by_distance_when_the_position_is_given(client, places):
    places["park"].latitude, places["park"].longitude = 47.5, 2.9
    places["park"].save()
    town_hall = places["town_hall"]
    page = html(client.get(f"/equipements/?pres={town_hall.latitude},{town_hall.longitude}"))
    assert (
        page.index("Hôtel de ville") < page.index("Médiathèque") < page.index("Parc de la Prairie")
    )
    assert "à 0,0 km" in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("categorie=inconnue", "Sélectionnez un choix valide"),
        ("q=" + "x" * 300, "au plus 100 caractères"),
        ("accessibilite=jetpack", "Sélectionnez un choix valide"),
    ],
)
def test_bad_parameters_are_a_400_with_the_error_at_the_field(client, places, query, message):
    page = html(client.get(f"/equipements/?{query}"), status=400)
    assert message in page
    assert "Certains filtres sont invalides" in page


def test_a_nul_byte_is_a_400(client, places):
    assert client.get("/equipements/?q=%00").status_code == 400
    assert client.get("/equipements/hotel%00/").status_code in (400, 404)


def test_a_bad_position_is_ignored(client, places):
    page = html(client.get("/equipements/?pres=999,abc"))
    assert "du plus proche" not in page


def test_the_detail_page_shows_hours_next_change_and_contacts(client, places):
    facility = places["town_hall"]
    facility.phone, facility.email = "02 48 00 00 00", "mairie@ingeville.fr"
    facility.save()
    FacilityClosure.objects.create(
        facility=facility,
        start_date=datetime.date(2026, 5, 6),
        end_date=datetime.date(2026, 5, 6),
        reason="inventaire",
    )
    with time_machine.travel(MONDAY_10, tick=False):
        page = html(client.get(facility.get_absolute_url()))
    assert "Ouvert maintenant" in page and "Ferme à 12 h" in page
    assert "Lundi 4 mai" in page and "8 h 30 – 12 h, 13 h 30 – 17 h 30" in page
    assert "Fermeture exceptionnelle : inventaire" in page
    assert 'href="tel:0248000000"' in page and "mailto:mairie@ingeville.fr" in page
    assert "Accessible en fauteuil roulant" in page
    assert 'data-lat="' in page


def test_an_unpublished_or_unknown_facility_is_the_same_404(client, places):
    hidden = client.get(places["hidden"].get_absolute_url())
    unknown = client.get("/equipements/nexiste-pas/")
    assert hidden.status_code == unknown.status_code == 404


def test_the_pharmacy_on_duty_shows_in_the_guide_and_on_the_home_page(client, places):
    from tests.cms.factories import home_page_create

    home_page_create()
    pharmacy = pharmacy_create("Pharmacie du Port", phone="02 48 11 22 33")
    duty_create(
        pharmacy,
        starts_at=MONDAY_10 - datetime.timedelta(hours=1),
        ends_at=MONDAY_10 + datetime.timedelta(days=7),
    )
    with time_machine.travel(MONDAY_10, tick=False):
        guide = html(client.get("/equipements/"))
        home = html(client.get("/"))
        detail = html(client.get(pharmacy.get_absolute_url()))
    for page in (guide, home):
        assert "Pharmacie de garde" in page and "Pharmacie du Port" in page
    assert "De garde" in detail
    with time_machine.travel(MONDAY_10 + datetime.timedelta(days=8), tick=False):
        assert "Pharmacie de garde" not in html(client.get("/"))


def test_the_guide_is_in_the_main_menu_and_the_site_search(client, places):
    from tests.cms.factories import home_page_create

    home_page_create()
    assert 'href="/equipements/"' in html(client.get("/"))
    page = html(client.get("/recherche/?q=mediatheque"))
    assert "Médiathèque Jules-Verne" in page


class TestCachedGuideIsNeverStale:
    """Anonymous pages are cached (civic/page_cache/): "open now" changes with the hour and
    no write, so the cached list expires at the next opening or closing."""

    @pytest.fixture(autouse=True)
    def page_cache(self, settings):
        settings.CIVIC_PAGE_CACHE = True
        cache.clear()
        yield
        cache.clear()

    def test_open_now_after_closing_time(self, places):
        # 11:58, open; two minutes later is within CIVIC_PAGE_CACHE_SECONDS (5 minutes).
        with time_machine.travel(MONDAY_10 + datetime.timedelta(hours=1, minutes=58), tick=False):
            before = html(Client().get("/equipements/?ouvert=1"))
        with time_machine.travel(MONDAY_10 + datetime.timedelta(hours=2, seconds=1), tick=False):
            after = html(Client().get("/equipements/?ouvert=1"))  # 12:00:01, closed
        assert "Hôtel de ville" in before
        assert "Hôtel de ville" not in after
        assert "Parc de la Prairie" in after

    def test_the_cached_page_is_served_until_then(self, places, django_assert_num_queries):
        with time_machine.travel(MONDAY_10, tick=False):
            html(Client().get("/equipements/?ouvert=1"))
        with (
            time_machine.travel(MONDAY_10 + datetime.timedelta(minutes=2), tick=False),
            django_assert_num_queries(0),
        ):
            assert "Hôtel de ville" in html(Client().get("/equipements/?ouvert=1"))
