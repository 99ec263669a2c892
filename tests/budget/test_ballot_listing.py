"""The ballot's listing without JavaScript: per-voter random order, sort, search and "show
more" through query parameters (and the same fields in the form, which keeps the choices);
"Ajouter au bulletin" from a project card arrives with the project ticked."""

import re

import pytest
from django.urls import reverse

from budget.ballots import ballot_cast
from budget.models import Campaign
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<li class="budget-choice" data-rank="\d+"( hidden)?>\s*<input[^>]*id="projet-(\d+)"'
)


def listing(html: str) -> tuple[list[int], list[int]]:
    """(every project id in page order, the ids shown)."""
    rows = [(int(pk), not hidden) for hidden, pk in ROW.findall(html)]
    return [pk for pk, _ in rows], [pk for pk, shown in rows if shown]


@pytest.fixture
def ballot(db):
    """A knapsack vote, one city-wide envelope of 500 000 € with 30 projects (costs 10 000 €
    to 300 000 €, titles in another order), one of them about bikes."""
    campaign = CampaignFactory(vote_rule=Campaign.VoteRule.KNAPSACK, max_choices=None)
    envelope = EnvelopeFactory(campaign=campaign, amount=500_000)
    projects = [
        ProjectFactory(
            envelope=envelope,
            title=f"Projet {chr(ord('A') + (i * 7) % 26)}{i:02d}",
            estimated_cost=10_000 * (i + 1),
        )
        for i in range(29)
    ]
    projects.append(
        ProjectFactory(
            envelope=envelope,
            title="Des arceaux à vélo",
            summary="Stationner son vélo devant l'école.",
            estimated_cost=300_000,
        )
    )
    return campaign, envelope, projects


def url(campaign, **params):
    base = reverse("budget:ballot", args=[campaign.slug])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


def test_random_order_is_stable_for_a_voter_and_differs_between_voters(client, ballot):
    campaign, envelope, projects = ballot
    first, second = CitizenFactory(), CitizenFactory()
    client.force_login(first)
    order, shown = listing(client.get(url(campaign)).content.decode())
    again, _ = listing(client.get(url(campaign)).content.decode())
    assert sorted(order) == sorted(p.pk for p in projects)  # every project is in the form
    assert order == again  # no reshuffle on reload
    assert order != [p.pk for p in sorted(projects, key=lambda p: p.title)]
    assert order != sorted(order)  # not the submission order either
    assert shown == order[:12]  # the first page, the rest in the form but hidden
    client.force_login(second)
    other, _ = listing(client.get(url(campaign)).content.decode())
    assert other != order
    assert "Ordre aléatoire, propre à chaque votant" in client.get(url(campaign)).content.decode()


def test_sort_by_cost_and_by_title_through_query_parameters(client, ballot):
    campaign, envelope, projects = ballot
    client.force_login(CitizenFactory())
    key = envelope.pk
    by_cost, _ = listing(client.get(url(campaign, **{f"tri-{key}": "cout"})).content.decode())
    assert by_cost == [p.pk for p in sorted(projects, key=lambda p: (p.cost, p.pk))]
    descending, _ = listing(
        client.get(url(campaign, **{f"tri-{key}": "cout-desc"})).content.decode()
    )
    assert descending[0] == projects[-1].pk  # 300 000 €, the bike racks (title before P29)
    by_title, _ = listing(client.get(url(campaign, **{f"tri-{key}": "titre"})).content.decode())
    assert by_title[0] == projects[-1].pk  # "Des arceaux…" before every "Projet …"
    titles = {p.pk: p.title for p in projects}
    assert [titles[pk] for pk in by_title] == sorted(titles.values())
    # An unknown order falls back to the random one rather than failing.
    response = client.get(url(campaign, **{f"tri-{key}": "drop"}))
    assert response.status_code == 200
    # A NUL byte is refused before the view (civic.middleware), never a 500.
    assert client.get(url(campaign, **{f"tri-{key}": "%00drop"})).status_code == 400


def test_search_and_show_more_without_javascript(client, ballot):
    campaign, envelope, projects = ballot
    client.force_login(CitizenFactory())
    key = envelope.pk
    html = client.get(url(campaign, **{f"recherche-{key}": "VELO"})).content.decode()
    _, shown = listing(html)
    assert shown == [projects[-1].pk]  # accents and case ignored; the summary counts too
    assert 'value="VELO"' in html
    html = client.get(url(campaign, **{f"recherche-{key}": "introuvable"})).content.decode()
    assert listing(html)[1] == []
    assert "Aucun projet de cette enveloppe ne correspond" in html
    # Progressive: page 2 shows 24, page 3 all 30, and no "show more" button then.
    html = client.get(url(campaign, **{f"page-{key}": 2})).content.decode()
    assert len(listing(html)[1]) == 24
    assert "24 projets affichés sur 30." in html
    html = client.get(url(campaign, **{f"page-{key}": 99})).content.decode()
    assert len(listing(html)[1]) == 30
    assert "Les 30 projets sont affichés." in html
    for bad in ("-3", "abc", "1e9"):
        response = client.get(url(campaign, **{f"page-{key}": bad, f"recherche-{key}": ""}))
        assert response.status_code == 200
        assert len(listing(response.content.decode())[1]) == 12


def test_show_more_button_keeps_the_choices_and_the_search(client, ballot):
    campaign, envelope, projects = ballot
    client.force_login(CitizenFactory())
    key = envelope.pk
    chosen = [projects[0].pk, projects[1].pk]
    response = client.post(
        url(campaign),
        {
            f"enveloppe-{key}": chosen,
            f"tri-{key}": "cout",
            f"page-{key}": "1",
            "plus": str(key),
        },
    )
    html = response.content.decode()
    order, shown = listing(html)
    assert shown == order[:24]
    assert order[:2] == chosen  # still sorted by cost
    for pk in chosen:
        assert re.search(rf'value="{pk}" id="projet-{pk}" data-cost="\d+" checked', html)
    assert "30\u202f000\u00a0€" in html  # the total of the two choices (10 000 + 20 000 €)
    # A choice hidden by a search stays ticked in the form (and in the total).
    response = client.post(
        url(campaign),
        {f"enveloppe-{key}": chosen, f"recherche-{key}": "vélo", "action": "update"},
    )
    html = response.content.decode()
    assert listing(html)[1] == [projects[-1].pk]
    assert re.search(rf'value="{chosen[0]}" id="projet-{chosen[0]}" data-cost="\d+" checked', html)


def test_add_to_ballot_preselects_the_project_even_beyond_the_first_page(client, ballot):
    campaign, envelope, projects = ballot
    voter = CitizenFactory()
    client.force_login(voter)
    order, _ = listing(client.get(url(campaign)).content.decode())
    last = order[-1]
    html = client.get(url(campaign, projet=last)).content.decode()
    assert re.search(rf'value="{last}" id="projet-{last}" data-cost="\d+" checked', html)
    assert last in listing(html)[1]  # its page is shown
    assert "Le projet que vous avez choisi est coché ci-dessous" in html
    total = next(p.cost for p in projects if p.pk == last)
    assert f"{total:,}".replace(",", "\u202f") + "\u00a0€</strong>" in html


def test_add_to_ballot_ignores_projects_not_on_this_voters_ballot(client, city, voter):
    client.force_login(voter)
    south = city.south_projects[0]  # another district's envelope
    for value in (south.pk, "abc", 10**12):
        response = client.get(url(city.campaign, projet=value))
        assert response.status_code == 200
        html = response.content.decode()
        assert f'id="projet-{south.pk}"' not in html
        assert " checked" not in html
        assert "Le projet que vous avez choisi" not in html


def test_campaign_cards_offer_add_to_ballot_to_who_may_vote(client, city, voter):
    campaign_url = reverse("budget:campaign_detail", args=[city.campaign.slug])
    city_project, north, south = (
        city.city_projects[0],
        city.north_projects[0],
        city.south_projects[0],
    )

    def href(project):
        ballot = reverse("budget:ballot", args=[city.campaign.slug])
        return f"{ballot}?projet={project.pk}#projet-{project.pk}"

    # A visitor sees it (the ballot asks them to log in first).
    html = client.get(campaign_url).content.decode()
    assert href(city_project) in html and "Ajouter au bulletin" in html
    # A north voter: the city-wide and north projects, not the south ones.
    client.force_login(voter)
    html = client.get(campaign_url).content.decode()
    assert href(city_project) in html and href(north) in html
    assert href(south) not in html
    # After voting: no more link.
    ballot_cast(campaign=city.campaign, voter=voter, choices={city.city.pk: [city_project.pk]})
    html = client.get(campaign_url).content.decode()
    assert "Ajouter au bulletin" not in html
