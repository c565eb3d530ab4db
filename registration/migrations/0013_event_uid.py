import uuid

from django.db import migrations, models


def give_each_event_its_own(apps, schema_editor):
    Event = apps.get_model("registration", "Event")
    for pk in Event.objects.values_list("pk", flat=True):
        Event.objects.filter(pk=pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("registration", "0012_paid_tickets")]

    operations = [
        # A callable default gives every existing row the same value: add the column
        # empty, give each event a UUID of its own, then make it required and unique.
        migrations.AddField(
            model_name="event",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="identifier"),
        ),
        migrations.RunPython(give_each_event_its_own, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="event",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier"
            ),
        ),
    ]
