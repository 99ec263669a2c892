"""Simultaneous submissions (PostgreSQL only): 50 by one citizen give exactly one vote; 50 by
different citizens have each ballot released exactly once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from budget.ballots import RELEASE_BATCH, ballot_cast, pending_ballots_release
from budget.models import Ballot, PendingBallot, VoterRecord
from budget.receipts import receipt_hash
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory

THREADS = 50

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent votes need PostgreSQL (SQLite serialises writers with a file lock); "
            "run with DATABASE_URL=postgres://... — CI does"
        )


def test_fifty_simultaneous_votes_by_one_citizen_count_once():
    district = DistrictFactory()
    campaign = CampaignFactory()
    city = EnvelopeFactory(campaign=campaign)
    local = EnvelopeFactory(campaign=campaign, district=district)
    city_projects = [ProjectFactory(envelope=city) for _ in range(3)]
    local_project = ProjectFactory(envelope=local)
    voter = CitizenFactory(profile__district=district)

    barrier = threading.Barrier(THREADS)
    codes, refusals, crashes = [], [], []

    def vote(index):
        try:
            barrier.wait()
            codes.append(
                ballot_cast(
                    campaign=campaign,
                    voter=voter,
                    choices={
                        city.pk: [city_projects[index % 3].pk],
                        local.pk: [local_project.pk],
                    },
                )
            )
        except ValidationError as error:
            refusals.append(error.messages[0])
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test
            crashes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert crashes == []
    assert len(codes) == 1
    assert len(refusals) == THREADS - 1
    assert all("déjà voté" in message for message in refusals)
    assert VoterRecord.objects.filter(campaign=campaign, user=voter).count() == 1
    pending_ballots_release(campaign=campaign, batch=0)  # as at the close
    assert Ballot.objects.filter(campaign=campaign, envelope=city).count() == 1
    assert Ballot.objects.filter(campaign=campaign, envelope=local).count() == 1


def test_simultaneous_voters_have_each_ballot_released_exactly_once():
    """Releases triggered by simultaneous casts never lose nor duplicate a ballot: rows
    another release holds are skipped, and an envelope short of a batch waits."""
    campaign = CampaignFactory()
    city = EnvelopeFactory(campaign=campaign)
    project = ProjectFactory(envelope=city)
    voters = [CitizenFactory() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    codes, crashes = [], []

    def vote(voter):
        try:
            barrier.wait()
            codes.append(
                ballot_cast(campaign=campaign, voter=voter, choices={city.pk: [project.pk]})
            )
        except Exception as error:  # noqa: BLE001 - any outcome but a receipt fails the test
            crashes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(voter,)) for voter in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert crashes == [] and len(codes) == THREADS
    released = Ballot.objects.filter(campaign=campaign).count()
    pending = PendingBallot.objects.filter(campaign=campaign).count()
    assert released + pending == THREADS
    # Whatever was released went in batches of at least RELEASE_BATCH.
    assert released == 0 or released >= RELEASE_BATCH
    pending_ballots_release(campaign=campaign, batch=0)
    hashes = set(Ballot.objects.filter(campaign=campaign).values_list("receipt_hash", flat=True))
    assert hashes == {receipt_hash(code, city.pk) for code in codes}
