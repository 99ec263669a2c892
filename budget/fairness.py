"""Fairness of a published campaign's outcome, under its rule and the alternatives.

Read on the anonymous ballots of the box (`Ballot`: no voter, no time, no channel), by the
`budget.rules` engine: for the rule used (the published snapshot's winners) and for greedy
and Equal Shares recomputed on the same ballots, per envelope (a district envelope's ballots
are its district's voters) and for the whole city, the share of voters with at least one
funded project they voted for and the average share of each voter's approved cost that is
funded (`budget.rules.fairness`); and the projects each alternative would change.
"""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from . import explanations, rules
from .models import Ballot, Campaign, Project
from .results import COUNTED_STATUSES, _key
from .rules.fairness import fairness

ALTERNATIVES = ("greedy", "equalshares")


@dataclass
class RuleFairness:
    rule: str
    label: str
    used: bool
    # Per envelope name: (voters, non-empty-handed share, funded cost share), then "city".
    envelopes: list[tuple[str, int, Fraction | None, Fraction | None]] = field(default_factory=list)
    city: tuple[int, Fraction | None, Fraction | None] = (0, None, None)
    gained: list[str] = field(default_factory=list)  # titles it funds that the rule used does not
    lost: list[str] = field(default_factory=list)  # titles the rule used funds that it does not


def campaign_fairness(campaign: Campaign, result_data: dict) -> list[RuleFairness]:
    """The rule used (first) and each alternative, on the campaign's ballots (one query for
    the projects, one per envelope for its ballots)."""
    projects = {
        p.pk: p for p in Project.objects.filter(campaign=campaign, status__in=COUNTED_STATUSES)
    }
    used_rule = result_data.get("rule") or campaign.pabulib_rule
    names = [used_rule, *(r for r in ALTERNATIVES if r != used_rule)]
    outcomes = {
        name: RuleFairness(name, str(explanations.rule_label(name)), name == used_rule)
        for name in names
    }
    all_costs, all_ballots = {}, []
    selected_all: dict[str, set[str]] = {name: set() for name in names}
    for envelope in result_data.get("envelopes", []):
        ballots = list(
            Ballot.objects.filter(envelope_id=envelope["envelope"]).values_list(
                "choices", flat=True
            )
        )
        votes = Counter(pid for choices in ballots for pid in choices)
        costs = {
            _key(pid): p.cost
            for pid, p in projects.items()
            if p.envelope_id == envelope["envelope"] and votes.get(pid)
        }
        weighted = list(
            Counter(frozenset(_key(pid) for pid in choices) for choices in ballots).items()
        )
        for name in names:
            if name == used_rule:
                selected = [_key(pid) for pid in envelope["selected"]]
            elif costs:
                selected = rules.select_projects(
                    name,
                    costs,
                    envelope["amount"],
                    scores=lambda votes=votes, costs=costs: {
                        k: votes.get(int(k), 0) for k in costs
                    },
                    ballots=lambda weighted=weighted: weighted,
                )
            else:
                selected = []
            measure = fairness(costs, weighted, selected)
            outcomes[name].envelopes.append(
                (
                    envelope["name"],
                    measure.voters,
                    measure.non_empty_handed,
                    measure.funded_cost_share,
                )
            )
            selected_all[name].update(selected)
        all_costs.update(costs)
        all_ballots.extend(weighted)
    for name in names:
        measure = fairness(all_costs, all_ballots, selected_all[name])
        outcome = outcomes[name]
        outcome.city = (measure.voters, measure.non_empty_handed, measure.funded_cost_share)
        title = lambda key: projects[int(key)].title  # noqa: E731
        outcome.gained = sorted(title(k) for k in selected_all[name] - selected_all[used_rule])
        outcome.lost = sorted(title(k) for k in selected_all[used_rule] - selected_all[name])
    return list(outcomes.values())


def _pct(value: Fraction | None) -> float | None:
    return round(float(value) * 100, 2) if value is not None else None


def fairness_rows(outcomes: list[RuleFairness]) -> list[dict]:
    """One row per envelope and rule (then the whole city), as the analytics tables take them:
    voters count people, the shares are derived from them (hidden under 10 voters)."""
    rows = []
    for outcome in outcomes:
        for name, voters, served, funded in [
            *outcome.envelopes,
            (_("Toute la ville"), *outcome.city),
        ]:
            rows.append(
                {
                    "rule": outcome.label + (" " + _("(règle appliquée)") if outcome.used else ""),
                    "envelope": name,
                    "voters": voters,
                    "served": _pct(served),
                    "funded": _pct(funded),
                }
            )
    return rows


FAIRNESS_COLUMNS = [
    ("rule", _("Règle")),
    ("envelope", _("Enveloppe")),
    ("voters", _("Votants")),
    ("served", _("Votants avec au moins un projet financé parmi leurs choix (%)")),
    ("funded", _("Part moyenne du coût choisi par chacun qui est financée (%)")),
]
DIFFERENCE_COLUMNS = [
    ("rule", _("Règle")),
    ("gained", _("Projets qu'elle financerait en plus")),
    ("lost", _("Projets qu'elle ne financerait pas")),
]


def difference_rows(outcomes: list[RuleFairness]) -> list[dict]:
    return [
        {
            "rule": outcome.label,
            "gained": ", ".join(outcome.gained) or "—",
            "lost": ", ".join(outcome.lost) or "—",
        }
        for outcome in outcomes
        if not outcome.used
    ]


def fairness_tables(campaign: Campaign, result_data: dict) -> list[dict]:
    """The two tables (fairness per envelope and rule; projects that differ), as the
    analytics tables' specs (`civic.analytics.panels.source_table` publishes them)."""
    outcomes = campaign_fairness(campaign, result_data)
    return [
        {
            "key": f"fairness-{campaign.pk}",
            "title": _("%(campaign)s : équité du résultat selon la règle")
            % {"campaign": campaign.title},
            "columns": [(k, str(label)) for k, label in FAIRNESS_COLUMNS],
            "rows": fairness_rows(outcomes),
            "people": ["voters"],
            "derived": ["served", "funded"],
            "chart": "",
            "panel": "budget",
        },
        {
            "key": f"fairness-diff-{campaign.pk}",
            "title": _("%(campaign)s : ce que changeraient les autres règles")
            % {"campaign": campaign.title},
            "columns": [(k, str(label)) for k, label in DIFFERENCE_COLUMNS],
            "rows": difference_rows(outcomes),
            "people": [],
            "derived": [],
            "chart": "",
            "panel": "budget",
        },
    ]
