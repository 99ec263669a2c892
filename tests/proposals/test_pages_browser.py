"""The ideas pages in a real browser: axe finds no violation (list, map, detail, form with
errors, preview with similar ideas), the map and the support button work with JavaScript."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from proposals.models import Idea
from tests.factories import DEFAULT_PASSWORD
from tests.proposals.factories import IdeaFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, base_url, user):
    page.goto(f"{base_url}/compte/login/")
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(DEFAULT_PASSWORD)
    page.locator("input[name='password']").press("Enter")
    page.wait_for_load_state()


@pytest.fixture
def offline_tiles(browser_page, live_server):
    """By default the maps ask no other server for anything (no tiles, no script, no font):
    a request to another origin is refused, and fails the test."""
    foreign = []

    def refuse(route):
        foreign.append(route.request.url)
        route.abort()

    browser_page.route(lambda url: not url.startswith(live_server.url), refuse)
    yield browser_page
    assert foreign == []


def test_public_pages_pass_axe_and_the_map_shows_located_ideas(
    live_server, default_site, offline_tiles, axe_check
):
    page = offline_tiles
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    located = IdeaFactory(
        title="Des arceaux vélo devant la gare",
        theme=theme,
        latitude=Decimal("47.080000"),
        longitude=Decimal("2.400000"),
        official_answer="Douze arceaux seront posés en mars.",
        status=Idea.Status.ACCEPTED,
    )
    IdeaFactory(title="Une navette le samedi", theme=theme)

    page.goto(f"{live_server.url}/idees/")
    axe_check(page)

    page.goto(f"{live_server.url}/idees/?vue=carte")
    expect(page.locator("#ideas-map .leaflet-marker-icon")).to_have_count(1)
    axe_check(page)

    page.goto(f"{live_server.url}{located.get_absolute_url()}")
    expect(page.get_by_role("heading", name="La réponse de la ville")).to_be_visible()
    expect(page.locator("#idea-map .leaflet-marker-icon")).to_have_count(1)
    axe_check(page)


def test_form_errors_and_preview_with_similar_ideas_pass_axe(
    live_server, default_site, offline_tiles, citizen, axe_check
):
    page = offline_tiles
    ThemeFactory(name="Mobilité", slug="mobilite")
    IdeaFactory(title="Une piste cyclable rue Pasteur")
    log_in(page, live_server.url, citizen)

    page.goto(f"{live_server.url}/idees/nouvelle/")
    expect(page.get_by_role("button", name="Utiliser ma position")).to_be_visible()
    page.get_by_label(re.compile("Description")).fill("Sécuriser le trajet à vélo.")
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    expect(page.get_by_text("Donnez un titre à votre idée.")).to_be_visible()
    expect(page.get_by_label(re.compile("Description"))).to_have_value(
        "Sécuriser le trajet à vélo."
    )
    axe_check(page)

    page.get_by_label(re.compile("Titre")).fill("Une piste cyclable vers la gare")
    page.get_by_label(re.compile("Thème")).select_option(label="Mobilité")
    page.locator("#location-picker-map").click()  # places the point with the map
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    expect(page.get_by_role("heading", name=re.compile("semblable"))).to_be_visible()
    expect(page.get_by_role("link", name="Une piste cyclable rue Pasteur")).to_be_visible()
    axe_check(page)


def test_support_button_works_without_reloading(live_server, default_site, browser_page, citizen):
    page = browser_page
    idea = IdeaFactory(title="Un composteur au parc")
    log_in(page, live_server.url, citizen)
    page.goto(f"{live_server.url}{idea.get_absolute_url()}")

    page.get_by_role("button", name="Soutenir cette idée").click()

    expect(page.get_by_role("button", name="Retirer mon soutien")).to_be_visible()
    expect(page.locator("[data-support-count]")).to_have_text("1")
    assert idea.supports.filter(user=citizen).exists()
