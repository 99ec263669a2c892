"""`manage.py seed_demo [--size small|large]`: the Ingeville demo city.

Each app owns its demo data in `<app>/demo.py` with a `seed(*, stdout, size)` function that is
idempotent (running it twice changes nothing). This command runs them in dependency order,
each in its own transaction, skipping the modules that are not installed yet, then prints
the demo accounts.
"""

import importlib
import importlib.util
import logging
from contextlib import contextmanager

from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

# In dependency order: accounts (districts, users) before the pages and contributions.
DEMO_MODULES = [
    "civic.accounts.demo",
    "cms.demo",
    "proposals.demo",
    "budget.demo",
    "consultations.demo",
]

SITE_URL = "http://127.0.0.1:8000"

# Loggers that report every page published and every task run: noise while seeding.
CHATTY_LOGGERS = ["wagtail", "django_tasks", "django_tasks_db", "modelsearch"]


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent package itself is absent
        return False


class Command(BaseCommand):
    help = "Charge (ou complète) la ville de démonstration Ingeville. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=["small", "large"],
            default="small",
            help="small: la démo ; large: un volume de test de charge.",
        )

    def handle(self, *args, size, verbosity, **options):
        # The demo's notifications go to fake addresses: keep them in memory, never send them.
        with (
            _quiet(CHATTY_LOGGERS, enabled=verbosity < 2),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        ):
            self.seed(size)
            held = len(getattr(mail, "outbox", []))
        if held:
            self.stdout.write(f"({held} e-mails de démonstration retenus, non envoyés.)")
        self.print_accounts()

    def seed(self, size: str):
        for name in DEMO_MODULES:
            if not _module_exists(name):
                continue
            module = importlib.import_module(name)
            self.stdout.write(self.style.MIGRATE_HEADING(f"Démo : {name}"))
            try:
                with transaction.atomic():
                    module.seed(stdout=self.stdout, size=size)
            except Exception as exc:
                raise CommandError(f"{name}.seed a échoué : {exc}") from exc

    def print_accounts(self):
        try:
            from civic.accounts.demo import DEMO_ACCOUNTS
        except ImportError:
            return
        rows = [_account_row(account) for account in DEMO_ACCOUNTS]
        headers = ("Rôle", "E-mail", "Mot de passe")
        widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(3)]
        rule = "+-" + "-+-".join("-" * w for w in widths) + "-+"

        def line(cells):
            return (
                "| "
                + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True))
                + " |"
            )

        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS("Ingeville est prête. Comptes de démonstration :"))
        out.write(rule)
        out.write(line(headers))
        out.write(rule)
        for row in rows:
            out.write(line(row))
        out.write(rule)
        out.write(f"Site public : {SITE_URL}/")
        out.write(f"Administration : {SITE_URL}/admin/")
        out.write("(Mots de passe de démonstration uniquement : ne jamais utiliser en production.)")


@contextmanager
def _quiet(names: list[str], *, enabled: bool):
    """Raise these loggers to WARNING for the duration (unless `enabled` is False)."""
    loggers = [logging.getLogger(name) for name in names] if enabled else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _account_row(account) -> tuple[str, str, str]:
    """Accepts a mapping (role/email/password) or a (role, email, password) sequence."""
    if isinstance(account, dict):
        return (
            str(account.get("role") or account.get("label") or ""),
            str(account["email"]),
            str(account.get("password", "")),
        )
    role, email, password = account[:3]
    return str(role), str(email), str(password)
