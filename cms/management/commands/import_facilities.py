"""`manage.py import_facilities FILE.csv`: the city's facilities from its open-data CSV.

Idempotent by `external_id`, all-or-nothing, and every invalid line reported (line number and
reason); the columns are in the README ("Importer des équipements") and
`cms.facility_import.COLUMNS`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.facility_import import COLUMNS, REQUIRED, ImportRefused, csv_rows, facilities_import

MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Importe des équipements depuis un fichier CSV (UTF-8, « ; » ou « , »). Colonnes "
        f"obligatoires : {', '.join(REQUIRED)} ; possibles : {', '.join(COLUMNS)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv", help="Fichier CSV des équipements.")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} : fichier introuvable.")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file} : fichier trop gros (plus de 50 Mo).")
        try:
            header, rows = csv_rows(path.read_bytes())
        except ImportRefused as error:
            raise CommandError(f"{file} : {error}") from None
        report = facilities_import(actor=None, rows=rows, header=header)
        if not report.ok:
            for line, reason in report.errors:
                self.stderr.write(f"ligne {line} : {reason}")
            raise CommandError(
                f"{file} : {len(report.errors)} ligne(s) invalide(s), rien n'a été importé."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} équipement(s) créé(s), {report.updated} mis à jour, "
                f"{report.unchanged} inchangé(s)."
            )
        )
