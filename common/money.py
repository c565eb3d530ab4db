"""Amounts of money: Decimals end to end (a float cannot hold 0.10), rounded half-up to the
currency's minor unit and written the way the site writes prices ("KRW 150,000",
"USD 1,200.50")."""

from decimal import ROUND_HALF_UP, Decimal

# Currencies written without minor units (ISO 4217 exponent 0).
ZERO_DECIMAL_CURRENCIES = {"KRW", "JPY", "VND", "CLP", "ISK"}


def minor_units(currency):
    """How many digits follow the decimal point: 0 for the won or the yen, else 2."""
    return 0 if currency in ZERO_DECIMAL_CURRENCIES else 2


def quantize(amount, currency):
    """The amount rounded half-up (away from zero) to the currency's minor unit, so a
    credit note's amounts mirror its invoice's exactly."""
    if isinstance(amount, float):
        raise TypeError("amounts of money are Decimals, not floats")
    return Decimal(amount).quantize(Decimal(1).scaleb(-minor_units(currency)), ROUND_HALF_UP)


def format_amount(amount, currency):
    """ "KRW 150,000", "USD 1,200.50", "KRW -13,636": the currency's code, then the amount
    rounded to its minor unit with thousands separated by commas."""
    amount = quantize(amount, currency)
    if amount.is_zero():
        amount = abs(amount)  # no "-0" on a credit note's free line
    return f"{currency} {amount:,.{minor_units(currency)}f}"
