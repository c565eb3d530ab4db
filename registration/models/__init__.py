"""The registration app's models, a module per domain: the programme (event, speakers,
sessions) and attendance (ticket types, registrations). Import them from here."""

from registration.models.attendance import (
    Registration,
    RegistrationQuerySet,
    TicketType,
    TicketTypeQuerySet,
    new_reference,
    new_token,
    normalize_email,
)
from registration.models.programme import (
    Event,
    EventQuerySet,
    Session,
    SessionQuerySet,
    SessionSpeaker,
    Speaker,
    SpeakerQuerySet,
)

__all__ = [
    "Event",
    "EventQuerySet",
    "Registration",
    "RegistrationQuerySet",
    "Session",
    "SessionQuerySet",
    "SessionSpeaker",
    "Speaker",
    "SpeakerQuerySet",
    "TicketType",
    "TicketTypeQuerySet",
    "new_reference",
    "new_token",
    "normalize_email",
]
