"""The public results page: withdrawn results say when and why; each project left out says
why in words, with the amounts of the rule's run (small elections computed by hand)."""

import datetime
import html as htmlib

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from budget.ballots import ballot_cast
from budget.models import Campaign
from budget.results import results_publish, results_withdraw
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

NNBSP, NBSP = "\u202f", "\u00a0"


def eur(amount: int) -> str:
    return f"{amount:,}".replace(",", NNBSP) + NBSP + "€"


def results_url(campaign):
    return reverse("budget:results", args=[campaign.slug])


def page(client, campaign) -> str:
    """The results page's text, entities decoded (Django escapes the apostrophes)."""
    return htmlib.unescape(client.get(results_url(campaign)).content.decode())


def vote(campaign, envelope, *groups):
    """`groups`: (number of voters, [projects]) pairs."""
    for count, projects in groups:
        for _ in range(count):
            ballot_cast(
                campaign=campaign,
                voter=CitizenFactory(),
                choices={envelope.pk: [p.pk for p in projects]},
            )


def publish(campaign, agent):
    with time_machine.travel(campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        return results_publish(actor=agent, campaign=campaign)


def test_withdrawn_results_say_when_and_why(client, agent, administrator):
    campaign = CampaignFactory()
    envelope = EnvelopeFactory(campaign=campaign)
    project = ProjectFactory(envelope=envelope, title="Un abri vélo")
    vote(campaign, envelope, (2, [project]))
    publish(campaign, agent)
    assert "Un abri vélo" in page(client, campaign)
    # After the announced date: the page must not announce a date in the past.
    later = campaign.results_date + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        results_withdraw(
            actor=administrator,
            campaign=campaign,
            reason="Des bulletins papier ont été saisis deux fois.",
        )
        html = page(client, campaign)
    assert "Les résultats ont été retirés" in html
    assert "Des bulletins papier ont été saisis deux fois." in html
    local_day = timezone.localtime(later).day  # the page speaks Ingeville's time, not UTC
    assert f"retirés le {'1er' if local_day == 1 else local_day} " in html
    assert "Publication annoncée" not in html
    assert "Un abri vélo" not in html  # the withdrawn figures are no longer shown


def test_results_not_yet_published_after_the_announced_date(client):
    campaign = CampaignFactory(phase=Campaign.Phase.RESULTS)
    html = page(client, campaign)
    assert "Les résultats ne sont pas encore publiés" in html
    assert "Publication annoncée" not in html
    assert "ont été retirés" not in html


def test_greedy_says_how_much_was_left_when_a_project_came_up(client, agent):
    """200 000 €: A (100 000 €, 5 voix) then B (60 000 €, 4) are selected, 40 000 € left;
    C (50 000 €, 3) does not fit; D (30 000 €, 2) does; E got no vote."""
    campaign = CampaignFactory(tally_rule=Campaign.TallyRule.GREEDY, max_choices=10)
    envelope = EnvelopeFactory(campaign=campaign, amount=200_000)
    a, b, c, d, e = (
        ProjectFactory(envelope=envelope, title=title, estimated_cost=cost)
        for title, cost in [
            ("Projet A", 100_000),
            ("Projet B", 60_000),
            ("Projet C", 50_000),
            ("Projet D", 30_000),
            ("Projet E", 10_000),
        ]
    )
    vote(campaign, envelope, (2, [a, b, c, d]), (1, [a, b, c]), (1, [a, b]), (1, [a]))
    result = publish(campaign, agent)
    rows = {row["title"]: row for row in result.data["envelopes"][0]["projects"]}
    assert [t for t, row in rows.items() if row["selected"]] == ["Projet A", "Projet B", "Projet D"]
    assert rows["Projet C"]["reason"] == {"reason": "no_room", "remaining": 40_000}
    html = page(client, campaign)
    assert (
        f"Il ne rentrait plus dans l'enveloppe restante de {eur(40_000)} "
        f"pour un coût de {eur(50_000)}." in html
    )
    assert "Il n'a reçu aucune voix." in html
    assert "Pourquoi 2 projets n'ont pas été retenus" in html


def test_greedy_threshold_and_no_skip_reasons(client, agent):
    campaign = CampaignFactory(
        tally_rule=Campaign.TallyRule.GREEDY_NO_SKIP, tally_threshold=2, max_choices=10
    )
    envelope = EnvelopeFactory(campaign=campaign, amount=100_000)
    a = ProjectFactory(envelope=envelope, title="Projet A", estimated_cost=60_000)
    b = ProjectFactory(envelope=envelope, title="Projet B", estimated_cost=50_000)
    c = ProjectFactory(envelope=envelope, title="Projet C", estimated_cost=10_000)
    d = ProjectFactory(envelope=envelope, title="Projet D", estimated_cost=10_000)
    vote(campaign, envelope, (2, [a, b, c]), (1, [a, b, d]), (1, [a]))
    publish(campaign, agent)
    html = page(client, campaign)
    # A (4 votes) in, 40 000 € left; B (3) does not fit: the selection stops there, so C
    # (2 votes, 10 000 €) is not taken although it would fit; D (1 vote) is under the threshold.
    assert f"restante de {eur(40_000)} pour un coût de {eur(50_000)}" in html
    assert "La sélection s'est arrêtée avant lui : « Projet B », plus soutenu" in html
    assert "Il n'a pas atteint le seuil de 2 voix." in html


def test_equal_shares_says_what_the_supporters_still_had(client, agent):
    """Three voters, 100 000 € (33 333,33 € each). X (50 000 €) by voters 1 and 2, Y
    (60 000 €) by voters 2 and 3: both cost 25 000 €/30 000 € a head, i.e. rho = 1/2; the tie
    goes to X (older). Voter 2 keeps 8 333,33 €, voter 3 33 333,33 €: together 41 666,67 €,
    less than Y's 60 000 €, once X is funded. With the greedy completion, 50 000 € are left:
    not enough either."""
    campaign = CampaignFactory(
        tally_rule=Campaign.TallyRule.EQUAL_SHARES,
        equal_shares_completion=Campaign.EqualSharesCompletion.NONE,
        greedy_completion=True,
        max_choices=10,
    )
    envelope = EnvelopeFactory(campaign=campaign, amount=100_000)
    x = ProjectFactory(envelope=envelope, title="Projet X", estimated_cost=50_000)
    y = ProjectFactory(envelope=envelope, title="Projet Y", estimated_cost=60_000)
    vote(campaign, envelope, (1, [x]), (1, [x, y]), (1, [y]))
    result = publish(campaign, agent)
    rows = {row["title"]: row for row in result.data["envelopes"][0]["projects"]}
    assert rows["Projet X"]["selected"] and not rows["Projet Y"]["selected"]
    assert rows["Projet Y"]["reason"] == {
        "reason": "mes",
        "supporters": 2,
        "money": 41_666,
        "round": 1,
        "remaining": 50_000,
    }
    html = page(client, campaign)
    assert (
        f"Écarté après le 1er projet retenu : ses 2 soutiens ne disposaient plus ensemble que "
        f"de {eur(41_666)} pour un coût de {eur(60_000)}." in html
    )
    assert f"Le reste de l'enveloppe ({eur(50_000)}) ne suffisait pas non plus." in html


def test_equal_shares_contest_numbers(client, agent):
    """Six voters approve A (200 000 €) and B (100 000 €), four approve C (100 000 €), 300 000 €
    (30 000 € each): A's six supporters hold 180 000 € from the start, less than its cost; B
    (16 666,67 € a head) then C (25 000 € a head) are bought."""
    campaign = CampaignFactory(
        tally_rule=Campaign.TallyRule.EQUAL_SHARES,
        equal_shares_completion=Campaign.EqualSharesCompletion.NONE,
        max_choices=10,
    )
    envelope = EnvelopeFactory(campaign=campaign, amount=300_000)
    a = ProjectFactory(envelope=envelope, title="A", estimated_cost=200_000)
    b = ProjectFactory(envelope=envelope, title="B", estimated_cost=100_000)
    c = ProjectFactory(envelope=envelope, title="C", estimated_cost=100_000)
    vote(campaign, envelope, (6, [a, b]), (4, [c]))
    publish(campaign, agent)
    html = page(client, campaign)
    assert (
        f"Dès le premier tour, ses 6 soutiens ne disposaient ensemble que de {eur(180_000)} "
        f"pour un coût de {eur(200_000)}." in html
    )
    assert "Retenu au 1er tour : 6 de ses soutiens se sont partagé son coût, " in html
    assert f"Retenu au 2e tour : 4 de ses soutiens se sont partagé son coût, {eur(25_000)}" in html
    assert f"Chaque votant disposait d'une part d'environ {eur(30_000)}" in html


def test_results_tables_are_focusable_regions(client, agent):
    campaign = CampaignFactory()
    envelope = EnvelopeFactory(campaign=campaign)
    vote(campaign, envelope, (1, [ProjectFactory(envelope=envelope)]))
    publish(campaign, agent)
    html = page(client, campaign)
    assert html.count('class="budget-table-wrap" tabindex="0" role="region" aria-label="') == 3
