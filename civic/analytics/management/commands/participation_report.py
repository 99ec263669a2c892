"""`participation_report [--since DATE] [--format html|csv|xlsx] OUT`: the staff report."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from civic.analytics import report, services
from civic.analytics.selectors import Period, step_for


class Command(BaseCommand):
    help = (
        "Écrit le rapport de participation (chiffres agrégés, petits effectifs masqués) "
        "depuis --since (par défaut les 30 derniers jours) jusqu'à aujourd'hui."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="Fichier à écrire")
        parser.add_argument("--since", help="Premier jour (AAAA-MM-JJ)")
        parser.add_argument("--until", help="Dernier jour (AAAA-MM-JJ), aujourd'hui par défaut")
        parser.add_argument("--format", choices=sorted(report.CONTENT_TYPES), default=None)

    def handle(self, *args, out, since=None, until=None, format=None, **options):
        path = Path(out)
        format = format or path.suffix.lstrip(".").lower() or "html"
        if format not in report.CONTENT_TYPES:
            raise CommandError(f"Format inconnu : {format} (html, csv ou xlsx).")
        try:
            last = datetime.date.fromisoformat(until) if until else timezone.localdate()
            first = datetime.date.fromisoformat(since) if since else last - datetime.timedelta(29)
        except ValueError as error:
            raise CommandError(f"Date invalide (AAAA-MM-JJ attendu) : {error}") from error
        if first > last:
            raise CommandError("--since doit précéder --until.")
        period = Period(first, last, step_for((last - first).days + 1))
        path.write_bytes(report.render(period, format))
        services.report_record(actor=None, period=period, format=format)
        self.stdout.write(f"Rapport {format} du {first:%d/%m/%Y} au {last:%d/%m/%Y} : {path}")
