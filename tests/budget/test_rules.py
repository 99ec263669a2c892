"""The tally rules agree with pabutools 1.2.3 and with what the cities actually funded.

Large files are checked against the outcomes recorded in `pabutools_outcomes.json`; on the
small ones pabutools runs live; random small elections full of ties check the tie-breaking.
"""

import random
from decimal import Decimal
from fractions import Fraction
from functools import cache

import pytest

from budget.pabulib import PabulibElection, PabulibProject, PabulibVoter
from budget.rules import (
    RULES,
    complete_greedily,
    equal_shares,
    equal_shares_add1,
    greedy,
    greedy_no_skip,
    greedy_threshold,
    scores,
    tally,
)
from tests.budget import pabutools_oracle
from tests.budget.pabulib_data import (
    DATA_DIR,
    FILE_NAMES,
    OUTCOMES_FILE,
    SMALL_FILE_NAMES,
    election,
    outcomes,
)

# Files whose META rule is one of ours and that record what the city funded (read from the
# recorded outcomes so that collecting the tests does not parse every file).
CITY_RULE_FILES = [
    name
    for name in FILE_NAMES
    if outcomes()[name]["meta_rule"] in RULES and outcomes()[name]["city_selected"] is not None
]
ADD1_FILES = [name for name in FILE_NAMES if "equalshares/add1" in outcomes().get(name, {})]


@cache
def outcome(name: str, rule: str):
    """Our outcome on a shared file, computed once per test session."""
    return tally(election(name), rule)


def test_shared_data_is_present():
    assert DATA_DIR.is_dir(), f"shared Pabulib data missing at {DATA_DIR}"
    assert OUTCOMES_FILE.is_file()
    assert len(FILE_NAMES) >= 18
    assert set(FILE_NAMES) <= set(outcomes())


def _assert_same_outcome(result, expected):
    assert sorted(result.selected) == sorted(expected["selected"])
    assert float(result.cost) == expected["total_cost"]


@pytest.mark.parametrize("name", FILE_NAMES)
def test_greedy_matches_pabutools(name):
    _assert_same_outcome(outcome(name, "greedy"), outcomes()[name]["greedy"])


@pytest.mark.parametrize("name", FILE_NAMES)
def test_equal_shares_matches_pabutools(name):
    _assert_same_outcome(outcome(name, "equalshares"), outcomes()[name]["equalshares"])


@pytest.mark.parametrize("name", ADD1_FILES)
def test_equal_shares_add1_matches_pabutools(name):
    expected = outcomes()[name]["equalshares/add1"]
    _assert_same_outcome(outcome(name, "equalshares/add1"), expected)


def test_assen_2024_outcome_is_reproduced_by_add1():
    assen = election("Netherlands_Assen_2024.pb")
    funded = {p.project_id for p in assen.projects if p.selected == 1}
    assert set(outcome("Netherlands_Assen_2024.pb", "equalshares/add1").selected) == funded


@pytest.mark.parametrize("name", CITY_RULE_FILES)
def test_city_rule_reproduces_the_projects_the_city_funded(name):
    city = election(name)
    assert "selected" in city.project_columns
    funded = {p.project_id for p in city.projects if p.selected == 1}
    assert set(outcome(name, city.rule).selected) == funded


@pytest.mark.parametrize("name", FILE_NAMES)
def test_votes_and_score_columns_equal_the_recount(name):
    city = election(name)
    recount = scores(city)
    approvals = {p.project_id: 0 for p in city.projects}
    for voter in city.voters:
        for project_id in voter.vote:
            approvals[project_id] += 1
    checked = 0
    for project in city.projects:
        if project.votes is not None:
            assert project.votes == approvals[project.project_id], project.project_id
            checked += 1
        if project.score is not None:
            assert project.score == recount[project.project_id], project.project_id
            checked += 1
    assert checked or "votes" not in city.project_columns


# -- pabutools live, on the small files and on random elections -------------------------------


def _pabutools(name: str, rule: str) -> set[str]:
    instance, profile = pabutools_oracle.parse(DATA_DIR / name)
    return pabutools_oracle.run(instance, profile, rule)


@pytest.mark.parametrize("name", SMALL_FILE_NAMES)
@pytest.mark.parametrize("rule", ["greedy", "equalshares"])
def test_small_files_match_pabutools_live(name, rule):
    assert set(outcome(name, rule).selected) == _pabutools(name, rule)


def test_add1_matches_pabutools_live_on_assen():
    name = "Netherlands_Assen_2024.pb"
    assert set(outcome(name, "equalshares/add1").selected) == _pabutools(name, "equalshares/add1")


def _random_election(rng: random.Random) -> tuple[dict, int, list]:
    """Few voters, few distinct costs and approval counts: ties everywhere."""
    project_count = rng.randint(2, 9)
    ids = rng.sample(["1", "2", "3", "10", "11", "20", "A", "b", "a", "B9"], project_count)
    costs = {p: rng.choice([1, 2, 3, 4, 6, 10]) * 100 for p in ids}
    budget = rng.choice([Fraction(rng.randint(3, 25) * 100), Fraction(rng.randint(300, 2500), 3)])
    ballots = []
    for _ in range(rng.randint(1, 12)):
        approved = rng.sample(ids, rng.randint(0, project_count))
        ballots.append((approved, 1))
    return costs, budget, ballots


def _pabutools_on(costs, budget, ballots, rule):
    from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    projects = {p: Project(p, c) for p, c in costs.items()}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile(
        [ApprovalBallot(projects[p] for p in approved) for approved, _ in ballots],
        instance=instance,
    )
    if rule == "greedy":
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    else:
        outcome = method_of_equal_shares(
            instance,
            profile,
            sat_class=Cost_Sat,
            voter_budget_increment=1 if rule == "add1" else None,
        )
    return [p.name for p in outcome]


@pytest.mark.parametrize("seed", range(60))
def test_random_tied_elections_match_pabutools_including_order(seed):
    rng = random.Random(seed)
    costs, budget, ballots = _random_election(rng)
    approvals = dict.fromkeys(costs, 0)
    for approved, _ in ballots:
        for p in approved:
            approvals[p] += 1
    assert greedy(costs, budget, approvals) == _pabutools_on(costs, budget, ballots, "greedy")
    assert equal_shares(costs, budget, ballots) == _pabutools_on(costs, budget, ballots, "mes")
    if seed % 4 == 0:
        assert equal_shares_add1(costs, budget, ballots) == _pabutools_on(
            costs, budget, ballots, "add1"
        )


# -- the rules on hand-made examples -----------------------------------------------------------


def test_greedy_breaks_ties_on_the_project_id_as_text():
    costs = {"2": 100, "10": 100, "9": 100}
    votes = {"2": 5, "10": 5, "9": 5}
    assert greedy(costs, 200, votes) == ["10", "2"]


def test_greedy_skips_what_does_not_fit_and_no_skip_stops_there():
    costs = {"a": 60, "b": 50, "c": 30}
    votes = {"a": 9, "b": 8, "c": 7}
    assert greedy(costs, 100, votes) == ["a", "c"]
    assert greedy_no_skip(costs, 100, votes) == ["a"]


def test_greedy_funds_projects_nobody_voted_for_when_money_is_left():
    # pabutools' greedy does; a threshold is how a city avoids it.
    costs = {"a": 10, "b": 10}
    assert greedy(costs, 20, {"a": 3, "b": 0}) == ["a", "b"]
    assert greedy_threshold(costs, 20, {"a": 3, "b": 0}, threshold=1) == ["a"]


def test_threshold_excludes_projects_under_the_minimum_score():
    costs = {"a": 10, "b": 10, "c": 10}
    votes = {"a": 30, "b": 29, "c": 31}
    assert greedy_threshold(costs, 100, votes, threshold=30) == ["c", "a"]


def test_fractional_budget_is_compared_exactly():
    costs = {"a": Decimal("100.01"), "b": 1}
    assert greedy(costs, Decimal("100.01"), {"a": 2, "b": 1}) == ["a"]
    assert greedy(costs, Decimal("100.00"), {"a": 2, "b": 1}) == ["b"]


def test_equal_shares_favours_the_group_that_pays_for_its_projects():
    # 6 voters, 60 each: the 4-voter group can pay two 120 projects, the 2-voter group one.
    costs = {"big1": 120, "big2": 120, "small": 120}
    ballots = [(["big1", "big2"], 4), (["small"], 2)]
    assert sorted(equal_shares(costs, 360, ballots)) == ["big1", "big2", "small"]
    # greedy by votes would give the 4-voter group everything with a 240 budget.
    assert greedy(costs, 240, {"big1": 4, "big2": 4, "small": 2}) == ["big1", "big2"]
    assert sorted(equal_shares(costs, 240, ballots)) == ["big1"]


def test_equal_shares_counts_empty_ballots_as_voters():
    costs = {"a": 100}
    assert equal_shares(costs, 100, [(["a"], 1)]) == ["a"]
    # Two voters, 50 each: the one supporter cannot pay 100 alone.
    assert equal_shares(costs, 100, [(["a"], 1), ([], 1)]) == []


def test_add1_raises_the_shares_until_the_budget_is_used():
    costs = {"a": 100}
    ballots = [(["a"], 1), ([], 1)]
    assert equal_shares(costs, 100, ballots) == []
    assert equal_shares_add1(costs, 100, ballots) == ["a"]


def test_add1_keeps_the_last_outcome_that_fits_the_budget():
    # Shares of 75: nothing affordable; at 100 both projects would be bought (200 > 150).
    costs = {"a": 100, "b": 100}
    ballots = [(["a"], 1), (["b"], 1)]
    assert equal_shares_add1(costs, 150, ballots) == []


def test_free_and_unsupported_projects_are_never_chosen_by_equal_shares():
    costs = {"free": 0, "lonely": 10, "a": 10}
    assert equal_shares(costs, 30, [(["free", "a"], 3)]) == ["a"]


def test_greedy_completion_spends_what_equal_shares_leaves():
    costs = {"big1": 120, "big2": 120, "small": 120, "extra": 100}
    ballots = [(["big1", "big2"], 4), (["small"], 2), (["extra"], 1)]
    votes = {"big1": 4, "big2": 4, "small": 2, "extra": 1}
    # 7 voters with 360/7 each: the 4-voter group can pay big1 only, the others nothing.
    mes = equal_shares(costs, 360, ballots)
    assert mes == ["big1"]
    assert complete_greedily(mes, costs, 360, votes) == ["big1", "big2", "small"]


def _election(vote_type, voters, meta=None, costs=None):
    costs = costs or {"p1": 100, "p2": 100, "p3": 100}
    return PabulibElection(
        meta={"budget": "200", "vote_type": vote_type, **(meta or {})},
        projects=[PabulibProject(project_id=p, cost=Decimal(c)) for p, c in costs.items()],
        voters=[
            PabulibVoter(voter_id=str(i), vote=tuple(vote), points=points)
            for i, (vote, points) in enumerate(voters)
        ],
    )


def test_ordinal_ballots_give_max_length_minus_position_points():
    city = _election(
        "ordinal",
        [(("p1", "p2", "p3"), None), (("p3", "p2"), None), (("p3",), None)],
        meta={"max_length": "3"},
    )
    assert scores(city) == {"p1": 3, "p2": 2 + 2, "p3": 1 + 3 + 3}
    assert tally(city, "greedy").selected == ["p3", "p2"]


def test_cumulative_ballots_rank_on_points_and_count_as_approvals_for_equal_shares():
    city = _election("cumulative", [(("p1", "p2"), (1, 4)), (("p1",), (3,)), (("p3",), (2,))])
    assert scores(city) == {"p1": 4, "p2": 4, "p3": 2}
    assert tally(city, "greedy").selected == ["p1", "p2"]
    # Three voters, 66.67 each: only p1 (two supporters) is affordable.
    assert tally(city, "equalshares").selected == ["p1"]
    assert tally(city, "equalshares", complete="greedy").selected == ["p1", "p2"]


def test_greedy_threshold_uses_the_file_threshold_unless_given_one():
    city = _election(
        "approval",
        [(("p1", "p2"), None), (("p1",), None), (("p3",), None)],
        meta={"min_project_score_threshold": "2"},
    )
    assert tally(city, "greedy").selected == ["p1", "p2"]
    assert tally(city, "greedy-threshold").selected == ["p1"]
    assert tally(city, "greedy-threshold", threshold=1).selected == ["p1", "p2"]
    assert tally(city, "greedy-no-skip").selected == ["p1"]
