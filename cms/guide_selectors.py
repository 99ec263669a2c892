"""Reads of the facilities guide, the agenda and the alerts: public listings as querysets,
"open now" computed from the hours of the rows a filter keeps (never one query per row)."""

import datetime
import math

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from civic.page_cache.memo import tables_memo
from civic.page_cache.versions import pages_version
from civic.search import text_matches

from .guide_models import (
    Alert,
    Event,
    EventCategory,
    Facility,
    FacilityCategory,
    FacilityClosure,
    PharmacyDuty,
)
from .opening_hours import PARIS, facility_is_open, hours_next_change

# Closures that still matter: not yet over (earlier ones never change "open now").
RECENT_CLOSURES_DAYS = 1


def _closures_prefetch(now: datetime.datetime) -> Prefetch:
    since = timezone.localtime(now, PARIS).date() - datetime.timedelta(days=RECENT_CLOSURES_DAYS)
    return Prefetch(
        "closures",
        queryset=FacilityClosure.objects.filter(end_date__gte=since).order_by("start_date"),
    )


def facility_list_public(
    *,
    category: str | None = None,
    accessibility: list[str] | None = None,
    q: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Facility]:
    """Published facilities with their category and current closures, by name."""
    now = now or timezone.now()
    queryset = (
        Facility.objects.filter(is_published=True)
        .select_related("category", "photo")
        .prefetch_related(_closures_prefetch(now))
        .order_by("name", "pk")
    )
    if category:
        queryset = queryset.filter(category__slug=category)
    for flag in accessibility or []:
        if flag in Facility.ACCESSIBILITY_FLAGS:
            queryset = queryset.filter(**{flag: True})
    if q:
        queryset = queryset.filter(
            text_matches(q, "name", "description", "address", "category__name")
        )
    return queryset


def facility_ids_open(queryset: QuerySet[Facility], *, at: datetime.datetime) -> list[int]:
    """The ids of the facilities of `queryset` open at `at`: two queries (the rows' hours,
    then their closures), whatever the number of rows."""
    rows = list(
        queryset.model.objects.filter(pk__in=queryset.values("pk"))
        .only("pk", "opening_hours")
        .prefetch_related(_closures_prefetch(at))
    )
    return [
        row.pk
        for row in rows
        if row.opening_hours
        and facility_is_open(row.opening_hours, at=at, closures=row.closures_list())
    ]


def facility_filter_open(queryset: QuerySet[Facility], *, at: datetime.datetime) -> QuerySet:
    return queryset.filter(pk__in=facility_ids_open(queryset, at=at))


def facility_get_public(*, slug: str) -> Facility | None:
    """One published facility (its closures prefetched), or None."""
    return facility_list_public().filter(slug=slug).first()


def facility_categories() -> QuerySet[FacilityCategory]:
    return FacilityCategory.objects.order_by("name")


def facility_sorted_by_distance(facilities, *, lat: float, lon: float) -> list:
    """The facilities (a list) nearest first to (lat, lon); unlocated ones last."""

    def distance(facility):
        if not facility.is_located:
            return math.inf
        return haversine_km(lat, lon, float(facility.latitude), float(facility.longitude))

    return sorted(facilities, key=distance)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


# Pharmacy on duty ------------------------------------------------------------------------


def pharmacy_on_duty(*, at: datetime.datetime | None = None) -> PharmacyDuty | None:
    """The duty turn covering `at` (its published pharmacy and category joined), or None."""
    at = at or timezone.now()
    return (
        PharmacyDuty.objects.filter(starts_at__lte=at, ends_at__gt=at, pharmacy__is_published=True)
        .select_related("pharmacy", "pharmacy__category")
        .order_by("starts_at")
        .first()
    )


def pharmacy_duties_upcoming(*, at: datetime.datetime | None = None, limit: int = 6):
    at = at or timezone.now()
    return (
        PharmacyDuty.objects.filter(ends_at__gt=at, pharmacy__is_published=True)
        .select_related("pharmacy")
        .order_by("starts_at")[:limit]
    )


# Agenda ----------------------------------------------------------------------------------


def event_list_upcoming(
    *,
    category: str | None = None,
    q: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[Event]:
    """Published events not yet over, soonest first, with their place and category."""
    since = since or timezone.now()
    queryset = (
        Event.objects.filter(is_published=True, ends_at__gt=since)
        .filter(Q(facility__isnull=True) | Q(facility__is_published=True))
        .select_related("category", "facility")
        .order_by("starts_at", "pk")
    )
    if category:
        queryset = queryset.filter(category__slug=category)
    if until:
        queryset = queryset.filter(starts_at__lt=until)
    if q:
        queryset = queryset.filter(text_matches(q, "title", "description", "organiser"))
    return queryset


def event_list_feed(*, category: str | None = None) -> QuerySet[Event]:
    """Published events for the iCalendar feed: those of the last 30 days and to come."""
    since = timezone.now() - datetime.timedelta(days=30)
    return event_list_upcoming(category=category, since=since)


def event_get_public(*, slug: str) -> Event | None:
    return (
        event_list_upcoming(since=datetime.datetime.min.replace(tzinfo=datetime.UTC))
        .filter(slug=slug)
        .first()
    )


def event_categories() -> QuerySet[EventCategory]:
    return EventCategory.objects.order_by("name")


# Alerts and the moments pages change by themselves ---------------------------------------

ALERTS_KEY = "cms:alerts:"
ALERT_TABLES = frozenset({Alert._meta.db_table})


def alerts_not_over(request=None) -> list[Alert]:
    """The alerts not yet over (active or to come): every page asks, one query for all of
    them. Where the tables' versions are shared (production: `civic.page_cache.memo`), kept
    in the process while the alerts' table does not change; elsewhere in the shared cache,
    per version of the database."""

    def read():
        return list(Alert.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at"))

    if settings.CIVIC_PAGE_CACHE:
        return tables_memo(request, "cms alerts", read, tables=ALERT_TABLES)
    key = ALERTS_KEY + pages_version()
    alerts = cache.get(key)
    if alerts is None:
        alerts = read()
        cache.set(key, alerts, 3600)
    return alerts


def alerts_active(*, at: datetime.datetime | None = None, request=None) -> list[Alert]:
    at = at or timezone.now()
    order = {Alert.Level.DANGER: 0, Alert.Level.WARNING: 1, Alert.Level.INFO: 2}
    active = [alert for alert in alerts_not_over(request) if alert.is_active(at)]
    return sorted(active, key=lambda alert: (order.get(alert.level, 3), alert.starts_at))


DEADLINE_KEY = "cms:guide:next-change:"
NOTHING_AHEAD = "nothing"


def guide_next_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next moment after `now` at which a public page of the guide, the agenda or the
    banner changes with no write: a facility opens or closes (its hours, its closures), a
    duty turn or an alert starts or ends, an event starts or ends. Computed once per version
    of the database and until that moment has passed (cached)."""
    key = DEADLINE_KEY + pages_version()
    moment = cache.get(key)
    if moment == NOTHING_AHEAD:
        return None
    if moment is None or moment <= now:
        moment = _guide_first_change(now)
        cache.set(key, moment or NOTHING_AHEAD, 3600)
    return moment


def _guide_first_change(now: datetime.datetime) -> datetime.datetime | None:
    moments: list[datetime.datetime] = []
    facilities = (
        Facility.objects.filter(is_published=True)
        .exclude(opening_hours="")
        .only("pk", "opening_hours")
        .prefetch_related(_closures_prefetch(now))
    )
    for facility in facilities:
        change = hours_next_change(
            facility.opening_hours, at=now, closures=facility.closures_list()
        )
        if change is not None:
            moments.append(change)
    for model in (PharmacyDuty, Alert, Event):
        for field in ("starts_at", "ends_at"):
            first = (
                model.objects.filter(**{f"{field}__gt": now})
                .order_by(field)
                .values_list(field, flat=True)
                .first()
            )
            if first is not None:
                moments.append(first)
    return min(moments, default=None)
