"""Issue #12, point 7: `/agenda/` (upcoming events by date, filters, map) and the iCalendar
feeds of every event and of one category (RFC 5545, parsed back with `icalendar`)."""

import datetime

import pytest
import time_machine
from icalendar import Calendar

from cms.opening_hours import PARIS
from tests.cms.guide_factories import event_category_create, event_create, facility_create

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=PARIS)


@pytest.fixture
def events(db):
    culture = event_category_create("culture", "Culture")
    sport = event_category_create("sport", "Sport")
    theatre = facility_create("Théâtre municipal")
    return {
        "concert": event_create(
            "Concert de l'harmonie",
            category=culture,
            facility=theatre,
            address="",
            starts_at=NOW + datetime.timedelta(days=2, hours=10),
            description="Entrée libre; places limitées, venez tôt.",
        ),
        "race": event_create(
            "Course des berges",
            category=sport,
            address="Quai du Port",
            latitude="47.09",
            longitude="2.41",
            starts_at=NOW + datetime.timedelta(days=5),
        ),
        "past": event_create(
            "Vide-grenier", category=sport, starts_at=NOW - datetime.timedelta(days=3)
        ),
        "hidden": event_create(
            "Réunion interne",
            category=culture,
            is_published=False,
            starts_at=NOW + datetime.timedelta(days=1),
        ),
    }


def test_upcoming_events_by_date(client, events):
    with time_machine.travel(NOW, tick=False):
        page = client.get("/agenda/").content.decode()
    assert 'data-points="event-points"' in page
    page = page[page.index('class="agenda-day"') :]  # the list, after the map's points
    assert page.index("Concert de l&#x27;harmonie") < page.index("Course des berges")
    assert "Vide-grenier" not in page and "Réunion interne" not in page
    assert "Mercredi 6 mai 2026" in page
    assert "Théâtre municipal" in page and "Quai du Port" in page


def test_filter_by_category_and_text(client, events):
    with time_machine.travel(NOW, tick=False):
        sport = client.get("/agenda/?categorie=sport").content.decode()
        text = client.get("/agenda/?q=harmonie").content.decode()
    assert "Course des berges" in sport and "harmonie" not in sport
    assert "harmonie" in text and "Course des berges" not in text
    assert client.get("/agenda/?categorie=nope").status_code == 400
    assert client.get("/agenda/?q=%00").status_code == 400


def test_event_page_and_404_for_unpublished(client, events):
    with time_machine.travel(NOW, tick=False):
        page = client.get(events["concert"].get_absolute_url())
    assert page.status_code == 200
    assert "Théâtre municipal" in page.content.decode()
    assert client.get(events["hidden"].get_absolute_url()).status_code == 404
    assert client.get("/agenda/nexiste-pas/").status_code == 404


def test_the_ical_feed_is_valid_and_complete(client, events):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/agenda/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"\r\n" in response.content  # RFC 5545 lines end with CRLF
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    items = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    # The past event stays in the feed (30 days back); the unpublished one never.
    assert set(items) == {"Concert de l'harmonie", "Course des berges", "Vide-grenier"}
    concert = items["Concert de l'harmonie"]
    assert concert.decoded("DTSTART") == events["concert"].starts_at
    assert concert.decoded("DTEND") == events["concert"].ends_at
    assert str(concert["LOCATION"]) == "Théâtre municipal"
    assert str(concert["DESCRIPTION"]) == "Entrée libre; places limitées, venez tôt."
    assert concert["UID"].endswith("@testserver")
    assert len({str(e["UID"]) for e in items.values()}) == 3
    assert "DTSTAMP" in concert
    lat, lon = items["Course des berges"].decoded("GEO")
    assert (lat, lon) == (47.09, 2.41)


def test_a_category_feed_has_only_that_category(client, events):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/agenda/categorie/sport.ics")
    calendar = Calendar.from_ical(response.content)
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {
        "Course des berges",
        "Vide-grenier",
    }
    assert "Sport" in str(calendar["X-WR-CALNAME"])
    assert client.get("/agenda/categorie/inconnue.ics").status_code == 404


def test_upcoming_events_on_the_home_page(client, events):
    from tests.cms.factories import home_page_create

    home_page_create()
    with time_machine.travel(NOW, tick=False):
        page = client.get("/").content.decode()
    assert "Prochainement dans l" in page
    assert "Course des berges" in page
