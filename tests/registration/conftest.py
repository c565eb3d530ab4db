import pytest

from tests.factories import TicketTypeFactory


@pytest.fixture
def two_seats(db):
    """A ticket type with a capacity of two."""
    return TicketTypeFactory(capacity=2)
