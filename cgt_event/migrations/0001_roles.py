from django.contrib.auth.management import create_permissions
from django.db import migrations

from cgt_event.roles import roles_sync


def sync(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    roles_sync(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("landscape", "0001_initial"),
        ("registration", "0002_tickets_and_registrations"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
