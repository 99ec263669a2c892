"""Issue #12, point 4: the guide's lists and endpoints query the database a constant number
of times, at 10 and at 1,000 facilities (bulk-created, each with its own category and a
closure)."""

import pytest

from tests.cms.guide_factories import event_category_create, event_create, facilities_bulk_create
from tests.queries import ok, query_count

pytestmark = pytest.mark.django_db

SIZES = (10, 1000)


def counts_at_sizes(fetch) -> dict[int, int]:
    counts, total = {}, 0
    for size in SIZES:
        facilities_bulk_create(size - total)
        total = size
        counts[size] = query_count(fetch)
    return counts


@pytest.mark.parametrize(
    "url, text",
    [
        ("/equipements/", "équipements"),
        ("/equipements/?ouvert=1", "équipements"),
        ("/equipements/?pres=47.05,2.35", "du plus proche"),
        ("/api/v1/facilities", "results"),
        ("/api/v1/facilities?open_now=true", "results"),
        ("/api/v1/facilities/geojson", "FeatureCollection"),
        ("/api/v1/facilities/geojson?open_now=true", "FeatureCollection"),
    ],
)
def test_guide_queries_are_flat(client, url, text):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200
        assert text in response.content.decode()

    counts = counts_at_sizes(fetch)
    assert counts[10] == counts[1000], counts


def test_agenda_queries_are_flat(client):
    category = event_category_create()

    def add(n):
        for _ in range(n):
            event_create(category=category)

    counts = {}
    add(3)
    counts[3] = query_count(lambda: ok(client.get("/agenda/")))
    add(12)
    counts[15] = query_count(lambda: ok(client.get("/agenda/")))
    assert counts[3] == counts[15], counts
    counts_ics = {}
    counts_ics[15] = query_count(lambda: client.get("/agenda/calendrier.ics"))
    add(10)
    counts_ics[25] = query_count(lambda: client.get("/agenda/calendrier.ics"))
    assert counts_ics[15] == counts_ics[25], counts_ics
