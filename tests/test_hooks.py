"""The seams of `civic.hooks`: a new app joins the menu, the home page, the dashboard, the
demo, the API and the notifications by registering hooks, and nothing probes for siblings."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from wagtail import hooks

from civic import hooks as civic
from civic.notifications.kinds import NotificationKind, kinds_all
from civic.notifications.services import notification_send
from tests.factories import CitizenFactory

ROOT = Path(__file__).resolve().parent.parent
APPS = ["civic", "cms", "proposals", "budget", "consultations"]


def _request(path="/", user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


@pytest.mark.django_db
def test_a_new_app_joins_the_main_menu_in_its_order(client):
    def consultations_menu_item(request):
        return civic.MenuItem("Consultations", "/consultations/", order=16)

    with hooks.register_temporarily(civic.MAIN_MENU_ITEMS, consultations_menu_item):
        html = client.get("/idees/").content.decode()
    ideas, consultations, budget = (
        html.index('href="/idees/"'),
        html.index('href="/consultations/"'),
        html.index('href="/budget-participatif/"'),
    )
    assert ideas < consultations < budget


@pytest.mark.django_db
def test_home_and_dashboard_sections_come_in_their_order_and_empty_ones_are_dropped():
    def late(request):
        return civic.Section("late.html", order=999)

    def early(request):
        return civic.Section("early.html", order=1)

    def nothing(request):
        return None

    with (
        hooks.register_temporarily(civic.HOME_SECTIONS, late),
        hooks.register_temporarily(civic.HOME_SECTIONS, nothing),
        hooks.register_temporarily(civic.HOME_SECTIONS, early),
    ):
        templates = [s.template for s in civic.sections_collect(civic.HOME_SECTIONS, _request())]
    assert templates[0] == "early.html"
    assert templates[-1] == "late.html"


@pytest.mark.django_db
def test_dashboard_sections_are_not_asked_for_an_anonymous_visitor():
    asked = []

    def section(request):
        asked.append(request.user)
        return civic.Section("mine.html")

    with hooks.register_temporarily(civic.DASHBOARD_SECTIONS, section):
        assert civic.sections_collect(civic.DASHBOARD_SECTIONS, _request()) == []
        citizen = CitizenFactory()
        found = civic.sections_collect(civic.DASHBOARD_SECTIONS, _request(user=citizen))
    assert asked == [citizen]
    assert "mine.html" in [s.template for s in found]


def test_demo_seeders_run_in_dependency_order():
    names = [seeder.name for seeder in civic.demo_seeders_collect()]
    assert names == ["accounts", "cms", "guide", "proposals", "budget", "consultations"]


@pytest.mark.django_db
def test_seed_demo_runs_a_registered_seeder_and_names_the_one_that_fails(monkeypatch):
    ran = []

    def extra_seed(*, stdout, size):
        ran.append(size)
        raise RuntimeError("no district")

    def extra():
        return civic.DemoSeeder("consultations", extra_seed)

    # Only this seeder: the whole demo is tested in tests/demo/.
    monkeypatch.setattr(
        "civic.demo.management.commands.seed_demo.demo_seeders_collect",
        lambda: [extra()],
    )
    with pytest.raises(CommandError, match="consultations.*no district"):
        call_command("seed_demo", "--size", "large", stdout=StringIO())
    assert ran == ["large"]


def test_every_router_is_mounted_on_the_api():
    from civic.api import api

    paths = api.get_openapi_schema()["paths"]
    for mounted in civic.api_routers_collect():
        assert any(path.startswith(f"/api/v1{mounted.prefix}") for path in paths), mounted


@pytest.mark.django_db
def test_a_notification_kind_nobody_declared_is_refused_not_dropped():
    citizen = CitizenFactory()
    with pytest.raises(ValueError, match="project_reveiw_decision"):
        notification_send(recipient=citizen, kind="project_reveiw_decision", context={})


def test_each_app_declares_its_own_notification_kinds():
    def extra():
        return [NotificationKind("consultation_closed", "notify_followed")]

    assert {"idea_received", "project_review_decision", "comment_reply"} <= set(kinds_all())
    with hooks.register_temporarily(civic.NOTIFICATION_KINDS, extra):
        assert kinds_all()["consultation_closed"].preference == "notify_followed"


# Architecture guards -----------------------------------------------------------------------


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if "." in node.module:
                yield node.module
            else:  # `from budget import services`: what is imported is budget.services
                yield from (f"{node.module}.{alias.name}" for alias in node.names)


PROBES = ("importlib", "find_spec", "is_installed", "_template_exists", "django.test")


def test_no_code_probes_for_a_sibling_app():
    found = []
    for path in _sources():
        text = path.read_text()
        found += [f"{path.relative_to(ROOT)}: {word}" for word in PROBES if word in text]
    assert found == []


# What an app may import from another one: its services, selectors and models (and the
# seams of civic/, which are all in civic.* outside the three content apps).
ALLOWED_FROM_SIBLING = {"services", "selectors", "models"}


def test_apps_meet_only_through_services_selectors_and_the_seams():
    content_apps = {"cms", "proposals", "budget"}
    found = []
    for path in _sources():
        own = path.relative_to(ROOT).parts[0]
        for name in _imports(path):
            parts = name.split(".")
            sibling = parts[0] in content_apps and parts[0] != own
            if sibling and (len(parts) < 2 or parts[1] not in ALLOWED_FROM_SIBLING):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
            if own == "civic" and parts[0] in content_apps:
                found.append(f"{path.relative_to(ROOT)} (civic core) imports {name}")
    assert found == []


@pytest.mark.django_db(transaction=True)  # the seeder's transaction really commits
def test_seed_demo_holds_its_emails_even_with_the_database_task_queue(monkeypatch, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    citizen = CitizenFactory(email="habitant@demo.invalid")

    def seed(*, stdout, size):
        notification_send(recipient=citizen, kind="followed_update", context={})

    monkeypatch.setattr(
        "civic.demo.management.commands.seed_demo.demo_seeders_collect",
        lambda: [civic.DemoSeeder("notifications", seed)],
    )
    out = StringIO()
    call_command("seed_demo", stdout=out)
    # Nothing waits in the queue for a worker to send to a fake address...
    assert DBTaskResult.objects.count() == 0
    # ...it was held in memory, and the command says so.
    assert "E-mails de démonstration retenus, non envoyés : 1." in out.getvalue()
