"""Equal Shares as cities run it: Add1 and the comparison step (`equalshares/add1-comparison`).

Wieliczka 2023's real outcome; pabutools 1.2.3 composed the way the README defines the rule
(`exhaustion_by_budget_increase` without the exhaustive stop, then `popularity_comparison`
with `Cardinality_Sat`) on random elections; and hand-worked elections where each step
changes the outcome, with the figures their explanations give.
"""

import random

import pytest

from budget.rules import equal_shares_outcome, explain_count, prepare, select_projects
from tests.budget import pabutools_oracle
from tests.budget.pabulib_data import election, outcomes
from tests.budget.test_rules import _random_election, outcome

WIELICZKA = "Poland_Wieliczka_2023_Green_Budget.pb"


def test_wieliczka_2023_outcome_is_reproduced_by_add1_comparison():
    city = election(WIELICZKA)
    assert city.rule == "equalshares/add1-comparison"
    funded = {p.project_id for p in city.projects if p.selected == 1}
    result = outcome(WIELICZKA, "equalshares/add1-comparison")
    assert set(result.selected) == funded
    assert result.cost == sum(p.cost for p in city.projects if p.selected == 1)


def test_wieliczka_needs_add1_to_go_on_past_the_first_exhaustive_outcome():
    """pabutools' Add1 (``voter_budget_increment=1``) stops at the first exhaustive outcome,
    which is not what Wieliczka funded: the city's count went on raising the shares."""
    city = election(WIELICZKA)
    funded = {p.project_id for p in city.projects if p.selected == 1}
    assert set(outcomes()[WIELICZKA]["equalshares/add1"]["selected"]) != funded


def _pabutools_add1_comparison(costs, budget, ballots):
    from pabutools.election import ApprovalBallot, ApprovalProfile, Instance, Project

    projects = {p: Project(p, c) for p, c in costs.items()}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile(
        [ApprovalBallot(projects[p] for p in approved) for approved, _ in ballots],
        instance=instance,
    )
    return pabutools_oracle.add1_comparison(instance, profile)


@pytest.mark.parametrize("seed", range(0, 60, 3))
def test_random_elections_match_pabutools_composition(seed):
    costs, budget, ballots = _random_election(random.Random(seed))
    ours = select_projects(
        "equalshares/add1-comparison",
        costs,
        budget,
        scores=lambda: {p: sum(1 for a, _ in ballots if p in a) for p in costs},
        ballots=lambda: ballots,
    )
    assert set(ours) == _pabutools_add1_comparison(costs, budget, ballots)


# -- hand-worked elections -----------------------------------------------------------------------


def _count(rule, costs, budget, ballots):
    return explain_count(
        rule,
        costs,
        budget,
        scores=lambda: {p: sum(w for a, w in ballots if p in a) for p in costs},
        ballots=lambda: ballots,
    )


# 300 €, three voters (100 € each): a playground (240 €) chosen by voters 1 and 2, a bench
# (60 €) by voter 3.
ADD1_COSTS = {"1": 240, "2": 60}
ADD1_BALLOTS = [(frozenset({"1"}), 2), (frozenset({"2"}), 1)]


def test_add1_funds_what_plain_equal_shares_leaves_out():
    """Plain MES: voter 3 buys the bench alone (60 €); the playground's supporters hold
    200 € from the start, less than 240 €: 240 € stay unspent though it would fit. Add1: at
    120 € a head its supporters can pay 120 € each; it is bought first (120 € of every
    supporter's share per 240 € of cost, against 60 € per 60 € for the bench), then the bench:
    the 300 € are spent."""
    plain = _count("equalshares", ADD1_COSTS, 300, ADD1_BALLOTS)
    assert plain["selected"] == ["2"]
    assert plain["share"] == 100
    assert plain["projects"]["1"] == {
        "reason": "mes",
        "supporters": 2,
        "money": 200,
        "round": 0,
    }
    assert plain["projects"]["2"] == {
        "reason": "mes_funded",
        "round": 1,
        "payers": 1,
        "payment": 60,
    }

    add1 = _count("equalshares/add1", ADD1_COSTS, 300, ADD1_BALLOTS)
    assert add1["selected"] == ["1", "2"]
    assert add1["share"] == 120
    assert add1["projects"]["1"] == {
        "reason": "mes_funded",
        "round": 1,
        "payers": 2,
        "payment": 120,
    }
    assert add1["projects"]["2"]["round"] == 2


# La Gare, made small: 60 000 €, ten voters (6 000 € each). Nine choose the bike shelter
# (60 000 €), the tenth only the bins (5 000 €).
GARE_COSTS = {"1": 60_000, "2": 5_000}
GARE_BALLOTS = [(frozenset({"1"}), 9), (frozenset({"2"}), 1)]


def test_comparison_keeps_greedys_outcome_when_more_voters_prefer_it():
    """MES: the shelter's nine supporters hold 54 000 € (< 60 000 €); the tenth voter buys
    the bins: 55 000 € unspent, and nothing else fits (Add1 with the exhaustive stop changes
    nothing). Raising the shares: at 6 667 € a head the shelter is affordable and bought first
    (6 666,67 € a head), then the bins too: 65 000 €, over the envelope; so Add1 ends at
    6 666 € with the bins only. Greedy funds the shelter (9 votes). Nine voters get one of
    their projects with greedy and none with Equal Shares, one the reverse: greedy is kept."""
    assert _count("equalshares/add1", GARE_COSTS, 60_000, GARE_BALLOTS)["selected"] == ["2"]
    count = _count("equalshares/add1-comparison", GARE_COSTS, 60_000, GARE_BALLOTS)
    assert count["selected"] == ["1"]
    assert count["share"] == 6_666
    assert count["comparison"] == {
        "prefer_equal_shares": 1,
        "prefer_greedy": 9,
        "kept": "greedy",
        "same": False,
    }
    # Greedy's outcome is kept: greedy's reasons explain it.
    assert count["projects"]["1"] == {"reason": "greedy", "rank": 1, "remaining": 60_000}
    assert count["projects"]["2"] == {"reason": "no_room", "remaining": 0}


def test_comparison_tie_keeps_equal_shares():
    """Two voters, 100 €: voter 1 chooses A (100 €), voter 2 B (50 €). Equal Shares: voter 2
    buys B; A is only affordable at 100 € a head, where A and B together exceed 100 €, so Add1
    keeps B. Greedy: A and B have one vote each; the tie goes to the smaller id, A, which
    fills the envelope. One voter prefers each outcome: the tie keeps Equal Shares'."""
    costs = {"A": 100, "B": 50}
    ballots = [(frozenset({"A"}), 1), (frozenset({"B"}), 1)]
    instance = prepare(costs, 100, ballots)
    result = equal_shares_outcome(
        "equalshares/add1-comparison",
        costs,
        100,
        instance,
        scores=lambda: {"A": 1, "B": 1},
    )
    assert result.comparison["greedy"] == ["A"]
    assert (result.comparison["prefer_equal_shares"], result.comparison["prefer_greedy"]) == (1, 1)
    assert result.selected == ["B"]


def test_greedy_fill_comes_before_the_comparison():
    """With the fill, Equal Shares' outcome is completed first, then compared."""
    count = explain_count(
        "equalshares/add1-comparison",
        GARE_COSTS,
        60_000,
        scores=lambda: {"1": 9, "2": 1},
        ballots=lambda: GARE_BALLOTS,
        complete="greedy",
    )
    # The fill finds 55 000 € left: the shelter does not fit, so the comparison decides.
    assert count["comparison"]["kept"] == "greedy"
    assert count["selected"] == ["1"]
