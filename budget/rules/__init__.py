"""Participatory-budgeting tally rules, as pure functions on plain data.

`greedy`, `greedy_threshold`, `greedy_no_skip`, `complete_greedily` (module `greedy`) and
`equal_shares`, `equal_shares_add1` (module `equal_shares`; `composition` chains them with a
completion and the comparison step) take project costs (id -> amount),
a budget, and scores (id -> votes or points) or weighted approval ballots (``(ids, number of
voters)`` pairs); they return the selected ids in selection order. `select_projects` is the
one dispatch from a rule named as Pabulib names it to those functions; `tally` applies it to a
parsed `budget.pabulib.PabulibElection`, `budget.results` to a campaign's envelopes.

What each rule matches (pabutools 1.2.3 is the test oracle; this package never imports it):

==================  ==========================================================================
``greedy``          ``greedy_utilitarian_welfare(..., sat_class=Cost_Sat)``: by votes, skip
                    what does not fit (cumulative/ordinal: by total points)
``greedy-threshold``  the same among projects scoring at least the threshold (META
                    ``min_project_score_threshold`` by default)
``greedy-no-skip``  by votes, stop at the first project that does not fit (META threshold
                    applies when the file has one)
``equalshares``     ``method_of_equal_shares(..., sat_class=Cost_Sat)``
``equalshares/add1``  the same with ``voter_budget_increment=1``
``equalshares/add1-comparison``  ``exhaustion_by_budget_increase(mes, exhaustive_stop=False,
                    budget_step=voters)``, then ``popularity_comparison`` with
                    ``Cardinality_Sat`` against ``greedy`` (a tie keeps Equal Shares):
                    module `composition`, Wieliczka 2023
completion          ``complete_greedily``: pabutools' greedy with the Equal Shares outcome as
                    ``initial_budget_allocation``
==================  ==========================================================================

Ties: pabutools' default ``lexico_tie_breaking``, i.e. the smaller project id compared as a
Python string ("10" < "2" < "A" < "a"). Campaign code that wants "older project first"
should give ids that sort that way (e.g. zero-padded).
"""

from budget.rules.composition import EqualSharesOutcome, equal_shares_outcome
from budget.rules.equal_shares import (
    equal_shares,
    equal_shares_add1,
    equal_shares_trace,
    outcome_preferences,
    prepare,
)
from budget.rules.greedy import complete_greedily, greedy, greedy_no_skip, greedy_threshold
from budget.rules.tally import (
    RULES,
    TallyResult,
    UnknownRuleError,
    explain_count,
    explain_projects,
    scores,
    select_projects,
    tally,
)

__all__ = [
    "RULES",
    "EqualSharesOutcome",
    "TallyResult",
    "UnknownRuleError",
    "complete_greedily",
    "equal_shares",
    "equal_shares_add1",
    "equal_shares_outcome",
    "equal_shares_trace",
    "explain_count",
    "explain_projects",
    "greedy",
    "greedy_no_skip",
    "greedy_threshold",
    "outcome_preferences",
    "prepare",
    "scores",
    "select_projects",
    "tally",
]
