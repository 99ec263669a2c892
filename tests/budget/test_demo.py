"""The budget demo: an open campaign to vote in, a finished one with published Equal Shares
results and follow-up; fast and idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape

from budget import demo, explanations
from budget.models import Ballot, Campaign, Channel, Milestone, Project, VoterRecord
from budget.selectors import campaign_results, voter_ineligibility_reasons
from civic.accounts import demo as accounts_demo
from civic.accounts.models import User
from civic.notifications.selectors import is_following

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(demo_transaction, django_db_blocker):
    """The accounts and budget demos, seeded once for the module."""
    with django_db_blocker.unblock():
        accounts_demo.seed(stdout=StringIO())
        demo.seed(stdout=StringIO())


def test_open_campaign_is_voting_with_projects_ballots_and_paper(seeded):
    campaign = Campaign.objects.get(slug="budget-participatif-2027")
    assert campaign.is_voting_open()
    envelopes = list(campaign.envelopes.all())
    assert len(envelopes) == 7 and sum(1 for e in envelopes if e.is_citywide) == 1
    on_ballot = campaign.projects.filter(status=Project.Status.ON_BALLOT)
    assert 38 <= on_ballot.count() <= 45
    assert on_ballot.exclude(latitude=None).count() >= 10
    assert campaign.projects.filter(photos__isnull=False).exists()

    records = VoterRecord.objects.filter(campaign=campaign)
    assert 700 <= records.count() <= 1000
    assert records.filter(channel=Channel.COUNTER).count() >= 10
    assert Ballot.objects.filter(campaign=campaign).count() > records.count()
    # Every ballot respects the rule: within its envelope's amount.
    costs = {p.pk: p.cost for p in campaign.projects.all()}
    amounts = {e.pk: e.amount for e in envelopes}
    for envelope_id, choices in Ballot.objects.filter(campaign=campaign).values_list(
        "envelope_id", "choices"
    ):
        assert sum(costs[pk] for pk in choices) <= amounts[envelope_id]

    citizen = User.objects.get(email="citoyen@ingeville.fr")
    assert not records.filter(user=citizen).exists()
    assert voter_ineligibility_reasons(campaign=campaign, user=citizen) == []


def test_finished_campaign_has_equal_shares_results_and_follow_up(seeded):
    campaign = Campaign.objects.get(slug="budget-participatif-2026")
    assert campaign.current_phase() == Campaign.Phase.FOLLOW_UP
    results = campaign_results(campaign)
    assert results is not None and results.result.rule == "equalshares/add1-comparison"
    assert results.voters > 300
    winners = campaign.projects.filter(status=Project.Status.SELECTED)
    assert winners.exists()
    assert set(winners.values_list("followup_status", flat=True)) >= {"delivered", "in_progress"}
    assert Milestone.objects.filter(project__campaign=campaign).count() >= winners.count()
    citizen = User.objects.get(email="citoyen@ingeville.fr")
    assert VoterRecord.objects.filter(campaign=campaign, user=citizen).exists()
    assert sum(is_following(user=citizen, obj=project) for project in winners) == 2
    assert winners.filter(followup_status="abandoned").exclude(abandon_reason="").exists() or (
        winners.count() < 5
    )


def test_finished_campaign_is_counted_as_a_city_would_and_explains_every_project(seeded, client):
    """Add1 + comparison: no envelope leaves its most-voted project out while most of the
    envelope stays unspent, La Gare funds its bike shelter, and every project of the results
    page says why it was funded or not."""
    campaign = Campaign.objects.get(slug="budget-participatif-2026")
    envelopes = campaign_results(campaign).envelopes
    html = client.get(f"/budget-participatif/{campaign.slug}/resultats/").content.decode()
    for envelope in envelopes:
        top = envelope["projects"][0]  # most votes first
        if top["cost"] <= envelope["amount"] and not top["selected"]:
            assert envelope["budget_used"] * 2 >= envelope["amount"], envelope["name"]
        titles = {row["id"]: row["title"] for row in envelope["projects"]}
        for row in envelope["projects"]:
            why = explanations.project_explanation(row, titles, envelope["amount"])
            assert why, row
            assert escape(why) in html
    gare = next(e for e in envelopes if e["name"] == "La Gare")
    shelter = next(r for r in gare["projects"] if r["title"] == "Une consigne à vélos sécurisée")
    assert shelter["selected"] and gare["budget_used"] == gare["amount"]


def test_second_run_changes_nothing(seeded):
    counts = (Campaign.objects.count(), Project.objects.count(), Ballot.objects.count())
    call_command("seed_demo", stdout=StringIO())  # through the command, as `make run` does
    demo.seed(stdout=StringIO())
    assert (Campaign.objects.count(), Project.objects.count(), Ballot.objects.count()) == counts
