"""Issue #12, point 6: `/api/v1/facilities` (JSON, the API's pagination and errors) and its
GeoJSON (RFC 7946: a FeatureCollection of Points, [longitude, latitude] in WGS 84)."""

import datetime
import json

import pytest
import time_machine

from cms.opening_hours import PARIS
from tests.cms.guide_factories import category_create, facility_create

pytestmark = pytest.mark.django_db

MONDAY_10 = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=PARIS)


@pytest.fixture
def places(db):
    return {
        "town_hall": facility_create(
            "Hôtel de ville", latitude="47.081234", longitude="2.398765", wheelchair_access=True
        ),
        "library": facility_create(
            "Médiathèque", hours="Tu-Sa 10:00-18:00", category=category_create("bibliotheques")
        ),
        "unlocated": facility_create("Archives", latitude=None, longitude=None),
        "hidden": facility_create("Futur gymnase", is_published=False),
    }


def test_json_list_paginated_with_state_now(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        body = client.get("/api/v1/facilities").json()
    assert body["count"] == 3
    assert set(body) == {"count", "page", "pages", "next", "previous", "results"}
    by_name = {row["name"]: row for row in body["results"]}
    assert "Futur gymnase" not in by_name
    town_hall = by_name["Hôtel de ville"]
    assert town_hall["open_now"] is True
    assert town_hall["next_change_text"] == "Ferme à 12 h"
    assert town_hall["next_change"].startswith("2026-05-04T12:00:00+02:00")
    assert town_hall["location"] == {"latitude": 47.081234, "longitude": 2.398765}
    assert town_hall["accessibility"]["wheelchair_access"] is True
    assert town_hall["category"]["slug"] == "mairie"
    assert by_name["Médiathèque"]["open_now"] is False


def test_filters_open_now_and_category(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        open_now = client.get("/api/v1/facilities?open_now=true").json()
    assert {row["name"] for row in open_now["results"]} == {"Hôtel de ville", "Archives"}
    libraries = client.get("/api/v1/facilities?category=bibliotheques").json()
    assert [row["name"] for row in libraries["results"]] == ["Médiathèque"]


def test_geojson_is_a_valid_rfc_7946_feature_collection(client, places):
    response = client.get("/api/v1/facilities/geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946 drops it: WGS 84 always
    names = {f["properties"]["title"] for f in collection["features"]}
    assert names == {"Hôtel de ville", "Médiathèque"}  # located and published only
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature["properties"], dict)
        assert isinstance(feature["id"], int)
    town_hall = next(
        f for f in collection["features"] if f["properties"]["title"] == "Hôtel de ville"
    )
    # Longitude first, then latitude.
    assert town_hall["geometry"]["coordinates"] == [2.398765, 47.081234]


def test_geojson_open_now_filter(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        collection = client.get("/api/v1/facilities/geojson?open_now=true").json()
    assert [f["properties"]["title"] for f in collection["features"]] == ["Hôtel de ville"]
    assert collection["features"][0]["properties"]["open_now"] is True


def test_detail_and_404_for_unpublished(client, places):
    town_hall = client.get(f"/api/v1/facilities/{places['town_hall'].pk}")
    assert town_hall.json()["name"] == "Hôtel de ville"
    hidden = client.get(f"/api/v1/facilities/{places['hidden'].pk}")
    unknown = client.get("/api/v1/facilities/999999")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json() == unknown.json()
    assert hidden.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "query, status",
    [
        ("category=inconnue", 422),
        ("open_now=peut-etre", 422),
        ("q=" + "x" * 5000, 422),
        ("q=%00", 400),
        ("page=0", 422),
        ("page=99", 404),
    ],
)
def test_bad_parameters_get_the_api_error_format(client, places, query, status):
    for path in ("/api/v1/facilities", "/api/v1/facilities/geojson"):
        if path.endswith("geojson") and query.startswith("page"):
            continue
        response = client.get(f"{path}?{query}")
        assert response.status_code == status, (path, query)
        assert response.json()["error"]["status"] == status
