"""The maps of every app (ideas, budget projects, results): their settings, one script.

Every map is an element with the `data-civic-map` attribute, drawn by
`static/js/civic-map.js` from its `data-` attributes (see that file); a view passes
`map_settings()` to its template as `map`, and the template includes
`includes/map_attributes.html` on the element::

    <div id="idea-map" data-civic-map data-lat="47.08" data-lon="2.4" data-title="…"
         {% include "includes/map_attributes.html" %}>

By default (`CIVIC_MAP_TILE_URL` empty) no map asks another server for anything: the map
draws the districts' outlines (when `CIVIC_MAP_DISTRICTS_URL` names a GeoJSON file served
by the platform) and the markers on a plain background, and the CSP allows no other origin.
A city that sets its tile server gets its tiles, and only that server's origin is added to
the CSP's `img-src` (`civic.middleware.CivicCSPMiddleware`).
"""

from urllib.parse import urlsplit

from django.conf import settings


def map_settings() -> dict:
    """What a map element needs: `tile_url` ("" for a plain background), `attribution` (only
    with tiles), the city's centre, and `districts_url` ("" when there is no outline)."""
    tile_url = settings.CIVIC_MAP_TILE_URL
    return {
        "tile_url": tile_url,
        "attribution": settings.CIVIC_MAP_ATTRIBUTION if tile_url else "",
        "center_lat": settings.CIVIC_MAP_CENTER[0],
        "center_lon": settings.CIVIC_MAP_CENTER[1],
        "districts_url": settings.CIVIC_MAP_DISTRICTS_URL,
    }


def map_tile_origin(tile_url: str) -> str:
    """The origin serving the tiles of `tile_url`, as a CSP source (`https://*.tile.example.org`
    for a `{s}` subdomain template); "" when there are no tiles or the platform serves them
    itself (a path such as `/static/tiles/{z}/{x}/{y}.png`)."""
    parts = urlsplit(tile_url)
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc.replace('{s}.', '*.')}"
