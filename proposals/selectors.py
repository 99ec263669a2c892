"""Reads of ideas: public listings with their counts, visibility rules, similar ideas."""

import math
import re
import unicodedata
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civic.moderation import selectors as comment_selectors
from civic.search import text_matches

from .models import Idea, IdeaStatusChange, Support, Theme

_RECENT = (F("published_at").desc(nulls_last=True), "-pk")
SORTS = {
    "recentes": _RECENT,
    "soutenues": ("-supports_count", *_RECENT),
    "commentees": ("-comments_count", *_RECENT),
}
DEFAULT_SORT = "recentes"


def _count_subquery(queryset: QuerySet) -> Coalesce:
    """`COUNT(*)` of a correlated `queryset` as a scalar subquery (0 when empty): unlike a
    JOIN + GROUP BY, several counts can be annotated side by side without multiplying."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(group=Value(1))
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def comments_count_expression() -> Coalesce:
    """The number of visible comments on each idea, for `.annotate()`."""
    return _count_subquery(comment_selectors.comments_public_of_model(Idea))


def supports_count_expression() -> Coalesce:
    return _count_subquery(Support.objects.filter(idea=OuterRef("pk")))


def idea_with_counts(queryset: QuerySet) -> QuerySet:
    """`queryset` with `supports_count` and `comments_count` in the same query, and the
    relations a card shows (theme, district, author's profile) joined."""
    return queryset.select_related("theme", "district", "author__profile").annotate(
        supports_count=supports_count_expression(),
        comments_count=comments_count_expression(),
    )


def idea_list_public(
    *,
    theme: Theme | str | None = None,
    district=None,
    status: str | None = None,
    q: str = "",
    sort: str = DEFAULT_SORT,
    located_only: bool = False,
) -> QuerySet[Idea]:
    """Ideas anyone may see in the listing (published and decided; not pending, rejected or
    duplicate), filtered and sorted, with their counts: one query whatever their number."""
    queryset = Idea.objects.filter(status__in=Idea.LISTED_STATUSES)
    if theme:
        queryset = (
            queryset.filter(theme__slug=theme)
            if isinstance(theme, str)
            else queryset.filter(theme=theme)
        )
    if district:
        queryset = (
            queryset.filter(district__slug=district)
            if isinstance(district, str)
            else queryset.filter(district=district)
        )
    if status and status in Idea.LISTED_STATUSES:
        queryset = queryset.filter(status=status)
    if q:
        for word in q.split()[:8]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if located_only:
        queryset = queryset.filter(latitude__isnull=False, longitude__isnull=False)
    return idea_with_counts(queryset).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def idea_list_latest(*, limit: int = 3) -> QuerySet[Idea]:
    """The most recently published ideas, for the home page."""
    return idea_list_public()[:limit]


def idea_pending_moderation() -> QuerySet[Idea]:
    """Ideas waiting for a moderator, oldest first, with what the queue shows joined."""
    return (
        Idea.objects.filter(status=Idea.Status.SUBMITTED)
        .select_related("theme", "district", "author__profile", "submitted_by")
        .order_by("created_at", "pk")
    )


def idea_can_view(*, idea: Idea, user) -> bool:
    """Public ideas are for everyone; a pending or rejected one only for its author and for
    moderators."""
    if idea.is_public:
        return True
    if user is None or not user.is_authenticated:
        return False
    return idea.author_id == user.pk or user.has_perm("proposals.moderate_idea")


def idea_get_for_detail(*, pk: int) -> Idea | None:
    """The idea with everything its page shows (counts, theme, district, kept idea)."""
    return (
        idea_with_counts(Idea.objects.filter(pk=pk))
        .select_related("duplicate_of", "answered_by__profile")
        .first()
    )


def idea_history(*, idea: Idea) -> QuerySet[IdeaStatusChange]:
    return idea.status_changes.order_by("created_at", "pk")


def idea_supported_by(*, idea: Idea, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Support.objects.filter(idea=idea, user=user).exists()


def idea_list_by_author(*, user) -> QuerySet[Idea]:
    """All of a citizen's ideas, whatever their status (their dashboard)."""
    return idea_with_counts(Idea.objects.filter(author=user)).order_by("-created_at")


def idea_list_supported_by(*, user) -> QuerySet[Idea]:
    """The public ideas a citizen supports, most recent support first."""
    return idea_with_counts(
        Idea.objects.filter(supports__user=user, status__in=Idea.PUBLIC_STATUSES)
    ).order_by("-supports__created_at")


def idea_list_geojson(**filters) -> dict:
    """The located listed ideas as a GeoJSON FeatureCollection (no personal data)."""
    ideas = idea_list_public(located_only=True, **filters).values(
        "pk", "title", "status", "theme__name", "longitude", "latitude"
    )
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "id": row["pk"],
                "title": row["title"],
                "status": row["status"],
                "status_label": str(Idea.Status(row["status"]).label),
                "theme": row["theme__name"],
                "url": reverse("proposals:idea_detail", kwargs={"pk": row["pk"]}),
            },
        }
        for row in ideas
    ]
    return {"type": "FeatureCollection", "features": features}


# Similar ideas ------------------------------------------------------------------------

# French words that say nothing about what an idea is about.
_STOP_WORDS_TEXT = """
a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur
leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa
se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y est sont
etre avoir plus tres tout tous toute toutes faire fait peu bien sans sous entre vers chez
afin comme donc car ainsi aussi quand si non oui
idee idees proposition proposer propose mettre creer nouveau nouvelle nouveaux nouvelles
ville rue quartier devant derriere autour
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
EARTH_RADIUS_M = 6_371_000
NEARBY_METRES = 200
SIMILAR_SCAN = 3000  # open ideas whose titles are compared


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def significant_words(text: str) -> set[str]:
    """Lower-case words of `text` without accents, stop words and words under 3 letters."""
    words = set(re.findall(r"[a-z0-9]+", _ascii_lower(text)))
    return {w for w in words if len(w) >= 3 and w not in STOP_WORDS}


def _stem(word: str) -> str:
    """A word without its plural mark ("velos", "arceaux" → "velo", "arceau")."""
    return word[:-1] if len(word) > 4 and word[-1] in "sx" else word


def title_terms(text: str) -> dict[str, str]:
    """The significant words of `text` by their stem, each with the word as typed (lower case,
    accents kept) to tell the citizen which words two titles share."""
    terms: dict[str, str] = {}
    for token in re.findall(r"\w+", text.lower()):
        for part in re.findall(r"[a-z0-9]+", _ascii_lower(token)):
            if len(part) >= 3 and part not in STOP_WORDS:
                terms.setdefault(_stem(part), token if _ascii_lower(token) == part else part)
    return terms


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


# How alike two titles must be to suggest one for the other: two significant words in common,
# or one that weighs at least this share of both titles' words together (Jaccard index), so a
# common word lost in two long titles ("piste") suggests nothing.
SIMILAR_MIN_SHARED = 2
SIMILAR_MIN_JACCARD = 0.25


def _titles_alike(mine: set[str], theirs: set[str]) -> set[str]:
    """The stems two titles share when they are alike enough (see above), else an empty set."""
    shared = mine & theirs
    if len(shared) >= SIMILAR_MIN_SHARED:
        return shared
    if shared and len(shared) / len(mine | theirs) >= SIMILAR_MIN_JACCARD:
        return shared
    return set()


def idea_similar(
    *,
    title: str,
    theme: Theme | None = None,
    latitude=None,
    longitude=None,
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[Idea]:
    """Public, still-open ideas that may be the same as a new one, each saying why
    (`similar_reasons`, e.g. "mots en commun : vélo, stationnement"):

    - titles alike: sharing significant words (accents, plurals and French stop words
      ignored), two of them or one weighing a quarter of both titles' words;
    - or within 200 m and under the same `theme` (being near alone is no reason: a bike
      park is not the fruit trees of the nearby park).

    Best matches first (more shared words, then nearer). A few queries, whatever the number of
    ideas: titles are read once, the distance is computed on a bounding box's candidates.
    `shared_words` (the words as typed in `title`) and `distance_m` are set on each idea.
    """
    base = Idea.objects.filter(status__in=Idea.SUPPORTABLE_STATUSES)
    if exclude_pk:
        base = base.exclude(pk=exclude_pk)
    terms = title_terms(title)
    mine = set(terms)
    # pk -> (shared stems, metres)
    found: dict[int, tuple[set[str], float]] = {}

    if mine:
        # Titles are compared on their normalised words in Python (accent-insensitive on every
        # database); only the titles of the most recent open ideas are read.
        titles = base.order_by("-pk").values_list("pk", "title")[:SIMILAR_SCAN]
        for pk, other in titles:
            shared = _titles_alike(mine, set(title_terms(other)))
            if shared:
                found[pk] = (shared, math.inf)

    if latitude is not None and longitude is not None:
        lat, lon = float(latitude), float(longitude)
        dlat = NEARBY_METRES / 111_320
        dlon = NEARBY_METRES / (111_320 * max(math.cos(math.radians(lat)), 0.01))
        box = base.filter(
            latitude__range=(Decimal(str(lat - dlat)), Decimal(str(lat + dlat))),
            longitude__range=(Decimal(str(lon - dlon)), Decimal(str(lon + dlon))),
        )
        if theme is not None:
            box = box.filter(Q(pk__in=list(found)) | Q(theme=theme))
        else:
            box = box.filter(pk__in=list(found))
        for pk, other_lat, other_lon in box.values_list("pk", "latitude", "longitude"):
            metres = distance_m(lat, lon, float(other_lat), float(other_lon))
            if metres <= NEARBY_METRES:
                found[pk] = (found.get(pk, (set(), math.inf))[0], metres)

    ranked = sorted(found.items(), key=lambda item: (-len(item[1][0]), item[1][1], -item[0]))[
        :limit
    ]
    ideas = base.filter(pk__in=[pk for pk, _ in ranked]).select_related("theme").in_bulk()
    result = []
    for pk, (shared, metres) in ranked:
        idea = ideas[pk]
        idea.shared_words = sorted(terms[stem] for stem in shared)
        idea.distance_m = None if metres == math.inf else round(metres)
        idea.similar_reasons = _similar_reasons(idea, theme=theme)
        result.append(idea)
    return result


def _similar_reasons(idea: Idea, *, theme: Theme | None) -> list[str]:
    reasons = []
    if idea.shared_words:
        reasons.append(
            ngettext(
                "mot en commun : %(words)s", "mots en commun : %(words)s", len(idea.shared_words)
            )
            % {"words": ", ".join(idea.shared_words)}
        )
    if idea.distance_m is not None:
        if theme is not None and idea.theme_id == theme.pk:
            reasons.append(
                _("même thème, à %(metres)s m de votre lieu") % {"metres": idea.distance_m}
            )
        else:
            reasons.append(_("à %(metres)s m de votre lieu") % {"metres": idea.distance_m})
    return reasons


# Site search ---------------------------------------------------------------------------


def idea_search_public(*, query: str) -> QuerySet[Idea]:
    """The listed ideas (as on `/idees/`: never pending, rejected or duplicate) with every word
    of `query` in their title or description, accents and case ignored; title matches first,
    then the most recent. Theme joined for the result's label."""
    in_title = text_matches(query, "title")
    return (
        Idea.objects.filter(status__in=Idea.LISTED_STATUSES)
        .filter(text_matches(query, "title", "body"))
        .select_related("theme")
        .annotate(title_rank=Case(When(in_title, then=Value(0)), default=Value(1)))
        .order_by("title_rank", *_RECENT)
    )


# Participation analytics (civic.hooks.ANALYTICS_FIGURES) ----------------------------------


def idea_events() -> QuerySet[Idea]:
    """Every idea ever submitted, as participation events (author, `created_at`, channel)."""
    return Idea.objects.all()


def support_events() -> QuerySet[Support]:
    return Support.objects.all()


def idea_decisions() -> QuerySet[IdeaStatusChange]:
    """The first moderation decisions on ideas (published, refused, closed as duplicate), with
    the idea's submission date: how long contributors waited."""
    return IdeaStatusChange.objects.filter(
        from_status=Idea.Status.SUBMITTED,
        to_status__in=[Idea.Status.PUBLISHED, Idea.Status.REJECTED, Idea.Status.DUPLICATE],
    )


def idea_counts_by_status(since, until) -> list[dict]:
    """Ideas submitted in [since, until) per current status (one GROUP BY)."""
    counts = dict(
        Idea.objects.filter(created_at__gte=since, created_at__lt=until)
        .exclude(status=Idea.Status.WITHDRAWN)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        {"status": label, "ideas": counts[value]}
        for value, label in Idea.Status.choices
        if counts.get(value)
    ]


def idea_counts_by_theme(since, until) -> list[dict]:
    """Ideas submitted in [since, until) per theme, and how many of them are published or
    further along (one GROUP BY)."""
    rows = (
        Theme.objects.order_by("name")
        .annotate(
            n_ideas=Count(
                "ideas",
                filter=Q(ideas__created_at__gte=since, ideas__created_at__lt=until)
                & ~Q(ideas__status=Idea.Status.WITHDRAWN),
            ),
            n_public=Count(
                "ideas",
                filter=Q(
                    ideas__created_at__gte=since,
                    ideas__created_at__lt=until,
                    ideas__status__in=Idea.PUBLIC_STATUSES,
                ),
            ),
        )
        .values_list("name", "n_ideas", "n_public")
    )
    return [{"theme": name, "ideas": n, "public": p} for name, n, p in rows]
