"""An administrator corrects a project's title in the admin and reads, in the project's
history, what changed (issue #8, point 4)."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = Path(os.environ.get("CIVIC_SHOTS", "/tmp/shots-wt-audit"))


def test_an_edit_shows_the_title_before_and_after_in_the_history(
    live_server, browser_page, browser_login, administrator, default_site, axe_check
):
    project = ProjectFactory(
        title="Un banc au parc",
        envelope=EnvelopeFactory(campaign=CampaignFactory(phase="review")),
    )
    page = browser_page
    browser_login(page, administrator)
    page.goto(live_server.url + reverse("wagtailsnippets_budget_project:edit", args=[project.pk]))

    page.get_by_role("textbox", name="Titre", exact=False).first.fill("Un banc ombragé au parc")
    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_url("**/snippets/budget/project/")

    page.goto(
        live_server.url + reverse("wagtailsnippets_budget_project:history", args=[project.pk])
    )
    assert page.get_by_text("Titre : Un banc au parc → Un banc ombragé au parc").is_visible()
    axe_check(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"project-history-{width}.png"), full_page=True)
    page.goto(live_server.url + "/admin/reports/site-history/")
    assert page.get_by_text("Titre : Un banc au parc → Un banc ombragé au parc").first.is_visible()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"site-history-{width}.png"), full_page=True)
