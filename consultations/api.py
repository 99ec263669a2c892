"""Open data on consultations, under `/api/v1/consultations`: the list of public
consultations and, once their results are visible, the aggregated results. Never an
individual response: counts, percentages, means, Borda scores, and the published
free-text answers without any identity. Breakdowns show "< 10" for small cells."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from civic.api_pagination import CivicPagination

from . import selectors
from .results import consultation_results

router = Router()


class ConsultationOut(Schema):
    slug: str
    title: str
    intro: str
    opens_at: datetime
    closes_at: datetime
    phase: str = Field(description="« upcoming », « open » ou « closed ».")
    participants: int
    results_visible: bool
    feedback_status: str | None
    url: str

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase()

    @staticmethod
    def resolve_results_visible(obj) -> bool:
        return obj.results_visible()

    @staticmethod
    def resolve_feedback_status(obj) -> str | None:
        feedback = getattr(obj, "feedback", None)
        return feedback.status if feedback is not None and feedback.published_at else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.url)


class QuestionResultOut(Schema):
    id: int
    kind: str
    label: str
    respondents: int
    rows: list[dict] = Field(
        description="Par option : count et percent (choix), points, first et mean_rank "
        "(classement, score de Borda) ; par valeur de 1 à 5 (échelle)."
    )
    mean: float | None
    texts: list[str] = Field(description="Réponses libres publiées (modérées).")
    breakdowns: list[dict] = Field(description="Par quartier et tranche d'âge ; « < 10 » masque.")


class ResultsOut(Schema):
    slug: str
    participants: int
    by_district: list[dict]
    by_age: list[dict]
    questions: list[QuestionResultOut]


def _consultation(slug: str):
    return get_object_or_404(selectors.consultation_queryset_public(), slug=slug)


@router.get(
    "", response=list[ConsultationOut], url_name="consultation_list", summary="Consultations"
)
@paginate(CivicPagination)
def consultation_list(request):
    """Public consultations: open first, then upcoming, then closed."""
    return selectors.consultation_list_public()


@router.get(
    "/{slug}", response=ConsultationOut, url_name="consultation_detail", summary="Une consultation"
)
def consultation_detail(request, slug: str):
    return _consultation(slug)


@router.get(
    "/{slug}/results",
    response=ResultsOut,
    url_name="consultation_results",
    summary="Résultats agrégés d'une consultation",
)
def consultation_results_api(request, slug: str):
    """404 until the results are visible (after closing, or live when the consultation says
    so)."""
    consultation = _consultation(slug)
    if not consultation.results_visible():
        raise Http404
    results = consultation_results(consultation)
    return {
        "slug": consultation.slug,
        "participants": results.participants,
        "by_district": results.by_district,
        "by_age": results.by_age,
        "questions": [
            {
                "id": r.question.pk,
                "kind": r.question.kind,
                "label": r.question.label,
                "respondents": r.respondents,
                "rows": r.rows,
                "mean": r.mean,
                "texts": [answer.text for answer in r.texts],
                "breakdowns": r.breakdowns,
            }
            for r in results.questions
        ],
    }
