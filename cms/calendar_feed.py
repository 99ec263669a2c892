"""The agenda as iCalendar (RFC 5545), written with the `icalendar` package."""

import datetime

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//Civic//Agenda//FR"


def events_calendar(events, *, name: str, request) -> bytes:
    """A VCALENDAR of `events`, each a VEVENT with a stable UID (its id and the host), in
    UTC, with its place, category, description and link."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    host = request.get_host().split(":")[0]
    stamp = timezone.now().astimezone(datetime.UTC)
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        item.add("dtend", event.ends_at.astimezone(datetime.UTC))
        item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
        item.add("summary", event.title)
        if event.description:
            item.add("description", event.description)
        if event.place_name:
            item.add("location", event.place_name)
        item.add("categories", [event.category.name])
        item.add("url", event.link or request.build_absolute_uri(event.get_absolute_url()))
        if event.point:
            item.add("geo", event.point)
        calendar.add_component(item)
    return calendar.to_ical()
