"""A new citizen signs up, tries to sign in before confirming, is told why, has the
confirmation email sent again with the visible button, and confirms with its link; on the
way, the footer's privacy and legal pages open. Every page passes axe."""

import re
from io import StringIO

import pytest
from playwright.sync_api import expect

from civic.accounts import demo as accounts_demo
from cms import demo as cms_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "nouvelle.habitante@example.org"
PASSWORD = "un-mot-de-passe-solide-42"
LINK = re.compile(r"https?://[^\s]+(/compte/confirm-email/[^\s]+/)")


@pytest.fixture
def ingeville(default_site):
    accounts_demo.seed(stdout=StringIO(), size="small")
    cms_demo.seed(stdout=StringIO(), size="small")


def test_unconfirmed_citizen_learns_why_and_gets_the_email_again(
    live_server, browser_page, ingeville, mailoutbox, axe_check
):
    page = browser_page
    page.goto(live_server.url + "/")
    footer = page.locator("footer")
    footer.get_by_role("link", name="Confidentialité et données personnelles").click()
    expect(page.locator("h1")).to_have_text("Confidentialité et données personnelles")
    expect(page.locator("main")).to_contain_text("délégué à la protection des données")
    axe_check(page)
    page.locator("footer").get_by_role("link", name="Mentions légales").click()
    expect(page.locator("h1")).to_have_text("Mentions légales")
    axe_check(page)

    page.get_by_role("link", name="Créer un compte").first.click()
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("input[name=display_name]").fill("Nouvelle habitante")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("main")).to_contain_text(f"e-mail de confirmation à {EMAIL}")
    assert len(mailoutbox) == 1

    # Later, in a new visit, she tries to sign in without having clicked the link.
    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Se connecter").first.click()
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    expect(page.locator("main")).to_contain_text("Vous ne pouvez pas encore vous connecter.")
    expect(page.locator("main")).to_contain_text(f"L'adresse {EMAIL} n'a pas encore été confirmée")
    axe_check(page)

    sent = len(mailoutbox)
    page.get_by_role("button", name="Renvoyer l'e-mail de confirmation").click()
    expect(page.locator("main")).to_contain_text(f"e-mail de confirmation à {EMAIL}")
    assert len(mailoutbox) == sent + 1
    assert mailoutbox[-1].to == [EMAIL]

    page.goto(live_server.url + LINK.search(mailoutbox[-1].body).group(1))
    expect(page.locator("main")).to_contain_text(
        f"Confirmez que {EMAIL} est bien votre adresse e-mail."
    )
    axe_check(page)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    expect(page.locator("main")).to_contain_text("Nouvelle habitante")
