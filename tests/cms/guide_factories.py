"""Builders for the facilities guide, the agenda and the alerts."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from cms.models import Alert, Event, EventCategory, Facility, FacilityCategory, PharmacyDuty

TOWN_HALL = "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"
_numbers = itertools.count(1)


def category_create(slug="mairie", name=None, *, icon="mairie", is_pharmacy=False):
    category, _ = FacilityCategory.objects.get_or_create(
        slug=slug,
        defaults={"name": name or slug.capitalize(), "icon": icon, "is_pharmacy": is_pharmacy},
    )
    return category


def facility_create(name=None, *, category=None, hours=TOWN_HALL, **fields) -> Facility:
    n = next(_numbers)
    name = name or f"Équipement {n}"
    facility = Facility(
        name=name,
        slug=fields.pop("slug", f"equipement-{n}"),
        category=category or category_create(),
        opening_hours=hours,
        address=fields.pop("address", f"{n} rue de la Mairie"),
        latitude=fields.pop("latitude", Decimal(f"{47.08 + n * 0.0001:.6f}")),
        longitude=fields.pop("longitude", Decimal(f"{2.40 + n * 0.0001:.6f}")),
        **fields,
    )
    facility.full_clean()
    facility.save()
    return facility


def facilities_bulk_create(count: int, *, prefix="lot") -> list[Facility]:
    """`count` facilities, each with its own category (a query per row cannot hide behind a
    shared one) and a closure, bulk-created."""
    numbers = [next(_numbers) for _ in range(count)]
    categories = FacilityCategory.objects.bulk_create(
        [FacilityCategory(name=f"{prefix} cat {n}", slug=f"{prefix}-cat-{n}") for n in numbers]
    )
    facilities = Facility.objects.bulk_create(
        [
            Facility(
                name=f"{prefix} {numbers[i]}",
                slug=f"{prefix}-{numbers[i]}",
                category=categories[i],
                opening_hours=TOWN_HALL if i % 2 else "Mo-Su 10:00-18:00",
                latitude=47.0 + (i % 100) * 0.001,
                longitude=2.3 + (i // 100) * 0.001,
            )
            for i in range(count)
        ]
    )
    from cms.models import FacilityClosure

    today = timezone.localdate()
    FacilityClosure.objects.bulk_create(
        [
            FacilityClosure(
                facility=f,
                start_date=today + datetime.timedelta(days=3),
                end_date=today + datetime.timedelta(days=4),
            )
            for f in facilities
        ]
    )
    return facilities


def pharmacy_create(name="Pharmacie du Port", **fields) -> Facility:
    category = category_create("pharmacies", "Pharmacies", icon="pharmacie", is_pharmacy=True)
    return facility_create(name, category=category, **fields)


def duty_create(pharmacy, *, starts_at, ends_at) -> PharmacyDuty:
    return PharmacyDuty.objects.create(pharmacy=pharmacy, starts_at=starts_at, ends_at=ends_at)


def event_category_create(slug="culture", name="Culture") -> EventCategory:
    category, _ = EventCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    return category


def event_create(title=None, *, category=None, starts_at=None, hours=2, **fields) -> Event:
    n = next(_numbers)
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=n % 20 + 1)
    event = Event(
        title=title or f"Événement {n}",
        slug=fields.pop("slug", f"evenement-{n}"),
        category=category or event_category_create(),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        address=fields.pop("address", "Place du Marché"),
        **fields,
    )
    event.full_clean()
    event.save()
    return event


def alert_create(title="Vigilance crues", *, starts_at=None, ends_at=None, **fields) -> Alert:
    now = timezone.now()
    return Alert.objects.create(
        title=title,
        starts_at=starts_at or now - datetime.timedelta(hours=1),
        ends_at=ends_at or now + datetime.timedelta(days=1),
        **fields,
    )
