"""The seed ledger: which rows `manage.py seed` has created, by the keys its data gives."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """One row the seed created (or found already there), under its stable key.

    The record outlives the row: once a key is recorded the seed never creates it again, so
    a row an organizer edited, renamed, re-slugged or deleted stays as they left it.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of row")
    )
    object_id = models.CharField(_("row"), max_length=64)
    row = GenericForeignKey("content_type", "object_id")
    created = models.DateTimeField(_("seeded"), auto_now_add=True)

    class Meta:
        verbose_name = _("seeded row")
        verbose_name_plural = _("seeded rows")
        ordering = ["key"]

    def __str__(self):
        return self.key
