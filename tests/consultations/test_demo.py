"""The consultations demo: an open consultation with every kind of question and ~300
responses spread over districts and ages, a closed one with published feedback; idempotent."""

import zoneinfo
from io import StringIO

import pytest
from django.core.cache import cache

from civic.accounts import demo as accounts_demo
from cms import demo as cms_demo
from consultations import demo, results
from consultations.models import ConsultationPage, Question, Response

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(demo_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        accounts_demo.seed(stdout=StringIO())
        cms_demo.seed(stdout=StringIO())
        demo.seed(stdout=StringIO())
    yield
    cache.clear()  # Wagtail caches the demo site's root paths past the module's rollback


def test_the_open_consultation_has_every_kind_and_about_300_responses(seeded, client):
    market = ConsultationPage.objects.get(slug="amenagement-place-du-marche")
    assert market.is_open() and market.live
    assert sorted(market.questions.values_list("kind", flat=True)) == sorted(Question.Kind.values)
    responses = Response.objects.filter(consultation=market)
    assert 280 <= responses.count() <= 320
    assert responses.values("district").distinct().count() >= 4
    assert responses.values("age_bracket").distinct().count() >= 5
    assert responses.filter(channel="counter").exists()
    outcome = results.consultation_results(market)
    assert all(r.respondents for r in outcome.questions if r.question.required)
    page = client.get(market.url + "resultats/")
    assert page.status_code == 200 and "&lt; 10" in page.content.decode()


def test_the_closed_consultation_has_published_feedback(seeded, client):
    library = ConsultationPage.objects.get(slug="horaires-de-la-mediatheque")
    assert library.phase() == "closed"
    assert library.feedback.published_at is not None
    html = client.get(library.url).content.decode()
    assert "Ce que nous avons retenu" in html and "Décision prise" in html


def test_seeding_again_changes_nothing(seeded):
    before = Response.objects.count()
    demo.seed(stdout=StringIO())
    assert Response.objects.count() == before


def test_openings_and_closings_fall_on_round_paris_hours(seeded):
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    for page in ConsultationPage.objects.filter(
        slug__in=[demo.MARKET["slug"], demo.LIBRARY["slug"]]
    ):
        opens, closes = page.opens_at.astimezone(paris), page.closes_at.astimezone(paris)
        assert (opens.hour, opens.minute, opens.second) == (demo.OPENING_HOUR, 0, 0)
        assert (closes.hour, closes.minute, closes.second) == (demo.CLOSING_HOUR, 0, 0)
