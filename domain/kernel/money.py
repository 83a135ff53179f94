"""Money is an integer count of minor units plus an ISO 4217 currency. Never a float.

Parsing and formatting live here, at the edge; everything inside works on integers.
The teller may type `1234.5`, `1,234.50` or a sum such as `100+25.50-10`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# ISO 4217 exponents of the currencies the desk handles. Extend as the bank does.
CURRENCY_EXPONENTS: dict[str, int] = {
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CHF": 2,
    "CNY": 2,
    "JPY": 0,
    "KWD": 3,
    "BHD": 3,
}

# One payment above this many major units is refused as absurd, whatever the currency.
MAX_MAJOR_UNITS = 1_000_000_000


class AmountError(ValueError):
    """An amount the teller typed cannot be used. `code` is a stable reason code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def exponent(currency: str) -> int:
    try:
        return CURRENCY_EXPONENTS[currency]
    except KeyError:
        raise AmountError("unknown_currency", f"Unknown currency {currency!r}") from None


def max_minor_units(currency: str) -> int:
    return MAX_MAJOR_UNITS * 10 ** exponent(currency)


@dataclass(frozen=True, order=True)
class Money:
    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError("Money.minor must be an int")
        exponent(self.currency)

    def __str__(self) -> str:
        return format_money(self.minor, self.currency)


_TERM = re.compile(r"\s*([+-]?)\s*([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)\s*")
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")


def _parse_term(text: str, places: int, currency: str) -> int:
    if "," in text and not _GROUPED.match(text):
        raise AmountError("amount_malformed", f"Misplaced thousands separator in {text!r}")
    plain = text.replace(",", "")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise AmountError("amount_malformed", f"{text!r} is not a number") from None
    scaled = value.scaleb(places)
    if scaled != scaled.to_integral_value():
        unit = "no decimals" if places == 0 else f"at most {places} decimals"
        raise AmountError("amount_too_many_decimals", f"{currency} amounts take {unit}")
    return int(scaled)


def parse_amount(text: str, currency: str) -> int:
    """Parse what a teller typed into minor units of `currency`.

    Accepts plain numbers, thousands separators and sums/differences of terms. Raises
    AmountError with a reason code for anything else; the result may be zero or
    negative (a sum can be), which the payment rules reject with their own reason.
    """
    places = exponent(currency)
    source = text.strip()
    if not source:
        raise AmountError("amount_missing", "Enter an amount")
    if len(source) > 64:
        raise AmountError("amount_malformed", "That amount is far too long")
    position, total, terms = 0, 0, 0
    while position < len(source):
        match = _TERM.match(source, position)
        if match is None or match.end() == position:
            raise AmountError(
                "amount_malformed",
                f"Cannot read {source!r}: use digits, one '.', ',' between thousands, '+' or '-'",
            )
        sign, number = match.groups()
        if terms and not sign:
            raise AmountError("amount_malformed", f"Missing '+' or '-' before {number!r}")
        value = _parse_term(number, places, currency)
        total += -value if sign == "-" else value
        terms += 1
        position = match.end()
    if abs(total) > max_minor_units(currency):
        raise AmountError(
            "amount_too_large",
            f"Amounts above {format_minor(max_minor_units(currency), currency)} {currency} "
            "are refused",
        )
    return total


def format_money(minor: int, currency: str) -> str:
    """An amount as a teller reads it: 123456 EUR -> '1,234.56 EUR'."""
    return f"{format_minor(minor, currency)} {currency}"


def format_minor(minor: int, currency: str, grouping: bool = True) -> str:
    """Format minor units as a decimal string in major units: 123456 EUR -> '1,234.56'."""
    places = exponent(currency)
    sign = "-" if minor < 0 else ""
    whole, fraction = divmod(abs(minor), 10**places)
    whole_text = f"{whole:,}" if grouping else str(whole)
    if places == 0:
        return f"{sign}{whole_text}"
    return f"{sign}{whole_text}.{fraction:0{places}d}"
