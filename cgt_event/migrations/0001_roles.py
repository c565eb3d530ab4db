from django.db import migrations

from cgt_event.roles import roles_sync_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("landscape", "0001_initial"),
        ("registration", "0002_tickets_and_registrations"),
    ]

    operations = [migrations.RunPython(roles_sync_in_migration, migrations.RunPython.noop)]
