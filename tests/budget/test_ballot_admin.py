"""Staff put projects on the ballot (one by one or in bulk) and take them off before the vote;
from the opening of the vote the counting rule, the envelopes and what the ballot shows of
each project are frozen (services refuse, admin forms ignore crafted posts) and only an
administrator corrects them, with a reason kept in the log with before and after."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from budget import services
from budget.models import Campaign, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory

pytestmark = pytest.mark.django_db

FROZEN = "Le vote est ouvert : ce réglage est figé."


def entries(instance, action):
    return list(ModelLogEntry.objects.for_instance(instance).filter(action=action).order_by("pk"))


@pytest.fixture
def review_campaign(db):
    campaign = CampaignFactory(phase=Campaign.Phase.REVIEW)
    EnvelopeFactory(campaign=campaign, amount=500_000)
    return campaign


@pytest.fixture
def eligible(review_campaign):
    return ProjectFactory(
        envelope=review_campaign.envelopes.get(), status=Project.Status.ELIGIBLE, title="Bancs"
    )


# Putting projects on the ballot ---------------------------------------------------------------


def test_put_on_ballot_then_withdrawn_before_the_vote_each_step_logged(agent, eligible):
    services.project_put_on_ballot(actor=agent, project=eligible)
    eligible.refresh_from_db()
    assert eligible.status == Project.Status.ON_BALLOT
    services.project_withdraw_from_ballot(actor=agent, project=eligible)
    eligible.refresh_from_db()
    assert eligible.status == Project.Status.ELIGIBLE
    [put] = entries(eligible, "budget.project.put_on_ballot")
    [withdrawn] = entries(eligible, "budget.project.withdraw_from_ballot")
    assert put.data == {"old_status": "eligible", "new_status": "on_ballot"}
    assert withdrawn.data == {"old_status": "on_ballot", "new_status": "eligible"}
    assert put.user == withdrawn.user == agent


def test_the_bulk_service_moves_all_or_none_and_says_why(agent, review_campaign, eligible):
    submitted = ProjectFactory(
        envelope=eligible.envelope, status=Project.Status.SUBMITTED, validated_cost=None
    )
    with pytest.raises(ValidationError) as error:
        services.projects_put_on_ballot(actor=agent, projects=[eligible, submitted])
    assert error.value.messages == [
        f"« {submitted.title} » : Seul un projet recevable peut être soumis au vote "
        "(statut actuel : Déposé)."
    ]
    eligible.refresh_from_db()
    assert eligible.status == Project.Status.ELIGIBLE  # nothing moved
    assert not entries(eligible, "budget.project.put_on_ballot")


def test_the_ballot_cannot_change_once_the_vote_has_opened(agent, eligible):
    on_ballot = ProjectFactory(envelope=eligible.envelope)
    with time_machine.travel(eligible.campaign.vote_start, tick=False):
        for service, project in [
            (services.project_put_on_ballot, eligible),
            (services.project_withdraw_from_ballot, on_ballot),
        ]:
            with pytest.raises(ValidationError, match="Le vote a commencé"):
                service(actor=agent, project=project)
    assert Project.objects.get(pk=on_ballot.pk).status == Project.Status.ON_BALLOT


def test_citizens_and_elected_officials_cannot_change_the_ballot(citizen, elected, eligible):
    for actor in (citizen, elected, None):
        with pytest.raises(PermissionDenied):
            services.project_put_on_ballot(actor=actor, project=eligible)


# Freezing during the vote --------------------------------------------------------------------


def test_counting_rule_total_and_envelopes_are_frozen_during_the_vote(agent, city):
    campaign = city.campaign
    for changes in (
        {"tally_rule": Campaign.TallyRule.EQUAL_SHARES},
        {"tally_threshold": 10},
        {"greedy_completion": True},
        {"total_amount": 2_000_000},
    ):
        with pytest.raises(ValidationError) as error:
            services.campaign_update(actor=agent, campaign=campaign, changes=changes)
        assert list(error.value.message_dict) == list(changes)
        assert error.value.messages[0].startswith(FROZEN)
    with pytest.raises(ValidationError, match="les enveloppes et leurs montants sont figés"):
        services.campaign_update(
            actor=agent,
            campaign=campaign,
            changes={},
            envelopes=[
                (None, 100_000),
                (city.north.district, 200_000),
                (city.south.district, 200_000),
            ],
        )
    campaign.refresh_from_db()
    assert (campaign.tally_rule, campaign.total_amount) == ("greedy", 1_000_000)
    assert Campaign.objects.get(pk=campaign.pk).envelopes.get(pk=city.city.pk).amount == 300_000
    # Before the vote, the same changes are allowed.
    earlier = campaign.vote_start - datetime.timedelta(days=1)
    services.campaign_update(
        actor=agent, campaign=campaign, changes={"tally_rule": "equalshares"}, at=earlier
    )


def test_a_projects_title_cost_and_envelope_are_frozen_during_the_vote(city):
    project = city.city_projects[0]
    for changes in (
        {"title": "Autre titre"},
        {"estimated_cost": 1},
        {"validated_cost": 1},
        {"envelope": city.north},
    ):
        with pytest.raises(ValidationError) as error:
            services.project_check(project=project, changes=changes)
        assert list(error.value.message_dict) == list(changes)
    services.project_check(project=project, changes={"title": project.title, "envelope": city.city})
    earlier = city.campaign.vote_start - datetime.timedelta(days=1)
    services.project_check(project=project, changes={"title": "Autre titre"}, at=earlier)


# Corrections by an administrator -------------------------------------------------------------


def test_an_administrator_corrects_a_project_with_a_reason_logged_before_and_after(
    agent, administrator, city
):
    project = city.city_projects[0]
    changes = {"title": "Bancs rue Haute", "validated_cost": 90_000, "envelope": city.north}
    with pytest.raises(PermissionDenied):
        services.project_correct(actor=agent, project=project, changes=changes, reason="Erreur")
    with pytest.raises(ValidationError) as error:
        services.project_correct(actor=administrator, project=project, changes=changes, reason=" ")
    assert list(error.value.message_dict) == ["reason"]

    services.project_correct(
        actor=administrator, project=project, changes=changes, reason="Coquille du devis"
    )
    project.refresh_from_db()
    assert (project.title, project.validated_cost, project.envelope) == (
        "Bancs rue Haute",
        90_000,
        city.north,
    )
    [entry] = entries(project, "budget.project.correct")
    assert entry.user == administrator
    assert entry.data == {
        "reason": "Coquille du devis",
        "before": {"title": "Ville 0", "validated_cost": 100_000, "envelope": city.city.pk},
        "after": {"title": "Bancs rue Haute", "validated_cost": 90_000, "envelope": city.north.pk},
    }


def test_an_administrator_corrects_the_counting_rule_and_an_envelope(administrator, city):
    campaign = city.campaign
    with pytest.raises(ValidationError, match="plus que le montant total"):
        services.campaign_correct(
            actor=administrator,
            campaign=campaign,
            changes={},
            envelope_amounts={city.city.pk: 900_000},
            reason="Montant voté au conseil",
        )
    services.campaign_correct(
        actor=administrator,
        campaign=campaign,
        changes={"tally_rule": "equalshares"},
        envelope_amounts={city.city.pk: 350_000, city.north.pk: 200_000},
        reason="Délibération du 3 mars",
    )
    campaign.refresh_from_db()
    assert campaign.tally_rule == "equalshares"
    assert campaign.envelopes.get(pk=city.city.pk).amount == 350_000
    [entry] = entries(campaign, "budget.campaign.correct")
    assert entry.data == {
        "reason": "Délibération du 3 mars",
        "before": {"tally_rule": "greedy", "envelope:Toute la ville": 300_000},
        "after": {"tally_rule": "equalshares", "envelope:Toute la ville": 350_000},
    }


def test_corrections_are_for_the_vote_only(administrator, review_campaign, eligible):
    with pytest.raises(ValidationError, match="pas encore ouvert"):
        services.project_correct(
            actor=administrator, project=eligible, changes={"title": "X"}, reason="R"
        )
