"""Money is an integer count of minor units plus an ISO 4217 currency. Never a float.

Parsing and formatting live here, at the edge; everything inside works on integers.
The teller may type `1234.5`, `1,234.50` or a sum such as `100+25.50-10`; given a locale,
its decimal and group signs (Babel's CLDR data), so `1.234,50` in de_DE. Without a
locale (exports, the command line) the signs are '.' and ',' and the code follows the
figure, the same on every machine.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from babel import Locale
from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol, parse_pattern

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


class AmountRefusal(StrEnum):
    """Why an amount cannot be used: stable codes the desk translates (ui.messages)."""

    MISSING = "amount_missing"
    MALFORMED = "amount_malformed"
    TOO_MANY_DECIMALS = "amount_too_many_decimals"
    TOO_LARGE = "amount_too_large"
    NOT_POSITIVE = "amount_not_positive"
    # A payment's amount of exactly nothing, or below it (domain.payments.rules).
    ZERO = "amount_zero"
    NEGATIVE = "amount_negative"
    UNKNOWN_CURRENCY = "unknown_currency"


class AmountError(ValueError):
    """An amount the teller typed cannot be used, and why."""

    def __init__(self, code: AmountRefusal, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def exponent(currency: str) -> int:
    try:
        return CURRENCY_EXPONENTS[currency]
    except KeyError:
        raise AmountError(
            AmountRefusal.UNKNOWN_CURRENCY, f"Unknown currency {currency!r}"
        ) from None


def minor_per_major(currency: str) -> int:
    """How many minor units make one major unit: 100 for EUR, 1 for JPY."""
    return int(10 ** exponent(currency))


def max_minor_units(currency: str) -> int:
    return MAX_MAJOR_UNITS * minor_per_major(currency)


_MINUS_SIGNS = "\u2212\u2012\u2013"  # what a paste from a document may bring for '-'
_SPACES = "\u00a0\u202f\u2009"  # Babel puts these between figure and symbol
# Written after or before the figure by tellers, besides the code and the locale's symbol.
_EXTRA_SYMBOLS = {"CNY": ("元", "¥", "￥", "CN¥", "RMB"), "JPY": ("円", "¥", "￥", "JP¥")}


@lru_cache(maxsize=64)
def _signs(locale: str | None) -> tuple[str, str]:
    """(decimal sign, group sign) of `locale`; '.' and ',' without one."""
    if locale is None:
        return ".", ","
    return get_decimal_symbol(locale), get_group_symbol(locale)


@lru_cache(maxsize=256)
def _patterns(locale: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    point, group = (re.escape(sign) for sign in _signs(locale))
    number = rf"[0-9][0-9{group}]*(?:{point}[0-9]*)?|{point}[0-9]+"
    term = re.compile(rf"\s*([+-]?)\s*({number})\s*")
    grouped = re.compile(rf"^[0-9]{{1,3}}({group}[0-9]{{3}})+({point}[0-9]*)?$")
    return term, grouped


def _symbols(currency: str, locale: str | None) -> list[str]:
    found = {currency, *_EXTRA_SYMBOLS.get(currency, ())}
    if locale is not None:
        found.add(get_currency_symbol(currency, locale))
    return sorted(found, key=len, reverse=True)  # 'CN¥' goes before '¥'


def _parse_term(text: str, places: int, currency: str, locale: str | None) -> int:
    point, group = _signs(locale)
    if group in text and not _patterns(locale)[1].match(text):
        raise AmountError(
            AmountRefusal.MALFORMED, f"Misplaced thousands separator {group!r} in {text!r}"
        )
    plain = text.replace(group, "").replace(point, ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise AmountError(AmountRefusal.MALFORMED, f"{text!r} is not a number") from None
    scaled = value.scaleb(places)
    if scaled != scaled.to_integral_value():
        unit = "no decimals" if places == 0 else f"at most {places} decimals"
        raise AmountError(AmountRefusal.TOO_MANY_DECIMALS, f"{currency} amounts take {unit}")
    return int(scaled)


def parse_amount(text: str, currency: str, locale: str | None = None) -> int:
    """Parse what a teller typed into minor units of `currency`.

    Accepts plain numbers, thousands separators and sums/differences of terms, with the
    decimal and group signs of `locale` (None: '.' and ','), and the currency's code or
    symbol anywhere (pasted from a slip: `¥1,234.50`, `1.234,50 €`). Raises AmountError
    with a reason code for anything else; the result may be zero or negative (a sum can
    be), which the payment rules reject with their own reason.
    """
    places = exponent(currency)
    point, group = _signs(locale)
    source = text.strip()
    if not source:
        raise AmountError(AmountRefusal.MISSING, "Enter an amount")
    if len(source) > 64:
        raise AmountError(AmountRefusal.MALFORMED, "That amount is far too long")
    for minus in _MINUS_SIGNS:
        source = source.replace(minus, "-")
    for space in _SPACES:
        source = source.replace(space, " " if group != space else group)
    for symbol in _symbols(currency, locale):
        source = source.replace(symbol, " ")
    source = source.strip()
    if not source:
        raise AmountError(AmountRefusal.MISSING, "Enter an amount")
    term_pattern = _patterns(locale)[0]
    position = 0
    terms: list[tuple[str, str]] = []
    while position < len(source):
        match = term_pattern.match(source, position)
        if match is None or match.end() == position:
            raise AmountError(
                AmountRefusal.MALFORMED,
                f"Cannot read {text.strip()!r}: use digits, one {point!r}, {group!r} between "
                "thousands, '+' or '-'",
            )
        sign, number = match.groups()
        if terms and not sign:
            raise AmountError(AmountRefusal.MALFORMED, f"Missing '+' or '-' before {number!r}")
        terms.append((sign, number))
        position = match.end()
    # Read every term once the whole text is known to be a sum: '1.234,50' in en is a
    # misplaced separator, not an amount with too many decimals.
    total = 0
    for sign, number in terms:
        value = _parse_term(number, places, currency, locale)
        total += -value if sign == "-" else value
    if abs(total) > max_minor_units(currency):
        raise AmountError(
            AmountRefusal.TOO_LARGE,
            f"Amounts above {format_minor(max_minor_units(currency), currency, locale=locale)} "
            f"{currency} are refused",
        )
    return total


def format_money(minor: int, currency: str, locale: str | None = None) -> str:
    """An amount as a teller reads it. Without a locale: 123456 EUR -> '1,234.56 EUR', the
    same everywhere (exports, the command line); with one, as CLDR writes it there:
    '¥1,234.56' in zh_CN, '1.234,56 €' in de_DE."""
    if locale is None:
        return f"{format_minor(minor, currency)} {currency}"
    _require_int(minor)
    places = exponent(currency)
    # Decimal from an int, scaled by a power of ten: exact, never through a float.
    value = Decimal(minor).scaleb(-places)
    # The locale's pattern (symbol and its place, grouping), with exactly as many decimals
    # as CURRENCY_EXPONENTS says: ours decide, not CLDR's table of currency digits.
    pattern = parse_pattern(Locale.parse(locale).currency_formats["standard"])
    pattern.frac_prec = (places, places)
    return str(pattern.apply(value, locale, currency=currency, currency_digits=False))


def _require_int(minor: object) -> None:
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise TypeError(f"money is an int of minor units, not {type(minor).__name__}")


def format_minor(
    minor: int, currency: str, grouping: bool = True, locale: str | None = None
) -> str:
    """Format minor units as a decimal string in major units: 123456 EUR -> '1,234.56'
    ('1.234,56' in de_DE)."""
    _require_int(minor)
    places = exponent(currency)
    point, group = _signs(locale)
    sign = "-" if minor < 0 else ""
    whole, fraction = divmod(abs(minor), 10**places)
    whole_text = f"{whole:,}".replace(",", group) if grouping else str(whole)
    if places == 0:
        return f"{sign}{whole_text}"
    return f"{sign}{whole_text}{point}{fraction:0{places}d}"
