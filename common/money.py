"""Amounts of money as Decimals, to each currency's minor unit."""

from decimal import ROUND_HALF_UP, Decimal

# Currencies written without minor units (ISO 4217 exponent 0).
ZERO_DECIMAL_CURRENCIES = {"KRW", "JPY", "VND", "CLP", "ISK"}


def minor_units(currency):
    return 0 if currency in ZERO_DECIMAL_CURRENCIES else 2


def quantize(amount, currency):
    """`amount` rounded half-up to the currency's minor unit."""
    return Decimal(amount).quantize(Decimal(1).scaleb(-minor_units(currency)), ROUND_HALF_UP)


def format_amount(amount, currency):
    """ "KRW 150,000", "USD 1,200.50": the currency's code and the amount to its minor unit."""
    return f"{currency} {quantize(amount, currency):,}"
