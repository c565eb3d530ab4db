from django.conf import settings
from django.core.management.base import BaseCommand

from registration.services.privacy import personal_data_purge


class Command(BaseCommand):
    help = (
        "Anonymize the registrations of events that ended more than "
        "PERSONAL_DATA_RETENTION_DAYS ago. Run it daily (cron or a scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Override the retention period (now {settings.PERSONAL_DATA_RETENTION_DAYS}).",
        )

    def handle(self, *args, days, **options):
        count = personal_data_purge(retention_days=days)
        self.stdout.write(self.style.SUCCESS(f"Anonymized {count} registrations."))
