"""`manage.py seed_demo [--size small|large]`: the Ingeville demo city.

Each app owns its demo data in `<app>/demo.py` with a `seed(*, stdout, size)` function that is
idempotent (running it twice changes nothing), and registers it on
`civic.hooks.DEMO_SEEDERS` with the hook order giving the dependency order (accounts and
districts first, then pages, then contributions). This command runs them in that order, each
in its own transaction, then prints the demo accounts.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from civic.accounts.demo import DEMO_ACCOUNTS
from civic.hooks import demo_seeders_collect
from civic.notifications.services import notifications_sent_now

SITE_URL = "http://127.0.0.1:8000"

# Loggers that report every page published and every task run: noise while seeding.
CHATTY_LOGGERS = ["wagtail", "django_tasks", "django_tasks_db", "modelsearch"]


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
        with (
            _quiet(CHATTY_LOGGERS, enabled=verbosity < 2),
            _emails_held() as outbox,
            notifications_sent_now(),
        ):
            self.seed(size)
            held = len(outbox)
        if held:
            self.stdout.write(f"E-mails de démonstration retenus, non envoyés : {held}.")
        self.print_accounts()

    def seed(self, size: str):
        for seeder in demo_seeders_collect():
            self.stdout.write(self.style.MIGRATE_HEADING(f"Démo : {seeder.name}"))
            try:
                with transaction.atomic():
                    seeder.seed(stdout=self.stdout, size=size)
            except Exception as exc:
                raise CommandError(f"La démo « {seeder.name} » a échoué : {exc}") from exc

    def print_accounts(self):
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
def _emails_held():
    """The demo's notifications go to fake addresses: keep them in memory, never send them.

    Swaps the email backend for the in-memory one while seeding, and puts it back after."""
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    try:
        yield mail.outbox
    finally:
        settings.EMAIL_BACKEND = previous


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
