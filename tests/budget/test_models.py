import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.models import Campaign, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import DistrictFactory

UTC = datetime.UTC


def at(day, hour=12):
    return datetime.datetime(2027, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def march_campaign(db):
    """Submission 1–5 March, review until the 8th, vote 10–20, results 25, follow-up 28."""
    return CampaignFactory(
        submission_start=at(1, 0),
        submission_end=at(5, 0),
        review_end=at(8, 0),
        vote_start=at(10, 0),
        vote_end=at(20, 0),
        results_date=at(25, 0),
        followup_start=at(28, 0),
    )


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (datetime.datetime(2027, 2, 28, 23, 59, tzinfo=UTC), Campaign.Phase.UPCOMING),
        (at(1, 0), Campaign.Phase.SUBMISSION),
        (at(4, 23), Campaign.Phase.SUBMISSION),
        (at(5, 0), Campaign.Phase.REVIEW),
        (at(9), Campaign.Phase.REVIEW),
        (at(10, 0), Campaign.Phase.VOTE),
        (at(19, 23), Campaign.Phase.VOTE),
        (at(20, 0), Campaign.Phase.COUNTING),
        (at(25, 0), Campaign.Phase.RESULTS),
        (at(28, 0), Campaign.Phase.FOLLOW_UP),
    ],
)
def test_the_current_phase_follows_the_dates(march_campaign, now, phase):
    with time_machine.travel(now, tick=False):
        assert march_campaign.current_phase() == phase
    assert march_campaign.current_phase(at=now) == phase


def test_without_a_followup_date_results_last(march_campaign):
    march_campaign.followup_start = None
    assert march_campaign.current_phase(at=at(31)) == Campaign.Phase.RESULTS


def test_phases_out_of_order_are_refused_by_the_form_and_the_database(march_campaign):
    march_campaign.vote_start = at(4)
    with pytest.raises(ValidationError) as error:
        march_campaign.full_clean()
    assert "vote_start" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        march_campaign.save()


def test_approval_voting_needs_a_maximum(db):
    campaign = CampaignFactory.build(slug="sans-max", max_choices=None)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "max_choices" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        campaign.save()


def test_a_knapsack_vote_needs_no_maximum(db):
    campaign = CampaignFactory.build(
        slug="sac", max_choices=None, vote_rule=Campaign.VoteRule.KNAPSACK
    )
    campaign.full_clean()
    campaign.save()


def test_one_citywide_envelope_per_campaign(db):
    campaign = CampaignFactory()
    EnvelopeFactory(campaign=campaign)
    with pytest.raises(IntegrityError), transaction.atomic():
        EnvelopeFactory(campaign=campaign)
    # Another campaign has its own.
    EnvelopeFactory()


def test_one_envelope_per_district_per_campaign(db):
    campaign = CampaignFactory()
    district = DistrictFactory()
    EnvelopeFactory(campaign=campaign, district=district)
    EnvelopeFactory(campaign=campaign, district=DistrictFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        EnvelopeFactory(campaign=campaign, district=district)


def test_an_ineligible_project_needs_a_public_reason(db):
    project = ProjectFactory(status=Project.Status.SUBMITTED)
    project.status = Project.Status.INELIGIBLE
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_a_project_on_the_ballot_needs_a_validated_cost(db):
    project = ProjectFactory(status=Project.Status.SUBMITTED, validated_cost=None)
    assert project.cost == project.estimated_cost
    project.status = Project.Status.ON_BALLOT
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_a_project_envelope_must_belong_to_its_campaign(db):
    project = ProjectFactory()
    project.envelope = EnvelopeFactory()
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "envelope" in error.value.message_dict
