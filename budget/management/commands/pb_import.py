"""`manage.py pb_import FILE.pb [--slug SLUG] [--title TITLE]`: a campaign from a Pabulib file.

Creates a finished campaign (vote over) with one city-wide envelope, the file's projects on
the ballot and its ballots as anonymous ballots; no user is created. Staff then compute and
publish its results in the admin as for any campaign. See `budget.pabulib_campaign`.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget.pabulib import PabulibError, parse_file
from budget.pabulib_campaign import campaign_import_pabulib


class Command(BaseCommand):
    help = "Crée une campagne de budget participatif à partir d'un fichier Pabulib (.pb)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.pb", help="Fichier au format Pabulib.")
        parser.add_argument("--slug", default="", help="Identifiant de la campagne créée.")
        parser.add_argument("--title", default="", help="Titre de la campagne créée.")

    def handle(self, *args, file, slug, title, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} : fichier introuvable.")
        try:
            election = parse_file(path)
        except PabulibError as error:
            raise CommandError(f"{file} : fichier Pabulib invalide, {error}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} : le fichier doit être encodé en UTF-8.") from None
        try:
            campaign = campaign_import_pabulib(election=election, slug=slug, title=title)
        except ValidationError as error:
            raise CommandError(f"{file} : {' '.join(error.messages)}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Campagne « {campaign.title} » ({campaign.slug}) créée : "
                f"{campaign.projects.count()} projets, {campaign.ballots.count()} bulletins."
            )
        )
