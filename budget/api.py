"""Open data on the participatory budget, under `/api/v1/campaigns`.

Campaigns, their public projects (filters: envelope, district, status), the published
results and the anonymous ballots with their receipt hashes (both 404 until results are
published). No personal data: no author, no voter, no email; a ballot is an envelope, a list
of project ids and the hash of its receipt.
"""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from civic.api_pagination import CivicPagination

from . import explanations, selectors
from .models import Campaign

router = Router()

PUBLIC_STATUSES = [str(s) for s in selectors.PUBLIC_PROJECT_STATUSES]


class DistrictOut(Schema):
    name: str
    slug: str


class EnvelopeOut(Schema):
    id: int
    name: str
    district: DistrictOut | None
    amount: int

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class CampaignOut(Schema):
    slug: str
    title: str
    description: str
    total_amount: int
    phase: str
    phase_label: str
    submission_start: datetime
    submission_end: datetime
    vote_start: datetime
    vote_end: datetime
    results_date: datetime
    vote_rule: str
    max_choices: int | None
    min_choices: int
    tally_rule: str
    equal_shares_completion: str = Field(
        description="Parts égales : « none », « add1 » ou « add1-comparison »."
    )
    greedy_completion: bool
    counting_rule: str = Field(description="La règle telle que Pabulib la nomme.")
    envelopes: list[EnvelopeOut]
    results_published: bool
    url: str

    @staticmethod
    def resolve_phase(obj) -> str:
        return str(obj.current_phase().value)

    @staticmethod
    def resolve_phase_label(obj) -> str:
        return str(obj.current_phase().label)

    @staticmethod
    def resolve_counting_rule(obj) -> str:
        return obj.pabulib_rule

    @staticmethod
    def resolve_envelopes(obj):
        return list(obj.envelopes.all())

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(
            reverse("budget:campaign_detail", args=[obj.slug])
        )


class LocationOut(Schema):
    latitude: float
    longitude: float


class MilestoneOut(Schema):
    date: date
    text: str


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    description: str
    status: str
    status_label: str
    envelope: int = Field(description="Identifiant de l'enveloppe.")
    district: DistrictOut | None
    location: LocationOut | None
    estimated_cost: int
    validated_cost: int | None
    cost: int = Field(description="Coût retenu : le coût validé s'il existe, sinon l'estimé.")
    public_note: str
    followup_status: str
    progress: int
    abandon_reason: str
    milestones: list[MilestoneOut]
    from_idea: int | None
    url: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_envelope(obj) -> int:
        return obj.envelope_id

    @staticmethod
    def resolve_district(obj):
        return obj.envelope.district

    @staticmethod
    def resolve_location(obj):
        if obj.latitude is None or obj.longitude is None:
            return None
        return {"latitude": float(obj.latitude), "longitude": float(obj.longitude)}

    @staticmethod
    def resolve_milestones(obj):
        return list(obj.milestones.all())

    @staticmethod
    def resolve_from_idea(obj) -> int | None:
        return obj.from_idea_id

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class ProjectFilters(Schema):
    envelope: int | None = Field(None, description="Identifiant de l'enveloppe.")
    district: str | None = Field(
        None, description="Quartier (slug) de l'enveloppe ; « ville » : l'enveloppe de la ville."
    )
    status: str | None = Field(None, description="Statut : " + ", ".join(PUBLIC_STATUSES) + ".")

    @field_validator("status")
    @classmethod
    def status_is_public(cls, value):
        if value and value not in PUBLIC_STATUSES:
            raise ValueError(
                "Statut inconnu ou non public ; statuts possibles : " + ", ".join(PUBLIC_STATUSES)
            )
        return value


class ProjectResultOut(Schema):
    id: int
    title: str
    votes: int
    cost: int
    selected: bool
    reason: dict | None = Field(
        None, description="Les chiffres du dépouillement qui expliquent le résultat du projet."
    )
    explanation: str = Field("", description="Pourquoi le projet est retenu ou non, en mots.")


class ComparisonOut(Schema):
    prefer_equal_shares: int
    prefer_greedy: int
    kept: str = Field(description="« equalshares » ou « greedy » : la sélection retenue.")
    same: bool = False


class EnvelopeResultOut(Schema):
    envelope: int
    name: str
    district: int | None
    amount: int
    ballots: int
    budget_used: int
    selected: list[int] = Field(description="Projets retenus, dans l'ordre de sélection.")
    share: int | None = Field(
        None,
        description="Parts égales : la part de chaque votant (€, arrondie à l'euro inférieur).",
    )
    comparison: ComparisonOut | None = None
    explanation: list[str] = Field(
        default_factory=list, description="Ce qu'a fait le dépouillement, en mots."
    )
    projects: list[ProjectResultOut]


class TurnoutOut(Schema):
    district: DistrictOut
    voters: int
    population: int
    percent: float | None


class ResultsOut(Schema):
    rule: str
    published_at: datetime
    voters: int
    voters_by_channel: dict[str, int]
    voters_without_district: int
    amount: int
    budget_used: int
    envelopes: list[EnvelopeResultOut]
    turnout: list[TurnoutOut]


class BallotOut(Schema):
    receipt_hash: str
    envelope: int
    projects: list[int]

    @staticmethod
    def resolve_envelope(obj) -> int:
        return obj.envelope_id

    @staticmethod
    def resolve_projects(obj) -> list[int]:
        return list(obj.choices)


def _campaign(slug: str) -> Campaign:
    return get_object_or_404(
        selectors.with_results_published(Campaign.objects.prefetch_related("envelopes__district")),
        slug=slug,
    )


@router.get("", response=list[CampaignOut], url_name="campaign_list", summary="Campagnes")
@paginate(CivicPagination)
def campaign_list(request):
    """Every campaign of the participatory budget, the most recent vote first."""
    return selectors.campaign_list().prefetch_related("envelopes__district")


@router.get("/{slug}", response=CampaignOut, url_name="campaign_detail", summary="Une campagne")
def campaign_detail(request, slug: str):
    """One campaign: calendar and current phase, rules, envelopes."""
    return _campaign(slug)


@router.get(
    "/{slug}/projects",
    response=list[ProjectOut],
    url_name="campaign_projects",
    summary="Projets d'une campagne",
)
@paginate(CivicPagination)
def campaign_projects(request, slug: str, filters: Query[ProjectFilters]):
    """The campaign's public projects (studied by the city), by title."""
    campaign = _campaign(slug)
    projects = (
        selectors.campaign_projects(campaign=campaign, status=filters.status or None)
        .filter(status__in=PUBLIC_STATUSES)
        .prefetch_related("milestones")
    )
    if filters.envelope is not None:
        projects = projects.filter(envelope_id=filters.envelope)
    if filters.district == "ville":
        projects = projects.filter(envelope__district__isnull=True)
    elif filters.district:
        projects = projects.filter(envelope__district__slug=filters.district)
    return projects


@router.get(
    "/{slug}/results",
    response=ResultsOut,
    url_name="campaign_results",
    summary="Résultats publiés",
)
def campaign_results(request, slug: str):
    """The published results: per envelope the winners and every project's votes; turnout per
    district. 404 until results are published."""
    results = selectors.campaign_results(_campaign(slug))
    if results is None:
        raise Http404
    return {
        "rule": results.result.rule,
        "published_at": results.result.published_at,
        "voters": results.voters,
        "voters_by_channel": results.voters_by_channel,
        "voters_without_district": results.voters_without_district,
        "amount": results.amount,
        "budget_used": results.budget_used,
        "envelopes": [_explained(envelope, results.result.rule) for envelope in results.envelopes],
        "turnout": [
            {
                "district": t.district,
                "voters": t.voters,
                "population": t.population,
                "percent": t.percent,
            }
            for t in results.turnout
        ],
    }


def _explained(envelope: dict, rule: str) -> dict:
    """A published envelope with every explanation in words (`budget.explanations`)."""
    titles = {row["id"]: row["title"] for row in envelope["projects"]}
    return {
        **envelope,
        "explanation": explanations.envelope_explanation(envelope, rule),
        "projects": [
            {
                **row,
                "explanation": explanations.project_explanation(row, titles, envelope["amount"]),
            }
            for row in envelope["projects"]
        ],
    }


@router.get(
    "/{slug}/ballots",
    response=list[BallotOut],
    url_name="campaign_ballots",
    summary="Bulletins anonymes",
)
@paginate(CivicPagination)
def campaign_ballots(request, slug: str):
    """The anonymous ballots with their receipt hashes, in receipt-hash order, so anyone can
    recount and check that their ballot was counted as cast. 404 until results are published."""
    campaign = _campaign(slug)
    if not campaign.results_published:
        raise Http404
    return selectors.campaign_public_ballots(campaign)
