"""Reads about consultations: public listings, a citizen's own responses, and aggregated
counts of responses for the analytics (never an individual response)."""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.models import Page

from civic.search import text_matches

from .models import ConsultationIndexPage, ConsultationPage, OpeningAlert, Question, Response


def consultation_queryset_public() -> QuerySet[ConsultationPage]:
    """Live, public consultations with their number of participants (`participants`)."""
    participants = (
        Response.objects.filter(consultation=OuterRef("pk"))
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        ConsultationPage.objects.live()
        .public()
        .annotate(
            participants=Coalesce(Subquery(participants, output_field=IntegerField()), Value(0))
        )
        .select_related("feedback")
    )


def consultation_list_public(*, query: str = "", index=None) -> QuerySet[ConsultationPage]:
    """Open consultations first (closing soonest first), then upcoming, then closed (most
    recently closed first)."""
    now = timezone.now()
    queryset = consultation_queryset_public()
    if index is not None:
        queryset = queryset.child_of(index)
    if query:
        queryset = queryset.filter(text_matches(query, "title", "intro"))
    return queryset.annotate(
        phase_order=Case(
            When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
            When(opens_at__gt=now, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("phase_order", "closes_at", "pk")


def consultation_list_open(*, at=None) -> QuerySet[ConsultationPage]:
    """Consultations open now, closing soonest first."""
    now = at or timezone.now()
    return (
        consultation_queryset_public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "pk")
    )


def consultation_index_page() -> Page | None:
    """The live consultations index as a plain `Page` (one query on the page tree, for the
    menu's link), or None before it is created."""
    return Page.objects.type(ConsultationIndexPage).live().public().order_by("path").first()


def consultation_index() -> ConsultationIndexPage | None:
    """The live consultations index (`/consultations/`), or None before it is created."""
    return ConsultationIndexPage.objects.live().public().order_by("path").first()


def consultation_next_date(*, after):
    """The next opening or closing of a live consultation after `after`, or None."""
    live = ConsultationPage.objects.live().order_by()
    dates = [
        live.filter(opens_at__gt=after)
        .order_by("opens_at")
        .values_list("opens_at", flat=True)
        .first(),
        live.filter(closes_at__gt=after)
        .order_by("closes_at")
        .values_list("closes_at", flat=True)
        .first(),
    ]
    return min((d for d in dates if d is not None), default=None)


def opening_alert_on(*, user) -> bool:
    return bool(user and user.is_authenticated and OpeningAlert.objects.filter(user=user).exists())


def consultation_search_public(*, query: str) -> QuerySet[ConsultationPage]:
    return (
        ConsultationPage.objects.live()
        .public()
        .filter(text_matches(query, "title", "intro"))
        .order_by("-opens_at", "pk")
    )


def response_of(*, user, consultation: ConsultationPage) -> Response | None:
    """`user`'s own response to `consultation`, with its answers, or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Response.objects.filter(consultation=consultation, user=user)
        .prefetch_related("answers")
        .first()
    )


def answers_of(*, user) -> QuerySet[Response]:
    """`user`'s responses, newest first, with the consultation and its feedback."""
    return (
        Response.objects.filter(user=user, consultation__live=True)
        .select_related("consultation", "consultation__feedback")
        .order_by("-created_at", "-pk")
    )


# Aggregated counts for the analytics (ANALYTICS_FIGURES) ----------------------------------


def _responses(consultation=None, since=None) -> QuerySet[Response]:
    queryset = Response.objects.filter(consultation__live=True)
    if consultation is not None:
        queryset = queryset.filter(consultation=consultation)
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    return queryset.order_by()


def responses_per_day(*, consultation=None, since=None) -> list[dict]:
    """`[{"day": date, "responses": n}]`, in day order (dates in the server's time zone)."""
    rows = (
        _responses(consultation, since)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(responses=Count("pk"))
        .order_by("day")
    )
    return list(rows)


def responses_per_district(*, consultation=None, since=None) -> list[dict]:
    """`[{"district": name or None, "responses": n}]`."""
    rows = (
        _responses(consultation, since)
        .values("district__name")
        .annotate(responses=Count("pk"))
        .order_by("district__name")
    )
    return [{"district": r["district__name"], "responses": r["responses"]} for r in rows]


def responses_per_age_bracket(*, consultation=None, since=None) -> list[dict]:
    """`[{"age_bracket": value or "", "responses": n}]`."""
    rows = (
        _responses(consultation, since)
        .values("age_bracket")
        .annotate(responses=Count("pk"))
        .order_by("age_bracket")
    )
    return list(rows)


def responses_per_channel(*, consultation=None, since=None) -> list[dict]:
    """`[{"channel": "web"|"counter"|"phone"|"mail", "responses": n}]`."""
    rows = (
        _responses(consultation, since)
        .values("channel")
        .annotate(responses=Count("pk"))
        .order_by("channel")
    )
    return list(rows)


def responses_submitted() -> QuerySet[Response]:
    """Every response to a live consultation, unevaluated, for the analytics seam
    (`civic.AnalyticsEvents(kind="consultation_response", queryset=responses_submitted,
    user="user_id", moment="created_at", channel="channel")`): the analytics app selects
    those three columns and aggregates; no answer leaves this app."""
    return Response.objects.filter(consultation__live=True).order_by()


def analytics_completion(since=None, until=None) -> list[dict]:
    """Per consultation: responses, complete responses (every question answered) and the
    completion rate, for responses given in [since, until). Two GROUP BY queries."""
    questions = (
        Question.objects.filter(page=OuterRef("consultation"))
        .order_by()
        .values("page")
        .annotate(n=Count("pk"))
        .values("n")
    )
    responses = Response.objects.filter(consultation__live=True).order_by()
    if since is not None:
        responses = responses.filter(created_at__gte=since)
    if until is not None:
        responses = responses.filter(created_at__lt=until)
    complete = responses.annotate(
        answered=Count("answers__question", distinct=True),
        asked=Subquery(questions, output_field=IntegerField()),
    ).filter(answered__gte=F("asked"))
    completed = dict(
        Response.objects.filter(pk__in=complete.values("pk"))
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values_list("consultation", "n")
    )
    rows = []
    for row in (
        responses.values("consultation", "consultation__title")
        .annotate(n=Count("pk"))
        .order_by("consultation__title")
    ):
        done = completed.get(row["consultation"], 0)
        rows.append(
            {
                "consultation": row["consultation__title"],
                "responses": row["n"],
                "completed": done,
                "completion": round(100 * done / row["n"], 1) if row["n"] else 0.0,
            }
        )
    return rows
