"""The registration app's admin, a module per domain: the programme, the pages and sponsors
around it, attendance and its mail (e-mails and announcements)."""

from registration.admin import attendance, content, mail, programme

__all__ = ["attendance", "content", "mail", "programme"]
