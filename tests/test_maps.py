"""Maps without a third party by default: with no `CIVIC_MAP_TILE_URL`, no public page names
another origin (neither in its CSP nor in its map's configuration); a city that sets its tile
server gets its tiles, and that origin alone is added to the CSP's img-src."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import override_settings

from civic.maps import map_settings, map_tile_origin
from tests.budget.factories import ProjectFactory
from tests.proposals.factories import IdeaFactory
from tests.test_settings import policy

REPO = Path(__file__).resolve().parent.parent
CITY_TILES = "https://tuiles.ingeville.example/{z}/{x}/{y}.png"
FOREIGN_URL = re.compile(r"""(?:https?:)?//(?!testserver)[a-z0-9.-]+\.[a-z]{2,}""", re.I)


def test_the_tile_origin_is_the_scheme_and_host_of_the_template():
    assert map_tile_origin("") == ""
    assert map_tile_origin("/static/tiles/{z}/{x}/{y}.png") == ""  # served by the platform
    assert map_tile_origin(CITY_TILES) == "https://tuiles.ingeville.example"
    assert map_tile_origin("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org:8443"
    )


def test_no_tile_server_by_default(settings):
    from civic.settings import base

    assert base.CIVIC_MAP_TILE_URL == ""
    assert map_settings()["tile_url"] == ""
    assert map_settings()["attribution"] == ""  # no credit for tiles nobody shows


@pytest.fixture
def map_pages(db, client, citizen):
    """Every public page that draws a map: the ideas' map, one idea, the idea form, one
    budget project."""
    idea = IdeaFactory(latitude=Decimal("47.080000"), longitude=Decimal("2.400000"))
    project = ProjectFactory(latitude=Decimal("47.081000"), longitude=Decimal("2.399000"))
    client.force_login(citizen)
    return [
        "/idees/?vue=carte",
        idea.get_absolute_url(),
        "/idees/nouvelle/",
        project.get_absolute_url(),
    ]


def test_by_default_map_pages_name_no_other_origin(client, map_pages):
    for path in map_pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "data-civic-map" in html or 'id="location-picker"' in html, path

        csp = policy(response)
        assert csp["img-src"] == ["'self'", "data:"], path
        assert csp["connect-src"] == ["'self'"], path
        assert not FOREIGN_URL.search(response["Content-Security-Policy"]), path
        assert "data-tile-url" not in html, path
        assert "openstreetmap" not in html.lower(), path


def test_the_map_script_names_no_other_origin():
    for name in ("civic-map.js", "ideas-picker.js"):
        script = (REPO / "static" / "js" / name).read_text()
        assert not FOREIGN_URL.search(script), name


def test_a_city_tile_server_is_used_and_is_the_only_origin_allowed(client, map_pages):
    with override_settings(CIVIC_MAP_TILE_URL=CITY_TILES, CIVIC_MAP_ATTRIBUTION="© Ingeville"):
        for path in map_pages:
            response = client.get(path)
            html = response.content.decode()

            csp = policy(response)
            assert csp["img-src"] == ["'self'", "data:", "https://tuiles.ingeville.example"], path
            assert csp["connect-src"] == ["'self'"], path
            assert f'data-tile-url="{CITY_TILES}"' in html, path
            assert 'data-attribution="© Ingeville"' in html, path
            origins = {
                m.group(0) for m in FOREIGN_URL.finditer(response["Content-Security-Policy"])
            }
            assert origins == {"https://tuiles.ingeville.example"}, path


@pytest.mark.django_db
def test_the_admin_policy_does_not_get_the_tile_server(client, administrator):
    client.force_login(administrator)
    with override_settings(CIVIC_MAP_TILE_URL=CITY_TILES):
        response = client.get("/admin/")
    assert "tuiles.ingeville.example" not in response["Content-Security-Policy"]


def test_districts_outlines_are_given_to_the_map_when_the_city_has_them(client, map_pages):
    with override_settings(CIVIC_MAP_DISTRICTS_URL="/static/geo/quartiers.geojson"):
        html = client.get(map_pages[1]).content.decode()
    assert 'data-districts-url="/static/geo/quartiers.geojson"' in html
