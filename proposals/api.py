"""Open data on ideas: `/api/v1/ideas`, `/api/v1/ideas/{id}`, `/api/v1/ideas/geojson`.

Only public ideas, and no personal data: the author is their public pseudonym.
"""

from datetime import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from civic.api_pagination import CivicPagination

from . import selectors
from .models import Idea

router = Router()


class IdeaFilters(Schema):
    theme: str | None = Field(None, description="Identifiant (slug) du thème.")
    district: str | None = Field(None, description="Identifiant (slug) du quartier.")
    status: str | None = Field(
        None, description="Statut : " + ", ".join(s.value for s in Idea.LISTED_STATUSES) + "."
    )
    q: str | None = Field(None, description="Mots du titre ou de la description.")

    @field_validator("status")
    @classmethod
    def status_is_public(cls, value):
        if value and value not in Idea.LISTED_STATUSES:
            raise ValueError(
                "Statut inconnu ou non public ; statuts possibles : "
                + ", ".join(s.value for s in Idea.LISTED_STATUSES)
            )
        return value

    def as_kwargs(self) -> dict:
        return {
            "theme": self.theme or None,
            "district": self.district or None,
            "status": self.status or None,
            "q": self.q or "",
        }


class ThemeOut(Schema):
    name: str
    slug: str


class DistrictOut(Schema):
    name: str
    slug: str


class LocationOut(Schema):
    latitude: float
    longitude: float


class IdeaOut(Schema):
    id: int
    title: str
    body: str
    status: str
    status_label: str
    theme: ThemeOut
    district: DistrictOut | None
    location: LocationOut | None
    author: str = Field(description="Pseudonyme public de l'auteur.")
    supports_count: int
    comments_count: int
    photo_url: str | None
    official_answer: str
    answered_at: datetime | None
    duplicate_of: int | None
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(Idea.Status(obj.status).label)

    @staticmethod
    def resolve_location(obj):
        if not obj.is_located:
            return None
        return {"latitude": float(obj.latitude), "longitude": float(obj.longitude)}

    @staticmethod
    def resolve_author(obj) -> str:
        return str(obj.author_public_name)

    @staticmethod
    def resolve_photo_url(obj, context) -> str | None:
        if not obj.photo:
            return None
        return context["request"].build_absolute_uri(obj.photo.url)

    @staticmethod
    def resolve_duplicate_of(obj) -> int | None:
        return obj.duplicate_of_id

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class FeatureCollectionOut(Schema):
    type: str
    features: list[dict]


@router.get("", response=list[IdeaOut], url_name="idea_list", summary="Idées publiées")
@paginate(CivicPagination)
def idea_list(request, filters: Query[IdeaFilters]):
    """Published ideas (and those decided since), most recent first."""
    return selectors.idea_list_public(**filters.as_kwargs())


@router.get(
    "/geojson",
    response=FeatureCollectionOut,
    url_name="idea_geojson",
    summary="Idées localisées (GeoJSON)",
)
def idea_geojson(request, filters: Query[IdeaFilters]):
    """A GeoJSON FeatureCollection of the located public ideas (points in WGS 84)."""
    return selectors.idea_list_geojson(**filters.as_kwargs())


@router.get("/{int:idea_id}", response=IdeaOut, url_name="idea_detail", summary="Une idée")
def idea_detail(request, idea_id: int):
    """One public idea; 404 for an idea that does not exist or is not public."""
    idea = selectors.idea_get_for_detail(pk=idea_id)
    if idea is None or not idea.is_public:
        raise Http404
    return idea
