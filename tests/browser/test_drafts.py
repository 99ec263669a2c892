"""Issue #8 point 24, in a browser: nothing typed is lost when the session changed under a
form (the branded CSRF page shows it back, and the form gets it back from the browser's
storage), and a draft is put back after a reload, then cleared once the idea is sent."""

import re

import pytest
from playwright.sync_api import expect

from proposals.models import Idea
from tests.factories import DEFAULT_PASSWORD
from tests.moderation.factories import ThemeFactory
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Des arceaux <vélo> devant la médiathèque"
BODY = "Il n'y a aucun endroit pour attacher son vélo.\nSurtout le samedi."


def shoot(page, name: str) -> None:
    screenshots_take(page, "drafts", name)


def log_in(page, base_url, user, next_url="/"):
    page.goto(f"{base_url}/compte/login/?next={next_url}")
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type='submit']").first.click()
    page.wait_for_load_state()


def type_idea(page):
    page.get_by_label(re.compile("Titre")).fill(TITLE)
    page.get_by_label(re.compile("Description")).fill(BODY)
    page.get_by_label(re.compile("Thème")).select_option(label="Mobilité")


def test_a_form_sent_after_signing_in_again_elsewhere_loses_nothing(
    live_server, browser_page, default_site, citizen, axe_check
):
    ThemeFactory(name="Mobilité", slug="mobilite")
    page = browser_page
    log_in(page, live_server.url, citizen, "/idees/nouvelle/")
    expect(page).to_have_url(re.compile(r"/idees/nouvelle/$"))
    type_idea(page)

    # Meanwhile, in another tab, the citizen signs out and in again: the form's token is stale.
    other = page.context.new_page()
    other.goto(live_server.url + "/idees/")
    other.get_by_role("button", name="Se déconnecter").click()
    other.wait_for_load_state()
    log_in(other, live_server.url, citizen, "/idees/")
    other.close()

    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Votre formulaire n'a pas pu être envoyé"
    )
    expect(page.get_by_label("Titre")).to_have_value(TITLE)
    expect(page.get_by_label("Description")).to_have_value(BODY)
    expect(page.get_by_label("Titre")).to_have_attribute("readonly", "")
    expect(page.locator("header")).to_be_visible()  # the site's own page (base.html)
    axe_check(page)
    shoot(page, "csrf-page")
    assert not Idea.objects.exists()

    # Back to the form: the browser puts back what was typed; sending it now works.
    page.get_by_role("link", name="Revenir au formulaire").click()
    expect(page).to_have_url(re.compile(r"/idees/nouvelle/$"))
    expect(page.locator("[data-draft-notice]")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_body")).to_have_value(BODY)
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    page.get_by_role("button", name=re.compile("Envoyer mon idée")).click()
    expect(page.get_by_text(re.compile("Votre idée est bien reçue"))).to_be_visible()
    assert Idea.objects.get().title == TITLE


def test_a_draft_comes_back_after_a_reload_and_goes_once_the_idea_is_sent(
    live_server, browser_page, default_site, citizen, axe_check
):
    ThemeFactory(name="Mobilité", slug="mobilite")
    page = browser_page
    log_in(page, live_server.url, citizen, "/idees/nouvelle/")
    type_idea(page)
    page.wait_for_timeout(500)  # the draft is saved a moment after typing stops

    page.reload()
    expect(page.locator("[data-draft-notice]")).to_contain_text("Nous avons remis le texte")
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_body")).to_have_value(BODY)
    expect(page.locator("#id_theme option:checked")).to_have_text("Mobilité")
    axe_check(page)
    shoot(page, "idea-form-restored-draft")

    # "Effacer ce brouillon" empties what was put back.
    page.get_by_role("button", name="Effacer ce brouillon").click()
    expect(page.locator("#id_title")).to_have_value("")
    page.reload()
    expect(page.locator("[data-draft-notice]")).to_have_count(0)

    # Typed again and sent through the preview: the draft is gone afterwards.
    type_idea(page)
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    page.get_by_role("button", name=re.compile("Envoyer mon idée")).click()
    expect(page.get_by_text(re.compile("Votre idée est bien reçue"))).to_be_visible()
    page.goto(live_server.url + "/idees/nouvelle/")
    expect(page.locator("#id_title")).to_have_value("")
    expect(page.locator("[data-draft-notice]")).to_have_count(0)
    assert (
        page.evaluate(
            "Object.keys(localStorage).filter((k) => k.startsWith('civic-draft:')).length"
        )
        == 0
    )


def test_a_session_expired_while_typing_keeps_the_draft_through_the_sign_in(
    live_server, browser_page, default_site, citizen
):
    from django.conf import settings

    ThemeFactory(name="Mobilité", slug="mobilite")
    page = browser_page
    log_in(page, live_server.url, citizen, "/idees/nouvelle/")
    type_idea(page)

    # The session expires (its cookie goes); the form's token is still the browser's.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    expect(page).to_have_url(re.compile(r"/compte/login/\?next=/idees/nouvelle/"))
    page.locator("input[name='login']").fill(citizen.email)
    page.locator("input[name='password']").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type='submit']").first.click()

    expect(page).to_have_url(re.compile(r"/idees/nouvelle/$"))
    expect(page.locator("[data-draft-notice]")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_body")).to_have_value(BODY)
