"""A visitor's first visit: home → news → one news item → information → sign up, each page
passing axe with no violation, with the strict CSP on (no blocked script or style)."""

import re
from io import StringIO

import pytest
from playwright.sync_api import expect

from civic.accounts import demo as accounts_demo
from cms import demo as cms_demo
from tests.accessibility import axe_report, axe_violations

# serialized_rollback: the live server needs what migrations created (Wagtail's root page
# and collection, locales, the role groups), which a transactional test otherwise flushes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def ingeville(default_site):
    """The demo districts, accounts and pages (not the other modules' content)."""
    accounts_demo.seed(stdout=StringIO(), size="small")
    cms_demo.seed(stdout=StringIO(), size="small")


@pytest.fixture
def csp_violations(browser_page):
    """Every Content-Security-Policy violation the browser reports while the test runs."""
    violations = []
    browser_page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations


def test_visitor_reads_the_news_and_signs_up(
    live_server, browser_page, ingeville, csp_violations, mailoutbox
):
    page = browser_page
    accessibility = {}  # every page's violations, reported together at the end

    def axe_check(page):
        violations = axe_violations(page)
        if violations:
            accessibility[page.url] = axe_report(violations)

    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_be_visible()
    axe_check(page)

    page.get_by_role("navigation").get_by_role("link", name=re.compile("Actualités")).first.click()
    expect(page).to_have_url(re.compile(r"/actualites/$"))
    axe_check(page)

    page.locator("main article a[href*='/actualites/']").first.click()
    expect(page).to_have_url(re.compile(r"/actualites/[\w-]+/$"))
    expect(page.locator("h1")).to_be_visible()
    axe_check(page)

    page.goto(live_server.url + "/votre-ville-en-bref/")
    expect(page.locator("h1")).to_have_text("Votre ville en bref")
    axe_check(page)

    page.goto(live_server.url + "/compte/login/")
    axe_check(page)

    page.goto(live_server.url + "/compte/signup/")
    axe_check(page)
    page.locator("input[name=email]").fill("nouvelle.habitante@example.org")
    page.locator("input[name=password1]").fill("un-mot-de-passe-solide-42")
    page.locator("input[name=password2]").fill("un-mot-de-passe-solide-42")
    page.locator("input[name=display_name]").fill("Nouvelle habitante")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/compte/confirm-email/"))
    expect(page.locator("main")).to_contain_text(re.compile(r"v[ée]rifi|confirm", re.I))
    axe_check(page)
    assert [m.to for m in mailoutbox] == [["nouvelle.habitante@example.org"]]

    assert csp_violations == [], "\n".join(csp_violations)
    assert not accessibility, "Accessibility violations:\n" + "\n".join(
        f"{url}\n{report}" for url, report in accessibility.items()
    )
