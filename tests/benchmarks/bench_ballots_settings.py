"""Settings of `bench_ballots.py`'s server: the production settings, plus the bare POST view
the ballots are measured against (`bench_ballots_urls.py`). Exists only for the benchmark."""

from civic.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_ballots_urls"
# Plain static storage: the manifest one needs `collectstatic` (minutes of compression) and
# changes nothing to what a vote costs (one dictionary look-up per `{% static %}`).
STATIC_ROOT = "/tmp/civic-bench-static"  # empty: the benchmark asks for no static file
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
