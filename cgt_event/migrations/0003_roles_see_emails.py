from django.db import migrations

from cgt_event.roles import roles_sync_in_migration


class Migration(migrations.Migration):
    """The registration desk sees every e-mail a registration caused."""

    dependencies = [
        ("cgt_event", "0002_seed_ledger_for_seeded_databases"),
        ("registration", "0004_outbox_announcements_and_schedule_permission"),
    ]

    operations = [migrations.RunPython(roles_sync_in_migration, migrations.RunPython.noop)]
