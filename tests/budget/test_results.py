"""Counting: preview, publication and withdrawal of results, with the campaign's rule."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from budget.ballots import ballot_cast
from budget.models import Campaign, Project, Result
from budget.results import results_preview, results_publish, results_withdraw
from budget.selectors import campaign_results
from tests.budget.factories import ProjectFactory


@pytest.fixture
def contest(city, make_voter):
    """Six voters approve A (200 000 €) and B (100 000 €), four approve C (100 000 €), in a
    city-wide envelope of 300 000 €: greedy picks A and B, Equal Shares B and C."""
    city.city.projects.all().delete()
    a = ProjectFactory(envelope=city.city, title="A", estimated_cost=200_000)
    b = ProjectFactory(envelope=city.city, title="B", estimated_cost=100_000)
    c = ProjectFactory(envelope=city.city, title="C", estimated_cost=100_000)
    for _ in range(6):
        ballot_cast(
            campaign=city.campaign, voter=make_voter(), choices={city.city.pk: [a.pk, b.pk]}
        )
    for _ in range(4):
        ballot_cast(
            campaign=city.campaign,
            voter=make_voter(district=city.south.district),
            choices={city.city.pk: [c.pk]},
        )
    return city, {"A": a, "B": b, "C": c}


def after_the_vote(campaign: Campaign):
    return time_machine.travel(campaign.vote_end + datetime.timedelta(hours=1), tick=False)


def city_envelope(data, city):
    return next(e for e in data["envelopes"] if e["envelope"] == city.city.pk)


def actions(campaign):
    return list(ModelLogEntry.objects.for_instance(campaign).values_list("action", flat=True))


def test_no_results_while_the_vote_is_open(contest, agent):
    city, _projects = contest
    with pytest.raises(ValidationError) as error:
        results_preview(actor=agent, campaign=city.campaign)
    assert "Le vote n'est pas clos" in error.value.messages[0]


@pytest.mark.parametrize("role", ["citizen", "moderator", "elected"])
def test_only_staff_count(request, role, contest):
    city, _projects = contest
    with after_the_vote(city.campaign), pytest.raises(PermissionDenied):
        results_preview(actor=request.getfixturevalue(role), campaign=city.campaign)
    with after_the_vote(city.campaign), pytest.raises(PermissionDenied):
        results_publish(actor=request.getfixturevalue(role), campaign=city.campaign)


def test_greedy_preview(contest, agent):
    city, p = contest
    with after_the_vote(city.campaign):
        data = results_preview(actor=agent, campaign=city.campaign)
    envelope = city_envelope(data, city)
    assert envelope["selected"] == [p["A"].pk, p["B"].pk]
    assert envelope["budget_used"] == 300_000
    assert envelope["ballots"] == 10
    assert [(row["title"], row["votes"]) for row in envelope["projects"]] == [
        ("A", 6),
        ("B", 6),
        ("C", 4),
    ]
    assert not Result.objects.exists()
    assert actions(city.campaign) == ["budget.campaign.results_preview"]


def test_equal_shares_preview(contest, agent):
    city, p = contest
    Campaign.objects.filter(pk=city.campaign.pk).update(
        tally_rule="equalshares", equal_shares_completion="none"
    )
    city.campaign.refresh_from_db()
    with after_the_vote(city.campaign):
        data = results_preview(actor=agent, campaign=city.campaign)
    assert city_envelope(data, city)["selected"] == [p["B"].pk, p["C"].pk]


def test_greedy_threshold_excludes_projects_under_it(contest, agent):
    city, p = contest
    Campaign.objects.filter(pk=city.campaign.pk).update(
        tally_rule="greedy-threshold", tally_threshold=5
    )
    city.campaign.refresh_from_db()
    with after_the_vote(city.campaign):
        data = results_preview(actor=agent, campaign=city.campaign)
    assert city_envelope(data, city)["selected"] == [p["A"].pk, p["B"].pk]
    Campaign.objects.filter(pk=city.campaign.pk).update(tally_threshold=7)
    city.campaign.refresh_from_db()
    with after_the_vote(city.campaign):
        data = results_preview(actor=agent, campaign=city.campaign)
    assert city_envelope(data, city)["selected"] == []


def test_publish_then_withdraw(contest, agent, administrator):
    city, p = contest
    campaign = city.campaign
    assert campaign_results(campaign) is None
    with after_the_vote(campaign):
        result = results_publish(actor=agent, campaign=campaign)
    assert result.published_by == agent
    statuses = dict(Project.objects.filter(campaign=campaign).values_list("title", "status"))
    assert (statuses["A"], statuses["B"], statuses["C"]) == ("selected", "selected", "not_selected")
    assert statuses["Nord 0"] == "not_selected"  # no ballot in that envelope

    results = campaign_results(campaign)
    envelope = next(e for e in results.envelopes if e["envelope"] == city.city.pk)
    winners = [(r["title"], r["votes"], r["cost"]) for r in envelope["projects"] if r["selected"]]
    assert winners == [("A", 6, 200_000), ("B", 6, 100_000)]
    assert results.voters == 10
    turnout = {t.district.name: (t.voters, t.percent) for t in results.turnout}
    assert turnout["Nord"] == (6, 0.6)  # of 1 000 inhabitants
    assert turnout["Sud"] == (4, 0.2)  # of 2 000
    assert results.budget_used == 300_000

    with after_the_vote(campaign), pytest.raises(ValidationError) as error:
        results_publish(actor=agent, campaign=campaign)
    assert "déjà publiés" in error.value.messages[0]

    with pytest.raises(PermissionDenied) as denied:
        results_withdraw(actor=agent, campaign=campaign, reason="Erreur")
    assert "administrateur" in str(denied.value)
    results_withdraw(actor=administrator, campaign=campaign, reason="Bulletins oubliés.")
    assert campaign_results(campaign) is None
    assert set(Project.objects.filter(campaign=campaign).values_list("status", flat=True)) == {
        "on_ballot"
    }
    assert Result.objects.get().withdraw_reason == "Bulletins oubliés."
    assert sorted(actions(campaign)) == [
        "budget.campaign.results_publish",
        "budget.campaign.results_withdraw",
    ]

    # Published again after the withdrawal: a new snapshot, the old one kept.
    with after_the_vote(campaign):
        results_publish(actor=agent, campaign=campaign)
    assert Result.objects.count() == 2


def test_withdrawing_nothing_is_refused(city, administrator):
    with pytest.raises(ValidationError):
        results_withdraw(actor=administrator, campaign=city.campaign)
