"""On a phone: the menu button opens the main menu (with and without JavaScript), and the
search and 404 pages pass axe."""

from io import StringIO

import pytest
from playwright.sync_api import expect

from cms import demo
from tests.accessibility import axe_report, axe_violations

# serialized_rollback: the live server needs what migrations created (Wagtail's root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def ingeville_pages(default_site):
    demo.seed(stdout=StringIO())


def test_phone_menu_and_pages(live_server, browser, ingeville_pages):
    violations = {}
    for javascript in (True, False):
        context = browser.new_context(
            locale="fr-FR", viewport=PHONE, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(live_server.url + "/actualites/")
        menu_link = page.get_by_role("navigation", name="Menu principal").get_by_role(
            "link", name="Votre ville en bref"
        )
        expect(menu_link).to_be_hidden()

        page.locator("[data-menu-toggle]").click()

        expect(menu_link).to_be_visible()
        if javascript:
            expect(page.locator("[data-menu-toggle]")).to_have_attribute("aria-expanded", "true")
            page.keyboard.press("Escape")
            expect(menu_link).to_be_hidden()
            for path in ("/recherche/?q=crèche", "/page-inconnue/", "/contacter-la-mairie/"):
                page.goto(live_server.url + path)
                found = axe_violations(page)
                if found:
                    violations[path] = axe_report(found)
        context.close()

    assert not violations, "\n".join(f"{url}\n{report}" for url, report in violations.items())
