import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an 'admin' superuser with a generated password if no superuser exists, and "
        "print the password once. Does nothing when a superuser already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser already exists; leaving it as it is.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        banner = "=" * 64
        self.stdout.write(
            self.style.WARNING(
                f"\n{banner}\n"
                f"  Admin created: http://127.0.0.1:8000/admin/\n"
                f"  username: {username}\n"
                f"  password: {password}\n"
                f"  (shown once; change it in the admin, or run "
                f"'.venv/bin/python manage.py changepassword {username}')\n"
                f"{banner}\n"
            )
        )
