"""State changes of campaigns and budget projects: campaign settings and envelopes; project
submission, review, ballot, transfer of ideas, follow-up.

Every service is keyword-only, runs in one transaction, checks permission, validates with
`full_clean()` and writes the audit log. Refusals raise `PermissionDenied` or a
`ValidationError` whose message can be shown as is. Voting lives in `budget/ballots.py`,
results in `budget/results.py`, the CSV import of paper ballots in `budget/paper.py` (the
app's docstring, `budget/__init__.py`, lists every place the budget writes).
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.accounts.models import District
from civic.accounts.selectors import user_has_verified_email
from civic.audit import audit_log
from civic.notifications import selectors as notification_selectors
from civic.notifications import services as notifications
from civic.photos import photo_process
from proposals import services as proposals_services

from .models import Campaign, Envelope, Milestone, Project, ProjectPhoto

REVIEW_PERMISSION = "budget.review_project"
FOLLOWUP_PERMISSION = "budget.update_project_followup"

# A review may change its mind until the project is put on the ballot.
REVIEWABLE = {
    Project.Status.SUBMITTED,
    Project.Status.IN_REVIEW,
    Project.Status.ELIGIBLE,
    Project.Status.INELIGIBLE,
}
REVIEW_DECISIONS = {Project.Status.IN_REVIEW, Project.Status.ELIGIBLE, Project.Status.INELIGIBLE}


def _require(actor, permission: str) -> None:
    if not (actor and actor.is_authenticated and actor.is_active and actor.has_perm(permission)):
        raise PermissionDenied(_("Votre rôle ne permet pas cette action."))


def _notify(*, recipients, kind: str, context: dict, obj) -> None:
    # An unknown kind raises in `notification_send`: a typo must not turn emails off.
    for recipient in recipients:
        notifications.notification_send(recipient=recipient, kind=kind, context=context, obj=obj)


def _followers(obj):
    return list(notification_selectors.followers_of(obj))


def _check_envelope(*, campaign: Campaign, envelope: Envelope) -> None:
    if envelope.campaign_id != campaign.pk:
        raise ValidationError({"envelope": _("Cette enveloppe appartient à une autre campagne.")})


# Campaigns -------------------------------------------------------------------------------

CAMPAIGN_PERMISSION = "budget.change_campaign"

# What staff may set on a campaign (the admin form's fields; envelopes are passed apart).
CAMPAIGN_FIELDS = frozenset(
    {
        "title",
        "slug",
        "description",
        "total_amount",
        "submission_start",
        "submission_end",
        "review_end",
        "vote_start",
        "vote_end",
        "results_date",
        "followup_start",
        "min_age_bracket",
        "requires_district",
        "requires_verified_account",
        "vote_rule",
        "min_choices",
        "max_choices",
        "tally_rule",
        "tally_threshold",
        "equal_shares_completion",
        "greedy_completion",
    }
)

# What cannot change once voting has started: it would change the meaning of cast ballots.
LOCKED_DURING_VOTE = (
    "vote_start",
    "min_age_bracket",
    "requires_district",
    "requires_verified_account",
    "vote_rule",
    "max_choices",
    "min_choices",
)
# Frozen from the opening of the vote too, but an administrator may correct them with a
# reason (`campaign_correct`): the counting rule and the budget the ballot announces.
CORRECTABLE_DURING_VOTE = (
    "total_amount",
    "tally_rule",
    "tally_threshold",
    "equal_shares_completion",
    "greedy_completion",
)
FROZEN_DURING_VOTE = (*LOCKED_DURING_VOTE, *CORRECTABLE_DURING_VOTE)
# What the ballot shows of each project: frozen from the opening of the vote.
PROJECT_FROZEN_DURING_VOTE = ("campaign", "envelope", "title", "estimated_cost", "validated_cost")
CORRECT_PERMISSION = "budget.correct_during_vote"


def vote_has_opened(campaign: Campaign, at: datetime.datetime | None = None) -> bool:
    """From `vote_start` on, what the ballot shows is frozen (for good: the count uses it)."""
    return campaign.vote_start is not None and campaign.vote_start <= (at or timezone.now())


def _frozen_message() -> str:
    return _(
        "Le vote est ouvert : ce réglage est figé. Un administrateur peut le corriger, "
        "avec une raison, par « Corriger pendant le vote »."
    )


def _differs(new, old) -> bool:
    if isinstance(new, datetime.datetime) and isinstance(old, datetime.datetime):
        # The admin's widget shows minutes: an unchanged date comes back without seconds.
        return new.replace(second=0, microsecond=0) != old.replace(second=0, microsecond=0)
    return new != old


def campaign_check(
    *,
    campaign: Campaign,
    changes: Mapping[str, Any],
    envelopes: Sequence[Envelope] | None,
    removed: Sequence[Envelope] = (),
    at: datetime.datetime | None = None,
) -> None:
    """The rules a campaign keeps, checked before anything is written; writes nothing.

    `campaign` is the campaign as saved (unsaved for a new one), `changes` the new values of
    its fields, `envelopes` the envelopes it will have (None: not checked), `removed` the saved
    envelopes to delete. Refused: envelopes totalling more than the total amount, two
    envelopes for the city or for one district, deleting an envelope that has projects or
    ballots, and once the vote has started, any change to `LOCKED_DURING_VOTE`. Raises one
    `ValidationError` listing every refusal by field (envelope refusals are not a field's).
    The admin form, `campaign_update` and any command go through it.
    """
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if envelopes is not None:
        total = sum(envelope.amount or 0 for envelope in envelopes)
        total_amount = changes.get("total_amount", campaign.total_amount)
        if total_amount is not None and total > total_amount:
            refuse(
                "total_amount",
                _("Les enveloppes totalisent %(total)s €, plus que le montant total.")
                % {"total": total},
            )
        for envelope in removed:
            if envelope.pk and (
                envelope.projects.exists()
                or envelope.ballots.exists()
                or envelope.pending_ballots.exists()
            ):
                refuse(
                    NON_FIELD_ERRORS,
                    _(
                        "L'enveloppe « %(envelope)s » a des projets ou des bulletins : "
                        "elle ne peut pas être supprimée."
                    )
                    % {"envelope": envelope},
                )
        districts = [envelope.district_id for envelope in envelopes]
        if len(set(districts)) != len(districts):
            refuse(
                NON_FIELD_ERRORS,
                _("Une seule enveloppe pour toute la ville et une seule par quartier."),
            )
    if campaign.pk:
        saved = Campaign.objects.get(pk=campaign.pk)
        if vote_has_opened(saved, at):
            for name in FROZEN_DURING_VOTE:
                if name in changes and _differs(changes[name], getattr(saved, name)):
                    refuse(
                        name,
                        _("Le vote a commencé : ce réglage ne peut plus changer.")
                        if name in LOCKED_DURING_VOTE
                        else _frozen_message(),
                    )
            if envelopes is not None and _envelopes_differ(saved, envelopes, removed):
                refuse(
                    NON_FIELD_ERRORS,
                    _(
                        "Le vote est ouvert : les enveloppes et leurs montants sont figés. Un "
                        "administrateur peut corriger un montant par « Corriger pendant le vote »."
                    ),
                )
    if errors:
        raise ValidationError(errors)


def _envelopes_differ(saved: Campaign, envelopes: Sequence[Envelope], removed) -> bool:
    before = {e.pk: (e.district_id, e.amount) for e in saved.envelopes.all()}
    after = {e.pk: (e.district_id, e.amount) for e in envelopes}
    return bool(removed) or None in after or before != after


@transaction.atomic
def campaign_update(
    *,
    actor,
    campaign: Campaign,
    changes: Mapping[str, Any],
    envelopes: Sequence[tuple[District | None, int]] | None = None,
    at: datetime.datetime | None = None,
) -> Campaign:
    """Staff change a campaign's settings and, if given, its envelopes, for the API and commands
    (the admin form checks the same rules with `campaign_check`, then Wagtail saves).

    `changes` maps fields of `CAMPAIGN_FIELDS` to new values. `envelopes`, `(district or None
    for the whole city, amount)` pairs, replaces the campaign's envelopes: an envelope is kept
    by its district with the new amount, the others are created or deleted. The campaign row
    is locked while `campaign_check` and `full_clean()` run; all or nothing. Permission
    `budget.change_campaign`; logged (`budget.campaign.update`, with the changed fields).
    """
    _require(actor, CAMPAIGN_PERMISSION)
    unknown = set(changes) - CAMPAIGN_FIELDS
    if unknown:
        raise ValueError(f"Not campaign settings: {', '.join(sorted(unknown))}.")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    saved = list(campaign.envelopes.order_by("pk"))
    kept, removed = saved, []
    if envelopes is not None:
        by_district = {envelope.district_id: envelope for envelope in saved}
        kept = []
        for district, amount in envelopes:
            envelope = by_district.pop(district.pk if district else None, None) or Envelope(
                campaign=campaign, district=district
            )
            envelope.amount = amount
            kept.append(envelope)
        removed = list(by_district.values())
    campaign_check(campaign=campaign, changes=changes, envelopes=kept, removed=removed, at=at)
    changed = sorted(
        name for name, value in changes.items() if _differs(value, getattr(campaign, name))
    )
    for name, value in changes.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    for envelope in removed:
        envelope.delete()
    for envelope in kept:
        envelope.full_clean()
        envelope.save()
    audit_log(
        actor=actor,
        action="budget.campaign.update",
        instance=campaign,
        data={
            "fields": changed,
            "envelopes": {str(e.district_id or "city"): e.amount for e in kept},
        },
    )
    return campaign


# Projects --------------------------------------------------------------------------------


@transaction.atomic
def project_submit(
    *,
    author,
    campaign: Campaign,
    envelope: Envelope,
    title: str,
    summary: str,
    description: str,
    estimated_cost: int,
    latitude=None,
    longitude=None,
    at: datetime.datetime | None = None,
) -> Project:
    """A citizen proposes a project in the campaign's submission phase.

    Guarantees: refused outside the submission phase or without a verified email; the project
    is valid, has the author as its first author, starts `submitted`; logged.
    """
    if not (author and author.is_authenticated and author.is_active):
        raise PermissionDenied(_("Connectez-vous pour proposer un projet."))
    if not user_has_verified_email(author):
        raise ValidationError(
            _(
                "Vérifiez d'abord votre adresse e-mail (lien reçu par e-mail, ou « Mon compte » "
                "pour en demander un nouveau) pour proposer un projet."
            )
        )
    phase = campaign.current_phase(at)
    if phase != Campaign.Phase.SUBMISSION:
        raise ValidationError(
            _("Le dépôt des projets n'est pas ouvert (phase actuelle : %(phase)s).")
            % {"phase": phase.label}
        )
    _check_envelope(campaign=campaign, envelope=envelope)
    project = Project(
        campaign=campaign,
        envelope=envelope,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        estimated_cost=estimated_cost,
        latitude=latitude,
        longitude=longitude,
    )
    project.full_clean()
    project.save()
    project.authors.add(author)
    audit_log(
        actor=author,
        action="budget.project.submit",
        instance=project,
        data={"campaign": campaign.pk, "envelope": envelope.pk},
    )
    return project


@transaction.atomic
def project_photo_add(*, author, project: Project, photo, alt_text: str) -> ProjectPhoto:
    """An author adds a photo to their project while it is still submitted.

    `photo` is a file already cleaned by `civic.photos.photo_process` (upright, no
    metadata); it becomes a Wagtail image. Logged.
    """
    from wagtail.images import get_image_model

    if not (author and author.is_authenticated and project.authors.filter(pk=author.pk).exists()):
        raise PermissionDenied(_("Seuls les porteurs du projet peuvent y ajouter une photo."))
    if project.status != Project.Status.SUBMITTED:
        raise ValidationError(_("Les photos s'ajoutent au dépôt du projet, avant son étude."))
    image = get_image_model().objects.create(title=alt_text[:255], file=photo)
    project_photo = ProjectPhoto(
        project=project, image=image, alt_text=alt_text[:250], sort_order=project.photos.count()
    )
    project_photo.full_clean()
    project_photo.save()
    audit_log(
        actor=author,
        action="budget.project.photo_add",
        instance=project,
        data={"photo": project_photo.pk},
    )
    return project_photo


@transaction.atomic
def project_review(
    *,
    actor,
    project: Project,
    decision: str,
    feasibility: str = "",
    validated_cost: int | None = None,
    public_note: str = "",
    internal_note: str = "",
) -> Project:
    """Staff study a project: feasibility, validated cost, notes and a decision.

    `decision` is `in_review` (study started), `eligible` (needs a validated cost) or
    `ineligible` (needs a public note: the reason citizens read). Only Agents (permission
    `budget.review_project`), only before the project is on the ballot. Authors are notified
    of an eligible/ineligible decision (`project_review_decision`). Logged.
    """
    _require(actor, REVIEW_PERMISSION)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in REVIEWABLE:
        raise ValidationError(
            _("Ce projet est déjà « %(status)s » : son étude ne peut plus changer.")
            % {"status": project.get_status_display()}
        )
    if decision not in REVIEW_DECISIONS:
        raise ValidationError({"decision": _("Choisissez une décision.")})
    errors = {}
    if decision == Project.Status.ELIGIBLE and validated_cost is None:
        errors["validated_cost"] = _("Un projet recevable doit avoir un coût validé.")
    if decision == Project.Status.INELIGIBLE and not public_note.strip():
        errors["public_note"] = _("Expliquez publiquement pourquoi le projet n'est pas recevable.")
    if errors:
        raise ValidationError(errors)
    old_status = project.status
    project.status = decision
    project.feasibility = feasibility
    project.validated_cost = validated_cost
    project.public_note = public_note.strip()
    project.internal_note = internal_note.strip()
    project.reviewed_at = timezone.now()
    project.full_clean()
    project.save()
    audit_log(
        actor=actor,
        action="budget.project.review",
        instance=project,
        data={
            "old_status": old_status,
            "new_status": decision,
            "feasibility": feasibility,
            "validated_cost": validated_cost,
        },
    )
    if decision != Project.Status.IN_REVIEW and decision != old_status:
        _notify(
            recipients=project.authors.all(),
            kind="project_review_decision",
            context={
                "project": project,
                "reason": project.public_note,
                "old_status": old_status,
                "new_status": project.status,
            },
            obj=project,
        )
    return project


def project_ballot_refusal(*, project: Project, at: datetime.datetime | None = None) -> str:
    """Why `project` cannot go on the ballot now, in words for staff; "" when it can."""
    if project.status != Project.Status.ELIGIBLE:
        return _(
            "Seul un projet recevable peut être soumis au vote (statut actuel : %(status)s)."
        ) % {"status": project.get_status_display()}
    if vote_has_opened(project.campaign, at):
        return _("Le vote a commencé : le bulletin ne peut plus changer.")
    return ""


def project_withdrawal_refusal(*, project: Project, at: datetime.datetime | None = None) -> str:
    """Why `project` cannot leave the ballot now; "" when it can (before the vote opens)."""
    if project.status != Project.Status.ON_BALLOT:
        return _("Ce projet n'est pas sur le bulletin (statut actuel : %(status)s).") % {
            "status": project.get_status_display()
        }
    if vote_has_opened(project.campaign, at):
        return _("Le vote a commencé : le bulletin ne peut plus changer.")
    return ""


def _ballot_move(*, actor, projects, refusal, status: str, action: str, at) -> list[Project]:
    _require(actor, REVIEW_PERMISSION)
    pks = [project.pk for project in projects]
    locked = list(Project.objects.select_for_update().select_related("campaign").filter(pk__in=pks))
    refusals = [
        f"« {project.title} » : {reason}"
        for project in locked
        if (reason := refusal(project=project, at=at))
    ]
    if refusals:
        raise ValidationError(refusals)
    for project in locked:
        old_status = project.status
        project.status = status
        project.full_clean()
        project.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action=action,
            instance=project,
            data={"old_status": old_status, "new_status": status},
        )
    return locked


@transaction.atomic
def projects_put_on_ballot(*, actor, projects: Sequence[Project], at=None) -> list[Project]:
    """Eligible projects go on the ballot, before the vote opens: all of them or none (the
    refusal lists every project refused and why). Agents only; one log entry per project."""
    return _ballot_move(
        actor=actor,
        projects=projects,
        refusal=project_ballot_refusal,
        status=Project.Status.ON_BALLOT,
        action="budget.project.put_on_ballot",
        at=at,
    )


@transaction.atomic
def project_put_on_ballot(*, actor, project: Project, at=None) -> Project:
    """An eligible project goes on the ballot, before the vote opens. Agents only; logged."""
    return projects_put_on_ballot(actor=actor, projects=[project], at=at)[0]


@transaction.atomic
def projects_withdraw_from_ballot(*, actor, projects: Sequence[Project], at=None) -> list[Project]:
    """Projects leave the ballot (back to eligible), only before the vote opens: all or none.
    Agents only; one log entry per project."""
    return _ballot_move(
        actor=actor,
        projects=projects,
        refusal=project_withdrawal_refusal,
        status=Project.Status.ELIGIBLE,
        action="budget.project.withdraw_from_ballot",
        at=at,
    )


@transaction.atomic
def project_withdraw_from_ballot(*, actor, project: Project, at=None) -> Project:
    """One project leaves the ballot before the vote opens. Agents only; logged."""
    return projects_withdraw_from_ballot(actor=actor, projects=[project], at=at)[0]


def _value(value):
    """A field's value as the audit log keeps it (a related object by its key)."""
    return getattr(value, "pk", value)


def project_check(
    *, project: Project, changes: Mapping[str, Any], at: datetime.datetime | None = None
) -> None:
    """Refuses, by field, any change to `PROJECT_FROZEN_DURING_VOTE` once the project's
    campaign has opened its vote (what the ballot shows and the count uses). `project` is the
    project as saved; writes nothing. The admin's project form goes through it (a review
    never reaches a project on the ballot); corrections go through `project_correct`."""
    if not project.pk:
        return
    saved = Project.objects.select_related("campaign").get(pk=project.pk)
    if not vote_has_opened(saved.campaign, at):
        return
    errors = {}
    for name in PROJECT_FROZEN_DURING_VOTE:
        if name not in changes:
            continue
        is_key = name in ("campaign", "envelope")
        old = getattr(saved, f"{name}_id") if is_key else getattr(saved, name)
        if _value(changes[name]) != old:
            errors[name] = _frozen_message()
    if errors:
        raise ValidationError(errors)


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez la raison de la correction.")})
    return reason


@transaction.atomic
def project_correct(
    *, actor, project: Project, changes: Mapping[str, Any], reason: str, at=None
) -> Project:
    """An administrator corrects what the ballot shows of a project once the vote is open
    (title, costs, envelope within the campaign), with a mandatory reason. Permission
    `budget.correct_during_vote` (administrators); logged (`budget.project.correct`) with the
    reason and the values before and after."""
    _require(actor, CORRECT_PERMISSION)
    allowed = set(PROJECT_FROZEN_DURING_VOTE) - {"campaign"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Not correctable: {', '.join(sorted(unknown))}.")
    reason = _reason_required(reason)
    project = Project.objects.select_for_update().select_related("campaign").get(pk=project.pk)
    if not vote_has_opened(project.campaign, at):
        raise ValidationError(
            _("Le vote n'est pas encore ouvert : modifiez le projet par son formulaire.")
        )
    if "envelope" in changes:
        _check_envelope(campaign=project.campaign, envelope=changes["envelope"])
    before, after = {}, {}
    for name, value in changes.items():
        old = getattr(project, name)
        if _value(old) != _value(value):
            before[name], after[name] = _value(old), _value(value)
            setattr(project, name, value)
    if not after:
        raise ValidationError(_("Rien à corriger : les valeurs sont celles du projet."))
    project.full_clean()
    project.save()
    audit_log(
        actor=actor,
        action="budget.project.correct",
        instance=project,
        data={"reason": reason, "before": before, "after": after},
    )
    return project


@transaction.atomic
def campaign_correct(
    *,
    actor,
    campaign: Campaign,
    changes: Mapping[str, Any],
    envelope_amounts: Mapping[int, int] | None = None,
    reason: str,
    at=None,
) -> Campaign:
    """An administrator corrects the counting rule, the total amount or envelope amounts once
    the vote is open, with a mandatory reason (the voting rules themselves stay locked: they
    would change the meaning of cast ballots). `envelope_amounts` maps envelope ids of the
    campaign to new amounts; the envelopes still fit in the total. Permission
    `budget.correct_during_vote`; logged (`budget.campaign.correct`) with the reason and the
    values before and after."""
    _require(actor, CORRECT_PERMISSION)
    unknown = set(changes) - set(CORRECTABLE_DURING_VOTE)
    if unknown:
        raise ValueError(f"Not correctable: {', '.join(sorted(unknown))}.")
    reason = _reason_required(reason)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not vote_has_opened(campaign, at):
        raise ValidationError(
            _("Le vote n'est pas encore ouvert : modifiez la campagne par son formulaire.")
        )
    envelopes = {envelope.pk: envelope for envelope in campaign.envelopes.all()}
    if set(envelope_amounts or {}) - set(envelopes):
        raise ValidationError(_("Cette enveloppe appartient à une autre campagne."))
    before, after = {}, {}
    for name, value in changes.items():
        if _differs(value, getattr(campaign, name)):
            before[name], after[name] = getattr(campaign, name), value
            setattr(campaign, name, value)
    for pk, amount in (envelope_amounts or {}).items():
        envelope = envelopes[pk]
        if envelope.amount != amount:
            key = f"envelope:{envelope}"
            before[key], after[key] = envelope.amount, amount
            envelope.amount = amount
    if not after:
        raise ValidationError(_("Rien à corriger : les valeurs sont celles de la campagne."))
    total = sum(envelope.amount for envelope in envelopes.values())
    if total > campaign.total_amount:
        raise ValidationError(
            {
                "total_amount": _(
                    "Les enveloppes totalisent %(total)s €, plus que le montant total."
                )
                % {"total": total}
            }
        )
    campaign.full_clean()
    campaign.save()
    for envelope in envelopes.values():
        envelope.full_clean()
        envelope.save()
    audit_log(
        actor=actor,
        action="budget.campaign.correct",
        instance=campaign,
        data={"reason": reason, "before": before, "after": after},
    )
    return campaign


@transaction.atomic
def idea_transfer_to_project(
    *,
    actor,
    idea,
    campaign: Campaign,
    envelope: Envelope,
    estimated_cost: int,
    summary: str = "",
    at=None,
) -> Project:
    """Staff turn an idea into a budget project (before the vote opens); the idea stays linked.

    The idea's author becomes the project's author; `proposals.services.idea_transfer` marks
    the idea as transferred (and checks the actor may do so). Agents only; all or nothing;
    logged.
    """
    _require(actor, REVIEW_PERMISSION)
    _check_envelope(campaign=campaign, envelope=envelope)
    if (at or timezone.now()) >= campaign.vote_start:
        raise ValidationError(_("Le vote a commencé : on ne peut plus ajouter de projet."))
    project = Project(
        campaign=campaign,
        envelope=envelope,
        title=idea.title[:200],
        summary=(summary or idea.title)[:400],
        description=idea.body,
        estimated_cost=estimated_cost,
        latitude=idea.latitude,
        longitude=idea.longitude,
    )
    project.from_idea = idea
    project.full_clean()
    project.save()
    project.authors.add(idea.author)
    campaign_url = reverse("budget:campaign_detail", args=[campaign.slug])
    proposals_services.idea_transfer(
        actor=actor,
        idea=idea,
        reason=_("Transférée au budget participatif : « %(title)s ».") % {"title": campaign.title},
        project_url=f"{campaign_url}#projet-{project.pk}",
    )
    audit_log(
        actor=actor,
        action="budget.project.transfer_from_idea",
        instance=project,
        data={"idea": idea.pk},
    )
    return project


@transaction.atomic
def project_followup_update(
    *, actor, project: Project, status: str, progress: int | None = None, reason: str = ""
) -> Project:
    """The public follow-up of a winning project: planned, in progress (%), delivered, abandoned.

    Only selected projects; `abandoned` needs a reason. Followers are notified
    (`followed_update`). Agents only; logged.
    """
    _require(actor, FOLLOWUP_PERMISSION)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != Project.Status.SELECTED:
        raise ValidationError(_("Seuls les projets lauréats ont un suivi."))
    if status not in Project.FollowUp.values:
        raise ValidationError({"followup_status": _("Choisissez un état d'avancement.")})
    if status == Project.FollowUp.ABANDONED and not reason.strip():
        raise ValidationError({"abandon_reason": _("Expliquez pourquoi le projet est abandonné.")})
    old_status = project.followup_status
    project.followup_status = status
    if status == Project.FollowUp.DELIVERED:
        project.progress = 100
    elif status == Project.FollowUp.PLANNED:
        project.progress = 0
    elif progress is not None:
        project.progress = progress
    project.abandon_reason = reason.strip() if status == Project.FollowUp.ABANDONED else ""
    project.full_clean()
    project.save()
    audit_log(
        actor=actor,
        action="budget.project.followup_update",
        instance=project,
        data={"old_status": old_status, "new_status": status, "progress": project.progress},
    )
    _notify(
        recipients=_followers(project),
        kind="followed_update",
        context={
            "object": project,
            "project": project,
            "old_status": Project.FollowUp(old_status).label if old_status else "",
            "new_status": project.get_followup_status_display(),
            "reason": project.abandon_reason,
        },
        obj=project,
    )
    return project


@transaction.atomic
def milestone_add(*, actor, project: Project, date: datetime.date, text: str, photo=None):
    """A dated public step of a winning project (text, optional photo). Agents only; logged."""
    _require(actor, FOLLOWUP_PERMISSION)
    if project.status != Project.Status.SELECTED:
        raise ValidationError(_("Seuls les projets lauréats ont un suivi."))
    milestone = Milestone(project=project, date=date, text=text.strip(), photo=photo)
    milestone.full_clean()
    milestone.save()
    audit_log(
        actor=actor,
        action="budget.project.milestone_add",
        instance=project,
        data={"milestone": milestone.pk, "date": date.isoformat()},
    )
    _notify(
        recipients=_followers(project),
        kind="followed_update",
        context={"object": project, "project": project, "milestone": milestone},
        obj=project,
    )
    return milestone


@transaction.atomic
def project_submit_with_photo(
    *,
    author,
    campaign: Campaign,
    envelope: Envelope,
    title: str,
    summary: str,
    description: str,
    estimated_cost: int,
    latitude=None,
    longitude=None,
    photo=None,
) -> Project:
    """A citizen proposes a project with, optionally, a photo of the place (the public form).

    Guarantees: the rules of `project_submit`; `photo` (an uploaded or staged file) is checked
    by its content and re-encoded without metadata by `civic.photos.photo_process`; the
    project and its photo are saved together or not at all.
    """
    project = project_submit(
        author=author,
        campaign=campaign,
        envelope=envelope,
        title=title,
        summary=summary,
        description=description,
        estimated_cost=estimated_cost,
        latitude=latitude,
        longitude=longitude,
    )
    if photo:
        project_photo_add(
            author=author,
            project=project,
            photo=photo_process(photo),
            alt_text=_("Photo du projet : %(title)s") % {"title": project.title},
        )
    return project
