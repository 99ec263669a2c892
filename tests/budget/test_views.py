"""Public pages of the participatory budget: campaigns, one campaign, a project, the results,
and the budget's blocks on the home page and the citizen dashboard."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from budget.ballots import ballot_cast, paper_ballot_record
from budget.models import Campaign, Milestone, Project
from budget.results import results_publish
from budget.services import project_followup_update
from civic.hooks import HOME_SECTIONS, sections_collect
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def detail_url(campaign):
    return reverse("budget:campaign_detail", args=[campaign.slug])


def results_url(campaign):
    return reverse("budget:results", args=[campaign.slug])


def test_campaign_list_shows_phase_dates_and_amounts(client, city):
    CampaignFactory(title="Budget participatif 2030", phase=Campaign.Phase.SUBMISSION)
    html = client.get(reverse("budget:campaign_list")).content.decode()
    assert city.campaign.title in html and "Budget participatif 2030" in html
    assert "Dépôt des projets" in html and "Vote" in html  # current phase badges
    assert "1\u202f000\u202f000\u00a0€" in html
    assert city.campaign.vote_end.strftime("%Y") in html


def test_campaign_page_timeline_envelopes_and_projects(client, city):
    Project.objects.filter(pk=city.city_projects[0].pk).update(status=Project.Status.IN_REVIEW)
    html = client.get(detail_url(city.campaign)).content.decode()
    assert 'aria-current="step"' in html
    assert (
        html.index("Dépôt des projets")
        < html.index("Étude des projets")
        < html.index("Suivi des projets")
    )
    assert "300\u202f000\u00a0€" in html and "Nord" in html  # envelopes with amounts
    assert city.city_projects[1].title in html
    assert city.city_projects[0].title not in html  # not yet studied: not public
    assert reverse("budget:ballot", args=[city.campaign.slug]) in html


def test_campaign_page_filters_by_envelope_and_status(client, city):
    Project.objects.filter(pk=city.south_projects[0].pk).update(
        status=Project.Status.INELIGIBLE, public_note="Hors compétence de la ville."
    )
    html = client.get(detail_url(city.campaign), {"enveloppe": city.south.pk}).content.decode()
    assert "Sud 1" in html and "Nord 1" not in html and "Ville 1" not in html
    html = client.get(detail_url(city.campaign), {"statut": "ineligible"}).content.decode()
    assert "Sud 0" in html and "Sud 1" not in html
    # A bad filter value is ignored, never an error.
    response = client.get(detail_url(city.campaign), {"enveloppe": "x", "statut": "nope"})
    assert response.status_code == 200


def test_project_page_shows_review_reason(client, city):
    project = city.north_projects[0]
    Project.objects.filter(pk=project.pk).update(
        status=Project.Status.INELIGIBLE, public_note="Le terrain appartient au département."
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Projet non recevable" in html
    assert "Le terrain appartient au département." in html
    assert "100\u202f000\u00a0€" in html


def test_project_not_yet_studied_is_not_public(client, city):
    project = city.north_projects[0]
    Project.objects.filter(pk=project.pk).update(status=Project.Status.SUBMITTED)
    assert client.get(project.get_absolute_url()).status_code == 404
    other = CampaignFactory()
    url = reverse("budget:project_detail", args=[other.slug, project.pk])
    assert client.get(url).status_code == 404


def test_project_page_map_fallback_without_javascript(client, city):
    project = city.city_projects[0]
    Project.objects.filter(pk=project.pk).update(latitude="47.081000", longitude="2.399000")
    html = client.get(project.get_absolute_url()).content.decode()
    assert 'id="budget-project-map"' in html
    assert "47.081000" in html


@pytest.fixture
def published(city, make_voter, agent):
    """Votes in the city and north envelopes, one at the counter; results published."""
    campaign = city.campaign
    first, second = city.city_projects[0], city.city_projects[1]
    for _ in range(3):
        ballot_cast(
            campaign=campaign,
            voter=make_voter(),
            choices={
                city.city.pk: [first.pk, second.pk],
                city.north.pk: [city.north_projects[0].pk],
            },
        )
    ballot_cast(
        campaign=campaign,
        voter=make_voter(district=city.south.district),
        choices={city.city.pk: [first.pk]},
    )
    paper_ballot_record(
        actor=agent, campaign=campaign, citizen=make_voter(), choices={city.city.pk: [first.pk]}
    )
    return city


def publish(city, agent):
    with time_machine.travel(city.campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=city.campaign)


def test_results_hidden_before_publication(client, published, agent):
    html = client.get(results_url(published.campaign)).content.decode()
    assert "Les résultats ne sont pas encore publiés" in html
    assert "projets lauréats" not in html
    listing = client.get(reverse("budget:ballot_list", args=[published.campaign.slug]))
    assert "sera publiée avec les résultats" in listing.content.decode()
    csv = client.get(reverse("budget:ballots_csv", args=[published.campaign.slug]))
    assert csv.status_code == 404


def test_results_after_publication(client, published, agent):
    city = published
    publish(city, agent)
    html = client.get(results_url(city.campaign)).content.decode()
    winner = city.city_projects[0]
    assert winner.title in html
    assert "5 voix" in html  # 3 + 1 online, 1 at the counter
    assert "4 en ligne, 1 au guichet" in html
    assert "Règle « gloutonne »" in html and "parts égales" in html  # the rule, explained
    # Turnout per district as a % of its population: 4 north voters of 1 000, 1 south of 2 000.
    assert "0,4 %" in html and "0,1 %" in html
    # Charts get their data through json_script, and tables say the same without JavaScript.
    assert 'id="chart-turnout" type="application/json"' in html
    assert 'id="chart-votes-0" type="application/json"' in html
    assert "<table" in html
    assert reverse("budget:ballots_csv", args=[city.campaign.slug]) in html
    assert reverse("budget:ballots_pb", args=[city.campaign.slug]) in html
    csv = client.get(reverse("budget:ballots_csv", args=[city.campaign.slug]))
    assert csv.status_code == 200


def test_results_page_map_lists_located_winners(client, published, agent):
    Project.objects.filter(pk=published.city_projects[0].pk).update(
        latitude="47.080000", longitude="2.400000"
    )
    publish(published, agent)
    html = client.get(results_url(published.campaign)).content.decode()
    assert 'id="budget-results-map"' in html
    assert 'id="budget-winners-points"' in html


def test_equal_shares_explained(client, agent, make_voter):
    campaign = CampaignFactory(tally_rule=Campaign.TallyRule.EQUAL_SHARES)
    envelope = EnvelopeFactory(campaign=campaign)
    project = ProjectFactory(envelope=envelope)
    ballot_cast(campaign=campaign, voter=make_voter(), choices={envelope.pk: [project.pk]})
    with time_machine.travel(campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=campaign)
    html = client.get(results_url(campaign)).content.decode()
    assert "Méthode des parts égales" in html
    assert "30 % des votants" in html


def test_followup_shown_on_winning_project(client, published, agent):
    publish(published, agent)
    project = Project.objects.get(pk=published.city_projects[0].pk)
    assert project.status == Project.Status.SELECTED
    project_followup_update(
        actor=agent, project=project, status=Project.FollowUp.IN_PROGRESS, progress=40
    )
    Milestone.objects.create(
        project=project, date=datetime.date(2027, 3, 1), text="Début des travaux."
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert "En cours" in html
    assert 'value="40"' in html
    assert "Début des travaux." in html and "1er mars 2027" in html


def test_home_and_dashboard_sections(client, city, voter):
    ballot_cast(
        campaign=city.campaign, voter=voter, choices={city.city.pk: [city.city_projects[0].pk]}
    )
    request = type("Request", (), {"user": voter})()
    home = [s for s in sections_collect(HOME_SECTIONS, request) if "budget" in s.template]
    assert home and home[0].context["campaign"] == city.campaign
    block = render_to_string(home[0].template, home[0].context)
    assert city.campaign.title in block
    assert reverse("budget:ballot", args=[city.campaign.slug]) in block  # in its vote phase
    client.force_login(voter)
    html = client.get("/mon-espace/").content.decode()
    assert "Mes votes" in html
    assert city.campaign.title in html
    assert "en ligne" in html
    assert city.city_projects[0].title not in html  # never the choices
