import pytest

from .factories import home_page_create, news_index_create


@pytest.fixture
def home(db):
    return home_page_create()


@pytest.fixture
def news_index(home):
    return news_index_create(home)
