"""Counting a campaign: preview, publish and withdraw its results.

The count applies the campaign's rule (`Campaign.pabulib_rule`: the tally rule with its Equal
Shares completion, named as Pabulib names it) to each envelope separately with the pure
functions of `budget.rules`, built from the anonymous ballots: approval scores for greedy
rules (a project's votes = the ballots that chose it), weighted approval ballots for Equal
Shares. A `tally_threshold` above 0 excludes projects with fewer votes in every greedy
variant. Ties are broken as pabutools breaks them by default: by project name, here the
project id zero-padded, i.e. the earlier-submitted project wins a tie. A project that
received no vote is never selected, even when money is left (greedy rules would otherwise
fill the envelope with projects nobody chose).
"""

import math
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.audit import audit_log

from . import rules, selectors
from .ballots import ballots_shuffle
from .models import Ballot, Campaign, Project, Result

PREVIEW_PERMISSION = "budget.preview_results"
PUBLISH_PERMISSION = "budget.publish_results"
WITHDRAW_PERMISSION = "budget.withdraw_results"
COUNTED_STATUSES = [Project.Status.ON_BALLOT, Project.Status.SELECTED, Project.Status.NOT_SELECTED]


def _require(actor, permission: str, message: str) -> None:
    if not (actor and actor.is_authenticated and actor.is_active and actor.has_perm(permission)):
        raise PermissionDenied(message)


def _key(project_id: int) -> str:
    # Zero-padded so that the rules' tie-break by id follows submission order.
    return f"{project_id:012d}"


def _count(campaign: Campaign, costs: dict, amount: int, ballots: list[list[int]]) -> dict:
    """The campaign's rule on one envelope, with the figures that explain it, through the one
    dispatch of `budget.rules` (`rules.explain_count`), as JSON-ready data: amounts in whole
    euros, rounded so that the sentences built on them stay true ("still held 59 394 €" of
    59 394,40 €; "paid at most 613 € each" of 612,24 €)."""
    rule = campaign.pabulib_rule
    # `greedy_completion` is a campaign setting for Equal Shares; greedy rules ignore it.
    complete = "greedy" if campaign.greedy_completion and rule.startswith("equalshares") else None
    # Projects nobody chose were left out of `costs`: a threshold of 0 excludes nothing more.
    threshold = campaign.tally_threshold or (
        0 if rule == Campaign.TallyRule.GREEDY_THRESHOLD else None
    )

    def scores():
        votes = Counter(_key(pid) for choices in ballots for pid in choices)
        return {project: votes.get(project, 0) for project in costs}

    def weighted():
        return list(Counter(frozenset(_key(pid) for pid in choices) for choices in ballots).items())

    try:
        count = rules.explain_count(
            rule,
            costs,
            amount,
            scores=scores,
            ballots=weighted,
            threshold=threshold,
            complete=complete,
        )
    except rules.UnknownRuleError as error:
        raise ValidationError(
            _("Règle de dépouillement inconnue : %(rule)s.") % {"rule": rule}
        ) from error
    by_key = {key: int(key) for key in costs}
    explanations = {}
    for key, reason in count["projects"].items():
        reason = dict(reason)
        for name in ("remaining", "money", "threshold"):
            if name in reason:
                reason[name] = math.floor(reason[name])
        if "payment" in reason:
            reason["payment"] = math.ceil(reason["payment"])
        if "after" in reason:
            reason["after"] = by_key[reason["after"]]
        explanations[key] = reason
    share = count["share"]
    return {
        "selected": count["selected"],
        "explanations": explanations,
        "share": math.floor(share) if share is not None else None,
        "comparison": count["comparison"],
    }


def campaign_count(campaign: Campaign) -> dict:
    """The outcome of the campaign's rule in every envelope, as JSON-ready data.

    `{"rule", "equal_shares_completion", "greedy_completion", "threshold", "envelopes":
    [{"envelope", "name", "district", "amount", "ballots", "budget_used", "selected": [project
    ids in selection order], "share": what each voter started with (Equal Shares, whole euros,
    rounded down), "comparison": None or {"prefer_equal_shares", "prefer_greedy", "kept"},
    "projects": [{"id", "title", "votes", "cost", "selected", "reason"}] (most votes first)}]}`.
    Every project has a `reason` (`rules.explain_count`'s, see `_count`): a winner "greedy",
    "mes_funded" or "completion", a project left out "no_room", "threshold", "stopped",
    "mes" or "no_votes", with the figures that explain it.
    """
    projects = list(
        Project.objects.filter(campaign=campaign, status__in=COUNTED_STATUSES).order_by("pk")
    )
    envelopes_data = []
    for envelope in campaign.envelopes.select_related("district").order_by(
        F("district__name").asc(nulls_first=True), "pk"
    ):
        in_envelope = [p for p in projects if p.envelope_id == envelope.pk]
        ballots = list(Ballot.objects.filter(envelope=envelope).values_list("choices", flat=True))
        votes = Counter(pid for choices in ballots for pid in choices)
        # A project nobody voted for never wins, even if money is left.
        costs = {_key(p.pk): p.cost for p in in_envelope if votes.get(p.pk)}
        count = (
            _count(campaign, costs, envelope.amount, ballots)
            if costs
            else {"selected": [], "explanations": {}, "share": None, "comparison": None}
        )
        selected_keys = count["selected"]
        reasons = count["explanations"]
        by_key = {_key(p.pk): p for p in in_envelope}
        selected = [by_key[k].pk for k in selected_keys]
        rows = sorted(
            (
                {
                    "id": p.pk,
                    "title": p.title,
                    "votes": votes.get(p.pk, 0),
                    "cost": p.cost,
                    "selected": p.pk in selected,
                    "reason": reasons.get(_key(p.pk), {"reason": "no_votes"}),
                }
                for p in in_envelope
            ),
            key=lambda row: (-row["votes"], row["id"]),
        )
        envelopes_data.append(
            {
                "envelope": envelope.pk,
                "name": str(envelope),
                "district": envelope.district_id,
                "amount": envelope.amount,
                "ballots": len(ballots),
                "budget_used": sum(by_key[k].cost for k in selected_keys),
                "selected": selected,
                "share": count["share"],
                "comparison": count["comparison"],
                "projects": rows,
            }
        )
    return {
        "rule": campaign.pabulib_rule,
        "equal_shares_completion": campaign.equal_shares_completion
        if campaign.tally_rule == Campaign.TallyRule.EQUAL_SHARES
        else None,
        "greedy_completion": campaign.greedy_completion,
        "threshold": campaign.tally_threshold,
        "envelopes": envelopes_data,
    }


def _check_vote_closed(campaign: Campaign) -> None:
    if not campaign.vote_has_ended():
        raise ValidationError(
            _("Le vote n'est pas clos : aucun résultat, même provisoire, avant sa fin.")
        )


@transaction.atomic
def results_preview(*, actor, campaign: Campaign) -> dict:
    """Staff compute the results without publishing them (`campaign_count`'s data).

    Only once the vote has closed (no partial results); mixes the ballot box first. Agents
    (`budget.preview_results`); logged, since an early look at results is worth tracing.
    """
    _require(actor, PREVIEW_PERMISSION, _("Votre rôle ne permet pas de calculer les résultats."))
    _check_vote_closed(campaign)
    ballots_shuffle(campaign=campaign)
    data = campaign_count(campaign)
    audit_log(actor=actor, action="budget.campaign.results_preview", instance=campaign)
    return data


@transaction.atomic
def results_publish(*, actor, campaign: Campaign) -> Result:
    """Publish the results: a frozen `Result` snapshot; winners become `selected`, the other
    projects on the ballot `not_selected`.

    Refused before the vote closes or while published results stand (withdraw them first).
    Agents (`budget.publish_results`); all or nothing; logged.
    """
    _require(actor, PUBLISH_PERMISSION, _("Votre rôle ne permet pas de publier les résultats."))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _check_vote_closed(campaign)
    if selectors.campaign_published_result(campaign) is not None:
        raise ValidationError(
            _("Des résultats sont déjà publiés : un administrateur doit d'abord les retirer.")
        )
    ballots_shuffle(campaign=campaign)
    data = campaign_count(campaign)
    result = Result(
        campaign=campaign,
        rule=campaign.pabulib_rule,
        data=data,
        published_at=timezone.now(),
        published_by=actor,
    )
    result.full_clean()
    result.save()
    winners = [pid for envelope in data["envelopes"] for pid in envelope["selected"]]
    counted = Project.objects.filter(campaign=campaign, status__in=COUNTED_STATUSES)
    counted.filter(pk__in=winners).update(status=Project.Status.SELECTED)
    counted.exclude(pk__in=winners).update(status=Project.Status.NOT_SELECTED)
    audit_log(
        actor=actor,
        action="budget.campaign.results_publish",
        instance=campaign,
        data={"result": result.pk, "rule": result.rule, "selected": winners},
    )
    return result


@transaction.atomic
def results_withdraw(*, actor, campaign: Campaign, reason: str = "") -> Result:
    """Withdraw the published results (kept for the record, no longer public); projects go back
    on the ballot. Administrators only (`budget.withdraw_results`); logged with the reason.
    """
    _require(
        actor,
        WITHDRAW_PERMISSION,
        _("Seul un administrateur peut retirer des résultats publiés."),
    )
    result = campaign.results.select_for_update().filter(withdrawn_at__isnull=True).first()
    if result is None:
        raise ValidationError(_("Aucun résultat publié à retirer."))
    result.withdrawn_at = timezone.now()
    result.withdrawn_by = actor
    result.withdraw_reason = reason.strip()
    result.full_clean()
    result.save()
    Project.objects.filter(
        campaign=campaign, status__in=[Project.Status.SELECTED, Project.Status.NOT_SELECTED]
    ).update(status=Project.Status.ON_BALLOT)
    audit_log(
        actor=actor,
        action="budget.campaign.results_withdraw",
        instance=campaign,
        data={"result": result.pk, "reason": result.withdraw_reason},
    )
    return result
