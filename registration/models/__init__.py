"""The registration app's models, a module per domain: the programme (event, speakers,
sessions), content around it (pages, sponsors), attendance (ticket types, registrations) and
its mail (e-mails, announcements) and money (invoices, payments).
Import them from here."""

from registration.models.attendance import (
    CheckIn,
    Registration,
    RegistrationQuerySet,
    TicketType,
    TicketTypeQuerySet,
    new_reference,
    new_token,
    normalize_email,
)
from registration.models.content import Page, Sponsor, SponsorQuerySet
from registration.models.mail import Announcement, Email, EmailQuerySet
from registration.models.payments import Invoice, Payment
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
    "Announcement",
    "CheckIn",
    "Email",
    "EmailQuerySet",
    "Event",
    "EventQuerySet",
    "Invoice",
    "Page",
    "Payment",
    "Registration",
    "RegistrationQuerySet",
    "Session",
    "SessionQuerySet",
    "SessionSpeaker",
    "Speaker",
    "SpeakerQuerySet",
    "Sponsor",
    "SponsorQuerySet",
    "TicketType",
    "TicketTypeQuerySet",
    "new_reference",
    "new_token",
    "normalize_email",
]
