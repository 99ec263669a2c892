"""Casting a ballot: eligibility, phase, the voting rules' refusals, one vote per citizen."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from budget import receipts
from budget.ballots import ballot_cast, paper_ballot_record, pending_ballots_release
from budget.models import Ballot, Campaign, PendingBallot, Project, VoterRecord
from civic.accounts.models import AgeBracket
from tests.budget.factories import ProjectFactory
from tests.factories import UserFactory


def ids(projects):
    return [p.pk for p in projects]


def refusal(**kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        ballot_cast(**kwargs)
    assert not VoterRecord.objects.exists()
    assert not Ballot.objects.exists()
    return " ".join(error.value.messages)


def test_a_vote_writes_one_voter_record_and_one_anonymous_ballot_per_envelope(city, voter):
    code = ballot_cast(
        campaign=city.campaign,
        voter=voter,
        choices={
            city.city.pk: ids(city.city_projects[:3]),
            str(city.north.pk): [str(p.pk) for p in city.north_projects[:2]],
        },
    )
    assert receipts.receipt_code_is_well_formed(code)
    record = VoterRecord.objects.get()
    assert (record.user, record.channel, record.district) == (voter, "web", city.north.district)
    # Sealed until its envelope's batch is released: one pending row per envelope of the voter.
    assert PendingBallot.objects.count() == 2 and not Ballot.objects.exists()
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert not PendingBallot.objects.exists()
    ballots = {b.envelope_id: b for b in Ballot.objects.all()}
    assert set(ballots) == {city.city.pk, city.north.pk}
    assert ballots[city.city.pk].choices == sorted(ids(city.city_projects[:3]))
    assert ballots[city.north.pk].receipt_hash == receipts.receipt_hash(code, city.north.pk)
    # The code itself is stored nowhere.
    assert code not in str(list(Ballot.objects.values())) + str(list(VoterRecord.objects.values()))
    assert list(ModelLogEntry.objects.for_instance(record).values_list("action", flat=True)) == [
        "budget.voterrecord.cast"
    ]


def test_a_citizen_may_vote_in_only_one_envelope(city, voter):
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.north.pk: ids(city.north_projects[:1])}
    )
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.get().envelope == city.north


def test_a_ballot_is_final(city, voter):
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )
    with pytest.raises(ValidationError) as error:
        ballot_cast(
            campaign=city.campaign,
            voter=voter,
            choices={city.city.pk: ids(city.city_projects[1:2])},
        )
    assert "Vous avez déjà voté en ligne" in error.value.messages[0]
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.get().choices == ids(city.city_projects[:1])


def test_voting_at_the_counter_blocks_voting_online(city, voter, agent):
    code = paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=voter,
        choices={city.city.pk: ids(city.city_projects[:2])},
    )
    assert receipts.receipt_code_is_well_formed(code)
    record = VoterRecord.objects.get()
    assert (record.channel, record.recorded_by) == ("counter", agent)
    with pytest.raises(ValidationError) as error:
        ballot_cast(
            campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
        )
    assert "déjà voté au guichet" in error.value.messages[0]
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.count() == 1


def test_only_agents_record_paper_ballots(city, voter, citizen):
    with pytest.raises(PermissionDenied):
        paper_ballot_record(
            actor=citizen,
            campaign=city.campaign,
            citizen=voter,
            choices={city.city.pk: ids(city.city_projects[:1])},
        )
    with pytest.raises(PermissionDenied):
        ballot_cast(
            campaign=city.campaign,
            voter=voter,
            choices={city.city.pk: ids(city.city_projects[:1])},
            channel="counter",
        )


# Phase --------------------------------------------------------------------------------------


def test_voting_is_refused_before_and_after_the_vote(city, voter):
    campaign = city.campaign
    choices = {city.city.pk: ids(city.city_projects[:1])}
    with time_machine.travel(
        campaign.vote_start - datetime.timedelta(minutes=1),
        tick=False,
    ):
        assert "pas encore ouvert" in refusal(campaign=campaign, voter=voter, choices=choices)
    with time_machine.travel(campaign.vote_end, tick=False):
        assert "Le vote est clos" in refusal(campaign=campaign, voter=voter, choices=choices)
    with time_machine.travel(campaign.vote_start, tick=False):
        ballot_cast(campaign=campaign, voter=voter, choices=choices)
    assert VoterRecord.objects.get().cast_at == campaign.vote_start


# Eligibility --------------------------------------------------------------------------------


def test_an_unverified_email_is_refused_with_how_to_fix_it(city, voter):
    EmailAddress.objects.filter(user=voter).update(verified=False)
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )
    assert "adresse e-mail n'est pas encore vérifiée" in message
    assert "lien de confirmation" in message


def test_a_campaign_may_not_require_a_verified_email(city, voter):
    EmailAddress.objects.filter(user=voter).update(verified=False)
    Campaign.objects.filter(pk=city.campaign.pk).update(requires_verified_account=False)
    city.campaign.refresh_from_db()
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )


def test_a_district_of_residence_is_required(city, make_voter):
    voter = make_voter()
    voter.profile.district = None
    voter.profile.save()
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )
    assert "Indiquez votre quartier de résidence dans votre profil" in message


def test_without_a_district_requirement_a_citizen_votes_city_wide_only(city, make_voter):
    Campaign.objects.filter(pk=city.campaign.pk).update(requires_district=False)
    city.campaign.refresh_from_db()
    voter = make_voter()
    voter.profile.district = None
    voter.profile.save()
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.north.pk: ids(city.north_projects[:1])}
    )
    assert "réservée aux habitants" in message
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )


def test_the_minimum_age_bracket(city, make_voter):
    Campaign.objects.filter(pk=city.campaign.pk).update(min_age_bracket=AgeBracket.FROM_16_TO_17)
    city.campaign.refresh_from_db()
    choices = {city.city.pk: ids(city.city_projects[:1])}
    young = make_voter(age_bracket=AgeBracket.FROM_11_TO_15)
    message = refusal(campaign=city.campaign, voter=young, choices=choices)
    assert "ouvert à partir de la tranche « 16 à 17 ans »" in message
    assert "« 11 à 15 ans »" in message
    unknown = make_voter(age_bracket="")
    assert "Indiquez votre tranche d'âge" in refusal(
        campaign=city.campaign, voter=unknown, choices=choices
    )
    ballot_cast(
        campaign=city.campaign,
        voter=make_voter(age_bracket=AgeBracket.FROM_16_TO_17),
        choices=choices,
    )


def test_every_reason_is_given_at_once(city, user):
    message = refusal(
        campaign=city.campaign, voter=user, choices={city.city.pk: ids(city.city_projects[:1])}
    )
    assert "adresse e-mail" in message and "quartier de résidence" in message


def test_an_anonymous_visitor_cannot_vote(city):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        ballot_cast(campaign=city.campaign, voter=AnonymousUser(), choices={})


# Voting rules -------------------------------------------------------------------------------


def test_too_many_projects_in_an_envelope(city, voter):
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:4])}
    )
    assert "Vous avez choisi 4 projets dans l'enveloppe « Toute la ville » : 3 au plus" in message


def test_too_few_projects_in_an_envelope(city, voter):
    Campaign.objects.filter(pk=city.campaign.pk).update(min_choices=2)
    city.campaign.refresh_from_db()
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )
    assert "Choisissez au moins 2 projets dans l'enveloppe « Toute la ville »" in message
    # An envelope left empty is an abstention there, not a refusal.
    ballot_cast(
        campaign=city.campaign,
        voter=voter,
        choices={city.city.pk: ids(city.city_projects[:2]), city.north.pk: []},
    )
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.count() == 1


def test_an_empty_ballot_is_refused(city, voter):
    assert "Votre bulletin est vide" in refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: []}
    )


def test_knapsack_over_budget(city, voter):
    Campaign.objects.filter(pk=city.campaign.pk).update(vote_rule="knapsack", max_choices=None)
    city.campaign.refresh_from_db()
    expensive = ProjectFactory(envelope=city.north, estimated_cost=150_000)
    message = refusal(
        campaign=city.campaign,
        voter=voter,
        choices={city.north.pk: [expensive.pk, city.north_projects[0].pk]},
    )
    assert "coûtent 250000 €, plus que son montant de 200000 €" in message
    # Without a maximum, any number of projects that fits the envelope is fine.
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:3])}
    )


def test_a_project_not_on_the_ballot_is_refused(city, voter):
    studied = ProjectFactory(envelope=city.city, status=Project.Status.ELIGIBLE)
    message = refusal(campaign=city.campaign, voter=voter, choices={city.city.pk: [studied.pk]})
    assert f"Le projet n° {studied.pk} n'est pas soumis au vote" in message
    other_campaign = ProjectFactory()
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: [other_campaign.pk]}
    )
    assert "n'est pas soumis au vote dans cette campagne" in message


def test_a_project_in_the_wrong_envelope_is_refused(city, voter):
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.north_projects[:1])}
    )
    assert "fait partie de l'enveloppe « Nord », pas de l'enveloppe « Toute la ville »" in message


def test_another_districts_envelope_is_refused(city, voter):
    message = refusal(
        campaign=city.campaign, voter=voter, choices={city.south.pk: ids(city.south_projects[:1])}
    )
    assert "L'enveloppe « Sud » est réservée aux habitants de ce quartier" in message


def test_an_unreadable_ballot_is_refused(city, voter):
    assert "illisible" in refusal(campaign=city.campaign, voter=voter, choices={"ville": ["x"]})


def test_a_deleted_account_does_not_erase_the_vote(city, voter):
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: ids(city.city_projects[:1])}
    )
    voter.delete()
    assert VoterRecord.objects.get().user is None
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.count() == 1
    assert UserFactory()  # the database is still usable


def test_at_the_counter_the_agent_checks_identity_instead_of_the_email(city, voter, agent):
    EmailAddress.objects.filter(user=voter).update(verified=False)
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=voter,
        choices={city.city.pk: ids(city.city_projects[:1])},
    )
    assert VoterRecord.objects.get().channel == "counter"


def test_checking_a_ballot_gives_running_totals_without_casting(city, voter):
    from budget.ballots import ballot_check

    check = ballot_check(
        campaign=city.campaign,
        voter=voter,
        choices={
            city.city.pk: ids(city.city_projects[:4]),
            city.north.pk: ids(city.north_projects[:1]),
        },
    )
    assert check.envelopes == [city.city, city.north]
    assert check.counts == {city.city.pk: 4, city.north.pk: 1}
    assert check.costs == {city.city.pk: 400_000, city.north.pk: 100_000}
    assert not check.is_valid and "3 au plus" in check.errors[0]
    assert not VoterRecord.objects.exists()
