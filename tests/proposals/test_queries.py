"""The ideas listings (the `/idees/` page, the API list and its GeoJSON) make as many queries
for 15 ideas as for 3."""

from decimal import Decimal

import pytest

from proposals.models import Idea
from tests.factories import CitizenFactory, DistrictFactory
from tests.moderation.factories import comment_create
from tests.proposals.factories import IdeaFactory, SupportFactory, ThemeFactory
from tests.queries import LARGE, SMALL, ok, queries_at_sizes

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_ideas():
    """`add_ideas(n)`: n published, located ideas, each with its own author, theme and
    district, a support and a comment. `add_ideas.titles` lists every title added."""
    titles = []

    def add(n):
        for _ in range(n):
            idea = IdeaFactory(
                theme=ThemeFactory(),
                district=DistrictFactory(),
                latitude=Decimal("45.750000"),
                longitude=Decimal("4.850000"),
            )
            SupportFactory(idea=idea)
            comment_create(obj=idea, user=CitizenFactory())
            titles.append(idea.title)

    add.titles = titles
    return add


def newest(add_ideas) -> str:
    return add_ideas.titles[-1]


@pytest.mark.parametrize("sort", ["recentes", "soutenues", "commentees"])
def test_ideas_page(client, add_ideas, sort):
    counts = queries_at_sizes(
        add=add_ideas,
        fetch=lambda: ok(client.get("/idees/", {"tri": sort}), newest(add_ideas)),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_ideas_page_for_a_citizen(client, add_ideas):
    client.force_login(CitizenFactory())
    counts = queries_at_sizes(
        add=add_ideas, fetch=lambda: ok(client.get("/idees/"), newest(add_ideas))
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_api_idea_list(client, add_ideas):
    counts = queries_at_sizes(
        add=add_ideas, fetch=lambda: ok(client.get("/api/v1/ideas"), newest(add_ideas))
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_api_idea_geojson(client, add_ideas):
    counts = queries_at_sizes(
        add=add_ideas, fetch=lambda: ok(client.get("/api/v1/ideas/geojson"), newest(add_ideas))
    )
    assert counts[SMALL] == counts[LARGE], counts
    assert Idea.objects.count() == LARGE


def test_idea_page(client):
    """An idea's page with 15 supports and comments (each by its own citizen) costs the
    queries it costs with 3."""
    idea = IdeaFactory()
    texts = []

    def add(n):
        for _ in range(n):
            SupportFactory(idea=idea)
            texts.append(f"Avis numéro {len(texts) + 1}")
            comment_create(obj=idea, user=CitizenFactory(), text=texts[-1])

    counts = queries_at_sizes(
        add=add, fetch=lambda: ok(client.get(idea.get_absolute_url()), texts[-1])
    )
    assert counts[SMALL] == counts[LARGE], counts
