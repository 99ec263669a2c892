"""Why a rule left a project out (`budget.rules.explain_projects`): on many small random
elections, every project left out gets a reason that holds (greedy: its cost exceeds what
was left when it came up; Equal Shares: its supporters held less than its cost), and no
selected project gets one. The selection itself is `select_projects`'."""

import random
from fractions import Fraction

import pytest

from budget import rules


def election(seed: int):
    rng = random.Random(seed)
    ids = [f"{i:03d}" for i in range(rng.randint(2, 9))]
    costs = {p: rng.choice([10, 20, 25, 40, 60, 75, 100]) for p in ids}
    budget = rng.choice([100, 150, 200, 250])
    ballots = [
        (frozenset(p for p in ids if rng.random() < 0.4), rng.randint(1, 4))
        for _ in range(rng.randint(1, 8))
    ]
    scores = {p: sum(w for approved, w in ballots if p in approved) for p in ids}
    return costs, budget, ballots, scores


@pytest.mark.parametrize("rule", ["greedy", "greedy-no-skip", "greedy-threshold"])
def test_greedy_reasons_hold(rule):
    for seed in range(120):
        costs, budget, ballots, scores = election(seed)
        arguments = {
            "scores": lambda scores=scores: scores,
            "ballots": lambda ballots=ballots: ballots,
            "threshold": 2 if rule == "greedy-threshold" else None,
        }
        selected = rules.select_projects(rule, costs, budget, **arguments)
        reasons = rules.explain_projects(rule, costs, budget, selected=selected, **arguments)
        assert set(reasons) == set(costs) - set(selected), seed
        for project, reason in reasons.items():
            if reason["reason"] == "no_room":
                assert costs[project] > reason["remaining"] >= 0
            elif reason["reason"] == "threshold":
                assert scores[project] < 2
            else:
                assert rule == "greedy-no-skip" and reason["after"] in reasons


@pytest.mark.parametrize("rule", ["equalshares", "equalshares/add1"])
@pytest.mark.parametrize("complete", [None, "greedy"])
def test_equal_shares_reasons_hold(rule, complete):
    for seed in range(60):
        costs, budget, ballots, scores = election(seed)
        arguments = {
            "scores": lambda scores=scores: scores,
            "ballots": lambda ballots=ballots: ballots,
            "complete": complete,
        }
        selected = rules.select_projects(rule, costs, budget, **arguments)
        reasons = rules.explain_projects(rule, costs, budget, selected=selected, **arguments)
        assert set(reasons) == set(costs) - set(selected), seed
        for project, reason in reasons.items():
            assert reason["supporters"] == scores[project]
            assert isinstance(reason["money"], Fraction)
            # MES ends when no supporters can pay: a project left out was unaffordable
            # (or nobody chose it).
            assert reason["money"] < costs[project] or scores[project] == 0, (seed, project)
            if complete:
                assert costs[project] > reason["remaining"]
