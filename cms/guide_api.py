"""Open data on the city's facilities: `/api/v1/facilities` (JSON, paginated),
`/api/v1/facilities/geojson` (GeoJSON, RFC 7946) and `/api/v1/facilities/{id}`.

Only published facilities; `open_now` is computed in Europe/Paris with French public
holidays and the exceptional closures (`cms.opening_hours`).
"""

import datetime
import json

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from civic.api_pagination import CivicPagination

from . import guide_selectors as selectors
from .guide_models import Facility
from .opening_hours import HoursState, hours_next_change_words, hours_state

router = Router()
GEOJSON_TYPE = "application/geo+json"


class FacilityFilters(Schema):
    category: str | None = Field(
        None, description="Identifiant (slug) de la catégorie.", max_length=80
    )
    open_now: bool | None = Field(
        None, description="true : seulement les lieux ouverts maintenant."
    )
    q: str | None = Field(
        None, description="Mots du nom, de l'adresse ou de la description.", max_length=100
    )

    @field_validator("category")
    @classmethod
    def category_exists(cls, value):
        if value and not selectors.facility_categories().filter(slug=value).exists():
            raise ValueError("Catégorie inconnue.")
        return value

    def queryset(self, *, now: datetime.datetime):
        queryset = selectors.facility_list_public(
            category=self.category or None, q=self.q or "", now=now
        )
        if self.open_now:
            queryset = selectors.facility_filter_open(queryset, at=now)
        return queryset


class CategoryOut(Schema):
    name: str
    slug: str
    icon: str


class LocationOut(Schema):
    latitude: float
    longitude: float


class FacilityOut(Schema):
    id: int
    name: str
    category: CategoryOut
    address: str
    postcode: str
    city: str
    location: LocationOut | None
    phone: str
    email: str
    website: str
    description: str
    opening_hours: str = Field(description="Horaires, syntaxe OpenStreetMap opening_hours.")
    open_now: bool
    next_change: datetime.datetime | None = Field(description="Prochaine ouverture ou fermeture.")
    next_change_text: str
    accessibility: dict[str, bool]
    url: str

    @staticmethod
    def resolve_location(obj):
        if not obj.is_located:
            return None
        return {"latitude": float(obj.latitude), "longitude": float(obj.longitude)}

    @staticmethod
    def resolve_open_now(obj, context) -> bool:
        return _state(obj, context).is_open

    @staticmethod
    def resolve_next_change(obj, context):
        return _state(obj, context).next_change

    @staticmethod
    def resolve_next_change_text(obj, context) -> str:
        return hours_next_change_words(
            obj.opening_hours, at=_now(context), state=_state(obj, context)
        )

    @staticmethod
    def resolve_accessibility(obj) -> dict[str, bool]:
        return {name: getattr(obj, name) for name in Facility.ACCESSIBILITY_FLAGS}

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


def _state(obj, context) -> HoursState:
    """The facility's state now, read once for the three fields that show it."""
    if not hasattr(obj, "civic_state"):
        obj.civic_state = hours_state(
            obj.opening_hours, at=_now(context), closures=obj.closures_list()
        )
    return obj.civic_state


def _now(context) -> datetime.datetime:
    request = context["request"]
    if not hasattr(request, "civic_now"):
        request.civic_now = timezone.now()
    return request.civic_now


@router.get("", response=list[FacilityOut], url_name="facility_list", summary="Équipements")
@paginate(CivicPagination)
def facility_list(request, filters: Query[FacilityFilters]):
    """Published facilities by name, with their state now."""
    request.civic_now = timezone.now()
    return filters.queryset(now=request.civic_now)


@router.get(
    "/geojson",
    url_name="facility_geojson",
    summary="Équipements localisés (GeoJSON, RFC 7946)",
    response={200: dict},
)
def facility_geojson(request, filters: Query[FacilityFilters]):
    """A FeatureCollection of the located published facilities: Point geometries in WGS 84,
    coordinates [longitude, latitude]."""
    now = timezone.now()
    features = []
    for facility in filters.queryset(now=now).exclude(latitude=None):
        state = hours_state(facility.opening_hours, at=now, closures=facility.closures_list())
        features.append(
            {
                "type": "Feature",
                "id": facility.pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(facility.longitude), float(facility.latitude)],
                },
                "properties": {
                    "id": facility.pk,
                    "title": facility.name,
                    "category": facility.category.name,
                    "category_slug": facility.category.slug,
                    "address": facility.address,
                    "opening_hours": facility.opening_hours,
                    "open_now": state.is_open,
                    "next_change_text": hours_next_change_words(
                        facility.opening_hours, at=now, state=state
                    ),
                    "url": facility.get_absolute_url(),
                },
            }
        )
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return HttpResponse(body, content_type=GEOJSON_TYPE)


@router.get(
    "/{int:facility_id}", response=FacilityOut, url_name="facility_detail", summary="Un équipement"
)
def facility_detail(request, facility_id: int):
    """One published facility; 404 for one that does not exist or is not published."""
    facility = selectors.facility_list_public().filter(pk=facility_id).first()
    if facility is None:
        raise Http404
    return facility
