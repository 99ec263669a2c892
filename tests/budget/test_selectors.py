"""Reads: envelopes of a voter, receipt verification, the public list of anonymous ballots."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from budget import receipts
from budget.ballots import ballot_cast
from budget.results import results_publish
from budget.selectors import (
    campaign_public_ballots,
    receipt_verify,
    voter_envelopes,
    voter_ineligibility_reasons,
    voter_record,
)


def test_a_citizen_votes_city_wide_and_in_their_own_district(city, voter):
    assert voter_envelopes(campaign=city.campaign, user=voter) == [city.city, city.north]
    assert voter_ineligibility_reasons(campaign=city.campaign, user=voter) == []
    assert voter_record(campaign=city.campaign, user=voter) is None


@pytest.fixture
def published(city, voter, make_voter, agent):
    """Two votes, then the results published after the vote."""
    code = ballot_cast(
        campaign=city.campaign,
        voter=voter,
        choices={
            city.city.pk: [city.city_projects[0].pk, city.city_projects[2].pk],
            city.north.pk: [city.north_projects[1].pk],
        },
    )
    other = ballot_cast(
        campaign=city.campaign,
        voter=make_voter(district=city.south.district),
        choices={city.city.pk: [city.city_projects[1].pk]},
    )
    assert campaign_public_ballots(city.campaign).count() == 0
    with pytest.raises(ValidationError) as error:
        receipt_verify(campaign=city.campaign, code=code)
    assert "ouvre à la publication des résultats" in error.value.messages[0]
    with time_machine.travel(city.campaign.vote_end + datetime.timedelta(days=1), tick=False):
        results_publish(actor=agent, campaign=city.campaign)
    return city, code, other


def test_a_receipt_shows_the_ballots_as_counted(published):
    city, code, _other = published
    found = receipt_verify(campaign=city.campaign, code=code)
    assert [(b.envelope, b.project_ids) for b in found] == [
        (city.city, sorted([city.city_projects[0].pk, city.city_projects[2].pk])),
        (city.north, [city.north_projects[1].pk]),
    ]
    assert found[0].projects[0] == min(
        city.city_projects[0], city.city_projects[2], key=lambda p: p.pk
    )
    # Typed in lower case, with spaces and an O for a 0: still found.
    sloppy = code.lower().replace("-", " ").replace("0", "o")
    assert len(receipt_verify(campaign=city.campaign, code=sloppy)) == 2


def test_an_unknown_or_malformed_receipt(published):
    city, _code, _other = published
    assert receipt_verify(campaign=city.campaign, code=receipts.receipt_code_new()) == []
    with pytest.raises(ValidationError) as error:
        receipt_verify(campaign=city.campaign, code="ABC")
    assert "n'a pas la forme d'un reçu" in error.value.messages[0]


def test_the_public_ballots_with_their_receipt_hashes(published):
    city, code, other = published
    ballots = list(campaign_public_ballots(city.campaign))
    assert len(ballots) == 3
    hashes = {b.receipt_hash for b in ballots}
    assert receipts.receipt_hash(code, city.north.pk) in hashes
    assert receipts.receipt_hash(other, city.city.pk) in hashes
    # One voter's two ballots do not share a hash: the list does not tie them together.
    assert receipts.receipt_hash(code, city.city.pk) != receipts.receipt_hash(code, city.north.pk)
    assert [b.receipt_hash for b in ballots] == sorted(hashes)
