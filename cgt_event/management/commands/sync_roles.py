from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from cgt_event.roles import ROLES, roles_sync


class Command(BaseCommand):
    help = "Create the organizer groups and reset their permissions to the project's roles."

    def handle(self, *args, **options):
        roles_sync(group_model=Group, permission_model=Permission)
        self.stdout.write(self.style.SUCCESS(f"Roles in sync: {', '.join(ROLES)}."))
