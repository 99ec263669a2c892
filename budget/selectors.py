"""Reads of the participatory budget: eligibility, ballots, receipts, results."""

import datetime
import hashlib
import hmac
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext as _

from civic.accounts.models import AgeBracket, District, User
from civic.accounts.selectors import user_has_verified_email
from civic.page_cache.memo import tables_memo
from civic.search import text_matches

from . import receipts
from .models import Ballot, Campaign, Envelope, Project, Result, VoterRecord

# Statuses citizens see: everything but what staff have not studied yet.
PUBLIC_PROJECT_STATUSES = [
    Project.Status.ELIGIBLE,
    Project.Status.INELIGIBLE,
    Project.Status.ON_BALLOT,
    Project.Status.SELECTED,
    Project.Status.NOT_SELECTED,
]


def campaign_list() -> QuerySet[Campaign]:
    """Every campaign, the most recent vote first, each with `results_published` (a bool)."""
    return with_results_published(Campaign.objects.order_by("-vote_start"))


def with_results_published(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """`campaigns`, each with `results_published`: whether a published (not withdrawn)
    result stands, in the same query (`EXISTS`)."""
    published = Result.objects.filter(campaign=OuterRef("pk"), withdrawn_at__isnull=True)
    return campaigns.annotate(results_published=Exists(published))


CAMPAIGN_DATES = (
    "submission_start",
    "submission_end",
    "review_end",
    "vote_start",
    "vote_end",
    "results_date",
    "followup_start",
)


def campaign_next_date(*, after) -> datetime.datetime | None:
    """The first date of any campaign after `after`: when a phase opens or closes and the
    public pages change without a write (one query)."""
    found = Campaign.objects.aggregate(
        **{name: Min(name, filter=Q(**{f"{name}__gt": after})) for name in CAMPAIGN_DATES}
    )
    return min((moment for moment in found.values() if moment is not None), default=None)


def campaign_for_home(*, at=None) -> Campaign | None:
    """The campaign the home page puts forward: the most recent one open to vote, else open
    to submission, else the latest that has started (None when none has). Looks at the ten
    most recent campaigns only: one query."""
    campaigns = list(campaign_list()[:10])
    for wanted in (Campaign.Phase.VOTE, Campaign.Phase.SUBMISSION):
        for campaign in campaigns:
            if campaign.current_phase(at) == wanted:
                return campaign
    return next((c for c in campaigns if c.current_phase(at) != Campaign.Phase.UPCOMING), None)


def campaign_projects(
    *, campaign: Campaign, status: str | None = None, envelope: Envelope | None = None
) -> QuerySet[Project]:
    """A campaign's projects with their envelope (and its district), by title.

    Read through `campaign.projects`, so each project's `campaign` is `campaign` itself:
    `get_absolute_url()` (the campaign's slug) costs no query per project.
    """
    projects = campaign.projects.select_related("envelope__district")
    if status:
        projects = projects.filter(status=status)
    if envelope is not None:
        projects = projects.filter(envelope=envelope)
    return projects.order_by("title")


def campaign_ballot_projects(*, campaign: Campaign) -> QuerySet[Project]:
    """The projects on the ballot, by envelope then title."""
    return campaign_projects(campaign=campaign, status=Project.Status.ON_BALLOT).order_by(
        "envelope__district__name", "title"
    )


def with_first_author(projects: QuerySet[Project]) -> QuerySet[Project]:
    """`projects` whose `author` (the first author, see `Project.author`) costs no query per
    project: their first author's id is annotated and the authors, with their profile,
    prefetched (one more query for the whole list)."""
    links = Project.authors.through.objects.filter(project=OuterRef("pk")).order_by("pk")
    return projects.annotate(first_author_id=Subquery(links.values("user")[:1])).prefetch_related(
        Prefetch("authors", queryset=User.objects.select_related("profile"))
    )


# Eligibility -----------------------------------------------------------------------------


def _profile(user):
    return getattr(user, "profile", None) if user is not None else None


def voter_district(*, user) -> District | None:
    profile = _profile(user)
    return profile.district if profile is not None else None


def voter_envelopes(*, campaign: Campaign, user) -> list[Envelope]:
    """The envelopes `user` votes in: the city-wide one and their district's (CONSUL headings)."""
    district = voter_district(user=user)
    condition = Q(district__isnull=True)
    if district is not None:
        condition |= Q(district=district)
    return list(
        campaign.envelopes.filter(condition)
        .select_related("district")
        .order_by(F("district").asc(nulls_first=True))
    )


def _has_verified_email(user) -> bool:
    """`user_has_verified_email`, without a query for a voter read by `ballot_context`."""
    known = getattr(user, "ballot_has_verified_email", None)
    return known if known is not None else user_has_verified_email(user)


def voter_ineligibility_reasons(*, campaign: Campaign, user, identity_checked=False) -> list[str]:
    """Why `user` may not vote in `campaign`, each reason saying how to become eligible.

    Empty when they may vote. `identity_checked` (at the counter) waives the verified email.
    No query for a voter read by `ballot_context` (`BallotContext.voter`).
    """
    if user is None or not user.is_authenticated:
        return [_("Connectez-vous pour voter.")]
    reasons = []
    if (
        campaign.requires_verified_account
        and not identity_checked
        and not _has_verified_email(user)
    ):
        reasons.append(
            _(
                "Votre adresse e-mail n'est pas encore vérifiée : ouvrez le lien de confirmation "
                "reçu par e-mail, ou demandez-en un nouveau dans « Mon compte › Adresses e-mail »."
            )
        )
    profile = _profile(user)
    if campaign.requires_district and (profile is None or profile.district_id is None):
        reasons.append(
            _(
                "Indiquez votre quartier de résidence dans votre profil "
                "(« Mon espace › Profil ») : ce vote est réservé aux habitants de la ville."
            )
        )
    if campaign.min_age_bracket:
        minimum = AgeBracket(campaign.min_age_bracket).label
        bracket = profile.age_bracket if profile is not None else ""
        if not bracket:
            reasons.append(
                _(
                    "Indiquez votre tranche d'âge dans votre profil (« Mon espace › Profil ») : "
                    "ce vote est ouvert à partir de la tranche « %(minimum)s »."
                )
                % {"minimum": minimum}
            )
        elif bracket not in AgeBracket.at_least(campaign.min_age_bracket):
            reasons.append(
                _(
                    "Ce vote est ouvert à partir de la tranche « %(minimum)s » ; votre profil "
                    "indique « %(bracket)s ». Si c'est une erreur, corrigez-la dans votre profil."
                )
                % {"minimum": minimum, "bracket": AgeBracket(bracket).label}
            )
    return reasons


def voter_record(*, campaign: Campaign, user) -> VoterRecord | None:
    """The record that `user` voted in `campaign` (never what they chose), or None."""
    if user is None or not user.is_authenticated:
        return None
    return VoterRecord.objects.filter(campaign=campaign, user=user).first()


# What the ballot, its confirmation and its receipt show of a project, and the rules read.
BALLOT_PROJECT_FIELDS = (
    "campaign",
    "envelope",
    "status",
    "title",
    "summary",
    "estimated_cost",
    "validated_cost",
)


@dataclass(frozen=True)
class BallotContext:
    """What the ballot's checks and pages need about one voter in one campaign, read once
    per request by `ballot_context` and handed to every check (`budget.ballots`)."""

    campaign: Campaign
    voter: User  # with `profile` and its district loaded, and `ballot_has_verified_email`
    record: VoterRecord | None  # that they voted already (channel and time only)
    envelopes: list[Envelope]  # the ones they vote in: city-wide first, then their district's
    campaign_envelopes: dict[int, Envelope]  # every envelope of the campaign, by id
    campaign_projects: dict[int, Project]  # every project on the campaign's ballot, by id
    # The same projects by envelope (every envelope of the campaign), each list by title.
    envelope_projects: dict[int, list[Project]]

    @property
    def projects(self) -> list[Project]:
        """The projects on this voter's ballot (in `envelopes`), by envelope then title."""
        return [p for e in self.envelopes for p in self.envelope_projects[e.pk]]


def campaign_for_ballot(*, slug: str, request=None) -> Campaign | None:
    """The campaign at `slug`, for the pages of the vote, or None. The campaigns (a few dozen
    in a city's history) are read once per process while none changes
    (`civic.page_cache.memo`), all at once: whatever slug is asked, nothing more is kept. A
    slug not among them is looked up (one query): a 404, or a campaign created after."""
    campaigns = tables_memo(
        request,
        "budget campaigns by slug",
        lambda: {campaign.slug: campaign for campaign in Campaign.objects.all()},
        tables=frozenset({Campaign._meta.db_table}),
    )
    found = campaigns.get(slug)
    return found if found is not None else Campaign.objects.filter(slug=slug).first()


# What `_ballot_offer` reads: a committed write to any of them makes its value old.
BALLOT_OFFER_TABLES = frozenset(
    model._meta.db_table for model in (Campaign, Envelope, Project, District)
)


def _ballot_offer(
    campaign: Campaign,
) -> tuple[dict[int, Envelope], dict[int, Project], dict[int, list[Project]]]:
    """The campaign's envelopes and the projects on its ballot, by id, and the projects by
    envelope: the same for every voter, so read once per process while none of
    `BALLOT_OFFER_TABLES` changes (`civic.page_cache.memo`; every request reads them from
    the database where that cache is off)."""
    campaign_envelopes = {
        envelope.pk: envelope
        for envelope in campaign.envelopes.select_related("district").order_by(
            F("district").asc(nulls_first=True), "pk"
        )
    }
    projects = {}
    on_ballot = (
        campaign.projects.filter(status=Project.Status.ON_BALLOT)
        .only(*BALLOT_PROJECT_FIELDS)
        .order_by("envelope__district__name", "title")
    )
    by_envelope = {pk: [] for pk in campaign_envelopes}
    for project in on_ballot:
        project.envelope = campaign_envelopes[project.envelope_id]  # no second copy of each
        projects[project.pk] = project
        by_envelope[project.envelope_id].append(project)
    return campaign_envelopes, projects, by_envelope


class _VoterStatement:
    """The SQL of `_voter_read`, built once per process and database vendor: the voter, their
    profile and district, whether an email of theirs is verified, and their voter record in
    one campaign (at most one: a unique constraint), in one row.

    Written out rather than left to the ORM, which spent about 2 ms building the same
    statement (a filtered relation, an `Exists`, two joins) for every request of the vote;
    the rows become model instances as the ORM would make them (`Model.from_db`, with each
    field's converters: dates from SQLite)."""

    def __init__(self, connection):
        from allauth.account.models import EmailAddress

        from civic.accounts.models import Profile

        quote = connection.ops.quote_name
        self.parts = []  # (model, fields, their converters), in the row's order
        columns = []
        for alias, model in (("u", User), ("p", Profile), ("d", District), ("r", VoterRecord)):
            fields = [
                f
                for f in model._meta.concrete_fields
                if model is not VoterRecord or f.attname in ("id", "channel", "cast_at")
            ]
            converters = []
            for f in fields:
                col = f.get_col(alias)
                found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                converters.append((found, col))
            self.parts.append((model, fields, converters))
            columns += [f"{alias}.{quote(f.column)}" for f in fields]

        def table(model) -> str:
            return quote(model._meta.db_table)

        def column(model, name: str) -> str:
            return quote(model._meta.get_field(name).column)

        user_pk, district_pk = quote(User._meta.pk.column), quote(District._meta.pk.column)
        self.sql = (
            f"SELECT {', '.join(columns)}, EXISTS (SELECT 1 FROM {table(EmailAddress)} e"
            f" WHERE e.{column(EmailAddress, 'user')} = u.{user_pk}"
            f" AND e.{column(EmailAddress, 'verified')})"
            f" FROM {table(User)} u"
            f" LEFT JOIN {table(Profile)} p ON p.{column(Profile, 'user')} = u.{user_pk}"
            f" LEFT JOIN {table(District)} d ON d.{district_pk} = p.{column(Profile, 'district')}"
            f" LEFT JOIN {table(VoterRecord)} r ON r.{column(VoterRecord, 'user')} = u.{user_pk}"
            f" AND r.{column(VoterRecord, 'campaign')} = %s"
            f" WHERE u.{user_pk} = %s"
        )

    def instances(self, connection, row) -> list:
        """The row's user, profile, district and voter record (None where the join found
        nothing), and the verified-email flag."""
        made, at = [], 0
        for model, fields, converters in self.parts:
            values = list(row[at : at + len(fields)])
            at += len(fields)
            if values[0] is None:  # the primary key: no such row
                made.append(None)
                continue
            for index, (found, col) in enumerate(converters):
                for converter in found:
                    values[index] = converter(values[index], col, connection)
            made.append(model.from_db(connection.alias, [f.attname for f in fields], values))
        return [*made, bool(row[at])]


_voter_statements: dict[str, _VoterStatement] = {}


def _voter_read(*, campaign: Campaign, user) -> tuple[User, VoterRecord | None]:
    """`user` read again with their profile and district (no query to reach them), whether
    they have a verified email (`ballot_has_verified_email`), and their voter record in
    `campaign` (channel and time only), in one query (`_VoterStatement`)."""
    from django.db import connection

    statement = _voter_statements.get(connection.vendor)
    if statement is None:
        statement = _voter_statements[connection.vendor] = _VoterStatement(connection)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [campaign.pk, user.pk])
        row = cursor.fetchone()
    if row is None:
        raise User.DoesNotExist
    voter, profile, district, record, verified = statement.instances(connection, row)
    voter.ballot_has_verified_email = verified
    if profile is not None:
        profile._state.fields_cache["district"] = district
        profile._state.fields_cache["user"] = voter
    voter._state.fields_cache["profile"] = profile
    if record is not None:
        record._state.fields_cache["campaign"] = campaign
        record._state.fields_cache["user"] = voter
    return voter, record


def ballot_context(*, campaign: Campaign, user, request=None) -> BallotContext:
    """`user`'s ballot in `campaign`, in three queries whatever the number of envelopes and
    projects: the voter (profile, district, verified email and voter record in one row), the
    campaign's envelopes, the projects on its ballot (the voter's and the others', which the
    refusals name: "this project is in that envelope").

    A read, not a lock: the database's unique constraint on the voter record, not this read,
    decides between simultaneous submissions (see `budget.ballots.ballot_cast`). `request`:
    the page's, whose versions of the tables the offer is kept for (`civic.page_cache.memo`).
    """
    voter, record = _voter_read(campaign=campaign, user=user)
    campaign_envelopes, projects, by_envelope = tables_memo(
        request,
        ("budget ballot", campaign.pk),
        lambda: _ballot_offer(campaign),
        tables=BALLOT_OFFER_TABLES,
    )
    district = voter_district(user=voter)
    envelopes = [
        envelope
        for envelope in campaign_envelopes.values()
        if envelope.district_id is None
        or (district is not None and envelope.district_id == district.pk)
    ]
    return BallotContext(
        campaign=campaign,
        voter=voter,
        record=record,
        envelopes=envelopes,
        campaign_envelopes=campaign_envelopes,
        campaign_projects=projects,
        envelope_projects=by_envelope,
    )


def voter_records_of(*, user) -> QuerySet[VoterRecord]:
    """The campaigns `user` voted in, with when and through which channel, most recent
    first. Never what they chose: a voter record holds no choice (see `budget.models`)."""
    if user is None or not user.is_authenticated:
        return VoterRecord.objects.none()
    return VoterRecord.objects.filter(user=user).select_related("campaign").order_by("-cast_at")


def projects_of(*, user) -> QuerySet[Project]:
    """The projects `user` is an author of, in any status (the author sees even those not yet
    studied), most recent first, with their campaign and envelope."""
    if user is None or not user.is_authenticated:
        return Project.objects.none()
    return (
        Project.objects.filter(authors=user)
        .select_related("campaign", "envelope__district")
        .order_by("-created_at", "-pk")
    )


# Results and verification ----------------------------------------------------------------


def campaign_published_result(campaign: Campaign) -> Result | None:
    """The campaign's published (not withdrawn) result, or None."""
    return campaign.results.filter(withdrawn_at__isnull=True).first()


def campaign_withdrawn_result(campaign: Campaign) -> Result | None:
    """The most recently withdrawn result when no published result stands, else None: the
    public page then says that results were withdrawn, when and why."""
    if campaign_published_result(campaign) is not None:
        return None
    return campaign.results.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at").first()


def campaign_public_ballots(campaign: Campaign) -> QuerySet[Ballot]:
    """The anonymous ballots with their receipt hashes, once results are published (else none).

    Ordered by receipt hash (random), never by insertion.
    """
    if campaign_published_result(campaign) is None:
        return Ballot.objects.none()
    return (
        Ballot.objects.filter(campaign=campaign)
        .select_related("envelope__district")
        .order_by("receipt_hash")
    )


@dataclass(frozen=True)
class VerifiedBallot:
    envelope: Envelope
    receipt_hash: str
    projects: list[Project]
    project_ids: list[int]


def receipt_verify(*, campaign: Campaign, code: str) -> list[VerifiedBallot]:
    """The ballots recorded under receipt `code`, as counted, once results are published.

    Raises `ValidationError` before publication or for a malformed code; an empty list means
    no ballot carries this code.
    """
    if campaign_published_result(campaign) is None:
        raise ValidationError(
            _("La vérification des reçus ouvre à la publication des résultats."),
            code="not_published",
        )
    if not receipts.receipt_code_is_well_formed(code):
        raise ValidationError(
            _("Ce code n'a pas la forme d'un reçu (16 caractères, par ex. K7QD-3MXA-9TZC-PW4H)."),
            code="malformed",
        )
    hashes = receipts.receipt_hashes_for(code, campaign.envelopes.values_list("pk", flat=True))
    found = Ballot.objects.filter(campaign=campaign, receipt_hash__in=hashes).select_related(
        "envelope__district"
    )
    found = sorted(found, key=lambda b: (b.envelope.district_id is not None, b.envelope_id))
    projects = Project.objects.in_bulk({pid for b in found for pid in b.choices})
    return [
        VerifiedBallot(
            envelope=ballot.envelope,
            receipt_hash=ballot.receipt_hash,
            projects=[projects[pid] for pid in ballot.choices if pid in projects],
            project_ids=list(ballot.choices),
        )
        for ballot in found
    ]


@dataclass(frozen=True)
class DistrictTurnout:
    district: District
    voters: int
    population: int
    percent: float | None


@dataclass
class CampaignResults:
    result: Result
    envelopes: list[dict]
    voters: int
    voters_by_channel: dict[str, int]
    turnout: list[DistrictTurnout] = field(default_factory=list)
    voters_without_district: int = 0

    @property
    def budget_used(self) -> int:
        return sum(envelope["budget_used"] for envelope in self.envelopes)

    @property
    def amount(self) -> int:
        return sum(envelope["amount"] for envelope in self.envelopes)


def campaign_turnout(campaign: Campaign) -> tuple[list[DistrictTurnout], int]:
    """Voters per district as a % of its population, and the voters without a district."""
    counts = dict(
        VoterRecord.objects.filter(campaign=campaign)
        .values_list("district")
        .annotate(n=Count("pk"))
        .values_list("district", "n")
    )
    turnout = []
    for district in District.objects.order_by("name"):
        voters = counts.get(district.pk, 0)
        percent = round(100 * voters / district.population, 2) if district.population else None
        turnout.append(DistrictTurnout(district, voters, district.population, percent))
    return turnout, counts.get(None, 0)


def campaign_results(campaign: Campaign) -> CampaignResults | None:
    """The published results: per envelope the winners (votes, cost, in selection order), every
    project's votes, the budget used; turnout per district. None until published.

    Envelope figures are the snapshot frozen at publication (`budget.results`).
    """
    result = campaign_published_result(campaign)
    if result is None:
        return None
    turnout, without_district = campaign_turnout(campaign)
    by_channel = dict(
        VoterRecord.objects.filter(campaign=campaign)
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    return CampaignResults(
        result=result,
        envelopes=result.data["envelopes"],
        voters=sum(by_channel.values()),
        voters_by_channel=by_channel,
        turnout=turnout,
        voters_without_district=without_district,
    )


# Site search ---------------------------------------------------------------------------


def project_search_public(*, query: str) -> QuerySet[Project]:
    """The projects citizens may see (`PUBLIC_PROJECT_STATUSES`) with every word of `query`
    in their title, summary or description, accents and case ignored; title matches first,
    then the latest campaign. Campaign joined: each project's link costs no query."""
    in_title = text_matches(query, "title")
    return (
        Project.objects.filter(status__in=PUBLIC_PROJECT_STATUSES)
        .filter(text_matches(query, "title", "summary", "description"))
        .select_related("campaign")
        .annotate(title_rank=Case(When(in_title, then=Value(0)), default=Value(1)))
        .order_by("title_rank", "-campaign__vote_start", "title", "pk")
    )


# The ballot's listing of one envelope -----------------------------------------------------

BALLOT_PAGE_SIZE = 12


class BallotOrder:
    RANDOM = "hasard"
    COST = "cout"
    COST_DESC = "cout-desc"
    TITLE = "titre"
    CHOICES = (RANDOM, COST, COST_DESC, TITLE)


@dataclass(frozen=True)
class BallotListing:
    """One envelope's projects in the order the voter asked for, and which ones are shown.

    `projects` holds every project of the envelope (each keeps its checkbox in the form, so a
    choice survives a filter, and the page weighs the same whatever was chosen); `shown`
    the ids the current filter and page let through.
    """

    projects: list[Project]
    shown: frozenset[int]
    order: str
    query: str
    page: int
    matching: int

    @property
    def has_more(self) -> bool:
        return len(self.shown) < self.matching


def _folded(text: str) -> str:
    """Lower case without accents: "Vélo" matches "velo"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ballot_order_seed(*, campaign: Campaign, user) -> str:
    """The voter's own shuffle of a campaign's ballot: stable across reloads (a keyed hash of
    the voter and the campaign), different from one voter to the next, so that no project is
    always first (first places draw votes) and no one can choose another voter's order."""
    message = f"ballot-order:{campaign.pk}:{getattr(user, 'pk', '')}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def ballot_listing(
    projects: list[Project],
    *,
    seed: str,
    order: str = BallotOrder.RANDOM,
    query: str = "",
    page: int = 1,
    show: int | None = None,
) -> BallotListing:
    """Sort, filter and page one envelope's projects on the ballot (`page` pages shown, i.e.
    progressively). In memory: the ballot holds every project of the voter's envelopes anyway
    (a few dozen, already read by `campaign_ballot_projects`). `show` (a project id) widens
    the page until that project is shown when it matches the filter."""
    if order not in BallotOrder.CHOICES:
        order = BallotOrder.RANDOM
    shuffled = sorted(projects, key=lambda p: hashlib.sha256(f"{seed}:{p.id}".encode()).digest())
    for rank, project in enumerate(shuffled):
        project.ballot_rank = rank  # lets the page's script return to the voter's order
    if order == BallotOrder.COST:
        ordered = sorted(projects, key=lambda p: (p.cost, _folded(p.title), p.pk))
    elif order == BallotOrder.COST_DESC:
        ordered = sorted(projects, key=lambda p: (-p.cost, _folded(p.title), p.pk))
    elif order == BallotOrder.TITLE:
        ordered = sorted(projects, key=lambda p: (_folded(p.title), p.pk))
    else:
        ordered = shuffled
    words = _folded(query).split()
    matching = [p for p in ordered if all(w in _folded(f"{p.title} {p.summary}") for w in words)]
    page = max(page, 1)
    ids = [p.id for p in matching]
    if show in ids:
        page = max(page, ids.index(show) // BALLOT_PAGE_SIZE + 1)
    page = min(page, max(1, -(-len(matching) // BALLOT_PAGE_SIZE)))
    return BallotListing(
        projects=ordered,
        shown=frozenset(ids[: page * BALLOT_PAGE_SIZE]),
        order=order,
        query=query,
        page=page,
        matching=len(matching),
    )


# Participation analytics (civic.hooks.ANALYTICS_FIGURES) ----------------------------------


def project_submission_events() -> QuerySet:
    """Each author of each project, at the project's submission (participation events)."""
    return Project.authors.through.objects.all()


def voter_record_events() -> QuerySet[VoterRecord]:
    """Who voted when and how (the voter records; ballots themselves are anonymous)."""
    return VoterRecord.objects.all()


def campaigns_for_analytics(since, until, *, limit: int = 3) -> list[Campaign]:
    """The most recent campaigns whose vote overlaps [since, until) (one query)."""
    return list(
        Campaign.objects.filter(vote_start__lt=until, vote_end__gt=since).order_by("-vote_start")[
            :limit
        ]
    )


def campaign_turnout_rows(campaign: Campaign) -> list[dict]:
    """Voters per district as a % of its population, as the analytics table's rows (live
    during the vote: voter records are written as each ballot is cast)."""
    turnout, without = campaign_turnout(campaign)
    rows = [
        {
            "district": t.district.name,
            "voters": t.voters,
            "population": t.population,
            "percent": t.percent,
        }
        for t in turnout
    ]
    rows.append(
        {"district": _("Sans quartier"), "voters": without, "population": None, "percent": None}
    )
    return rows


def campaign_channel_rows(campaign: Campaign) -> list[dict]:
    counts = dict(
        VoterRecord.objects.filter(campaign=campaign)
        .order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    return [
        {"channel": label, "voters": counts.get(value, 0)}
        for value, label in VoterRecord._meta.get_field("channel").choices
    ]


def campaign_project_status_rows(campaign: Campaign) -> list[dict]:
    counts = dict(
        Project.objects.filter(campaign=campaign)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        {"status": label, "projects": counts[value]}
        for value, label in Project.Status.choices
        if counts.get(value)
    ]


def result_latest_published() -> Result | None:
    """The most recently published result still standing, with its campaign (one query)."""
    return (
        Result.objects.filter(withdrawn_at__isnull=True)
        .select_related("campaign")
        .order_by("-published_at")
        .first()
    )
