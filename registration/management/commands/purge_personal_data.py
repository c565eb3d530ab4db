import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registration.services.privacy import personal_data_due, personal_data_purge


class Command(BaseCommand):
    help = (
        "Erase attendees' personal data PERSONAL_DATA_RETENTION_DAYS after their event ends, "
        "and admin login records older than that. Lists what it will erase and asks first; "
        "--yes skips the question (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Override the retention period (now {settings.PERSONAL_DATA_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Erase without asking (for cron or a scheduler)."
        )

    def handle(self, *args, days, yes, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative: that would erase upcoming events.")
        plan = personal_data_due(retention_days=days)
        cutoff = timezone.localtime(plan.cutoff).strftime("%Y-%m-%d %H:%M %Z")
        if plan.is_empty:
            self.stdout.write(f"Nothing to erase: no personal data older than {cutoff}.")
            return
        self.stdout.write(f"This erases personal data older than {cutoff}:")
        for event, count in plan.events:
            ended = timezone.localtime(event.end).strftime("%Y-%m-%d")
            self.stdout.write(
                f"  {event.name} (ended {ended}): names, e-mail addresses, organizations and "
                f"job titles of {count} registrations"
            )
        if plan.login_records:
            self.stdout.write(f"  {plan.login_records} admin login records (usernames, addresses)")
        self.stdout.write("Counts per ticket type, status, country and sector are kept.")
        if not yes:
            if not self.stdin_is_interactive():
                raise CommandError("Nothing erased. Run with --yes to erase without asking.")
            if input("Type 'yes' to erase it: ").strip().lower() != "yes":
                raise CommandError("Nothing erased.")
        count = personal_data_purge(retention_days=days)
        self.stdout.write(self.style.SUCCESS(f"Anonymized {count} registrations."))

    def stdin_is_interactive(self):
        return sys.stdin.isatty()
