"""Greedy participatory-budgeting rules: most votes first, within the budget.

Every function takes plain data so the Pabulib command and the campaign models feed it the
same way: ``costs`` maps a project id to its cost, ``scores`` maps it to its number of votes
(approval and choose-1 ballots) or of points (cumulative, scoring and ordinal ballots).
Amounts may be ``int``, ``Decimal`` or ``Fraction``; every comparison is exact.

Order and ties are those of ``pabutools.rules.greedy_utilitarian_welfare`` (1.2.3) with
``Cost_Sat``: projects are ranked by their satisfaction per unit of cost, which with the cost
satisfaction is exactly the number of votes (``votes x cost / cost``); a project costing
nothing therefore ranks with score 0 (its cost satisfaction is 0). Ties are broken by
pabutools' default ``lexico_tie_breaking``: the smaller project id, compared as Python
strings (so ``"10"`` comes before ``"2"``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

Number = int | Decimal | Fraction


def exact(value: Number) -> Fraction:
    """``value`` as an exact fraction (a Decimal keeps every written digit)."""
    return Fraction(value)


def greedy_order(costs: Mapping[str, Number], scores: Mapping[str, Number]) -> list[str]:
    """Project ids by decreasing votes per pabutools' density, ties by id (see module doc)."""

    def density(project_id: str) -> Fraction:
        score = exact(scores.get(project_id, 0))
        return score if exact(costs[project_id]) > 0 and score > 0 else Fraction(0)

    return sorted(costs, key=lambda p: (-density(p), p))


def _eligible(
    costs: Mapping[str, Number], scores: Mapping[str, Number], threshold: Number | None
) -> list[str]:
    order = greedy_order(costs, scores)
    if threshold is None:
        return order
    minimum = exact(threshold)
    return [p for p in order if exact(scores.get(p, 0)) >= minimum]


def greedy(
    costs: Mapping[str, Number],
    budget: Number,
    scores: Mapping[str, Number],
    *,
    threshold: Number | None = None,
) -> list[str]:
    """Most votes first; a project that does not fit in what is left is skipped.

    Returns the selected ids in selection order. The total cost never exceeds ``budget``.
    With ``threshold``, projects scoring less than it are never selected.
    """
    remaining = exact(budget)
    selected = []
    for project_id in _eligible(costs, scores, threshold):
        cost = exact(costs[project_id])
        if cost <= remaining:
            selected.append(project_id)
            remaining -= cost
    return selected


def greedy_threshold(
    costs: Mapping[str, Number],
    budget: Number,
    scores: Mapping[str, Number],
    *,
    threshold: Number,
) -> list[str]:
    """`greedy` restricted to the projects scoring at least ``threshold``."""
    return greedy(costs, budget, scores, threshold=threshold)


def greedy_no_skip(
    costs: Mapping[str, Number],
    budget: Number,
    scores: Mapping[str, Number],
    *,
    threshold: Number | None = None,
) -> list[str]:
    """Most votes first, stopping at the first project that does not fit in what is left."""
    remaining = exact(budget)
    selected = []
    for project_id in _eligible(costs, scores, threshold):
        cost = exact(costs[project_id])
        if cost > remaining:
            break
        selected.append(project_id)
        remaining -= cost
    return selected


def complete_greedily(
    selected: Iterable[str],
    costs: Mapping[str, Number],
    budget: Number,
    scores: Mapping[str, Number],
) -> list[str]:
    """``selected`` followed by the greedy choice among the other projects with what is left.

    This is pabutools' ``greedy_utilitarian_welfare(..., initial_budget_allocation=selected)``,
    the usual completion of an Equal Shares outcome that leaves money unspent.
    """
    chosen = list(selected)
    taken: Collection[str] = set(chosen)
    remaining = exact(budget) - sum((exact(costs[p]) for p in chosen), Fraction(0))
    for project_id in greedy_order(costs, scores):
        cost = exact(costs[project_id])
        if project_id not in taken and cost <= remaining:
            chosen.append(project_id)
            remaining -= cost
    return chosen


def greedy_explain(
    costs: Mapping[str, Number],
    budget: Number,
    scores: Mapping[str, Number],
    *,
    threshold: Number | None = None,
    skip: bool = True,
    selected: Iterable[str] = (),
) -> dict[str, dict]:
    """Why greedy funded or left out each project, replaying its run.

    ``selected`` is what was chosen before greedy began (an Equal Shares outcome being
    completed); those projects are neither considered nor explained. Returns ``{id: {"reason":
    "greedy", "rank": its place among the projects greedy funded (1 = first), "remaining":
    amount left just before it was funded} | {"reason": "threshold", "threshold": t} |
    {"reason": "no_room", "remaining": amount left when the project was considered} |
    {"reason": "stopped", "after": id of the project that did not fit}}``; ``skip=False`` is
    `greedy_no_skip`. Selection itself stays `greedy`'s: this only reads the same order with
    the same exact arithmetic.
    """
    taken = set(selected)
    remaining = exact(budget) - sum((exact(costs[p]) for p in taken), Fraction(0))
    minimum = exact(threshold) if threshold is not None else None
    stopped_at: str | None = None
    funded = 0
    reasons: dict[str, dict] = {}
    for project_id in greedy_order(costs, scores):
        if project_id in taken:
            continue
        if minimum is not None and exact(scores.get(project_id, 0)) < minimum:
            reasons[project_id] = {"reason": "threshold", "threshold": threshold}
            continue
        if stopped_at is not None:
            reasons[project_id] = {"reason": "stopped", "after": stopped_at}
            continue
        cost = exact(costs[project_id])
        if cost <= remaining:
            funded += 1
            reasons[project_id] = {"reason": "greedy", "rank": funded, "remaining": remaining}
            remaining -= cost
            continue
        reasons[project_id] = {"reason": "no_room", "remaining": remaining}
        if not skip:
            stopped_at = project_id
    return reasons
