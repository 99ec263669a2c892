"""The facilities guide (`/equipements/`), the agenda (`/agenda/`) and its iCalendar feeds.

Pages are lists first (they work without JavaScript); the map draws the same filters from
the API's GeoJSON. "Open now" depends on the hour, not on a write: the cached copies of these
pages expire at the next opening or closing (`guide_selectors.guide_next_change`, registered
on `civic.hooks.PAGE_CACHE_DEADLINES`).
"""

import re

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from civic.maps import map_settings
from civic.pagination import paginate

from . import guide_selectors as selectors
from .calendar_feed import events_calendar
from .guide_filters import EventFilter, FacilityFilter
from .opening_hours import PARIS, hours_next_change_words, hours_state, hours_week

FACILITIES_PER_PAGE = 20
EVENTS_PER_PAGE = 20
# `?pres=47.084,2.396`: the visitor's position, shared by their browser (sort by distance).
POSITION = re.compile(r"^(-?\d{1,2}(?:\.\d{1,6})?),(-?\d{1,3}(?:\.\d{1,6})?)$")


def facility_status(facility, *, now) -> None:
    """Sets `is_open_now` and `next_change_words` on one facility of a page."""
    state = hours_state(facility.opening_hours, at=now, closures=facility.closures_list())
    facility.is_open_now = state.is_open
    facility.next_change_words = hours_next_change_words(
        facility.opening_hours, at=now, state=state
    )


def _position(raw: str) -> tuple[float, float] | None:
    match = POSITION.match(raw.strip()) if raw else None
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@require_GET
def facility_list(request):
    """`/equipements/`: the published facilities, filtered, 20 a page, with their state now;
    `?pres=lat,lon` sorts them nearest first."""
    now = timezone.now()
    filterset = FacilityFilter(
        request.GET or None, queryset=selectors.facility_list_public(now=now), request=request
    )
    valid = not filterset.is_bound or filterset.is_valid()
    queryset = filterset.qs if valid else selectors.facility_list_public(now=now).none()
    if filterset.open_now:
        queryset = selectors.facility_filter_open(queryset, at=now)
    position = _position(request.GET.get("pres", ""))
    if position is not None:
        facilities = selectors.facility_sorted_by_distance(
            list(queryset), lat=position[0], lon=position[1]
        )
    else:
        facilities = queryset
    page = paginate(request, facilities, FACILITIES_PER_PAGE)
    for facility in page.object_list:
        facility_status(facility, now=now)
        if position is not None and facility.is_located:
            facility.distance_km = selectors.haversine_km(
                *position, float(facility.latitude), float(facility.longitude)
            )
    query = request.GET.copy()
    query.pop("page", None)
    api_query = {
        "category": request.GET.get("categorie", ""),
        "open_now": "true" if filterset.open_now else "",
        "q": request.GET.get("q", ""),
    }
    context = {
        "filter": filterset,
        "page_obj": page,
        "facilities": page.object_list,
        "filter_query": query.urlencode(),
        "position": position,
        "duty": selectors.pharmacy_on_duty(at=now),
        "map": map_settings(),
        "geojson_url": reverse("api-v1:facility_geojson")
        + "?"
        + urlencode({k: v for k, v in api_query.items() if v}),
        "now": now,
    }
    return TemplateResponse(
        request, "cms/facility_list.html", context, status=200 if valid else 400
    )


@require_GET
def facility_detail(request, slug):
    """One published facility: map, the week's hours, the next change, contacts, its events.
    Unpublished or unknown: 404, the same for both."""
    facility = selectors.facility_get_public(slug=slug)
    if facility is None:
        raise Http404
    now = timezone.now()
    facility_status(facility, now=now)
    today = timezone.localtime(now, PARIS).date()
    context = {
        "facility": facility,
        "week": hours_week(
            facility.opening_hours, start=today, closures=facility.closures_list(), today=today
        )
        if facility.opening_hours
        else [],
        "closures": [c for c in facility.closures.all() if c.end_date >= today],
        "events": list(selectors.event_list_upcoming().filter(facility=facility)[:5]),
        "map": map_settings(),
        "is_duty": bool(
            (duty := selectors.pharmacy_on_duty(at=now)) and duty.pharmacy_id == facility.pk
        ),
    }
    return TemplateResponse(request, "cms/facility_detail.html", context)


@require_GET
def event_list(request):
    """`/agenda/`: upcoming published events by date, filtered, on a map."""
    filterset = EventFilter(
        request.GET or None, queryset=selectors.event_list_upcoming(), request=request
    )
    valid = not filterset.is_bound or filterset.is_valid()
    queryset = filterset.qs if valid else selectors.event_list_upcoming().none()
    page = paginate(request, queryset, EVENTS_PER_PAGE)
    points = [
        {"lat": p[0], "lon": p[1], "title": e.title, "url": e.get_absolute_url()}
        for e in page.object_list
        if (p := e.point)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    category = (
        filterset.form.cleaned_data.get("categorie") if valid and filterset.is_bound else None
    )
    context = {
        "filter": filterset,
        "page_obj": page,
        "events": page.object_list,
        "points": points,
        "filter_query": query.urlencode(),
        "category": category,
        "categories": list(selectors.event_categories()),
        "map": map_settings(),
    }
    return TemplateResponse(request, "cms/event_list.html", context, status=200 if valid else 400)


@require_GET
def event_detail(request, slug):
    event = selectors.event_get_public(slug=slug)
    if event is None:
        raise Http404
    return TemplateResponse(
        request, "cms/event_detail.html", {"event": event, "map": map_settings()}
    )


@require_GET
def event_calendar(request, slug=None):
    """`/agenda/calendrier.ics` (every event) and `/agenda/categorie/<slug>.ics` (one
    category): iCalendar (RFC 5545) feeds a calendar application subscribes to."""
    category = None
    if slug is not None:
        category = selectors.event_categories().filter(slug=slug).first()
        if category is None:
            raise Http404
    events = selectors.event_list_feed(category=slug)
    name = _("Agenda") + (f" – {category.name}" if category else "")
    body = events_calendar(events, name=name, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
