"""A visitor searches "velo" from the header, and from the search page on a phone: the ideas
and projects mentioning "vélo" come grouped by kind, and the page passes axe."""

import pytest
from playwright.sync_api import expect

from tests.budget.factories import ProjectFactory
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cycling(default_site):
    IdeaFactory(title="Des arceaux vélos devant le marché couvert")
    ProjectFactory(title="Un atelier de réparation de vélos")
    IdeaFactory(title="Idée cachée : vélo", status="submitted")


def test_header_search_finds_ideas_and_projects_grouped(
    live_server, browser_page, cycling, axe_check
):
    page = browser_page
    page.goto(live_server.url + "/idees/")

    page.get_by_role("searchbox", name="Rechercher sur le site").fill("velo")
    page.get_by_role("button", name="Lancer la recherche").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher")
    expect(page.get_by_role("status")).to_have_text("2 résultats pour « velo »")
    expect(page.locator(".search-group h2")).to_have_text(
        ["Idées (1)", "Projets du budget participatif (1)"]
    )
    expect(page.get_by_text("Idée cachée")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Des arceaux vélos devant le marché couvert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Des arceaux vélos devant le marché couvert"
    )


def test_search_page_field_on_a_phone_without_javascript(live_server, browser, cycling):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 375, "height": 800}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/recherche/")
        expect(page.get_by_role("status")).to_have_count(0)
        page.get_by_role("searchbox", name="Mots-clés").fill("réparation vélo")
        page.get_by_role("button", name="Rechercher", exact=True).click()

        expect(page.locator(".search-group h2")).to_have_text(
            ["Projets du budget participatif (1)"]
        )
        link = page.get_by_role("link", name="Un atelier de réparation de vélos")
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 375
    finally:
        context.close()
