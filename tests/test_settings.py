"""Deployment safety: production refuses to start half-configured, passes `check --deploy`,
and every response carries the Content-Security-Policy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "civic.settings.production",
    "DJANGO_SECRET_KEY": "test-deploy-check-7c1e9b2a4f6d8e0a3b5c7d9e1f2a4b6c8d0e2f4a6b8c",
    "DJANGO_ALLOWED_HOSTS": "civic.example.org,www.civic.example.org",
    "WAGTAILADMIN_BASE_URL": "https://civic.example.org",
}


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run_python(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production" in result.stderr


def test_production_passes_the_deploy_check_without_warning():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_is_https_only():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
        "'session': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE,"
        "'hosts': s.ALLOWED_HOSTS}))"
    )

    result = run_python(["-c", script], PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "ssl": True,
        "hsts": 31536000,
        "session": True,
        "csrf": True,
        "hosts": ["civic.example.org", "www.civic.example.org"],
    }


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/compte/login/", "/api/v1/news"])
def test_public_pages_get_the_strict_policy(client, path):
    response = client.get(path, follow=True)

    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_gets_its_own_same_origin_policy(client, administrator):
    client.force_login(administrator)

    response = client.get("/admin/")

    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    # Wagtail 8's date pickers and inline panels are inline scripts (see the settings).
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_every_environment_variable_is_documented_in_the_readme():
    import re

    settings_code = "\n".join(p.read_text() for p in (REPO / "civic" / "settings").glob("*.py"))
    reader = r"(?:environ\.get\(|environ\[|env_bool\(|env_list\(|required\(|env=)"
    pattern = reader + r"""\s*["']([A-Z][A-Z0-9_]+)["']"""
    variables = set(re.findall(pattern, settings_code))
    readme = (REPO / "README.md").read_text()

    assert variables >= {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
    assert sorted(v for v in variables if f"`{v}`" not in readme) == []
