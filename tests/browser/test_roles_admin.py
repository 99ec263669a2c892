"""Staff journeys of issue #8, points 7, 8 and 10, clicked as a person clicks them: an
administrator changes a person's role and district in /admin/users/; an Élu opens the home
page in the admin and finds no delete or unpublish; a moderator reads a reason template's text
before sending it; /admin/account/ raises no JavaScript error."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission

from civic.accounts import roles
from civic.accounts.models import Profile
from civic.moderation.models import ModerationReason
from proposals.models import Idea
from tests.cms.factories import home_page_create
from tests.factories import CitizenFactory, DistrictFactory
from tests.moderation.factories import IdeaFactory
from tests.screenshots import screenshots_take

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _shots(page, name: str) -> None:
    screenshots_take(page, "roles", name)


def test_an_administrator_changes_a_role_and_a_district_by_clicking(
    live_server, browser_page, browser_login, administrator, default_site
):
    DistrictFactory(name="Centre", slug="centre")
    hauts = DistrictFactory(name="Les Hauts", slug="les-hauts")
    person = CitizenFactory(first_name="", last_name="", email="lou@example.org")
    agent = CitizenFactory(groups=[roles.STAFF], email="agente@example.org")
    Authenticator.objects.create(user=agent, type=Authenticator.Type.TOTP, data={})
    page = browser_page
    browser_login(page, administrator)

    page.goto(live_server.url + reverse("wagtailusers_users:index"))
    expect(page.get_by_role("columnheader", name="Double authentification")).to_be_visible()
    _shots(page, "user-listing")
    page.get_by_role("link", name="lou@example.org").first.click()
    page.wait_for_url("**" + reverse("wagtailusers_users:edit", args=[person.pk]))

    page.get_by_label("Quartier de résidence").select_option(label="Les Hauts")
    page.get_by_role("tab", name="Rôles").click()
    page.get_by_role("checkbox", name=roles.STAFF).check()
    page.get_by_role("checkbox", name=roles.CITIZENS).uncheck()
    _shots(page, "user-edit-roles")
    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_url("**/admin/users/")
    expect(page.get_by_text("mis à jour").first).to_be_visible()

    assert list(person.groups.values_list("name", flat=True)) == [roles.STAFF]
    assert Profile.objects.get(user=person).district == hauts
    page.goto(live_server.url + reverse("wagtailusers_users:edit", args=[person.pk]))
    _shots(page, "user-edit-account")


def test_an_elected_official_sees_no_delete_or_unpublish_on_the_home_page(
    live_server, browser_page, browser_login, elected, default_site
):
    home = home_page_create()
    # What an Élu holds on the pages (ROLE_PAGE_PERMISSIONS), given on this page too: a
    # database restored between transactional tests must not decide what the test sees.
    roles.sync_group_permissions()
    for codename in roles.ROLE_PAGE_PERMISSIONS[roles.ELECTED]:
        GroupPagePermission.objects.get_or_create(
            group=Group.objects.get(name=roles.ELECTED),
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    page = browser_page
    browser_login(page, elected)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[home.pk]))
    # The editor itself (not a refusal): its footer menu is there once its scripts ran.
    assert page.url.endswith(reverse("wagtailadmin_pages:edit", args=[home.pk])), page.url
    expect(page.get_by_role("button", name="Plus d'actions")).to_be_visible(timeout=30_000)
    html = page.content()
    assert reverse("wagtailadmin_pages:delete", args=[home.pk]) not in html
    assert reverse("wagtailadmin_pages:unpublish", args=[home.pk]) not in html
    # The header's "Actions" menu and the editor's "Plus d'actions" menu, opened by a click.
    page.get_by_role("button", name="Actions", exact=True).first.click(timeout=30_000)
    header_menu = page.locator("header [role='menu'], header .w-dropdown__content").first
    expect(header_menu).to_be_visible()
    expect(header_menu.get_by_text("Historique")).to_be_visible()
    expect(header_menu.get_by_text("Supprimer")).to_have_count(0)
    expect(header_menu.get_by_text("Dépublier")).to_have_count(0)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Plus d'actions").click()
    expect(page.get_by_role("button", name="Publier")).to_be_visible()
    expect(page.get_by_role("button", name="Dépublier")).to_have_count(0)
    expect(page.get_by_role("link", name="Dépublier")).to_have_count(0)
    _shots(page, "elected-home-editor")


def test_a_reason_templates_text_is_shown_before_sending(
    live_server, browser_page, browser_login, moderator, default_site
):
    idea = IdeaFactory(status=Idea.Status.SUBMITTED, published_at=None, title="Un banc")
    ModerationReason.objects.create(
        title="Hors compétence", text="Cette demande relève du département, pas de la ville."
    )
    page = browser_page
    browser_login(page, moderator)
    page.goto(live_server.url + reverse("moderation:action", args=["ideas", idea.pk, "reject"]))
    preview = page.locator("[data-reason-preview]")
    expect(preview).to_be_hidden()
    page.get_by_label("Motif type").select_option(label="Hors compétence")
    expect(preview).to_contain_text("relève du département")
    _shots(page, "reason-preview")


def test_the_account_page_raises_no_javascript_error(
    live_server, browser_page, browser_login, administrator, default_site
):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    browser_login(page, administrator)
    page.goto(live_server.url + reverse("wagtailadmin_account"))
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert errors == []
