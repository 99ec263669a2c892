"""Pages work without JavaScript, and axe can check them in that state (axe itself needs
timers that a no-JS page never fires: `tests.accessibility` checks a copy)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_login_page_without_javascript_is_accessible(live_server, browser, axe_check):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/compte/login/")
        expect(page.locator("h1")).to_have_text("Se connecter")
        expect(page.locator("input[name=login]")).to_be_visible()
        axe_check(page)
    finally:
        context.close()
