"""How fairly an outcome treats the voters, on anonymous approval ballots.

For an outcome (the selected project ids) and weighted approval ballots (``(ids, number of
voters)`` pairs, as the rules take them):

* ``non_empty_handed``: the share of voters with at least one selected project they approved
  (every ballot counts, blank ones included) — pabutools'
  ``analysis.percent_non_empty_handed`` (the average ``CC_Sat``);
* ``funded_cost_share``: over the voters who approved something, the average share of the
  cost they approved that is funded (cost of approved ∩ selected / cost approved) — pabutools'
  ``avg_satisfaction`` with an additive satisfaction of cost / ballot cost, on the non-blank
  ballots.

Exact fractions (`fractions.Fraction`): the page rounds, the tests compare exactly.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from budget.rules.greedy import exact


@dataclass(frozen=True)
class Fairness:
    voters: int
    non_empty_handed: Fraction | None
    funded_cost_share: Fraction | None


def fairness(
    costs: Mapping[str, object],
    ballots: Iterable[tuple[Iterable[str], int]],
    selected: Iterable[str],
) -> Fairness:
    chosen = set(selected)
    voters = served = approving = 0
    share_sum = Fraction(0)
    for ids, weight in ballots:
        ids = set(ids) & set(costs)
        voters += weight
        if ids & chosen:
            served += weight
        approved_cost = sum((exact(costs[i]) for i in ids), Fraction(0))
        if approved_cost:
            approving += weight
            funded = sum((exact(costs[i]) for i in ids & chosen), Fraction(0))
            share_sum += weight * funded / approved_cost
    return Fairness(
        voters=voters,
        non_empty_handed=Fraction(served, voters) if voters else None,
        funded_cost_share=share_sum / approving if approving else None,
    )
