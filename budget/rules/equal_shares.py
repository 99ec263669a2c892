"""The Method of Equal Shares (MES) with cost satisfaction, exact and fast.

Input: ``costs`` (project id -> cost), ``budget``, and weighted approval ballots: pairs
``(project ids approved, number of voters who cast exactly that ballot)``. An empty ballot
still counts as a voter (it receives its share of the budget and spends none of it), as in
pabutools. For cumulative, scoring and ordinal ballots, a project named on the ballot counts
as approved.

Guarantee: the outcome is the one of pabutools 1.2.3's ``method_of_equal_shares(instance,
profile, sat_class=Cost_Sat)`` (``voter_budget_increment=1`` for `equal_shares_add1`),
including its tie-breaking, on every input:

* each voter starts with ``budget / n``; in each round every supporter of a project pays
  ``min(own budget, rho x cost)`` and the project with the smallest ``rho`` that its
  supporters can afford is selected; projects costing 0 or approved by nobody are never
  selected (their cost satisfaction is 0);
* ties on ``rho`` go to the smallest project id compared as Python strings (pabutools'
  default ``lexico_tie_breaking``).

How it stays fast and exact: identical ballots are merged (their voters always hold the same
budget), voters are grouped into classes of equal remaining budget whose exact value is a
``Fraction``, and the search for the cheapest project runs in floating point with numpy on
the merged ballots. Every decision the floats cannot settle with certainty (projects whose
``rho`` is within a relative 1e-9 of the best, budgets within 1e-9 of a cost) is recomputed
exactly on the classes before it is taken, and budgets are updated exactly, so rounding
never accumulates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from budget.rules.greedy import Number, exact

# Relative margin under which two floating-point results may hide an exact tie or order.
_TOLERANCE = 1e-9


class MesInstance:
    """Projects and merged ballots, scaled to integers, ready for one or many MES runs.

    ``offsets``/``projects``/``weights`` are approval ballots as columns: ballot ``i``
    approves the project indices ``projects[offsets[i]:offsets[i + 1]]`` and stands for
    ``weights[i]`` voters.

    Money unit: 1 / (scale x n) of the currency, where ``scale`` clears the denominators of
    the budget and the costs and ``n`` is the number of voters. Then a project's cost
    (``cost x scale x n``) and a voter's initial share (``budget x scale``) are integers.
    """

    def __init__(
        self,
        ids: list[str],
        costs: list[Fraction],
        budget: Fraction,
        offsets: np.ndarray,
        projects: np.ndarray,
        weights: np.ndarray,
    ):
        self.ids = ids
        self.budget = budget
        self.scale = math.lcm(budget.denominator, *(c.denominator for c in costs))
        self.cost_units = [int(c * self.scale) for c in costs]
        self.budget_units = budget * self.scale  # exact, compared with cost_units
        self.voters = int(weights.sum())

        ballots, ballot_weights = _merge_identical(offsets, projects, weights, len(ids))
        self.ballot_count = len(ballot_weights)
        self.ballot_weights = ballot_weights
        self.supporters = []
        for j in range(len(ids)):
            bit = np.uint64(1) << np.uint64(j % 64)
            self.supporters.append(np.flatnonzero(ballots[:, j // 64] & bit))
        self.supporter_weights = [ballot_weights[s] for s in self.supporters]
        self.supporter_weights_f = [w.astype(np.float64) for w in self.supporter_weights]
        self.total_weight = [int(w.sum()) for w in self.supporter_weights]
        # Cost satisfaction is 0 for a free project and for one nobody approved: never chosen.
        self.candidates = [
            j for j in range(len(ids)) if self.cost_units[j] > 0 and self.total_weight[j] > 0
        ]

    def run(self, share_units: int | Fraction) -> list[int]:
        """Project indices selected by MES when each voter starts with ``share_units``."""
        if self.voters == 0:
            return []
        return _MesRun(self, share_units).selected

    def money_of_supporters(self, j: int, run: _MesRun) -> Fraction:
        """What project j's supporters hold together in ``run`` now (in money units)."""
        classes = run.ballot_class[self.supporters[j]].tolist()
        weights = self.supporter_weights[j].tolist()
        return _exact_sum(weights, [Fraction(run.values[k]) for k in classes])


def _merge_identical(
    offsets: np.ndarray, projects: np.ndarray, weights: np.ndarray, project_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct non-empty ballots as bit rows (one uint64 word per 64 projects) and the
    number of voters behind each. Voters with identical ballots always hold the same budget
    in MES, so they are handled as one weighted voter."""
    lengths = np.diff(offsets)
    owner = np.repeat(np.arange(len(lengths)), lengths)
    words = max(1, (project_count + 63) // 64)
    rows = np.zeros((len(lengths), words), dtype=np.uint64)
    bits = np.left_shift(np.uint64(1), (projects % 64).astype(np.uint64))
    np.bitwise_or.at(rows, (owner, projects // 64), bits)
    nonempty = rows.any(axis=1)
    rows, weights = rows[nonempty], weights[nonempty]
    if len(rows) == 0:
        return rows, np.zeros(0, dtype=np.int64)
    # Sort the rows (lexsort on the words is far faster than np.unique(axis=0)), then cut
    # wherever a row differs from the one before.
    order = np.lexsort(rows.T[::-1])
    rows = rows[order]
    starts = np.flatnonzero(np.concatenate([[True], (rows[1:] != rows[:-1]).any(axis=1)]))
    return rows[starts], np.add.reduceat(weights[order], starts)


class _MesRun:
    """One MES run. With ``trace``, it also records for every candidate the round at which
    it was funded (with how many supporters paid, and the most one of them paid) or at which
    its supporters' money fell below its cost (with that money): the figures of the results
    page's explanations. Tracing never changes a decision."""

    def __init__(self, instance: MesInstance, share_units: int, *, trace: bool = False):
        self.instance = instance
        self.trace: dict[int, dict] | None = {} if trace else None
        n = instance.voters
        self.costs = [c * n for c in instance.cost_units]
        # Class 0 holds every voter with nothing left; class 1 is the starting share.
        self.values: list[Fraction | int] = [0, share_units]
        self.values_f = np.zeros(16, dtype=np.float64)
        self.values_f[1] = float(share_units)
        self.class_size = [0, instance.ballot_count]
        self.ballot_class = np.ones(instance.ballot_count, dtype=np.int64)
        self.selected: list[int] = []
        if self.trace is not None:
            self._record_dropouts()
        self._select_all()

    def _record_dropouts(self) -> None:
        """Trace: candidates whose supporters can no longer pay for them, after the rounds
        played so far (round 0 = before any project is funded)."""
        inst = self.instance
        chosen = set(self.selected)
        for j in inst.candidates:
            if j in chosen or j in self.trace:
                continue
            money = inst.money_of_supporters(j, self)
            if money < self.costs[j]:
                self.trace[j] = {"round": len(self.selected), "money": money}

    # -- floating-point search -------------------------------------------------------------

    def _rho_float(self, j: int) -> float | None:
        """Approximate affordability of project j; None when surely unaffordable."""
        inst = self.instance
        budgets = self.values_f[self.ballot_class[inst.supporters[j]]]
        weights = inst.supporter_weights_f[j]
        cost = float(self.costs[j])
        money = budgets * weights
        if money.sum() < cost * (1 - _TOLERANCE):
            return None
        order = np.argsort(budgets, kind="stable")
        budgets = budgets[order]
        money = money[order]
        weights = weights[order]
        paid_before = np.cumsum(money) - money
        voters_left = inst.total_weight[j] - (np.cumsum(weights) - weights)
        fits = (cost - paid_before) <= voters_left * budgets
        first = int(np.argmax(fits)) if fits.any() else len(budgets) - 1
        return (cost - paid_before[first]) / voters_left[first] / cost

    # -- exact decision ----------------------------------------------------------------------

    def _rho_exact(self, j: int) -> tuple[Fraction, Fraction, np.ndarray] | None:
        """Exact (rho, payment, supporters' classes) for project j, None if unaffordable.

        The supporters' budget classes are sorted by value; the poorest pay all they have
        until the others can share the rest equally. Floats guess where that split is; it is
        then checked exactly (and searched exactly class by class if the guess was wrong).
        """
        inst = self.instance
        classes = self.ballot_class[inst.supporters[j]]
        # Voter counts stay far below 2**53, so float bincounts of them are exact.
        per_class = np.bincount(
            classes, weights=inst.supporter_weights_f[j], minlength=len(self.values)
        )
        present = np.flatnonzero(per_class)
        weights = per_class[present].astype(np.int64)
        floats = self.values_f[present]
        values = self.values
        order = sorted(range(len(present)), key=lambda i: (floats[i], values[present[i]]))
        present, weights, floats = present[order], weights[order], floats[order]
        cost = self.costs[j]
        total = inst.total_weight[j]
        classes_exact = [values[k] for k in present.tolist()]
        weights_list = weights.tolist()

        money = weights * floats
        paid_f = np.cumsum(money) - money
        left_f = total - (np.cumsum(weights) - weights)
        fits = (cost - paid_f) <= left_f * floats
        if fits.any():
            split = int(np.argmax(fits))
            paid = _exact_sum(weights_list[:split], classes_exact[:split])
            left = total - sum(weights_list[:split])
            if self._fits(cost, paid, left, classes_exact[split]) and (
                split == 0
                or not self._fits(
                    cost,
                    paid - weights_list[split - 1] * classes_exact[split - 1],
                    left + weights_list[split - 1],
                    classes_exact[split - 1],
                )
            ):
                payment = Fraction(cost - paid) / left
                return payment / cost, payment, classes
        paid = 0
        left = total
        for weight, value in zip(weights_list, classes_exact, strict=True):
            if self._fits(cost, paid, left, value):
                payment = Fraction(cost - paid) / left
                return payment / cost, payment, classes
            paid += weight * value
            left -= weight
        return None

    @staticmethod
    def _fits(cost: int, paid: Fraction | int, left: int, value: Fraction | int) -> bool:
        """Can ``left`` voters with at least ``value`` each share ``cost - paid`` equally?"""
        return cost - paid <= left * value

    def _pay(self, j: int, payment: Fraction, classes: np.ndarray) -> None:
        """Every supporter of j pays min(own budget, payment); classes split accordingly."""
        per_class = np.bincount(classes, minlength=len(self.values))
        present = np.flatnonzero(per_class)
        remap = {}
        for k, count in zip(present.tolist(), per_class[present].tolist(), strict=True):
            value = self.values[k]
            new_value = 0 if value <= payment else value - payment
            if new_value == 0:
                target = 0
            elif count == self.class_size[k]:
                self.values[k] = new_value
                self.values_f[k] = float(new_value)
                continue
            else:
                target = len(self.values)
                self.values.append(new_value)
                self.class_size.append(0)
                if target >= len(self.values_f):
                    self.values_f = np.concatenate([self.values_f, np.zeros(len(self.values_f))])
                self.values_f[target] = float(new_value)
            if target != k:
                remap[k] = target
                self.class_size[k] -= count
                self.class_size[target] += count
        if remap:
            table = np.arange(len(self.values), dtype=np.int64)
            for old, new in remap.items():
                table[old] = new
            supporters = self.instance.supporters[j]
            self.ballot_class[supporters] = table[classes]

    def _select_all(self) -> None:
        inst = self.instance
        remaining = set(inst.candidates)
        # Lower bounds of each project's rho (budgets only shrink, so rho only grows).
        bound = {j: 1.0 / inst.total_weight[j] for j in remaining}
        while remaining:
            best = math.inf
            computed = []
            for j in sorted(remaining, key=bound.__getitem__):
                if bound[j] > best * (1 + _TOLERANCE):
                    break
                rho = self._rho_float(j)
                if rho is None:
                    remaining.discard(j)
                    continue
                bound[j] = rho * (1 - _TOLERANCE)
                best = min(best, rho)
                computed.append((rho, j))
            close = [j for rho, j in computed if rho <= best * (1 + _TOLERANCE)]
            if not close:
                return
            decided = []
            for j in close:
                result = self._rho_exact(j)
                if result is None:
                    remaining.discard(j)
                else:
                    decided.append((result[0], inst.ids[j], j, result))
            if not decided:
                continue
            _, _, chosen, (_, payment, classes) = min(decided, key=lambda d: (d[0], d[1]))
            if self.trace is not None:
                payers = int(inst.supporter_weights[chosen][classes != 0].sum())
                self.trace[chosen] = {
                    "round": len(self.selected) + 1,
                    "payers": payers,
                    "payment": payment,
                }
            self._pay(chosen, payment, classes)
            self.selected.append(chosen)
            remaining.discard(chosen)
            if self.trace is not None:
                self._record_dropouts()


def _exact_sum(weights: list[int], values: list[Fraction | int]) -> Fraction:
    """Exact sum of weight x value, adding numerators over each common denominator first
    (the values share few denominators, and integer sums are much cheaper than Fractions)."""
    by_denominator: dict[int, int] = {}
    for weight, value in zip(weights, values, strict=True):
        denominator = value.denominator
        by_denominator[denominator] = by_denominator.get(denominator, 0) + weight * value.numerator
    return sum((Fraction(n, d) for d, n in by_denominator.items()), Fraction(0))


def prepare(
    costs: Mapping[str, Number], budget: Number, ballots: Iterable[tuple[Iterable[str], int]]
) -> MesInstance:
    """An MES instance from costs and weighted approval ballots (see module doc)."""
    ids = list(costs)
    index = {p: i for i, p in enumerate(ids)}
    offsets = [0]
    projects: list[int] = []
    weights = []
    for approved, weight in ballots:
        projects.extend(index[p] for p in set(approved))
        offsets.append(len(projects))
        weights.append(weight)
    return MesInstance(
        ids,
        [exact(costs[p]) for p in ids],
        exact(budget),
        np.array(offsets, dtype=np.int64),
        np.array(projects, dtype=np.int64),
        np.array(weights, dtype=np.int64),
    )


def equal_shares(
    costs: Mapping[str, Number],
    budget: Number,
    ballots: Iterable[tuple[Iterable[str], int]] | MesInstance,
) -> list[str]:
    """MES with cost satisfaction; selected project ids in selection order (see module doc).

    ``ballots`` are ``(approved project ids, number of voters)`` pairs, or an instance made
    by `prepare` (then ``costs`` and ``budget`` are ignored).
    """
    instance = ballots if isinstance(ballots, MesInstance) else prepare(costs, budget, ballots)
    share = instance.budget * instance.scale  # budget/n per voter, in units of 1/(scale*n)
    return [instance.ids[j] for j in instance.run(_as_int(share))]


def equal_shares_add1(
    costs: Mapping[str, Number],
    budget: Number,
    ballots: Iterable[tuple[Iterable[str], int]] | MesInstance,
    *,
    increment: Number = 1,
    exhaustive_stop: bool = True,
) -> list[str]:
    """Iterated MES ("Add1"): raise each voter's share by ``increment`` (currency units)
    while the outcome still fits the budget, and return the last outcome that fits.

    With ``exhaustive_stop`` (pabutools' ``voter_budget_increment``, Assen, Świecie) the
    raising also stops at the first outcome that is exhaustive (no supported project still
    fits in what is left). Without it (Wieliczka's ``equalshares/add1-comparison``, pabutools'
    ``exhaustion_by_budget_increase(..., exhaustive_stop=False)``) it goes on until the next
    raise would exceed the budget: a later outcome can swap projects and spend more.
    """
    instance = ballots if isinstance(ballots, MesInstance) else prepare(costs, budget, ballots)
    if instance.voters == 0:
        return []
    step = _step(instance, increment)
    selected, _ = _add1_outcome(instance, step, exhaustive_stop=exhaustive_stop)
    return [instance.ids[j] for j in selected]


def _step(instance: MesInstance, increment: Number) -> Fraction:
    step = exact(increment) * instance.scale * instance.voters
    if step <= 0:
        raise ValueError("the increment must be positive")
    return step


def _everything_fits(instance: MesInstance) -> bool:
    return sum(instance.cost_units[j] for j in instance.candidates) <= instance.budget_units


def _add1_outcome(
    instance: MesInstance, step: Fraction, *, exhaustive_stop: bool = True
) -> tuple[list[int], Fraction]:
    """The outcome `equal_shares_add1` returns and the starting share that produced it."""
    share = instance.budget * instance.scale
    if (
        not exhaustive_stop
        and sum(instance.cost_units[j] for j in instance.candidates) <= instance.budget_units
    ):
        # Everything supported fits: the raises end with every such project funded, which
        # a share of the whole budget per voter gives at once (pabutools stops at that bound).
        share = max(share, instance.budget_units * instance.voters)
    previous: list[int] = []
    previous_share = share
    while True:
        selected = instance.run(_as_int(share))
        spent = sum(instance.cost_units[j] for j in selected)
        if spent > instance.budget_units:
            break
        previous, previous_share = selected, share
        chosen = set(selected)
        if exhaustive_stop and all(
            spent + instance.cost_units[j] > instance.budget_units
            for j in instance.candidates
            if j not in chosen
        ):
            break
        if not exhaustive_stop and all(
            instance.cost_units[j] <= 0 or j in chosen for j in instance.candidates
        ):
            break  # every supported project is funded: raising changes nothing
        share += step
    return previous, previous_share


@dataclass(frozen=True)
class EqualSharesTrace:
    """An Equal Shares outcome with the figures that explain it (amounts in currency, exact).

    ``share``: what each voter started with (after Add1's raises; None when every supported
    project fits in the budget, so that Add1 funds them all whatever the share).
    ``funded``: project id -> ``{"round", "payers", "payment"}``: the round it was funded
    in, how many of its supporters paid for it, the most one of them paid.
    ``dropped``: project id -> ``{"round", "money", "supporters"}``: how many projects were
    funded when its supporters' money fell below its cost, that money, how many supporters
    it had. Projects nobody chose or costing nothing are in neither.
    """

    selected: list[str]
    share: Fraction | None
    funded: dict[str, dict]
    dropped: dict[str, dict]


def equal_shares_trace(
    costs: Mapping[str, Number],
    budget: Number,
    ballots: Iterable[tuple[Iterable[str], int]] | MesInstance,
    *,
    add1: bool = False,
    exhaustive_stop: bool = True,
    increment: Number = 1,
) -> EqualSharesTrace:
    """The outcome of `equal_shares` (or `equal_shares_add1` with ``add1``) with its figures:
    the same run, replayed with tracing (see `EqualSharesTrace`)."""
    instance = ballots if isinstance(ballots, MesInstance) else prepare(costs, budget, ballots)
    if instance.voters == 0:
        return EqualSharesTrace([], Fraction(0), {}, {})
    share = instance.budget * instance.scale
    if add1:
        _, share = _add1_outcome(
            instance, _step(instance, increment), exhaustive_stop=exhaustive_stop
        )
    run = _MesRun(instance, _as_int(share), trace=True)
    unit = instance.scale * instance.voters
    everything_fits = add1 and not exhaustive_stop and _everything_fits(instance)
    funded, dropped = {}, {}
    for j, figures in run.trace.items():
        project_id = instance.ids[j]
        if "payers" in figures:
            funded[project_id] = {**figures, "payment": figures["payment"] / unit}
        else:
            dropped[project_id] = {
                "round": figures["round"],
                "money": figures["money"] / unit,
                "supporters": instance.total_weight[j],
            }
    return EqualSharesTrace(
        selected=[instance.ids[j] for j in run.selected],
        share=None if everything_fits else Fraction(share) / unit,
        funded=funded,
        dropped=dropped,
    )


def outcome_preferences(
    instance: MesInstance, first: Iterable[str], second: Iterable[str], *, measure: str
) -> tuple[int, int]:
    """How many voters prefer outcome ``first`` to ``second``, and how many the reverse.

    ``measure="satisfaction"``: a voter prefers the outcome that funds more of the projects
    on their ballot; ``"exclusion"``: the one that funds at least one of them when the other
    funds none. Voters indifferent between the two (empty ballots among them) count for
    neither. This is equalshares.net's comparison step (and pabutools' `popularity_comparison`
    with `Cardinality_Sat` for "satisfaction").
    """
    index = {p: j for j, p in enumerate(instance.ids)}
    sats = []
    for outcome in (first, second):
        sat = np.zeros(instance.ballot_count, dtype=np.int64)
        for project_id in outcome:
            np.add.at(sat, instance.supporters[index[project_id]], 1)
        if measure == "exclusion":
            sat = np.minimum(sat, 1)
        elif measure != "satisfaction":
            raise ValueError(f"unknown comparison measure {measure!r}")
        sats.append(sat)
    weights = instance.ballot_weights
    return int(weights[sats[0] > sats[1]].sum()), int(weights[sats[1] > sats[0]].sum())


def _as_int(value: Fraction) -> int | Fraction:
    return value.numerator if value.denominator == 1 else value
