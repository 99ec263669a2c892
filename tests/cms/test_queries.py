"""The news listings (the news index page and the API list) and the search results make as many
queries for 15 pages as for 3."""

import pytest

from tests.queries import LARGE, SMALL, ok, queries_at_sizes

from .factories import image_create, information_page_create, news_page_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_news(news_index):
    """`add_news(n)`: n news items, each with an image and two tags of its own."""
    titles = []

    def add(n):
        for _ in range(n):
            k = len(titles) + 1
            page = news_page_create(
                news_index, k, image=image_create(f"Photo {k}"), tags=[f"tag-{k}", f"autre-{k}"]
            )
            titles.append(page.title)

    add.titles = titles
    return add


def test_news_index_page(client, news_index, add_news):
    counts = queries_at_sizes(
        add=add_news,
        fetch=lambda: ok(client.get(news_index.url), add_news.titles[-1]),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_api_news_list(client, add_news):
    counts = queries_at_sizes(
        add=add_news, fetch=lambda: ok(client.get("/api/v1/news"), add_news.titles[-1])
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_search_results(client, news_index, add_news):
    """News items and information pages (two page types) answer the same words."""
    home = news_index.get_parent()
    titles = []

    def add(n):
        add_news(n - n // 2)
        for _ in range(n // 2):
            k = len(titles) + 1
            information_page_create(
                home, title=f"Fiche pratique {k}", slug=f"fiche-{k}", intro="Chapô de la fiche."
            )
            titles.append(f"Fiche pratique {k}")

    counts = queries_at_sizes(
        add=add,
        fetch=lambda: ok(
            client.get("/recherche/", {"q": "chapô"}),
            f"{len(add_news.titles) + len(titles)} résultats",
        ),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_home_page(client, home, news_index, add_news):
    """The home page's news, latest ideas and current campaign cost the same queries for 15
    of each as for 3."""
    from budget.models import Project
    from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
    from tests.factories import DistrictFactory
    from tests.proposals.factories import IdeaFactory, ThemeFactory

    campaign = CampaignFactory()
    EnvelopeFactory(campaign=campaign, amount=10_000_000)
    ideas = []

    def add(n):
        add_news(n)
        for _ in range(n):
            idea = IdeaFactory(theme=ThemeFactory(), district=DistrictFactory())
            ideas.append(idea.title)
            envelope = EnvelopeFactory(campaign=campaign, district=DistrictFactory())
            ProjectFactory(envelope=envelope, status=Project.Status.ON_BALLOT)

    counts = queries_at_sizes(
        add=add, fetch=lambda: ok(client.get("/"), add_news.titles[-1], ideas[-1], campaign.title)
    )
    assert counts[SMALL] == counts[LARGE], counts
