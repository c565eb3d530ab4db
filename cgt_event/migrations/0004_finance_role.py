from django.db import migrations

from cgt_event.roles import roles_sync_in_migration


class Migration(migrations.Migration):
    """A Finance group records bank transfers and refunds; the desk may record payments too."""

    dependencies = [
        ("cgt_event", "0003_roles_see_emails"),
        ("registration", "0012_paid_tickets"),
    ]

    operations = [migrations.RunPython(roles_sync_in_migration, migrations.RunPython.noop)]
