"""`?page=99` and other bad page numbers show a page of the listing, never a 404."""

import pytest

from civic.pagination import page_clamped, page_number_clamped
from tests.proposals.factories import IdeaFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, 1), ("", 1), ("abc", 1), ("0", 1), ("-3", 1), ("2", 2), ("99", 3), ("\x00", 1)],
)
def test_page_numbers_are_clamped(raw, expected):
    assert page_number_clamped(raw, num_pages=3) == expected


def test_an_empty_listing_has_its_first_page():
    page = page_clamped([], number="5", per_page=10)
    assert page.number == 1
    assert list(page) == []


@pytest.mark.django_db
def test_ideas_page_99_shows_the_last_page(client):
    ideas = IdeaFactory.create_batch(13)  # 12 a page: two pages

    response = client.get("/idees/?page=99")

    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert list(response.context["ideas"]) == [ideas[0]]  # the oldest, alone on page 2


@pytest.mark.django_db
def test_news_page_99_shows_the_last_page(client):
    from tests.cms.factories import home_page_create, news_index_create, news_page_create

    news_index = news_index_create(home_page_create())
    for n in range(1, 12):  # 10 a page
        news_page_create(news_index, n)

    response = client.get(news_index.url + "?page=99")

    assert response.status_code == 200
    assert response.context["news_page"].number == 2
