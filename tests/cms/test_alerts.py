"""Issue #12, point 8: the site-wide alert banner, on every page while active, read with one
cached query, foldable without JavaScript (a <details>), and the cached pages of anonymous
visitors show it from its start and drop it at its end with no write in between."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.cms.guide_factories import alert_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def page(url="/idees/") -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_active_alert_is_on_every_page(db):
    alert_create("Vigilance crues", text="Crue de la Loire attendue.", level="danger")
    for url in ("/idees/", "/equipements/", "/agenda/", "/recherche/"):
        html = page(url)
        assert "Vigilance crues" in html, url
        assert "site-alert--danger" in html
        assert "<details" in html and "<summary" in html


def test_alerts_not_yet_started_or_over_are_not_shown(db):
    now = timezone.now()
    alert_create("Travaux rue Gambetta", starts_at=now + datetime.timedelta(days=1))
    alert_create(
        "Canicule passée",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=1),
    )
    html = page()
    assert "Travaux rue Gambetta" not in html and "Canicule passée" not in html


def test_the_banner_costs_one_query_then_none(db, django_assert_num_queries):
    from cms.guide_selectors import alerts_active

    alert_create()
    with django_assert_num_queries(1):
        assert len(alerts_active()) == 1
    with django_assert_num_queries(0):
        assert len(alerts_active()) == 1


def test_an_edited_alert_shows_at_once(db, django_capture_on_commit_callbacks):
    from django.db import connection

    from civic.page_cache.versions import pages_version_bump

    alert = alert_create("Vigilance crues")
    assert "Vigilance crues" in page()
    # The creation counts as committed by its own request (see tests/test_page_cache.py).
    connection.run_on_commit = [
        p for p in connection.run_on_commit if p[1] is not pages_version_bump
    ]
    with django_capture_on_commit_callbacks(execute=True):
        alert.title = "Vigilance crues : niveau rouge"
        alert.save()
    assert "niveau rouge" in page()


class TestCachedPages:
    @pytest.fixture(autouse=True)
    def page_cache(self, settings):
        settings.CIVIC_PAGE_CACHE = True

    def test_the_banner_appears_at_its_start_and_goes_at_its_end(self, db):
        now = timezone.now()
        start, end = now + datetime.timedelta(minutes=1), now + datetime.timedelta(minutes=3)
        alert_create("Coupure d'eau", starts_at=start, ends_at=end)
        with time_machine.travel(now, tick=False):
            assert "Coupure d" not in page()
        with time_machine.travel(start + datetime.timedelta(seconds=1), tick=False):
            assert "Coupure d" in page()
        with time_machine.travel(end + datetime.timedelta(seconds=1), tick=False):
            assert "Coupure d" not in page()
