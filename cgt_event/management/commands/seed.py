from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from common.seeding import Ledger
from landscape.seed import landscape_seed
from registration.seed import event_seed


class Command(BaseCommand):
    # Project-level because it spans both apps, and landscape never imports registration.
    help = (
        "Load the site's content from the source eBook. Safe to run again: it creates only "
        "rows it never created before, so organizers' edits and deletions stand."
    )

    def handle(self, *args, **options):
        # The seed data is English; translations go to their own columns explicitly.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            ledger = Ledger.load()
            created = landscape_seed(ledger) + event_seed(ledger)
        for key in ledger.skipped:
            self.stdout.write(
                self.style.WARNING(
                    f"Skipped {key}: an existing row holds one of its unique values."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed complete: {created} new rows, {ledger.translated} rows translated."
            )
        )
