"""Every project of published results carries its explanation, in words, from the numbers of
the count: on the results page, in the API and in the Pabulib download. Hand-worked
elections where each Equal Shares step changes the outcome (see test_rules_comparison)."""

import pytest

from budget import explanations
from budget.models import Campaign
from budget.pabulib import parse_string
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.budget.test_results_page import eur, page, publish, vote

pytestmark = pytest.mark.django_db
Completion = Campaign.EqualSharesCompletion


def gare(agent, completion):
    """60 000 €, ten voters (6 000 € each): nine choose the bike shelter (60 000 €), the
    tenth the bins (5 000 €). Worked out in test_rules_comparison."""
    campaign = CampaignFactory(
        tally_rule=Campaign.TallyRule.EQUAL_SHARES,
        equal_shares_completion=completion,
        max_choices=2,
    )
    envelope = EnvelopeFactory(campaign=campaign, amount=60_000)
    shelter = ProjectFactory(envelope=envelope, title="Consigne à vélos", estimated_cost=60_000)
    bins = ProjectFactory(envelope=envelope, title="Poubelles de tri", estimated_cost=5_000)
    vote(campaign, envelope, (9, [shelter]), (1, [bins]))
    publish(campaign, agent)
    return campaign


def test_plain_equal_shares_leaves_the_most_voted_project_out_and_says_why(client, agent):
    campaign = gare(agent, Completion.NONE)
    html = page(client, campaign)
    assert (
        f"Dès le premier tour, ses 9 soutiens ne disposaient ensemble que de {eur(54_000)} pour un "
        f"coût de {eur(60_000)}." in html
    )
    assert f"Retenu au 1er tour : son seul soutien en a payé le coût ({eur(5_000)})." in html
    assert f"Chaque votant disposait d'une part d'environ {eur(6_000)}" in html
    assert f"{eur(5_000)} attribués sur {eur(60_000)}" in html


def test_comparison_step_funds_the_shelter_and_says_so(client, agent):
    campaign = gare(agent, Completion.ADD1_COMPARISON)
    assert campaign.results.get().rule == "equalshares/add1-comparison"
    html = page(client, campaign)
    assert f"{eur(60_000)} attribués sur {eur(60_000)}" in html
    assert (
        "Comparaison : 9 votants obtiennent plus de projets qu'ils ont choisis avec la règle "
        "gloutonne (les plus soutenus d'abord), 1 avec les parts égales. La sélection de la "
        "règle gloutonne, préférée par plus de votants, est donc retenue." in html
    )
    assert (
        f"Retenu en position 1 parmi les plus soutenus : il restait {eur(60_000)} dans "
        f"l'enveloppe pour un coût de {eur(60_000)}." in html
    )
    assert "L'enveloppe était déjà entièrement attribuée quand son tour est venu." in html
    assert f"la part a été augmentée d'un euro à la fois, jusqu'à environ {eur(6_666)}." in html


def test_api_and_pabulib_download_carry_the_explanations(client, agent):
    campaign = gare(agent, Completion.ADD1_COMPARISON)
    body = client.get(f"/api/v1/campaigns/{campaign.slug}/results").json()
    assert body["rule"] == "equalshares/add1-comparison"
    envelope = body["envelopes"][0]
    assert envelope["comparison"] == {
        "prefer_equal_shares": 1,
        "prefer_greedy": 9,
        "kept": "greedy",
        "same": False,
    }
    assert envelope["share"] == 6_666
    assert any(text.startswith("Comparaison : 9 votants") for text in envelope["explanation"])
    rows = {row["title"]: row for row in envelope["projects"]}
    assert rows["Consigne à vélos"]["reason"] == {
        "reason": "greedy",
        "rank": 1,
        "remaining": 60_000,
    }
    assert rows["Consigne à vélos"]["explanation"].startswith("Retenu en position 1")
    assert rows["Poubelles de tri"]["explanation"].startswith("L'enveloppe était déjà")

    detail = client.get(f"/api/v1/campaigns/{campaign.slug}").json()
    assert (detail["counting_rule"], detail["equal_shares_completion"]) == (
        "equalshares/add1-comparison",
        "add1-comparison",
    )

    download = client.get(f"/budget-participatif/{campaign.slug}/bulletins.pb")
    election = parse_string(download.content.decode())
    assert election.rule == "equalshares/add1-comparison"
    assert election.meta["comment"].startswith("#1: Chaque votant disposait")
    why = {p.name: p.extra["explanation"] for p in election.projects}
    assert why["Consigne à vélos"] == rows["Consigne à vélos"]["explanation"]


def test_add1_funds_what_plain_equal_shares_left_unspent(client, agent):
    """30 000 €, three voters (10 000 € each): a playground (24 000 €) chosen by two, a bench
    (6 000 €) by the third. Plain MES buys the bench only; Add1 raises the shares to 12 000 €,
    where the playground's two supporters pay 12 000 € each, then the bench is bought."""
    campaign = CampaignFactory(
        tally_rule=Campaign.TallyRule.EQUAL_SHARES,
        equal_shares_completion=Completion.ADD1,
        max_choices=2,
    )
    envelope = EnvelopeFactory(campaign=campaign, amount=30_000)
    playground = ProjectFactory(envelope=envelope, title="Aire de jeux", estimated_cost=24_000)
    bench = ProjectFactory(envelope=envelope, title="Banc", estimated_cost=6_000)
    vote(campaign, envelope, (2, [playground]), (1, [bench]))
    result = publish(campaign, agent)
    assert result.rule == "equalshares/add1"
    assert result.data["envelopes"][0]["selected"] == [playground.pk, bench.pk]
    html = page(client, campaign)
    assert (
        f"Retenu au 1er tour : 2 de ses soutiens se sont partagé son coût, {eur(12_000)} au "
        "plus chacun." in html
    )
    assert f"Retenu au 2e tour : son seul soutien en a payé le coût ({eur(6_000)})." in html
    assert f"jusqu'à environ {eur(12_000)}." in html


def test_a_project_dearer_than_the_whole_envelope_says_so_first():
    row = {
        "id": 1,
        "title": "Ponton",
        "cost": 70_000,
        "selected": False,
        "reason": {"reason": "mes", "supporters": 68, "money": 69_966, "round": 0},
    }
    assert explanations.project_explanation(row, {}, 60_000) == (
        f"Il coûte {eur(70_000)}, plus que toute l'enveloppe ({eur(60_000)})."
    )
