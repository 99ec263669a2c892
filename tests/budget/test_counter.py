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


def test_a_citizen_who_voted_is_refused_without_saying_when_or_how(city, make_voter, agent):
    online, at_counter = make_voter(), make_voter()
    ballot_cast(
        campaign=city.campaign, voter=online, choices={city.city.pk: [city.city_projects[0].pk]}
    )
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=at_counter,
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    VoterRecord.objects.update(cast_at=datetime.datetime(2027, 3, 1, 9, 5, tzinfo=datetime.UTC))
    for person in (online, at_counter):
        decision = counter_decision(campaign=city.campaign, citizen=person)
        assert not decision.may_vote and decision.record is None
        # The same words whichever the channel, and no date: "may not vote", not a history.
        assert _messages(decision) == [
            "Cette personne a déjà voté dans cette campagne : un seul vote."
        ]


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


def test_the_page_says_nothing_of_the_vote_until_the_identity_is_attested(
    client, agent, city, voter
):
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=voter,
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    client.force_login(agent)
    url = _url(city.campaign)
    looked_up = client.get(url, {"q": voter.email}).content.decode()
    assert voter.email in looked_up
    assert "déjà voté" not in looked_up and "peut voter" not in looked_up
    assert "Vérifier le droit de vote" in looked_up
    unattested = client.post(url, {"action": "check", "citizen": voter.pk}).content.decode()
    assert "déjà voté" not in unattested
    attested = client.post(
        url, {"action": "check", "citizen": voter.pk, "identity_checked": "on"}
    ).content.decode()
    assert "Cette personne ne peut pas voter pour l'instant" in attested
    assert "a déjà voté dans cette campagne" in attested
    assert "Ouvrir l'isoloir" not in attested
    entry = ModelLogEntry.objects.get(action="budget.campaign.counter_identity_check")
    assert entry.user_id == agent.pk and entry.data == {"citizen": voter.pk}


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

    # Found again by name, identity attested, then the booth is opened for her.
    found = client.get(url, {"q": "yvonne mar"}).content.decode()
    assert "Yvonne" in found and "Vérifier le droit de vote" in found
    checked = client.post(url, {"action": "check", "citizen": person.pk, "identity_checked": "on"})
    assert "Cette personne peut voter." in checked.content.decode()
    opened = client.post(url, {"action": "kiosk", "citizen": person.pk, "identity_checked": "on"})
    kiosk = reverse("budget_admin:kiosk", args=[city.campaign.pk])
    assert opened["Location"] == kiosk
    chosen = city.north_projects[0]
    field = f"enveloppe-{city.north.pk}"
    booth = client.get(kiosk).content.decode()
    assert "Isoloir du guichet" in booth and chosen.title in booth
    review = client.post(kiosk, {"action": "review", field: [chosen.pk]}).content.decode()
    assert "Confirmer mon vote" in review
    receipt = client.post(kiosk, {"action": "confirm", field: [chosen.pk]}).content.decode()
    assert "Votre code de reçu" in receipt and "rendre la tablette" in receipt
    assert chosen.title not in receipt
    record = VoterRecord.objects.get(user=person)
    assert record.channel == Channel.COUNTER and record.recorded_by == agent
    # The booth closed itself: back to the agent's screen, which shows no choice.
    assert client.get(kiosk)["Location"] == url
    after = client.post(url, {"action": "check", "citizen": person.pk, "identity_checked": "on"})
    assert "a déjà voté" in after.content.decode() and chosen.title not in after.content.decode()
    logged = ModelLogEntry.objects.filter(action__startswith="budget.").values_list(
        "data", flat=True
    )
    assert all(chosen.pk not in (data or {}).values() for data in logged)


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
    page = client.post(
        url, {"action": "check", "citizen": person.pk, "identity_checked": "on"}
    ).content.decode()
    assert "Quartier non renseigné" in page and 'name="district"' in page

    response = client.post(
        url,
        {
            "action": "complete",
            "citizen": person.pk,
            "identity_checked": "on",
            "district": city.north.district.pk,
        },
    )
    assert "Cette personne peut voter." in response.content.decode()
    person.profile.refresh_from_db()
    assert person.profile.district == city.north.district
    entry = ModelLogEntry.objects.get(action="accounts.profile.assisted_update")
    assert entry.user_id == agent.pk
    assert entry.data == {
        "before": {"district": None},
        "after": {"district": {"id": city.north.district.pk, "name": "Nord"}},
    }


def test_what_the_citizen_gave_is_not_overwritten_at_the_counter(agent, voter, city):
    with pytest.raises(ValidationError):
        profile_complete_assisted(actor=agent, user=voter, district=city.south.district)
    voter.profile.refresh_from_db()
    assert voter.profile.district == city.north.district


# The booth ----------------------------------------------------------------------------


def test_the_booth_opens_only_for_an_attested_person_who_may_vote(client, agent, city, voter):
    client.force_login(agent)
    url = _url(city.campaign)
    kiosk = reverse("budget_admin:kiosk", args=[city.campaign.pk])
    assert client.get(kiosk)["Location"] == url  # nothing opened yet
    refused = client.post(url, {"action": "kiosk", "citizen": voter.pk})
    assert refused.status_code == 200 and "Vérifier le droit de vote" in refused.content.decode()
    assert client.get(kiosk)["Location"] == url
    # The agent's screen has no ballot of its own: the choices are the voter's, in the booth.
    page = client.post(
        url, {"action": "check", "citizen": voter.pk, "identity_checked": "on"}
    ).content.decode()
    assert 'type="checkbox" name="envelope_' not in page
    assert city.city_projects[0].title not in page


def test_the_voter_can_leave_the_booth_without_voting(client, agent, city, voter):
    client.force_login(agent)
    url = _url(city.campaign)
    client.post(url, {"action": "kiosk", "citizen": voter.pk, "identity_checked": "on"})
    kiosk = reverse("budget_admin:kiosk", args=[city.campaign.pk])
    assert client.get(kiosk).status_code == 200
    assert client.post(kiosk, {"action": "leave"})["Location"] == url
    assert client.get(kiosk)["Location"] == url
    assert not VoterRecord.objects.exists()


def test_only_agents_open_the_booth(client, citizen, city):
    client.force_login(citizen)
    kiosk = reverse("budget_admin:kiosk", args=[city.campaign.pk])
    response = client.get(kiosk)
    # Sent to the admin's sign-in, never shown a booth.
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")


def test_a_booth_opened_for_someone_who_then_voted_online_closes_without_saying_when(
    client, agent, city, voter
):
    client.force_login(agent)
    url = _url(city.campaign)
    client.post(url, {"action": "kiosk", "citizen": voter.pk, "identity_checked": "on"})
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: [city.city_projects[0].pk]}
    )
    kiosk = reverse("budget_admin:kiosk", args=[city.campaign.pk])
    response = client.get(kiosk, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert "Isoloir fermé : cette personne ne peut pas voter ici maintenant." in page
    assert "en ligne" not in page.split("Isoloir fermé")[1][:200]
    assert client.get(kiosk)["Location"] == url
