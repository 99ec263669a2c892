"""pabutools 1.2.3 run the way the issue defines each rule: the oracle of the tests and of the
benchmark (never imported by the engine itself)."""

from pathlib import Path


def points_times_cost_sat():
    """A pabutools satisfaction whose greedy density (satisfaction / cost) is the project's
    points: cumulative points, or ``max_length - position`` on an ordinal ballot. With it,
    ``greedy_utilitarian_welfare`` is "greedy on total points" with pabutools' tie-breaking."""
    from pabutools.election import AdditiveSatisfaction

    def points_times_cost(instance, profile, ballot, project, precomputed_values):
        if project not in ballot:
            return 0
        if hasattr(ballot, "position"):  # ordinal ballot
            return (int(instance.meta["max_length"]) - ballot.position(project)) * project.cost
        return ballot[project] * project.cost

    class PointsTimesCost(AdditiveSatisfaction):
        def __init__(self, instance, profile, ballot):
            super().__init__(instance, profile, ballot, points_times_cost)

    return PointsTimesCost


def parse(path: Path):
    """``(instance, profile)`` from a .pb file, the profile pointing at its instance."""
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(str(path))
    profile.instance = instance  # parse_pabulib leaves an empty instance on the profile
    return instance, profile


def add1_comparison(instance, profile) -> set[str]:
    """``equalshares/add1-comparison`` composed from pabutools as the README defines it: MES
    with the budget raised by one unit per voter until the next raise is infeasible (no
    exhaustive stop), then the outcome more voters prefer (`Cardinality_Sat`) between it and
    greedy's; a tie keeps Equal Shares'."""
    from pabutools.election import Cardinality_Sat, Cost_Sat
    from pabutools.rules import (
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        popularity_comparison,
    )

    def add1(instance, profile, initial_budget_allocation=None):
        return exhaustion_by_budget_increase(
            instance,
            profile,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            exhaustive_stop=False,
            budget_step=profile.num_ballots(),
        )

    def by_votes(instance, profile, initial_budget_allocation=None):
        return greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)

    kept = popularity_comparison(instance, profile, Cardinality_Sat, [add1, by_votes])
    outcome = kept[0] if len(kept) == 1 else add1(instance, profile)
    return {p.name for p in outcome}


def run(instance, profile, rule: str) -> set[str]:
    """Project ids selected by pabutools under ``rule`` (greedy, equalshares, equalshares/add1,
    equalshares/add1-comparison)."""
    from pabutools.election import Cost_Sat
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    if rule == "equalshares/add1-comparison":
        return add1_comparison(instance, profile)
    if rule == "greedy":
        approval = instance.meta["vote_type"] in ("approval", "choose-1")
        sat_class = Cost_Sat if approval else points_times_cost_sat()
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=sat_class)
    else:
        increment = 1 if rule == "equalshares/add1" else None
        outcome = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, voter_budget_increment=increment
        )
    return {p.name for p in outcome}
