"""The ideas journey end to end: a citizen submits an idea (through the preview), a
moderator approves it in the admin's moderation queue, and it appears in /idees/. The public
ideas pages pass axe with no violation."""

import re

import pytest
from playwright.sync_api import expect

from proposals.models import Idea
from tests.accessibility import axe_report, axe_violations
from tests.factories import DEFAULT_PASSWORD, CitizenFactory
from tests.moderation.factories import IdeaFactory, ThemeFactory, comment_create

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, base_url, user, next_url):
    page.goto(f"{base_url}/compte/login/?next={next_url}")
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type='submit']").first.click()
    page.wait_for_load_state()


def test_citizen_submits_moderator_approves_idea_is_listed(
    live_server, browser, default_site, citizen, moderator
):
    ThemeFactory(name="Mobilité", slug="mobilite")
    accessibility = {}

    def axe(page):
        violations = axe_violations(page)
        if violations:
            accessibility[page.url] = axe_report(violations)

    # The citizen submits an idea, through the preview.
    citizen_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = citizen_context.new_page()
    log_in(page, live_server.url, citizen, "/idees/nouvelle/")
    expect(page).to_have_url(re.compile(r"/idees/nouvelle/$"))
    axe(page)
    page.get_by_label(re.compile("Titre")).fill("Des arceaux vélo devant la médiathèque")
    page.get_by_label(re.compile("Description")).fill(
        "Il n'y a aucun endroit pour attacher son vélo devant la médiathèque."
    )
    page.get_by_label(re.compile("Thème")).select_option(label="Mobilité")
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    expect(page.get_by_role("heading", name=re.compile("arceaux vélo"))).to_be_visible()
    page.get_by_role("button", name=re.compile("Envoyer mon idée")).click()
    page.wait_for_load_state()
    idea = Idea.objects.get(title="Des arceaux vélo devant la médiathèque")
    assert idea.status == Idea.Status.SUBMITTED
    citizen_context.close()

    # The moderator approves it from the queue.
    moderator_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = moderator_context.new_page()
    log_in(page, live_server.url, moderator, "/admin/moderation/")
    expect(page).to_have_url(re.compile(r"/admin/moderation/$"))
    row = page.locator("tr", has_text="Des arceaux vélo devant la médiathèque")
    row.get_by_role("link", name=re.compile("^Publier")).click()
    page.locator("main form button[type='submit']").first.click()
    expect(page).to_have_url(re.compile(r"/admin/moderation/$"))
    expect(page.get_by_text(re.compile("publiée"))).to_be_visible()
    moderator_context.close()
    idea.refresh_from_db()
    assert idea.status == Idea.Status.PUBLISHED

    # Anyone now finds it in the list, and on its page.
    visitor = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = visitor.new_page()
    page.goto(live_server.url + "/idees/")
    link = page.get_by_role("link", name=re.compile("Des arceaux vélo devant la médiathèque"))
    expect(link.first).to_be_visible()
    axe(page)
    link.first.click()
    expect(page).to_have_url(re.compile(rf"/idees/{idea.pk}/$"))
    expect(page.locator("#comments")).to_be_visible()
    axe(page)
    visitor.close()

    assert not accessibility, "\n\n".join(
        f"{url}\n{report}" for url, report in accessibility.items()
    )


def test_citizen_comments_replies_and_reports_on_accessible_pages(
    live_server, browser, default_site, citizen
):
    idea = IdeaFactory(title="Un jardin partagé rue des Lilas")
    first = comment_create(
        obj=idea, user=CitizenFactory(profile__display_name="Lou"), text="Excellente idée !"
    )
    comment_create(obj=idea, user=citizen, text="Merci, je m'en occupe.", parent=first)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, citizen, idea.get_absolute_url())
    expect(page.locator("#comments form.comment-form")).to_be_visible()
    reports = {}

    def axe(page):
        violations = axe_violations(page)
        if violations:
            reports[page.url] = axe_report(violations)

    axe(page)
    # An empty comment comes back on its own page, with the message tied to the field.
    page.locator("#comments form.comment-form button[name='post']").click()
    expect(page.get_by_text("Écrivez votre commentaire avant de l'envoyer.")).to_be_visible()
    axe(page)
    # Reply (depth 2) and report pages, without JavaScript needed.
    page.goto(f"{live_server.url}/commentaires/reply/{first.pk}/")
    page.get_by_label("Votre commentaire").fill("Je peux aider aussi.")
    axe(page)
    page.get_by_role("button", name="Publier ma réponse").click()
    expect(page.get_by_text("Je peux aider aussi.")).to_be_visible()
    page.goto(f"{live_server.url}/commentaires/flag/{first.pk}/")
    axe(page)
    page.get_by_role("button", name="Oui, signaler").click()
    expect(page.get_by_text("signalé à l'équipe de modération")).to_be_visible()
    context.close()
    assert not reports, "\n\n".join(f"{url}\n{report}" for url, report in reports.items())
