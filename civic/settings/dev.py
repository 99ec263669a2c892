"""Local development and the `make run` demo: safe defaults, nothing to configure.

`make run` serves the demo with `CIVIC_DEBUG=0`: visitors get the site's own 404 and 500
pages, as in production, and the static files and uploads are still served by the one
`runserver` process (whitenoise reading the source folders; media by Django). Unset, as for a
developer's plain `manage.py runserver`, Django's debug pages are shown.
"""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = os.environ.get("CIVIC_DEBUG", "1").strip().lower() not in ("0", "false", "no", "off")
# Static files straight from the apps' folders (no collectstatic), whatever DEBUG says.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploads (photos, Wagtail images) served by Django itself, also with DEBUG off (civic/urls.py).
CIVIC_SERVE_MEDIA = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# The demo city's districts (fictional outlines) under the markers of every map.
CIVIC_MAP_DISTRICTS_URL = os.environ.get(
    "CIVIC_MAP_DISTRICTS_URL",
    STATIC_URL + "demo/ingeville-quartiers.geojson",  # noqa: F405
)
