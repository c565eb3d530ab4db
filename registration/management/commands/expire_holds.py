from django.core.management.base import BaseCommand

from registration.services.payments import holds_expire_overdue


class Command(BaseCommand):
    help = (
        "Expire every seat held for payment past its deadline, passing the seats down the "
        "waiting list. Each hold's deadline is already a task in the queue; this sweep is for "
        "cron, after the worker was down or the queue was cleared."
    )

    def handle(self, *args, **options):
        expired = holds_expire_overdue()
        self.stdout.write(f"{expired} unpaid hold(s) expired.")
