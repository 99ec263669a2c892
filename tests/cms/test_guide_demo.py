"""Issue #12, point 9: the guide's demo: about sixty places of Ingeville with valid, varied
hours, eight pharmacies and a rota covering now, fifteen upcoming events, one active alert;
built once however many times it runs."""

from io import StringIO

import pytest
from django.utils import timezone

from cms import guide_demo, guide_selectors
from cms.models import Alert, Event, Facility, PharmacyDuty
from cms.opening_hours import facility_is_open, hours_validate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(demo_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        guide_demo.seed(stdout=StringIO())


def test_the_guide_demo_is_built_once(seeded):
    counts = [m.objects.count() for m in (Facility, PharmacyDuty, Event, Alert)]
    guide_demo.seed(stdout=StringIO())
    assert [m.objects.count() for m in (Facility, PharmacyDuty, Event, Alert)] == counts
    assert counts[0] == 60 and counts[2] == 15 and counts[3] == 1


def test_the_demo_hours_are_valid_and_varied(seeded):
    hours = list(Facility.objects.values_list("opening_hours", flat=True))
    for expression in hours:
        hours_validate(expression)
    assert len(set(hours)) >= 35
    assert Facility.objects.filter(category__is_pharmacy=True).count() == 8
    pool = Facility.objects.get(slug="centre-aquatique-des-ondines")
    assert "Jul-Aug" in pool.opening_hours
    now = timezone.now()
    open_now = [h for h in hours if facility_is_open(h, at=now)]
    assert 0 < len(open_now) < len(hours) or "24/7" in hours


def test_a_pharmacy_is_on_duty_and_an_alert_is_active_now(seeded):
    assert guide_selectors.pharmacy_on_duty() is not None
    assert [a.title for a in guide_selectors.alerts_active()] == ["Vigilance canicule"]
    assert guide_selectors.event_list_upcoming().count() == 15


def test_the_demo_answers_open_now_on_a_holiday_and_past_midnight(seeded):
    import datetime

    from cms.opening_hours import PARIS

    hours = dict(Facility.objects.values_list("slug", "opening_hours"))
    bastille_day = datetime.datetime(2027, 7, 14, 11, 0, tzinfo=PARIS)  # a Wednesday
    assert not facility_is_open(hours["hotel-de-ville"], at=bastille_day)
    assert facility_is_open(hours["maison-medicale-de-garde"], at=bastille_day)
    assert facility_is_open(hours["centre-aquatique-des-ondines"], at=bastille_day) is False
    saturday_night = datetime.datetime(2027, 7, 17, 0, 30, tzinfo=PARIS)  # Friday night
    assert facility_is_open(hours["cinema-le-palace"], at=saturday_night)
    assert not facility_is_open(hours["hotel-de-ville"], at=saturday_night)
