from django.core.management.base import BaseCommand
from django.db import transaction

from landscape.services import landscape_seed
from registration.services import event_seed


class Command(BaseCommand):
    # Project-level because it spans both apps, and landscape never imports registration.
    help = "Load the site's content from the source eBook. Safe to run again: it never overwrites."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = landscape_seed() + event_seed()
        self.stdout.write(self.style.SUCCESS(f"Seed complete: {created} new rows."))
