"""The registration app's admin, a module per domain: the programme, attendance and its
mail (e-mails and announcements)."""

from registration.admin import attendance, mail, programme

__all__ = ["attendance", "mail", "programme"]
