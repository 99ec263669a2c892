"""The ballot page `/budget-participatif/<slug>/vote/` without JavaScript: update, refusals,
confirmation, receipt (page + email), and the receipt check page."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from budget.ballots import paper_ballot_record, pending_ballots_release
from budget.models import Ballot, Campaign, VoterRecord
from budget.receipts import receipt_hash
from budget.results import results_publish
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory

pytestmark = pytest.mark.django_db

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def ballot_url(campaign):
    return reverse("budget:ballot", args=[campaign.slug])


def field(envelope):
    return f"enveloppe-{envelope.pk}"


@pytest.fixture
def voting(client, voter):
    client.force_login(voter)
    return client


def test_anonymous_visitor_is_sent_to_login(client, city):
    response = client.get(ballot_url(city.campaign))
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]


def test_ballot_shows_the_voters_envelopes_with_costs(voting, city):
    response = voting.get(ballot_url(city.campaign))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Toute la ville" in html and "Quartier Nord" in html
    assert "Sud 0" not in html  # another district's projects are not on this voter's ballot
    assert "100\u202f000\u00a0€" in html
    assert 'name="action" value="update"' in html
    assert 'aria-live="polite"' in html


def test_update_recomputes_the_totals_and_keeps_the_choices(voting, city):
    chosen = [p.pk for p in city.city_projects[:2]]
    response = voting.post(
        ballot_url(city.campaign), {field(city.city): chosen, "action": "update"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "200\u202f000\u00a0€" in html  # two projects of 100 000 €
    assert "2 projets choisis" in html
    for pk in chosen:
        assert f'value="{pk}" id="projet-{pk}" data-cost="100000" checked' in html
    assert not VoterRecord.objects.exists()


def test_too_many_projects_is_refused_and_choices_survive(voting, city):
    chosen = [p.pk for p in city.city_projects[:4]]  # at most 3
    response = voting.post(
        ballot_url(city.campaign), {field(city.city): chosen, "action": "review"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "3 au plus" in html
    assert "Vos choix sont conservés" in html
    assert html.count(" checked") == 4
    assert not VoterRecord.objects.exists()


def test_over_budget_is_refused_with_the_amount(voting, voter):
    campaign = CampaignFactory(vote_rule=Campaign.VoteRule.KNAPSACK, max_choices=None)
    envelope = EnvelopeFactory(campaign=campaign, amount=150_000)
    projects = [ProjectFactory(envelope=envelope, estimated_cost=100_000) for _ in range(2)]
    response = voting.post(
        ballot_url(campaign),
        {field(envelope): [p.pk for p in projects], "action": "update"},
    )
    html = response.content.decode()
    assert "Vous dépassez l’enveloppe de 50\u202f000\u00a0€" in html
    assert "plus que son montant de 150000 €" in html
    response = voting.post(
        ballot_url(campaign), {field(envelope): [p.pk for p in projects], "action": "review"}
    )
    assert response.status_code == 400
    assert not VoterRecord.objects.exists()


def test_confirmation_then_receipt_shown_once_and_emailed(
    voting, voter, city, django_capture_on_commit_callbacks
):
    chosen = {field(city.city): [city.city_projects[0].pk], field(city.north): []}
    response = voting.post(ballot_url(city.campaign), {**chosen, "action": "review"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Confirmer mon vote" in html and "définitif" in html
    assert city.city_projects[0].title in html
    assert not VoterRecord.objects.exists()  # nothing cast before confirming

    with django_capture_on_commit_callbacks(execute=True):
        response = voting.post(ballot_url(city.campaign), {**chosen, "action": "confirm"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, no-transform"
    code = CODE.search(html).group(0)
    # The receipt shows the code, not the choices (its size must not depend on them).
    assert city.city_projects[0].title not in html
    record = VoterRecord.objects.get(campaign=city.campaign, user=voter)
    assert record.channel == "web"
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    ballot = Ballot.objects.get(campaign=city.campaign)
    assert ballot.receipt_hash == receipt_hash(code, city.city.pk)
    assert ballot.choices == [city.city_projects[0].pk]

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [voter.email]
    assert code in email.body
    assert reverse("budget:receipt_check", args=[city.campaign.slug]) in email.body

    # Shown once: the ballot page now says the vote is done, with no code.
    again = voting.get(ballot_url(city.campaign)).content.decode()
    assert "Vous avez déjà voté en ligne" in again
    assert code not in again
    assert not CODE.search(again)
    # Re-sending the confirmation changes nothing.
    voting.post(ballot_url(city.campaign), {**chosen, "action": "confirm"})
    assert VoterRecord.objects.count() == 1 and Ballot.objects.count() == 1


def test_edit_goes_back_to_the_choices(voting, city):
    pk = city.city_projects[1].pk
    response = voting.post(ballot_url(city.campaign), {field(city.city): [pk], "action": "edit"})
    assert f'id="projet-{pk}" data-cost="100000" checked' in response.content.decode()


def test_empty_ballot_is_refused(voting, city):
    response = voting.post(ballot_url(city.campaign), {"action": "review"})
    assert response.status_code == 400
    assert "Votre bulletin est vide" in response.content.decode()


def test_not_eligible_says_why_and_how(client, city, make_voter):
    user = make_voter(district=None)
    user.profile.district = None
    user.profile.save()
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.force_login(user)
    html = client.get(ballot_url(city.campaign)).content.decode()
    assert "Vous ne pouvez pas encore voter" in html
    assert "quartier de résidence" in html
    assert "pas encore vérifiée" in html
    assert reverse("accounts:profile_edit") in html
    assert reverse("account_email") in html
    response = client.post(
        ballot_url(city.campaign),
        {field(city.city): [city.city_projects[0].pk], "action": "confirm"},
    )
    assert "Vous ne pouvez pas encore voter" in response.content.decode()
    assert not VoterRecord.objects.exists()


def test_already_voted_at_the_counter(voting, voter, city, agent):
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=voter,
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    html = voting.get(ballot_url(city.campaign)).content.decode()
    assert "Vous avez déjà voté au guichet" in html
    assert "Confirmer mon vote" not in html


@pytest.mark.parametrize(
    ("moment", "message"),
    [("before", "Le vote n'est pas encore ouvert"), ("after", "Le vote est clos")],
)
def test_phase_closed(voting, city, moment, message):
    campaign = city.campaign
    at = (
        campaign.vote_start - datetime.timedelta(minutes=1)
        if moment == "before"
        else campaign.vote_end + datetime.timedelta(minutes=1)
    )
    with time_machine.travel(at, tick=False):
        html = voting.get(ballot_url(campaign)).content.decode()
        assert message in html
        response = voting.post(
            ballot_url(campaign),
            {field(city.city): [city.city_projects[0].pk], "action": "confirm"},
        )
        assert message in response.content.decode()
    assert not VoterRecord.objects.exists()


def test_vote_closing_between_confirmation_and_cast(voting, city):
    """The confirmation page was shown just before the close; the cast arrives just after."""
    chosen = {field(city.city): [city.city_projects[0].pk], "action": "confirm"}
    with time_machine.travel(city.campaign.vote_end, tick=False):
        html = voting.post(ballot_url(city.campaign), chosen).content.decode()
    assert "Le vote est clos" in html
    assert not Ballot.objects.exists()


# Receipt check -------------------------------------------------------------------------------


def check_url(campaign):
    return reverse("budget:receipt_check", args=[campaign.slug])


def test_receipt_check_before_publication(client, city):
    html = client.get(check_url(city.campaign)).content.decode()
    assert "La vérification des reçus ouvre à la publication des résultats" in html


def test_receipt_check_after_publication(client, voting, city, agent):
    response = voting.post(
        ballot_url(city.campaign),
        {
            field(city.city): [city.city_projects[0].pk],
            field(city.north): [city.north_projects[1].pk],
            "action": "confirm",
        },
    )
    code = CODE.search(response.content.decode()).group(0)
    with time_machine.travel(city.campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=city.campaign)
    anonymous = client.__class__()
    html = anonymous.post(check_url(city.campaign), {"code": code.lower()}).content.decode()
    assert "Vos 2 bulletins ont été comptés" in html
    assert city.city_projects[0].title in html and city.north_projects[1].title in html
    assert receipt_hash(code, city.city.pk) in html

    html = anonymous.post(
        check_url(city.campaign), {"code": "AAAA-AAAA-AAAA-AAAA"}
    ).content.decode()
    assert "Aucun bulletin ne porte ce code" in html
    response = anonymous.post(check_url(city.campaign), {"code": "pas un code"})
    assert response.status_code == 400
    assert "pas la forme d" in response.content.decode()

    listing = anonymous.get(reverse("budget:ballot_list", args=[city.campaign.slug]))
    assert receipt_hash(code, city.city.pk) in listing.content.decode()
