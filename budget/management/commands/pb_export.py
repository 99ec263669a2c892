"""`manage.py pb_export CAMPAIGN_SLUG FILE.pb [--envelope SLUG]`: a campaign as Pabulib.

A Pabulib file holds one budget: a campaign with a single envelope is written to FILE.pb;
with several, `--envelope` picks one (`ville` for the city-wide envelope, else the district's
slug) and, without it, each envelope is written next to FILE as `FILE_<slug>.pb`. Ballots are
the anonymous ones, one voter line each; `selected` appears once results are published.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import Campaign
from budget.pabulib import write_file
from budget.pabulib_campaign import campaign_envelopes, campaign_to_pabulib, envelope_file_slug


class Command(BaseCommand):
    help = "Exporte une campagne de budget participatif au format Pabulib (.pb)."

    def add_arguments(self, parser):
        parser.add_argument("campaign", metavar="CAMPAIGN_SLUG", help="Identifiant de campagne.")
        parser.add_argument("file", metavar="FILE.pb", help="Fichier à écrire.")
        parser.add_argument(
            "--envelope",
            default="",
            metavar="SLUG",
            help="Enveloppe à exporter : « ville » ou l'identifiant d'un quartier.",
        )

    def handle(self, *args, campaign, file, envelope, **options):
        found = Campaign.objects.filter(slug=campaign).first()
        if found is None:
            raise CommandError(f"Aucune campagne n'a l'identifiant « {campaign} ».")
        envelopes = campaign_envelopes(found)
        if not envelopes:
            raise CommandError(f"La campagne « {found} » n'a aucune enveloppe.")
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} : dossier introuvable.")
        if envelope:
            chosen = [e for e in envelopes if envelope_file_slug(e) == envelope]
            if not chosen:
                known = ", ".join(envelope_file_slug(e) for e in envelopes)
                raise CommandError(f"Enveloppe « {envelope} » inconnue (connues : {known}).")
            targets = [(chosen[0], path)]
        elif len(envelopes) == 1:
            targets = [(envelopes[0], path)]
        else:
            targets = [
                (e, path.with_name(f"{path.stem}_{envelope_file_slug(e)}{path.suffix or '.pb'}"))
                for e in envelopes
            ]
        for one, target in targets:
            election = campaign_to_pabulib(found, one)
            write_file(election, target)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{target} : {len(election.projects)} projets, "
                    f"{len(election.voters)} bulletins ({one})."
                )
            )
