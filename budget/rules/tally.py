"""Apply a rule, named as Pabulib names it, to a parsed Pabulib election.

Scores (what greedy ranks on and what a threshold compares with) are recounted from the
ballots, never read from the file's ``votes``/``score`` columns:

* approval and choose-1: the number of voters approving the project;
* cumulative and scoring: the total of the points it received;
* ordinal: ``max_length - position`` points per ballot (position 0 = first choice), i.e.
  3/2/1 in Kraków; ``max_length`` comes from META, else from the longest ballot.

For Equal Shares every ballot is an approval ballot of the projects it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from budget.pabulib import POINT_VOTE_TYPES, PabulibElection
from budget.rules.composition import EQUAL_SHARES_RULES, equal_shares_outcome
from budget.rules.equal_shares import MesInstance, prepare
from budget.rules.greedy import (
    Number,
    exact,
    greedy,
    greedy_explain,
    greedy_no_skip,
    greedy_threshold,
)

RULES = ("greedy", "greedy-threshold", "greedy-no-skip", *EQUAL_SHARES_RULES)
COMPLETIONS = ("greedy",)


class UnknownRuleError(ValueError):
    """A rule or option this module does not implement (the message says which exist)."""


@dataclass(frozen=True)
class TallyResult:
    """What `tally` returns: ``selected`` holds project ids in the order the rule chose them."""

    rule: str
    budget: Decimal
    selected: list[str]
    cost: Decimal


def scores(election: PabulibElection) -> dict[str, int]:
    """Votes (approval, choose-1) or points (cumulative, scoring, ordinal) per project id."""
    arrays = election.ballot_arrays()
    vote_type = election.vote_type
    if vote_type in POINT_VOTE_TYPES:
        weights = arrays.points
    elif vote_type == "ordinal":
        lengths = np.diff(arrays.offsets)
        length = election.max_length or int(lengths.max(initial=0))
        position = np.arange(len(arrays.projects)) - np.repeat(arrays.offsets[:-1], lengths)
        weights = length - position
    else:
        weights = None
    totals = np.bincount(arrays.projects, weights=weights, minlength=len(election.projects))
    return {p.project_id: int(t) for p, t in zip(election.projects, totals.tolist(), strict=True)}


def mes_instance(election: PabulibElection) -> MesInstance:
    """The election's ballots as approval ballots, ready for `equal_shares`."""
    arrays = election.ballot_arrays()
    return MesInstance(
        [p.project_id for p in election.projects],
        [exact(p.cost) for p in election.projects],
        exact(election.budget),
        arrays.offsets,
        arrays.projects,
        np.ones(len(arrays.offsets) - 1, dtype=np.int64),
    )


def select_projects(
    rule: str,
    costs: Mapping[str, Number],
    budget: Number,
    *,
    scores: Callable[[], Mapping[str, Number]],
    ballots: Callable[[], MesInstance | Iterable[tuple[Iterable[str], int]]],
    threshold: Number | None = None,
    complete: str | None = None,
) -> list[str]:
    """The one dispatch from a rule name (as Pabulib names it) to the functions of this package.

    Returns the selected ids in selection order. ``scores`` (votes or points per id) and
    ``ballots`` (weighted approval ballots or a `MesInstance`) are zero-argument functions,
    called only when the rule needs them: building them can be costly on a large election.
    ``threshold`` is the minimum score (required by ``greedy-threshold``);
    ``complete="greedy"`` spends what an Equal Shares outcome leaves with `complete_greedily`.
    Raises `UnknownRuleError` for a rule, completion or combination this package does not
    implement. Used by `tally` (Pabulib files) and by `budget.results` (campaigns).
    """
    if rule not in RULES:
        raise UnknownRuleError(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
    if complete is not None and complete not in COMPLETIONS:
        raise UnknownRuleError(f"unknown completion {complete!r}; known: {', '.join(COMPLETIONS)}")
    if rule.startswith("greedy"):
        if complete is not None:
            raise UnknownRuleError("greedy completion only applies to Equal Shares rules")
        if rule == "greedy":
            return greedy(costs, budget, scores(), threshold=threshold)
        if rule == "greedy-no-skip":
            return greedy_no_skip(costs, budget, scores(), threshold=threshold)
        if threshold is None:
            raise UnknownRuleError("greedy-threshold needs a threshold")
        return greedy_threshold(costs, budget, scores(), threshold=threshold)
    return equal_shares_outcome(
        rule, costs, budget, _instance(costs, budget, ballots), scores=scores, complete=complete
    ).selected


def _instance(costs, budget, ballots: Callable) -> MesInstance:
    instance = ballots()
    return instance if isinstance(instance, MesInstance) else prepare(costs, budget, instance)


def explain_count(
    rule: str,
    costs: Mapping[str, Number],
    budget: Number,
    *,
    scores: Callable[[], Mapping[str, Number]],
    ballots: Callable[[], MesInstance | Iterable[tuple[Iterable[str], int]]],
    threshold: Number | None = None,
    complete: str | None = None,
) -> dict:
    """The outcome of `select_projects` (same arguments) with the figures that explain it.

    ``{"selected": ids in selection order, "projects": {id: explanation} for every project,
    "share": what each voter started with (Equal Shares, else None), "comparison": None or
    the comparison step's ``{"prefer_equal_shares", "prefer_greedy", "kept"}``}``.

    Explanations: greedy's (`greedy_explain`: ``greedy`` for a funded project with its rank
    and what the envelope still held, ``no_room``, ``threshold``, ``stopped``); Equal Shares:
    ``{"reason": "mes_funded", "round", "payers", "payment"}`` for a project MES funded (the
    round, how many supporters paid, the most one paid), ``{"reason": "mes", "supporters",
    "money", "round"}`` for one it left out (what its supporters still held when they could
    no longer pay, after ``round`` projects were funded), with ``"remaining"`` when the greedy
    fill considered it, and ``{"reason": "completion", "remaining"}`` for one the fill funded.
    When the comparison keeps greedy's outcome, every project has greedy's explanation.
    """
    if rule not in RULES:
        raise UnknownRuleError(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
    if rule.startswith("greedy"):
        selected = select_projects(
            rule,
            costs,
            budget,
            scores=scores,
            ballots=ballots,
            threshold=threshold,
            complete=complete,
        )
        reasons = greedy_explain(
            costs, budget, scores(), threshold=threshold, skip=rule != "greedy-no-skip"
        )
        return {"selected": selected, "projects": reasons, "share": None, "comparison": None}
    outcome = equal_shares_outcome(
        rule,
        costs,
        budget,
        _instance(costs, budget, ballots),
        scores=scores,
        complete=complete,
        trace=True,
    )
    comparison = outcome.comparison
    if comparison is not None:
        comparison = {k: v for k, v in comparison.items() if k != "greedy"}
    if comparison is not None and comparison["kept"] == "greedy":
        projects = greedy_explain(costs, budget, scores())
    else:
        figures = outcome.trace
        fill = {}
        if complete == "greedy":
            fill = greedy_explain(costs, budget, scores(), selected=outcome.equal_shares)
        projects = {}
        for project_id in costs:
            if project_id in figures.funded:
                projects[project_id] = {"reason": "mes_funded", **figures.funded[project_id]}
            elif project_id in outcome.completed:
                projects[project_id] = {
                    "reason": "completion",
                    "remaining": fill[project_id]["remaining"],
                }
            else:
                # Left out; "free, or chosen by nobody" projects are never funded by MES.
                reason = {"reason": "mes", "supporters": 0, "money": Fraction(0), "round": 0}
                reason.update(figures.dropped.get(project_id, {}))
                if "remaining" in fill.get(project_id, {}):
                    reason["remaining"] = fill[project_id]["remaining"]
                projects[project_id] = reason
    return {
        "selected": outcome.selected,
        "projects": projects,
        "share": outcome.trace.share,
        "comparison": comparison,
    }


def explain_projects(
    rule: str,
    costs: Mapping[str, Number],
    budget: Number,
    *,
    selected: Iterable[str],
    scores: Callable[[], Mapping[str, Number]],
    ballots: Callable[[], MesInstance | Iterable[tuple[Iterable[str], int]]],
    threshold: Number | None = None,
    complete: str | None = None,
) -> dict[str, dict]:
    """Why each project `select_projects` left out (same arguments, plus its ``selected``):
    the explanations of `explain_count` for the projects not in ``selected``."""
    chosen = set(selected)
    projects = explain_count(
        rule,
        costs,
        budget,
        scores=scores,
        ballots=ballots,
        threshold=threshold,
        complete=complete,
    )["projects"]
    return {p: reason for p, reason in projects.items() if p not in chosen}


def tally(
    election: PabulibElection,
    rule: str,
    *,
    complete: str | None = None,
    threshold: int | None = None,
) -> TallyResult:
    """Outcome of ``rule`` on ``election`` (through `select_projects`).

    ``threshold`` (minimum score) defaults to META ``min_project_score_threshold`` for
    ``greedy-threshold`` (required there) and ``greedy-no-skip``; plain ``greedy`` is
    pabutools' rule and applies a threshold only when one is passed. ``complete="greedy"``
    spends what an Equal Shares outcome leaves with `complete_greedily`.
    """
    if threshold is None and rule != "greedy":
        threshold = election.min_project_score_threshold
    if rule == "greedy-threshold" and threshold is None:
        raise UnknownRuleError(
            "greedy-threshold needs a threshold: META min_project_score_threshold "
            "or the --threshold option"
        )
    costs = {p.project_id: p.cost for p in election.projects}
    selected = select_projects(
        rule,
        costs,
        election.budget,
        scores=lambda: scores(election),
        ballots=lambda: mes_instance(election),
        threshold=threshold,
        complete=complete,
    )
    cost = sum((costs[p] for p in selected), Decimal(0))
    return TallyResult(rule=rule, budget=election.budget, selected=selected, cost=cost)


def as_number(value: Decimal | Fraction | int) -> int | float:
    """A JSON-friendly number: an int when whole, else the nearest float."""
    value = Decimal(value) if isinstance(value, int) else value
    if value == int(value):
        return int(value)
    return float(value)
