"""`seed_demo` builds Ingeville once, whatever the number of runs, and tells how to log in."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from civic.accounts.demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

# Every row of these apps counts, revisions and audit entries included: a re-run that
# republishes pages or logs actions again is not idempotent.
DEMO_APPS = {"accounts", "cms", "wagtailcore", "proposals", "budget", "consultations"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


def test_second_run_changes_nothing_and_printed_accounts_log_in(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    after_first = row_counts()

    call_command("seed_demo", stdout=StringIO())

    assert row_counts() == after_first
    printed = out.getvalue()
    for _role, email, password in DEMO_ACCOUNTS:
        assert email in printed
        assert password in printed
    assert "http://127.0.0.1:8000/admin/" in printed
    for _role, email, password in DEMO_ACCOUNTS:
        assert client.login(email=email, password=password), email
        client.logout()
