from decimal import Decimal

import pytest

from registration.models import Session, SessionSpeaker, Speaker
from tests.factories import TicketTypeFactory, kst


@pytest.fixture
def two_seats(db):
    """A ticket type with a capacity of two."""
    return TicketTypeFactory(capacity=2)


@pytest.fixture
def priced(db):
    """Two seats at KRW 150,000, held five days for the transfer."""
    ticket = TicketTypeFactory(
        capacity=2, price=Decimal(150000), currency="KRW", payment_days=5, name="Delegate pass"
    )
    event = ticket.event
    event.organizer_name = "CGT Korea Co., Ltd."
    event.business_number = "123-45-67890"
    event.bank_details = "Shinhan Bank 110-123-456789, CGT Korea Co., Ltd."
    event.vat_rate = Decimal(10)
    event.invoice_prefix = "CGT2025"
    event.save()
    return ticket


@pytest.fixture
def keynote(seeded):
    """A session entered as an organizer would: 09:30 KST, with two speakers."""
    event = Speaker.objects.get(slug="bryan-choi").event
    session = Session.objects.create(
        event=event,
        title="Opening keynote",
        kind=Session.Kind.KEYNOTE,
        start=kst(2025, 9, 25, 9, 30),
        end=kst(2025, 9, 25, 10, 15),
        room="Grand Ballroom",
    )
    session.appearances.create(speaker=Speaker.objects.get(slug="bryan-choi"))
    session.appearances.create(
        speaker=Speaker.objects.get(slug="phil-huang"), role=SessionSpeaker.Role.MODERATOR
    )
    return session
