"""The context's map block: drawn by the shared map module from its data- attributes, with the
place and coordinates as text without JavaScript; coordinates out of range are refused with a
message on their field."""

import re

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from consultations.blocks import ContextBlock, MapBlock

from .factories import consultation

pytestmark = pytest.mark.django_db

PLACE = {
    "latitude": 47.7508,
    "longitude": 7.3359,
    "zoom": 17,
    "label": "Place du marché",
    "caption": "Le périmètre du projet",
}


def _value(**overrides):
    block = MapBlock()
    return block, block.to_python(PLACE | overrides)


def test_the_block_renders_a_map_element_with_its_data_attributes(settings):
    settings.CIVIC_MAP_TILE_URL = ""
    block, value = _value()
    html = block.render(value)
    element = re.search(r"<div class=\"consultation-map\"[^>]*>", html).group(0)
    assert "data-civic-map" in element
    assert 'data-lat="47.750800"' in element and 'data-lon="7.335900"' in element
    assert 'data-zoom="17"' in element and 'data-title="Place du marché"' in element
    assert "data-center-lat=" in element and 'data-zoom-in-title="Zoomer"' in element
    assert "data-tile-url" not in element  # no tiles configured: no other server asked
    # Without JavaScript: the place and its coordinates.
    assert re.search(
        r"data-map-fallback>Place du marché — Position : 47.750800, 7.335900</p>", html
    )
    assert "<figcaption>Le périmètre du projet</figcaption>" in html


def test_a_configured_tile_server_reaches_the_element(settings):
    settings.CIVIC_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.CIVIC_MAP_ATTRIBUTION = "© Exemple"
    block, value = _value()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in block.render(value)


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("latitude", 91, "La latitude doit être comprise entre -90 et 90"),
        ("latitude", -90.5, "La latitude doit être comprise entre -90 et 90"),
        ("longitude", 180.01, "La longitude doit être comprise entre -180 et 180"),
        ("zoom", 0, "Le zoom doit être compris entre 1 et 19"),
        ("zoom", 25, "Le zoom doit être compris entre 1 et 19"),
    ],
)
def test_out_of_range_values_are_refused_on_their_field(field, bad, message):
    block, value = _value(**{field: bad})
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    errors = caught.value.block_errors
    assert set(errors) == {field}
    assert message in " ".join(errors[field].messages)


def test_missing_coordinates_are_refused():
    block, value = _value(latitude=None)
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "latitude" in caught.value.block_errors


def test_valid_bounds_are_accepted():
    block, value = _value(latitude=-90, longitude=180, zoom=1, label="", caption="")
    cleaned = block.clean(value)
    assert cleaned["latitude"] == -90 and cleaned["zoom"] == 1
    assert ContextBlock().clean(ContextBlock().to_python([{"type": "map", "value": PLACE}]))


def test_a_page_with_a_map_loads_the_map_scripts_and_one_without_does_not(client, default_site):
    with_map = consultation(default_site, title="Avec carte", context=[("map", PLACE)])
    without = consultation(default_site, title="Sans carte")
    html = client.get(with_map.url).content.decode()
    assert "vendor/leaflet/leaflet.js" in html and "js/civic-map.js" in html
    assert "vendor/leaflet/leaflet.css" in html
    assert "Place du marché — Position : 47.750800, 7.335900" in html
    assert "leaflet.js" not in client.get(without.url).content.decode()
