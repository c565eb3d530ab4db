"""Amounts of money: rounded half-up to the currency's minor unit, never floats, and ticket
prices written as they always were."""

from decimal import Decimal

import pytest

from common.money import format_amount, minor_units, quantize
from registration.models import TicketType


@pytest.mark.parametrize(("currency", "digits"), [("KRW", 0), ("JPY", 0), ("USD", 2), ("EUR", 2)])
def test_minor_units_of_the_won_and_the_yen_are_none(currency, digits):
    assert minor_units(currency) == digits


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("13636.5", "KRW", "13637"),
        ("-13636.5", "KRW", "-13637"),
        ("0.125", "USD", "0.13"),
        ("-0.125", "USD", "-0.13"),
        ("9.0899", "EUR", "9.09"),
    ],
)
def test_quantize_rounds_half_away_from_zero(amount, currency, rounded):
    result = quantize(Decimal(amount), currency)
    assert (result, str(result)) == (Decimal(rounded), rounded)


def test_floats_are_refused():
    with pytest.raises(TypeError):
        format_amount(99.99, "USD")


@pytest.mark.parametrize(
    ("price", "currency", "label"),
    [
        ("150000.00", "KRW", "KRW 150,000"),
        ("12000", "JPY", "JPY 12,000"),
        ("1200.50", "USD", "USD 1,200.50"),
        ("0", "KRW", "free"),
    ],
)
def test_ticket_prices_read_as_before(price, currency, label):
    assert TicketType(price=Decimal(price), currency=currency).price_label == label
