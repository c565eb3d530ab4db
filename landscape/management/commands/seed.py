from django.core.management.base import BaseCommand

from landscape.services import landscape_seed


class Command(BaseCommand):
    help = "Load the site's content from the source eBook. Safe to run again: it never overwrites."

    def handle(self, *args, **options):
        created = landscape_seed()
        self.stdout.write(self.style.SUCCESS(f"Seed complete: {created} new rows."))
