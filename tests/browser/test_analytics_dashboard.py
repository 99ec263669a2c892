"""An agent opens the participation dashboard from the admin menu, chooses November with the
period form, reads the under-represented district, downloads the report with the visible
button; anyone reads /statistiques/. axe finds no violation on either page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.analytics.conftest import town  # noqa: F401  (the hand-worked town)
from tests.factories import DEFAULT_PASSWORD
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_agent_reads_the_dashboard_and_downloads_the_report(
    live_server,
    browser_page,
    axe_check,
    town,  # noqa: F811
):
    page = browser_page
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_login").fill(town.agent.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.get_by_role("link", name="Statistiques").click()
    expect(page.get_by_role("heading", name="Statistiques de participation")).to_be_visible()
    page.get_by_label("Du", exact=True).fill("2026-11-01")
    page.get_by_label("Au", exact=True).fill("2026-11-30")
    page.get_by_label("Pas de temps").select_option("week")
    page.locator("form.analytics-period").get_by_role("button", name="Afficher").click()

    expect(page.get_by_text("Du 01/11/2026 au 30/11/2026")).to_be_visible()
    districts = page.locator("table", has=page.get_by_role("columnheader", name="Quartier")).first
    expect(districts.get_by_role("row", name="Sud")).to_contain_text("0,77 (sous-représenté)")
    expect(page.locator('[data-chart="analytics-districts-chart"].is-drawn')).to_be_visible()
    axe_check(page)
    screenshots_take(page, "analytics", "dashboard", reload=True)

    page.get_by_label("Format du rapport", exact=True).select_option("csv")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger le rapport").click()
    download = download_info.value
    assert download.suggested_filename == "rapport-participation-2026-11-01-2026-11-30.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Participants uniques;39;10;+290 %" in text


def test_anyone_reads_the_public_statistics(
    live_server,
    browser_page,
    axe_check,
    default_site,
    town,  # noqa: F811
):
    page = browser_page
    page.goto(f"{live_server.url}/idees/")
    page.locator("footer").get_by_role("link", name="Statistiques de participation").click()
    expect(
        page.get_by_role("heading", name="Statistiques de participation", level=1)
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Représentativité par quartier")).to_be_visible()
    axe_check(page)
    screenshots_take(page, "analytics", "statistiques", reload=True)
