"""Writes, a module per domain in the manner of pretix's base/services: registrations,
the waiting list, ticket types, check-in, privacy and the e-mails they cause. Import the
module you need (`from registration.services import checkin`)."""
