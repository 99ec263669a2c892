"""The counter (guichet): what the agent is told about the person in front of them, the
citizen registered without an email, the missing district completed with them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from budget.ballots import ballot_cast, paper_ballot_record
from budget.counter import counter_citizen_search, counter_decision
from budget.models import Campaign, Channel, VoterRecord
from civic.accounts.models import AgeBracket, Profile, User
from civic.accounts.services import citizen_register_assisted, profile_complete_assisted
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _url(campaign):
    return reverse("budget_admin:paper_ballot", args=[campaign.pk])


def _messages(decision):
    return [reason.message for reason in decision.reasons]


# The decision, in the agent's words ----------------------------------------------------


def test_a_citizen_who_voted_online_is_refused_with_the_date_in_agent_words(city, voter):
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: [city.city_projects[0].pk]}
    )
    VoterRecord.objects.update(cast_at=datetime.datetime(2027, 3, 1, 9, 5, tzinfo=datetime.UTC))
    decision = counter_decision(campaign=city.campaign, citizen=voter)
    assert not decision.may_vote
    assert _messages(decision) == [
        "Cette personne a déjà voté (en ligne le 1er mars 2027 à 10:05)."
    ]


def test_a_citizen_who_voted_at_the_counter_is_told_so(city, voter, agent):
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=voter,
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    [message] = _messages(counter_decision(campaign=city.campaign, citizen=voter))
    assert message.startswith("Cette personne a déjà voté (au guichet le ")


def test_a_missing_district_is_a_reason_the_agent_can_fix(city, make_voter):
    Campaign.objects.filter(pk=city.campaign.pk).update(requires_district=True)
    city.campaign.refresh_from_db()
    person = make_voter()
    Profile.objects.filter(user=person).update(district=None)
    person = User.objects.select_related("profile").get(pk=person.pk)
    decision = counter_decision(campaign=city.campaign, citizen=person)
    assert _messages(decision) == [
        "Quartier non renseigné : demandez-le et complétez-le ci-dessous."
    ]
    assert decision.fixable == {"district"}


def test_too_young_and_missing_age_bracket_are_worded_for_the_agent(city, make_voter):
    Campaign.objects.filter(pk=city.campaign.pk).update(min_age_bracket=AgeBracket.FROM_16_TO_17)
    city.campaign.refresh_from_db()
    young = make_voter(age_bracket=AgeBracket.FROM_11_TO_15)
    unknown = make_voter(age_bracket="")
    assert _messages(counter_decision(campaign=city.campaign, citizen=young)) == [
        "Moins de 16 ans : cette personne ne peut pas voter (profil : 11 à 15 ans)."
    ]
    decision = counter_decision(campaign=city.campaign, citizen=unknown)
    assert decision.fixable == {"age_bracket"}
    assert "Tranche d'âge non renseignée (vote à partir de 16 ans)" in _messages(decision)[0]


def test_before_and_after_the_vote_the_counter_says_so(city, voter):
    before = city.campaign.vote_start - datetime.timedelta(days=1)
    after = city.campaign.vote_end + datetime.timedelta(minutes=1)
    [early] = _messages(counter_decision(campaign=city.campaign, citizen=voter, at=before))
    [late] = _messages(counter_decision(campaign=city.campaign, citizen=voter, at=after))
    assert early.startswith("Le vote n'est pas encore ouvert : il commence le ")
    assert late.startswith("Le vote est clos depuis le ")


def test_an_eligible_citizen_may_vote_without_a_verified_email(city, voter):
    voter.emailaddress_set.update(verified=False)
    assert counter_decision(campaign=city.campaign, citizen=voter).may_vote


def test_the_page_shows_the_refusal_before_any_ballot_form(client, agent, city, voter):
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=voter,
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    client.force_login(agent)
    page = client.get(_url(city.campaign), {"citizen": voter.pk}).content.decode()
    assert "Cette personne ne peut pas voter pour l'instant" in page
    assert "a déjà voté (au guichet le" in page
    assert 'name="identity_checked"' not in page


# Citizens without an email -----------------------------------------------------------


def test_agent_registers_a_citizen_without_email_and_records_their_paper_ballot(
    client, agent, city
):
    client.force_login(agent)
    url = _url(city.campaign)
    response = client.post(
        url,
        {
            "action": "register",
            "first_name": "Yvonne",
            "last_name": "Martin",
            "district": city.north.district.pk,
            "age_bracket": AgeBracket.FROM_75,
        },
    )
    person = User.objects.get(last_name="Martin")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?citizen={person.pk}"
    assert person.email is None and not person.has_usable_password()
    assert person.profile.display_name == "Yvonne M."
    assert person.groups.filter(name="Citoyens").exists()
    entry = ModelLogEntry.objects.get(action="accounts.profile.assisted_create")
    assert entry.user_id == agent.pk and entry.data["district"] == city.north.district.pk

    # Found again by name, then the ballot is recorded.
    found = client.get(url, {"q": "yvonne mar"}).content.decode()
    assert "Cette personne peut voter." in found
    done = client.post(
        url,
        {
            "action": "ballot",
            "citizen": person.pk,
            "identity_checked": "on",
            f"envelope_{city.north.pk}": [city.north_projects[0].pk],
        },
    )
    assert "Code de reçu à remettre au votant" in done.content.decode()
    record = VoterRecord.objects.get(user=person)
    assert record.channel == Channel.COUNTER and record.recorded_by == agent


def test_two_citizens_without_email_coexist_but_emails_stay_unique(agent, city):
    first = citizen_register_assisted(actor=agent, first_name="A", last_name="Un")
    second = citizen_register_assisted(actor=agent, first_name="B", last_name="Deux")
    assert first.email is None and second.email is None
    taken = CitizenFactory(email="pris@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email=taken.email)
    assert str(first) == "A Un"


def test_citizens_cannot_register_people_at_the_counter(citizen, city, client):
    with pytest.raises(PermissionDenied):
        citizen_register_assisted(actor=citizen, first_name="X", last_name="Y")
    client.force_login(citizen)
    response = client.post(
        _url(city.campaign), {"action": "register", "first_name": "X", "last_name": "Y"}
    )
    assert response.status_code == 302  # sent to the admin login, nothing created
    assert not User.objects.filter(last_name="Y").exists()


def test_search_by_name_lists_several_people_without_a_500_on_bad_input(
    client, agent, city, make_voter
):
    make_voter(display_name="Dupont A.")
    make_voter(display_name="Dupont B.")
    client.force_login(agent)
    url = _url(city.campaign)
    page = client.get(url, {"q": "dupont"}).content.decode()
    assert "2 personnes correspondent" in page
    assert len(counter_citizen_search(query="Dupont")) == 2
    # A NUL byte is refused before the view, for every input (civic.middleware).
    assert client.get(url, {"q": "a\x00b"}).status_code == 400
    assert client.get(url, {"q": "x" * 5000}).status_code == 200
    assert "2 personnes correspondent" not in client.get(url, {"q": "du"}).content.decode()
    assert client.get(url, {"citizen": "\x00"}).status_code == 400
    for bad in ("abc", "-1", "99999999999999999999999"):
        response = client.get(url, {"citizen": bad})
        assert response.status_code == 302 and response["Location"] == url
    assert client.post(url, {"action": "ballot", "citizen": "nope"}).status_code == 302


# The missing district, completed with the citizen ------------------------------------


def test_agent_completes_a_missing_district_and_the_change_is_audited(
    client, agent, city, make_voter
):
    Campaign.objects.filter(pk=city.campaign.pk).update(requires_district=True)
    person = make_voter()
    Profile.objects.filter(user=person).update(district=None)
    client.force_login(agent)
    url = _url(city.campaign)
    page = client.get(url, {"citizen": person.pk}).content.decode()
    assert "Quartier non renseigné" in page and 'name="district"' in page

    response = client.post(
        url, {"action": "complete", "citizen": person.pk, "district": city.north.district.pk}
    )
    assert response.status_code == 302
    person.profile.refresh_from_db()
    assert person.profile.district == city.north.district
    entry = ModelLogEntry.objects.get(action="accounts.profile.assisted_update")
    assert entry.user_id == agent.pk
    assert entry.data == {
        "before": {"district": None},
        "after": {"district": {"id": city.north.district.pk, "name": "Nord"}},
    }
    again = client.get(url, {"citizen": person.pk}).content.decode()
    assert "Cette personne peut voter." in again


def test_what_the_citizen_gave_is_not_overwritten_at_the_counter(agent, voter, city):
    with pytest.raises(ValidationError):
        profile_complete_assisted(actor=agent, user=voter, district=city.south.district)
    voter.profile.refresh_from_db()
    assert voter.profile.district == city.north.district


# The running total -------------------------------------------------------------------


def test_the_total_is_shown_per_envelope_and_an_over_budget_ballot_is_refused(
    client, agent, city, voter
):
    Campaign.objects.filter(pk=city.campaign.pk).update(
        vote_rule=Campaign.VoteRule.KNAPSACK, max_choices=0
    )
    client.force_login(agent)
    url = _url(city.campaign)
    page = client.get(url, {"citizen": voter.pk}).content.decode()
    assert "Total : 0\xa0€ sur 300\u202f000\xa0€." in page
    assert 'data-cost="100000"' in page
    over = client.post(
        url,
        {
            "action": "ballot",
            "citizen": voter.pk,
            "identity_checked": "on",
            f"envelope_{city.north.pk}": [p.pk for p in city.north_projects[:3]],
        },
    ).content.decode()
    assert "Total : 300\u202f000\xa0€ sur 200\u202f000\xa0€ : l'enveloppe est dépassée" in over
    assert "Le bulletin n'a pas été enregistré" in over
    assert not VoterRecord.objects.exists()
