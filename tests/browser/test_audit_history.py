"""An administrator corrects a project's title in the admin and reads, in the project's
history, what changed (issue #8, point 4)."""

import pytest
from django.urls import reverse

from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.screenshots import screenshots_take

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
    screenshots_take(page, "audit", "project-history")
    page.goto(live_server.url + "/admin/reports/site-history/")
    assert page.get_by_text("Titre : Un banc au parc → Un banc ombragé au parc").first.is_visible()
    screenshots_take(page, "audit", "site-history")
