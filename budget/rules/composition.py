"""Equal Shares as cities run it: the rule, its completions and the comparison step.

``equalshares`` is plain MES; ``equalshares/add1`` raises the voters' shares (pabutools'
``voter_budget_increment=1``: stops at the first exhaustive outcome); ``equalshares/add1-
comparison`` (Wieliczka 2023) raises them until the next raise would exceed the budget, then
compares the outcome with the greedy one and keeps the one more voters prefer. The optional
greedy fill (``complete="greedy"``) spends what is left before the comparison, as
equalshares.net's "Add1u" does. The README says why each option is what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from budget.rules.equal_shares import (
    EqualSharesTrace,
    MesInstance,
    equal_shares,
    equal_shares_add1,
    equal_shares_trace,
    outcome_preferences,
)
from budget.rules.greedy import Number, complete_greedily, greedy

EQUAL_SHARES_RULES = ("equalshares", "equalshares/add1", "equalshares/add1-comparison")
# How the comparison step measures a voter's preference (see `outcome_preferences`).
COMPARISON_MEASURE = "satisfaction"


@dataclass(frozen=True)
class EqualSharesOutcome:
    """``selected``: the final outcome in selection order; ``equal_shares``: what MES (after
    Add1) chose; ``completed``: what the greedy fill added; ``comparison``: None, or
    ``{"prefer_equal_shares", "prefer_greedy", "kept": "equalshares" | "greedy", "greedy":
    greedy's outcome}``; ``trace``: the MES figures, when asked for."""

    selected: list[str]
    equal_shares: list[str]
    completed: list[str] = field(default_factory=list)
    comparison: dict | None = None
    trace: EqualSharesTrace | None = None


def equal_shares_outcome(
    rule: str,
    costs: Mapping[str, Number],
    budget: Number,
    instance: MesInstance,
    *,
    scores: Callable[[], Mapping[str, Number]],
    complete: str | None = None,
    trace: bool = False,
) -> EqualSharesOutcome:
    """``rule`` (one of `EQUAL_SHARES_RULES`) on ``instance``, completed and compared."""
    add1 = rule != "equalshares"
    exhaustive_stop = rule == "equalshares/add1"
    figures = None
    if trace:
        figures = equal_shares_trace(
            costs, budget, instance, add1=add1, exhaustive_stop=exhaustive_stop
        )
        chosen = list(figures.selected)
    elif add1:
        chosen = equal_shares_add1(costs, budget, instance, exhaustive_stop=exhaustive_stop)
    else:
        chosen = equal_shares(costs, budget, instance)
    selected, completed = list(chosen), []
    if complete == "greedy":
        selected = complete_greedily(chosen, costs, budget, scores())
        completed = selected[len(chosen) :]
    comparison = None
    if rule == "equalshares/add1-comparison":
        by_greedy = greedy(costs, budget, scores())
        prefer_mes, prefer_greedy = outcome_preferences(
            instance, selected, by_greedy, measure=COMPARISON_MEASURE
        )
        # A tie keeps Equal Shares' outcome (equalshares.net: greedy must be preferred).
        kept = "greedy" if prefer_greedy > prefer_mes else "equalshares"
        comparison = {
            "prefer_equal_shares": prefer_mes,
            "prefer_greedy": prefer_greedy,
            "kept": kept,
            "same": set(selected) == set(by_greedy),
            "greedy": by_greedy,
        }
        if kept == "greedy":
            selected = list(by_greedy)
    return EqualSharesOutcome(
        selected=selected,
        equal_shares=chosen,
        completed=completed,
        comparison=comparison,
        trace=figures,
    )
