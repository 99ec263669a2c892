"""Tell subscribed citizens about consultations that have opened (run every few minutes)."""

from django.core.management.base import BaseCommand

from consultations import services


class Command(BaseCommand):
    help = "Annonce aux habitants abonnés les consultations qui viennent d'ouvrir."

    def handle(self, *args, **options):
        count = services.openings_notify()
        self.stdout.write(f"{count} consultation(s) annoncée(s).")
