"""`make run` serves the demo with the site's own 404 and 500 pages, not Django's debug pages,
and still serves the static files and uploads."""

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def dev_settings(**env) -> str:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CIVIC_"))}
    script = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.WHITENOISE_USE_FINDERS, s.CIVIC_SERVE_MEDIA)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=REPO,
        env={**base, "DJANGO_SETTINGS_MODULE": "civic.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_make_run_serves_with_debug_off():
    makefile = (REPO / "Makefile").read_text()
    run_target = re.search(r"^run:.*?(?=^\S)", makefile, re.S | re.M).group(0)
    assert "CIVIC_DEBUG=0 $(MANAGE) runserver" in run_target


def test_dev_settings_follow_civic_debug():
    assert dev_settings(CIVIC_DEBUG="0") == "False True True"
    assert dev_settings() == "True True True"


def test_with_debug_off_an_unknown_page_is_the_sites_404(client, db, settings):
    settings.DEBUG = False
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "Retour à l’accueil" in html
