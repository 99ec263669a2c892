"""The Wagtail admin works under its own Content-Security-Policy: nothing it needs is blocked
(dashboard, page explorer, page editor with date pickers, images, site history report)."""

import datetime

import pytest

from cms.models import NewsIndexPage, NewsPage

# serialized_rollback: the live server needs what migrations created (Wagtail's root page
# and collection, locales, the role groups), which a transactional test otherwise flushes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_pages_raise_no_csp_violation(
    live_server, browser_page, browser_login, administrator, default_site
):
    index = default_site.root_page.add_child(
        instance=NewsIndexPage(title="Actualités", slug="actus-csp")
    )
    news = index.add_child(
        instance=NewsPage(
            title="Nouvelle", slug="nouvelle", intro="Résumé", date=datetime.date(2026, 11, 2)
        )
    )
    violations = []
    browser_page.on(
        "console",
        lambda msg: (
            violations.append(f"{browser_page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    browser_login(browser_page, administrator)

    for path in [
        "/admin/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{index.pk}/",
        "/admin/images/",
        "/admin/reports/site-history/",
    ]:
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, path
        browser_page.wait_for_load_state("networkidle")

    assert violations == [], "\n".join(violations)
