"""Local development and the `make run` demo: safe defaults, nothing to configure."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# The demo city's districts (fictional outlines) under the markers of every map.
CIVIC_MAP_DISTRICTS_URL = os.environ.get(
    "CIVIC_MAP_DISTRICTS_URL",
    STATIC_URL + "demo/ingeville-quartiers.geojson",  # noqa: F405
)
