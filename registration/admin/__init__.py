"""The registration app's admin, a module per domain: the programme and attendance."""

from registration.admin import attendance, programme

__all__ = ["attendance", "programme"]
