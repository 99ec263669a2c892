"""Fairness of budget outcomes: a hand-worked election, pabutools' analysis functions on the
shared Pabulib files, and a published campaign's results page and dashboard.

The hand-worked election: costs a 60, b 40, c 30, budget 100; ballots {a} x5, {b, c} x3,
{c} x2 and one blank. Greedy (votes a 5, c 5, b 3) funds a then c (90; b no longer fits).
- greedy {a, c}: 10 of 11 voters have a funded choice; funded share of the approved cost:
  ({a} 1 x5 + {b, c} 30/70 x3 + {c} 1 x2) / 10 voters who chose = 29/35.
- Equal Shares: each of the 11 voters holds 100/11; only c (5 supporters, 45.45 >= 30) is
  affordable; after it, neither a (5 x 9.09 < 60) nor b is: {c}. 5 of 11 voters have a funded
  choice; funded share ({b, c} 30/70 x3 + {c} 1 x2) / 10 = 23/70.
"""

import datetime
import secrets
from fractions import Fraction

import pytest
from django.utils import timezone

from budget import fairness as budget_fairness
from budget import rules
from budget.models import Ballot, Campaign, Result
from budget.rules.fairness import fairness
from tests.budget import pabulib_data
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.budget.pabutools_oracle import parse
from tests.factories import CitizenFactory

COSTS = {"a": 60, "b": 40, "c": 30}
BALLOTS = [({"a"}, 5), ({"b", "c"}, 3), ({"c"}, 2), (set(), 1)]


def test_hand_worked_greedy_outcome():
    assert rules.greedy(COSTS, 100, {"a": 5, "b": 3, "c": 5}) == ["a", "c"]
    measure = fairness(COSTS, BALLOTS, ["a", "c"])
    assert measure.voters == 11
    assert measure.non_empty_handed == Fraction(10, 11)
    assert measure.funded_cost_share == Fraction(29, 35)


def test_hand_worked_equal_shares_outcome():
    selected = rules.select_projects(
        "equalshares", COSTS, 100, scores=lambda: {}, ballots=lambda: BALLOTS
    )
    assert selected == ["c"]
    measure = fairness(COSTS, BALLOTS, selected)
    assert measure.non_empty_handed == Fraction(5, 11)
    assert measure.funded_cost_share == Fraction(23, 70)


def test_nobody_voted():
    measure = fairness(COSTS, [], [])
    assert (measure.voters, measure.non_empty_handed, measure.funded_cost_share) == (0, None, None)


def _approval_files():
    names = [
        n for n in pabulib_data.SMALL_FILE_NAMES if pabulib_data.election(n).vote_type == "approval"
    ]
    assert names, "the shared Pabulib files hold approval elections"
    return names


@pytest.mark.parametrize("name", _approval_files())
@pytest.mark.parametrize("rule", ["greedy", "equalshares"])
def test_measures_match_pabutools_analysis_on_the_shared_pabulib_files(name, rule):
    from pabutools.analysis import avg_satisfaction, percent_non_empty_handed
    from pabutools.election import AdditiveSatisfaction, ApprovalProfile

    election = pabulib_data.election(name)
    selected = rules.tally(election, rule).selected
    costs = {p.project_id: p.cost for p in election.projects}
    ballots = [(set(v.vote), 1) for v in election.voters]
    ours = fairness(costs, ballots, selected)

    instance, profile = parse(pabulib_data.DATA_DIR / name)
    allocation = [p for p in instance if p.name in set(selected)]
    assert float(ours.non_empty_handed) == pytest.approx(
        float(percent_non_empty_handed(instance, profile, allocation)), abs=1e-9
    )

    def cost_share(instance, profile, ballot, project, precomputed_values):
        total = sum(p.cost for p in ballot)
        return project.cost / total if project in ballot else 0

    class CostShareSat(AdditiveSatisfaction):
        def __init__(self, instance, profile, ballot):
            super().__init__(instance, profile, ballot, cost_share)

    chose = ApprovalProfile([b for b in profile if len(b)], instance=instance)
    assert float(ours.funded_cost_share) == pytest.approx(
        float(avg_satisfaction(instance, chose, allocation, CostShareSat)), abs=1e-9
    )


@pytest.fixture
def published(db, town):
    """The hand-worked election as a campaign counted with greedy and published (the
    project ids sort in the order a, b, c, as the rules' tie-break needs)."""
    campaign = CampaignFactory(
        title="BP 2026",
        slug="bp-2026",
        phase=Campaign.Phase.RESULTS,
        tally_rule=Campaign.TallyRule.GREEDY,
    )
    envelope = EnvelopeFactory(campaign=campaign, amount=100)
    author = CitizenFactory(profile__district=town.nord)
    a, b, c = (
        ProjectFactory(envelope=envelope, title=title, estimated_cost=cost, authors=[author])
        for title, cost in (("Allée a", 60), ("Banc b", 40), ("Chemin c", 30))
    )
    for choices, weight in ([a.pk], 5), ([b.pk, c.pk], 3), ([c.pk], 2), ([], 1):
        for _ in range(weight):
            Ballot.objects.create(
                campaign=campaign,
                envelope=envelope,
                choices=choices,
                receipt_hash=secrets.token_hex(32),
            )
    Result.objects.create(
        campaign=campaign,
        rule="greedy",
        published_at=timezone.now() - datetime.timedelta(days=1),
        data={
            "rule": "greedy",
            "envelopes": [
                {
                    "envelope": envelope.pk,
                    "name": "Toute la ville",
                    "amount": 100,
                    "selected": [a.pk, c.pk],
                    "ballots": 11,
                    "budget_used": 90,
                    "district": None,
                    "share": None,
                    "comparison": None,
                    "projects": [],
                }
            ],
        },
    )
    return campaign


def test_campaign_fairness_under_the_rule_used_and_equal_shares(published):
    result = published.results.get()
    used, mes = budget_fairness.campaign_fairness(published, result.data)
    assert used.used and used.rule == "greedy"
    assert used.city == (11, Fraction(10, 11), Fraction(29, 35))
    assert mes.rule == "equalshares"
    assert mes.city == (11, Fraction(5, 11), Fraction(23, 70))
    assert (mes.gained, mes.lost) == ([], ["Allée a"])


def test_the_dashboard_shows_the_fairness_of_the_latest_published_outcome(client, town, published):
    client.force_login(town.agent)
    html = client.get("/admin/analytics/").content.decode()
    assert "BP 2026 : équité du résultat selon la règle" in html
    assert "90,91" in html and "82,86" in html  # 10/11 and 29/35, in %
    assert "45,45" in html and "32,86" in html  # 5/11 and 23/70
    assert "Allée a" in html


def test_the_results_page_shows_its_fairness_figures(client, published):
    html = client.get(f"/budget-participatif/{published.slug}/resultats/").content.decode()
    assert "Équité du résultat" in html
    assert "90,91" in html and "45,45" in html
    assert "Allée a" in html  # Equal Shares would not fund it
