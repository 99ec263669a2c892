"""A campaign from and to the Pabulib format (`pb_import`, `pb_export`, the `.pb` download).

Import (`campaign_import_pabulib`) creates a finished campaign — its vote is over, nobody can
vote in it — with one city-wide envelope holding the file's budget, every project on the
ballot, and one anonymous `Ballot` per voter line, with an opaque random receipt hash. No
user and no voter record is created: the file's voters stay anonymous. Projects are created
in the order pabutools breaks ties (project ids compared as text), so the campaign's count
(`budget.results`) breaks ties as the file's rule did. Civic's ballots are approval ballots:
approval and choose-1 files are accepted; cumulative, scoring and ordinal ones are refused
rather than silently stripped of their points. Costs are whole euros: a cost with cents is
rounded to the nearest euro, the budget rounded down (never more money than the file had).

Export (`campaign_to_pabulib`) writes one envelope as one Pabulib election: META (budget,
`vote_type` approval, the campaign's rule, dates, `max_length`/`min_length`...), the projects
counted in it (Civic project ids, cost, votes, `selected` once results are published) and
one voter line per anonymous ballot, voters numbered in receipt-hash (random) order.
"""

import datetime
import secrets
from collections import Counter
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from civic.audit import audit_log

from . import explanations, selectors
from .models import Ballot, Campaign, Envelope, Project
from .pabulib import PabulibElection, PabulibProject, PabulibVoter
from .receipts import receipt_hash
from .results import COUNTED_STATUSES

IMPORTABLE_VOTE_TYPES = ("approval", "choose-1")
DAY = datetime.timedelta(days=1)


def _date(text: str | None) -> datetime.datetime | None:
    """A Pabulib META date ("31.03.2024", "2024-03-31" or "2024") at noon, or None."""
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y"):
        try:
            day = datetime.datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return timezone.make_aware(day.replace(hour=12))
    return None


def _whole(value: Decimal, rounding=ROUND_HALF_UP) -> int:
    return int(value.quantize(Decimal(1), rounding=rounding))


def _pabutools_order(project: PabulibProject) -> str:
    return project.project_id


def _unique_slug(base: str) -> str:
    slug = slugify(base)[:100] or "pabulib"
    candidate, n = slug, 2
    while Campaign.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _title(election: PabulibElection) -> str:
    meta = election.meta
    parts = [meta.get("description") or meta.get("unit") or "Pabulib"]
    for key in ("subunit", "instance"):
        if meta.get(key) and meta[key] not in parts[0]:
            parts.append(meta[key])
    return " — ".join(parts)[:200]


@transaction.atomic
def campaign_import_pabulib(
    *, election: PabulibElection, slug: str = "", title: str = "", actor=None
) -> Campaign:
    """Create a finished campaign from a parsed Pabulib election (see the module docstring).

    Guarantees: all or nothing; refused (`ValidationError`, message readable as is) for a vote
    type Civic cannot hold, a slug already taken, a file without projects; no user or voter
    record created; ballots carry random receipt hashes; logged (actor None = the command).
    """
    vote_type = election.vote_type
    if vote_type not in IMPORTABLE_VOTE_TYPES:
        raise ValidationError(
            _(
                "Type de vote « %(type)s » non pris en charge : les bulletins de Civic sont des "
                "bulletins d'approbation (types acceptés : %(accepted)s)."
            )
            % {"type": vote_type, "accepted": ", ".join(IMPORTABLE_VOTE_TYPES)}
        )
    if not election.projects:
        raise ValidationError(_("Le fichier ne contient aucun projet."))
    if slug and Campaign.objects.filter(slug=slug).exists():
        raise ValidationError(_("Une campagne a déjà l'identifiant « %(slug)s ».") % {"slug": slug})
    meta = election.meta
    budget = _whole(election.budget, ROUND_DOWN)
    longest = max((len(v.vote) for v in election.voters), default=1)
    max_choices = max(election.max_length or longest, 1)
    min_length = meta.get("min_length", "").strip()
    min_choices = min(int(min_length), max_choices) if min_length.isdigit() else 0
    threshold = election.min_project_score_threshold or 0
    rule = election.rule if election.rule in Campaign.TallyRule.values else "greedy"
    completion = Campaign.EqualSharesCompletion.NONE
    equal_shares, _slash, variant = election.rule.partition("/")
    if equal_shares == "equalshares" and variant in Campaign.EqualSharesCompletion.values:
        rule, completion = Campaign.TallyRule.EQUAL_SHARES, variant
    if rule == Campaign.TallyRule.GREEDY_THRESHOLD and not threshold:
        rule = Campaign.TallyRule.GREEDY

    vote_start = _date(meta.get("date_begin")) or timezone.now() - 30 * DAY
    vote_end = _date(meta.get("date_end")) or vote_start + 14 * DAY
    if vote_end <= vote_start:
        vote_end = vote_start + DAY
    campaign = Campaign(
        title=title or _title(election),
        slug=slug or _unique_slug(_title(election)),
        description=meta.get("comment", "")
        or _("Campagne importée d'un fichier Pabulib (%(unit)s).")
        % {"unit": meta.get("unit", "?")},
        total_amount=budget,
        submission_start=vote_start - 90 * DAY,
        submission_end=vote_start - 60 * DAY,
        review_end=vote_start - DAY,
        vote_start=vote_start,
        vote_end=vote_end,
        results_date=vote_end + DAY,
        requires_district=False,
        vote_rule=Campaign.VoteRule.APPROVAL,
        max_choices=max_choices,
        min_choices=min_choices,
        tally_rule=rule,
        equal_shares_completion=completion,
        tally_threshold=threshold,
    )
    campaign.full_clean()
    campaign.save()
    envelope = Envelope(campaign=campaign, district=None, amount=budget)
    envelope.full_clean()
    envelope.save()

    by_file_id: dict[str, int] = {}
    # One by one, in pabutools' tie-break order, so that primary keys follow it.
    for source in sorted(election.projects, key=_pabutools_order):
        cost = _whole(source.cost)
        name = source.name or _("Projet %(id)s") % {"id": source.project_id}
        description = source.extra.get("description", "").strip() or name
        project = Project(
            campaign=campaign,
            envelope=envelope,
            title=Truncator(name).chars(200),
            summary=Truncator(description).chars(400),
            description=description,
            estimated_cost=cost,
            validated_cost=cost,
            status=Project.Status.ON_BALLOT,
            reviewed_at=vote_start - DAY,
        )
        project.full_clean()
        project.save()
        by_file_id[source.project_id] = project.pk

    ballots = [
        Ballot(
            campaign=campaign,
            envelope=envelope,
            choices=sorted(by_file_id[p] for p in voter.vote),
            receipt_hash=receipt_hash(secrets.token_hex(16), envelope.pk),
        )
        for voter in election.voters
        if voter.vote
    ]
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    audit_log(
        actor=actor,
        action="budget.campaign.pabulib_import",
        instance=campaign,
        data={"projects": len(by_file_id), "ballots": len(ballots)},
    )
    return campaign


def campaign_envelopes(campaign: Campaign) -> list[Envelope]:
    """The campaign's envelopes, city-wide first, then by district name."""
    return list(
        campaign.envelopes.select_related("district").order_by(
            F("district__name").asc(nulls_first=True), "pk"
        )
    )


def envelope_file_slug(envelope: Envelope) -> str:
    """`ville` for the city-wide envelope, else the district's slug (file names)."""
    return envelope.district.slug if envelope.district_id else "ville"


def campaign_to_pabulib(campaign: Campaign, envelope: Envelope) -> PabulibElection:
    """`envelope` of `campaign` as a Pabulib election (approval ballots). Read-only.

    Projects: those counted (on the ballot, selected, not selected), by id, with their votes
    recounted from the ballots and, once results are published, `selected` (1/0) from the
    published snapshot. Voters: one per anonymous ballot, numbered in receipt-hash order.
    """
    projects = list(
        Project.objects.filter(envelope=envelope, status__in=COUNTED_STATUSES).order_by("pk")
    )
    ids = {p.pk for p in projects}
    ballots = list(
        Ballot.objects.filter(envelope=envelope)
        .order_by("receipt_hash")
        .values_list("choices", flat=True)
    )
    votes = Counter(pid for choices in ballots for pid in choices)
    result = selectors.campaign_published_result(campaign)
    selected = None
    published: dict = {}
    if result is not None:
        published = next(
            (d for d in result.data.get("envelopes", []) if d.get("envelope") == envelope.pk), {}
        )
        selected = set(published.get("selected", []))
    # Why each project was funded or not, in words, as the results page says it.
    titles = {row["id"]: row["title"] for row in published.get("projects", [])}
    why = {
        row["id"]: explanations.project_explanation(row, titles, published["amount"])
        for row in published.get("projects", [])
    }
    meta = {
        "description": campaign.title,
        "country": "France",
        "unit": campaign.title,
        "instance": campaign.slug,
        "num_projects": str(len(projects)),
        "num_votes": str(len(ballots)),
        "budget": str(envelope.amount),
        "vote_type": "approval",
        "rule": campaign.pabulib_rule,
        "date_begin": timezone.localtime(campaign.vote_start).strftime("%d.%m.%Y"),
        "date_end": timezone.localtime(campaign.vote_end).strftime("%d.%m.%Y"),
    }
    if envelope.district_id:
        meta["subunit"] = envelope.district.name
    if campaign.max_choices:
        meta["max_length"] = str(campaign.max_choices)
    if campaign.min_choices:
        meta["min_length"] = str(campaign.min_choices)
    if campaign.tally_threshold:
        meta["min_project_score_threshold"] = str(campaign.tally_threshold)
    meta.update({"language": "fr", "currency": "EUR"})
    notes = explanations.envelope_explanation(published, result.rule) if published else []
    if notes:
        meta["comment"] = " ".join(f"#{n}: {text}" for n, text in enumerate(notes, start=1))

    project_columns = ["project_id", "cost", "votes", "name"]
    if selected is not None:
        project_columns.append("selected")
    if any(why.values()):
        project_columns.append("explanation")
    return PabulibElection(
        meta=meta,
        projects=[
            PabulibProject(
                project_id=str(p.pk),
                cost=Decimal(p.cost),
                name=p.title,
                votes=votes.get(p.pk, 0),
                selected=None if selected is None else int(p.pk in selected),
                extra={"explanation": why[p.pk]} if why.get(p.pk) else {},
            )
            for p in projects
        ],
        voters=[
            PabulibVoter(
                voter_id=str(number),
                vote=tuple(str(pid) for pid in choices if pid in ids),
            )
            for number, choices in enumerate(ballots, start=1)
        ],
        project_columns=project_columns,
        voter_columns=["voter_id", "vote"],
    )
