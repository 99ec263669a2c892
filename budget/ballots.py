"""Casting secret ballots, online and at the counter, and mixing the ballot box.

`ballot_cast` writes, in one transaction, a `VoterRecord` (who, when, channel) and one sealed
`PendingBallot` per envelope of the voter (what); `pending_ballots_release` later moves an
envelope's pending ballots into the box as anonymous `Ballot` rows, in shuffled batches, and
`ballots_shuffle` mixes the whole box at the count. A ballot and its voter are tied only by a
receipt code the voter alone receives. See `budget/receipts.py` for the secrecy design and
its residual risks, docs/ballot-secrecy.md for the threat model.
"""

import datetime
import logging
import random
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civic.audit import audit_log
from civic.formats import datetime_long

from . import receipts, sealing, selectors
from .models import Ballot, Campaign, Channel, Envelope, PendingBallot, VoterRecord

logger = logging.getLogger(__name__)

PAPER_PERMISSION = "budget.record_paper_ballot"
# Pending ballots of an envelope are released together once there are this many of them.
RELEASE_BATCH = 20


def _when(value: datetime.datetime) -> str:
    return datetime_long(value)  # "1er mars 2027 à 18:00", no "à" in English


def already_voted_message(record: VoterRecord) -> str:
    if record.channel == Channel.COUNTER:
        return _(
            "Vous avez déjà voté au guichet (bulletin papier) pour cette campagne : "
            "un seul vote par personne, il ne peut pas être refait en ligne."
        )
    return _(
        "Vous avez déjà voté en ligne pour cette campagne le %(date)s : un vote est définitif."
    ) % {"date": _when(record.cast_at)}


def _check_phase(campaign: Campaign, at: datetime.datetime) -> None:
    if at < campaign.vote_start:
        raise ValidationError(
            _("Le vote n'est pas encore ouvert : il commence le %(date)s.")
            % {"date": _when(campaign.vote_start)},
            code="phase_closed",
        )
    if at >= campaign.vote_end:
        raise ValidationError(
            _("Le vote est clos depuis le %(date)s.") % {"date": _when(campaign.vote_end)},
            code="phase_closed",
        )


def _normalize_choices(choices) -> dict[int, list[int]]:
    """{envelope id: sorted unique project ids}; keys and ids may arrive as strings (forms)."""
    try:
        return {
            int(envelope_id): sorted({int(project_id) for project_id in project_ids or []})
            for envelope_id, project_ids in (choices or {}).items()
        }
    except (TypeError, ValueError):
        raise ValidationError(_("Le bulletin est illisible."), code="invalid") from None


def choices_errors(*, context: selectors.BallotContext, choices: dict[int, list[int]]) -> list[str]:
    """Every reason why `choices` is not a valid ballot for the voter of `context`.

    Empty when valid. An envelope left empty (or absent) is an abstention in that envelope;
    in an envelope where the voter chooses, the campaign's rule applies. No query: the
    envelopes and the projects on the ballot are `context`'s.
    """
    campaign = context.campaign
    wanted_ids = {pid for ids in choices.values() for pid in ids}
    if not wanted_ids:
        return [_("Votre bulletin est vide : choisissez au moins un projet.")]
    errors = []
    allowed = {envelope.pk: envelope for envelope in context.envelopes}
    all_envelopes = context.campaign_envelopes
    projects = context.campaign_projects
    for envelope_id, project_ids in choices.items():
        if not project_ids:
            continue
        envelope = allowed.get(envelope_id)
        if envelope is None:
            other = all_envelopes.get(envelope_id)
            if other is None:
                errors.append(_("Cette enveloppe n'existe pas dans cette campagne."))
            else:
                errors.append(
                    _(
                        "L'enveloppe « %(envelope)s » est réservée aux habitants de ce quartier : "
                        "vous votez pour la ville et pour votre quartier de résidence."
                    )
                    % {"envelope": other}
                )
            continue
        total = 0
        for project_id in project_ids:
            project = projects.get(project_id)
            if project is None:
                errors.append(
                    _("Le projet n° %(id)s n'est pas soumis au vote dans cette campagne.")
                    % {"id": project_id}
                )
                continue
            if project.envelope_id != envelope_id:
                errors.append(
                    _(
                        "Le projet « %(project)s » fait partie de l'enveloppe « %(right)s », "
                        "pas de l'enveloppe « %(wrong)s »."
                    )
                    % {
                        "project": project,
                        "right": all_envelopes.get(project.envelope_id, "?"),
                        "wrong": envelope,
                    }
                )
                continue
            total += project.cost
        count = len(project_ids)
        if campaign.max_choices and count > campaign.max_choices:
            errors.append(
                ngettext(
                    "Vous avez choisi %(count)s projets dans l'enveloppe « %(envelope)s » : "
                    "%(max)s au plus. Retirez-en.",
                    "Vous avez choisi %(count)s projets dans l'enveloppe « %(envelope)s » : "
                    "%(max)s au plus. Retirez-en.",
                    campaign.max_choices,
                )
                % {"count": count, "envelope": envelope, "max": campaign.max_choices}
            )
        if count < campaign.min_choices:
            errors.append(
                _(
                    "Choisissez au moins %(min)s projets dans l'enveloppe « %(envelope)s » "
                    "(vous en avez choisi %(count)s), ou aucun pour ne pas y voter."
                )
                % {"min": campaign.min_choices, "envelope": envelope, "count": count}
            )
        if campaign.vote_rule == Campaign.VoteRule.KNAPSACK and total > envelope.amount:
            errors.append(
                _(
                    "Les projets choisis dans l'enveloppe « %(envelope)s » coûtent %(total)s €, "
                    "plus que son montant de %(amount)s €. Retirez-en pour rester dans le budget."
                )
                % {"envelope": envelope, "total": total, "amount": envelope.amount}
            )
    return errors


@dataclass(frozen=True)
class BallotCheck:
    """What a ballot form shows before casting: per envelope the count and cost chosen."""

    envelopes: list[Envelope]
    counts: dict[int, int]
    costs: dict[int, int]
    errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _context_for(
    *, campaign: Campaign, voter, context: selectors.BallotContext | None
) -> selectors.BallotContext:
    if context is None:
        return selectors.ballot_context(campaign=campaign, user=voter)
    if context.campaign.pk != campaign.pk or context.voter.pk != voter.pk:
        raise ValueError("The ballot context is another voter's or another campaign's.")
    return context


def ballot_check(
    *, campaign: Campaign, voter, choices: dict, context: selectors.BallotContext | None = None
) -> BallotCheck:
    """Check `choices` without casting anything: running totals per envelope (against its
    amount) and every refusal `ballot_cast` would give about the choices themselves (the
    server-side "update" of the ballot form, for browsers without JavaScript). Read-only;
    no query when given the request's `context` (`selectors.ballot_context`).
    """
    context = _context_for(campaign=campaign, voter=voter, context=context)
    try:
        normalized = _normalize_choices(choices)
    except ValidationError as error:
        return BallotCheck(context.envelopes, {}, {}, error.messages)
    projects = context.campaign_projects
    counts = {envelope_id: len(ids) for envelope_id, ids in normalized.items()}
    costs = {
        envelope_id: sum(projects[pid].cost for pid in ids if pid in projects)
        for envelope_id, ids in normalized.items()
    }
    errors = choices_errors(context=context, choices=normalized)
    return BallotCheck(context.envelopes, counts, costs, errors)


class _AlreadyVoted(Exception):
    """The voter record's unique constraint refused a second vote (raised out of the
    transaction, which the database has aborted, so that the refusal can be read after)."""


def _ballot_refusals(
    *, context: selectors.BallotContext, channel: str, choices
) -> dict[int, list[int]]:
    """Every rule of a ballot, in one place: eligibility, one vote per person (as far as
    read; the database constraint has the last word), then the choices themselves. Returns
    the choices normalized (`_normalize_choices`)."""
    reasons = selectors.voter_ineligibility_reasons(
        campaign=context.campaign,
        user=context.voter,
        identity_checked=channel == Channel.COUNTER,
    )
    if reasons:
        raise ValidationError(reasons, code="not_eligible")
    if context.record is not None:
        raise ValidationError(already_voted_message(context.record), code="already_voted")
    normalized = _normalize_choices(choices)
    errors = choices_errors(context=context, choices=normalized)
    if errors:
        raise ValidationError(errors, code="invalid_choices")
    return normalized


def _ballot_store(
    *,
    context: selectors.BallotContext,
    normalized: dict[int, list[int]],
    channel: str,
    at: datetime.datetime,
    recorded_by=None,
) -> tuple[VoterRecord, str]:
    """Write the voter record and the anonymous ballots of a checked ballot; returns the
    record and the receipt code. Inside `_cast`'s transaction only."""
    campaign, voter = context.campaign, context.voter
    record = VoterRecord(
        campaign=campaign,
        user=voter,
        district=selectors.voter_district(user=voter),
        channel=channel,
        cast_at=at,
        recorded_by=recorded_by,
    )
    # The foreign keys are objects just read (campaign, voter, their district, the agent):
    # validating them would only SELECT them again. The unique constraint (campaign, user)
    # is the arbiter between simultaneous submissions: checking it here would only race, so
    # the database decides (`_AlreadyVoted`).
    record.full_clean(
        exclude=["campaign", "user", "district", "recorded_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        record.save()
    except IntegrityError as error:
        raise _AlreadyVoted from error

    code = receipts.receipt_code_new()
    # One sealed ballot per envelope the voter may vote in, abstentions included, in the
    # voter record's transaction: see "Storage" in receipts.py.
    PendingBallot.objects.bulk_create(
        [
            PendingBallot(
                campaign=campaign,
                envelope_id=envelope.pk,
                sealed=sealing.ballot_seal(
                    campaign_id=campaign.pk,
                    envelope_id=envelope.pk,
                    choices=normalized.get(envelope.pk, []),
                    receipt_hash=(
                        receipts.receipt_hash(code, envelope.pk)
                        if normalized.get(envelope.pk)
                        else None
                    ),
                ),
            )
            for envelope in context.envelopes
        ]
    )
    return record, code


def _cast(
    *,
    campaign: Campaign,
    voter,
    choices,
    channel: str,
    at: datetime.datetime | None,
    recorded_by=None,
    check_phase: bool = True,
    context: selectors.BallotContext | None = None,
) -> str:
    """Check and store one ballot in one transaction of its own (a savepoint when called
    inside another, as the paper import does)."""
    at = at or timezone.now()
    try:
        with transaction.atomic():
            if check_phase:
                _check_phase(campaign, at)
            context = _context_for(campaign=campaign, voter=voter, context=context)
            normalized = _ballot_refusals(context=context, channel=channel, choices=choices)
            record, code = _ballot_store(
                context=context,
                normalized=normalized,
                channel=channel,
                at=at,
                recorded_by=recorded_by,
            )
            audit_log(
                actor=recorded_by or voter,
                action="budget.voterrecord.cast",
                instance=record,
                data={"campaign": campaign.pk, "channel": channel},
            )
    except _AlreadyVoted as error:
        existing = VoterRecord.objects.filter(campaign=campaign, user=voter).first()
        if existing is None:  # another constraint failed: not a second vote
            raise error.__cause__ from None
        raise ValidationError(already_voted_message(existing), code="already_voted") from None
    return code


def ballot_cast(
    *,
    campaign: Campaign,
    voter,
    choices: dict,
    channel: str = Channel.WEB,
    at: datetime.datetime | None = None,
    context: selectors.BallotContext | None = None,
) -> str:
    """Cast `voter`'s secret ballot; returns the receipt code (shown once, never stored).

    `choices` is {envelope id: [project ids]}. Guarantees: in one transaction, exactly one
    `VoterRecord` and one sealed `PendingBallot` per envelope of the voter (released into the
    box later, in a shuffled batch: see `pending_ballots_release`), or nothing at all and a
    `ValidationError` saying why (vote not open, not eligible and how to become so, already
    voted online or at the counter, too many/too few projects, over the envelope's budget,
    project not on the ballot or in another envelope). Simultaneous submissions by one
    citizen give one vote: the database's unique constraint decides. A ballot is final.

    `context` is what `selectors.ballot_context` read for this voter in this request (the
    vote page reads it to show the ballot): given, nothing is read twice; absent, it is read
    here. Every rule is checked against it in the transaction that stores the ballot.
    """
    if not (voter and voter.is_authenticated and voter.is_active):
        raise PermissionDenied(_("Connectez-vous pour voter."))
    if channel != Channel.WEB:
        raise PermissionDenied(_("Les bulletins papier sont saisis par un agent."))
    code = _cast(
        campaign=campaign, voter=voter, choices=choices, channel=channel, at=at, context=context
    )
    _release_after_cast(campaign)
    return code


def paper_ballot_record(
    *, actor, campaign: Campaign, citizen, choices: dict, at: datetime.datetime | None = None
) -> str:
    """An agent records a citizen's paper ballot at the counter; returns the receipt code to
    hand to the citizen.

    The agent checked the citizen's identity in person, so a verified email is not required;
    the other eligibility rules hold. Writes a voter record with channel `counter` (online
    voting is then refused) and the anonymous ballots, in one transaction. Agents only
    (`budget.record_paper_ballot`); logged with the agent as actor.
    """
    if not (actor and actor.is_authenticated and actor.has_perm(PAPER_PERMISSION)):
        raise PermissionDenied(_("Votre rôle ne permet pas de saisir des bulletins papier."))
    code = _cast(
        campaign=campaign,
        voter=citizen,
        choices=choices,
        channel=Channel.COUNTER,
        at=at,
        recorded_by=actor,
    )
    _release_after_cast(campaign)
    return code


def _release_after_cast(campaign: Campaign) -> None:
    """The release a cast triggers, once the voter's transaction is committed: its failure
    must not turn an accepted vote into an error page (the rows stay pending; the next cast
    or the count releases them). Most casts find no envelope ready: one query, outside any
    transaction, says so."""
    try:
        if _envelopes_ready(campaign=campaign, batch=RELEASE_BATCH):
            with transaction.atomic():
                pending_ballots_release(campaign=campaign)
    except (DatabaseError, InvalidTag):
        logger.exception("Release of pending ballots failed (campaign %s)", campaign.pk)


def _envelopes_ready(*, campaign: Campaign, batch: int) -> list[int]:
    """The envelopes of `campaign` holding at least `batch` pending ballots. In plain SQL:
    every cast asks, and the ORM took longer to build this statement than the database to
    answer it."""
    meta = PendingBallot._meta
    quote = connection.ops.quote_name
    envelope = quote(meta.get_field("envelope").column)
    of_campaign = quote(meta.get_field("campaign").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {envelope} FROM {quote(meta.db_table)} WHERE {of_campaign} = %s"
            f" GROUP BY {envelope} HAVING COUNT(*) >= %s",
            [campaign.pk, batch],
        )
        return [row[0] for row in cursor.fetchall()]


def pending_ballots_release(*, campaign: Campaign, batch: int | None = None) -> int:
    """Release, in one transaction, the pending ballots of every envelope of `campaign` that
    holds at least `batch` of them (`RELEASE_BATCH` by default): unsealed, shuffled, written as
    `Ballot` rows under fresh random ids, their pending rows deleted. Returns how many
    ballots were released (abstentions release none).

    `batch=0` releases everything left, in a single shuffled batch (at the close, before the
    count). Rows another release is handling are skipped (PostgreSQL's SKIP LOCKED), and an
    envelope whose lockable rows fall short of the batch waits for the next cast. Run
    outside the voter's transaction: a failure here loses nothing (the rows stay pending).
    """
    batch = RELEASE_BATCH if batch is None else batch
    pending = PendingBallot.objects.filter(campaign=campaign)
    if batch:
        ready = _envelopes_ready(campaign=campaign, batch=batch)
        if not ready:
            return 0
        pending = pending.filter(envelope_id__in=ready)
    with transaction.atomic():
        rows = list(
            pending.select_for_update(skip_locked=bool(batch)).values_list(
                "pk", "envelope_id", "sealed"
            )
        )
        by_envelope: dict[int, list] = {}
        for row in rows:
            by_envelope.setdefault(row[1], []).append(row)
        released, ballots = [], []
        for envelope_id, envelope_rows in by_envelope.items():
            if batch and len(envelope_rows) < batch:
                continue
            for pk, _envelope_id, sealed in envelope_rows:
                chosen, receipt = sealing.ballot_unseal(
                    campaign_id=campaign.pk, envelope_id=envelope_id, sealed=sealed
                )
                released.append(pk)
                if chosen:
                    ballots.append(
                        Ballot(
                            campaign=campaign,
                            envelope_id=envelope_id,
                            choices=chosen,
                            receipt_hash=receipt,
                        )
                    )
        if not released:
            return 0
        # The batch goes in in random order, so its rows' physical order (ctid) says nothing.
        random.SystemRandom().shuffle(ballots)
        Ballot.objects.bulk_create(ballots, batch_size=2000)
        PendingBallot.objects.filter(pk__in=released).delete()
        if ballots:
            # A ballot added after the box was mixed (paper import while counting) calls for a
            # new mix.
            Campaign.objects.filter(pk=campaign.pk, ballots_mixed_at__isnull=False).update(
                ballots_mixed_at=None
            )
    return len(ballots)


def ballot_tables_rewrite() -> bool:
    """On PostgreSQL, rewrite the ballot tables without their dead row versions
    (``VACUUM FULL``): the versions a release or a mix left behind, which still carry the
    transaction ids of the batches. Must run outside any transaction block, so the callers
    hand it to `transaction.on_commit`; returns whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM FULL {Ballot._meta.db_table}, {PendingBallot._meta.db_table}")
    return True


@transaction.atomic
def ballots_shuffle(*, campaign: Campaign) -> int:
    """Rewrite the campaign's ballots, with every ballot still pending, in one random order
    under fresh random ids; returns how many ballots the box holds.

    Done once the vote has closed (by `results_preview` and `results_publish`) so that every
    ballot of the campaign carries the same transaction id and the physical order of rows no
    longer follows the batches. Contents and receipt hashes are unchanged, so every receipt
    still verifies. Once committed, PostgreSQL's ballot tables are rewritten without their
    dead row versions (`ballot_tables_rewrite`). Skipped when already mixed and nothing is
    pending.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    pending = list(
        PendingBallot.objects.filter(campaign=campaign).values_list("pk", "envelope_id", "sealed")
    )
    if campaign.ballots_mixed_at is not None and not pending:
        return 0
    rows = list(
        Ballot.objects.filter(campaign=campaign).values_list(
            "envelope_id", "choices", "receipt_hash"
        )
    )
    # What is still pending goes straight into the mix: never a small batch of its own.
    for _pk, envelope_id, sealed in pending:
        chosen, receipt = sealing.ballot_unseal(
            campaign_id=campaign.pk, envelope_id=envelope_id, sealed=sealed
        )
        if chosen:
            rows.append((envelope_id, chosen, receipt))
    random.SystemRandom().shuffle(rows)
    Ballot.objects.filter(campaign=campaign).delete()
    PendingBallot.objects.filter(pk__in=[pk for pk, _e, _s in pending]).delete()
    Ballot.objects.bulk_create(
        [
            Ballot(campaign=campaign, envelope_id=envelope_id, choices=choices, receipt_hash=h)
            for envelope_id, choices, h in rows
        ],
        batch_size=2000,
    )
    Campaign.objects.filter(pk=campaign.pk).update(ballots_mixed_at=timezone.now())
    transaction.on_commit(ballot_tables_rewrite)
    return len(rows)
