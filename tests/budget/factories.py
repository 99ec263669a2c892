"""Factories of the participatory budget: campaigns placed in a phase, envelopes, projects."""

import datetime

import factory
from django.utils import timezone

from budget.models import Campaign, Envelope, Project
from tests.factories import CitizenFactory

DAY = datetime.timedelta(days=1)


def phase_dates(phase: str, now: datetime.datetime | None = None) -> dict:
    """Campaign dates such that `now` falls in `phase` (the middle of it)."""
    now = now or timezone.now()
    offsets = {
        # days from now to: submission_start, submission_end, review_end, vote_start,
        # vote_end, results_date
        Campaign.Phase.UPCOMING: (10, 30, 50, 60, 80, 90),
        Campaign.Phase.SUBMISSION: (-10, 10, 30, 40, 60, 70),
        Campaign.Phase.REVIEW: (-30, -10, 10, 20, 40, 50),
        Campaign.Phase.VOTE: (-60, -40, -20, -10, 10, 20),
        Campaign.Phase.COUNTING: (-80, -60, -40, -30, -10, 10),
        Campaign.Phase.RESULTS: (-90, -70, -50, -40, -20, -10),
    }[phase]
    names = [
        "submission_start",
        "submission_end",
        "review_end",
        "vote_start",
        "vote_end",
        "results_date",
    ]
    return {name: now + days * DAY for name, days in zip(names, offsets, strict=True)}


class CampaignFactory(factory.django.DjangoModelFactory):
    """A campaign in its vote phase by default: `CampaignFactory(phase=Campaign.Phase.REVIEW)`."""

    class Meta:
        model = Campaign
        exclude = ["phase"]

    phase = Campaign.Phase.VOTE
    title = factory.Sequence(lambda n: f"Budget participatif {2027 + n}")
    slug = factory.Sequence(lambda n: f"bp-{2027 + n}")
    total_amount = 1_000_000
    vote_rule = Campaign.VoteRule.APPROVAL
    max_choices = 3
    tally_rule = Campaign.TallyRule.GREEDY

    submission_start = factory.LazyAttribute(lambda o: phase_dates(o.phase)["submission_start"])
    submission_end = factory.LazyAttribute(lambda o: phase_dates(o.phase)["submission_end"])
    review_end = factory.LazyAttribute(lambda o: phase_dates(o.phase)["review_end"])
    vote_start = factory.LazyAttribute(lambda o: phase_dates(o.phase)["vote_start"])
    vote_end = factory.LazyAttribute(lambda o: phase_dates(o.phase)["vote_end"])
    results_date = factory.LazyAttribute(lambda o: phase_dates(o.phase)["results_date"])


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Envelope

    campaign = factory.SubFactory(CampaignFactory)
    district = None
    amount = 500_000


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project on the ballot (validated cost = estimated cost) by default."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    envelope = factory.SubFactory(EnvelopeFactory)
    campaign = factory.LazyAttribute(lambda o: o.envelope.campaign)
    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Un projet pour le quartier."
    description = "Description du projet."
    estimated_cost = 100_000
    validated_cost = factory.LazyAttribute(lambda o: o.estimated_cost)
    status = Project.Status.ON_BALLOT

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            self.authors.add(*(extracted or [CitizenFactory()]))
