"""The organizers' roles: which groups exist and what each may do.

Content editors keep the landscape, speakers and agenda up to date and never see attendees'
personal data. The registration desk sees registrations, checks people in and records
payments. Finance records bank transfers and refunds and sees invoices. Superusers keep
everything. A migration applies this; `manage.py sync_roles` re-applies it after models
change.
"""

from django.contrib.auth.management import create_permissions

CONTENT_EDITORS = "Content editors"
REGISTRATION_DESK = "Registration desk"
FINANCE = "Finance"

ALL_ACTIONS = ("add", "change", "delete", "view")

ROLES = {
    CONTENT_EDITORS: [
        (app, model, action)
        for app, model in [
            ("landscape", "overview"),
            ("landscape", "country"),
            ("landscape", "keyfigure"),
            ("landscape", "highlight"),
            ("landscape", "company"),
            ("landscape", "program"),
            ("registration", "event"),
            ("registration", "speaker"),
            ("registration", "session"),
            ("registration", "sessionspeaker"),
        ]
        for action in ALL_ACTIONS
    ],
    REGISTRATION_DESK: [
        ("registration", "registration", "view"),
        ("registration", "registration", "check_in"),
        ("registration", "tickettype", "view"),
        ("registration", "email", "view"),
        ("registration", "payment", "view"),
        ("registration", "payment", "add"),
        ("registration", "invoice", "view"),
    ],
    FINANCE: [
        ("registration", "registration", "view"),
        ("registration", "tickettype", "view"),
        ("registration", "email", "view"),
        ("registration", "payment", "view"),
        ("registration", "payment", "add"),
        ("registration", "invoice", "view"),
    ],
}

# Permissions that are not "<action>_<model>".
CUSTOM_ACTIONS = {"check_in", "send_announcement", "change_event_schedule"}


def _codename(model, action):
    return action if action in CUSTOM_ACTIONS else f"{action}_{model}"


def roles_sync(*, group_model, permission_model):
    """Create the groups and set their permissions to exactly those in ROLES.

    Side effects: creates missing groups, replaces their permission sets. Takes the models
    as arguments so a data migration can pass its historical ones.
    """
    for name, grants in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        permissions = [
            permission_model.objects.get(
                content_type__app_label=app, codename=_codename(model, action)
            )
            for app, model, action in grants
        ]
        group.permissions.set(permissions)


def roles_sync_in_migration(apps, schema_editor):
    """roles_sync for a data migration: creates the permissions of models added by earlier
    migrations first (Django normally creates them only after all migrations ran)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    roles_sync(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
    )
