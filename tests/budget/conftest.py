"""A small city for budget tests: two districts, a campaign in its vote phase with a city-wide
envelope and one per district, and projects on the ballot in each."""

from dataclasses import dataclass

import pytest

from budget.models import Campaign, Envelope, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory


@dataclass
class City:
    campaign: Campaign
    city: Envelope
    north: Envelope
    south: Envelope
    city_projects: list[Project]
    north_projects: list[Project]
    south_projects: list[Project]


@pytest.fixture
def city(db):
    """Vote phase; approval, at most 3 projects per envelope; each project costs 100 000 €."""
    north_district = DistrictFactory(name="Nord", population=1000)
    south_district = DistrictFactory(name="Sud", population=2000)
    campaign = CampaignFactory()
    city = EnvelopeFactory(campaign=campaign, amount=300_000)
    north = EnvelopeFactory(campaign=campaign, district=north_district, amount=200_000)
    south = EnvelopeFactory(campaign=campaign, district=south_district, amount=200_000)
    author = CitizenFactory(profile__district=south_district)

    def projects(envelope, prefix, count):
        return [
            ProjectFactory(envelope=envelope, title=f"{prefix} {i}", authors=[author])
            for i in range(count)
        ]

    return City(
        campaign=campaign,
        city=city,
        north=north,
        south=south,
        city_projects=projects(city, "Ville", 5),
        north_projects=projects(north, "Nord", 4),
        south_projects=projects(south, "Sud", 3),
    )


@pytest.fixture
def voter(city):
    """A verified citizen of the north district, 30-44."""
    return CitizenFactory(profile__district=city.north.district)


@pytest.fixture
def make_voter(city):
    def make(district=None, **profile):
        return CitizenFactory(
            profile__district=district or city.north.district,
            **{f"profile__{k}": v for k, v in profile.items()},
        )

    return make
