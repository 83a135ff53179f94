"""Money per locale: what is written is read back exactly, in every locale and exponent."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.kernel.money import (
    AmountError,
    format_minor,
    format_money,
    max_minor_units,
    parse_amount,
)

LOCALES = ("en_US", "zh_CN", "de_DE")
CURRENCIES = ("EUR", "CNY", "JPY", "KWD")  # exponents 2, 2, 0, 3


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
@given(data=st.data())
def test_what_is_formatted_is_parsed_back_to_the_same_minor_units(
    locale: str, currency: str, data: st.DataObject
) -> None:
    limit = max_minor_units(currency)
    minor = data.draw(st.integers(min_value=-limit, max_value=limit))
    for written in (
        format_money(minor, currency, locale),
        format_minor(minor, currency, locale=locale),
        format_minor(minor, currency, grouping=False, locale=locale),
    ):
        read = parse_amount(written, currency, locale)
        assert _is_int(read) and read == minor, written


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
@given(text=st.text(alphabet="0123456789.,+- abc€¥元x/*", max_size=20))
def test_garbage_is_refused_with_a_reason_or_read_as_an_int(
    locale: str, currency: str, text: str
) -> None:
    try:
        read = parse_amount(text, currency, locale)
    except AmountError as refused:
        assert refused.code.startswith("amount_") and refused.message
    else:
        assert _is_int(read)


@pytest.mark.parametrize(
    ("typed", "currency", "locale", "minor"),
    [
        ("1,234.50", "EUR", "en_US", 123_450),
        ("1,234.50", "CNY", "zh_CN", 123_450),
        ("1.234,50", "EUR", "de_DE", 123_450),
        ("1234,5", "EUR", "de_DE", 123_450),
        ("100+25,50-10", "EUR", "de_DE", 11_550),
        ("100+25.50-10", "CNY", "zh_CN", 11_550),
        ("¥1,234.50", "CNY", "zh_CN", 123_450),
        ("1,234.50 元", "CNY", "zh_CN", 123_450),
        ("1.234,50 €", "EUR", "de_DE", 123_450),
        ("1,234", "JPY", "en_US", 1_234),
        ("1.234,567", "KWD", "de_DE", 1_234_567),
        ("\u22121,000.00", "EUR", "en_US", -100_000),
    ],
)
def test_what_a_teller_of_the_locale_types(typed: str, currency: str, locale: str, minor: int):
    assert parse_amount(typed, currency, locale) == minor


@pytest.mark.parametrize(
    ("typed", "currency", "locale", "reason", "words"),
    [
        ("1.234,50", "EUR", "en_US", "amount_malformed", "use digits, one '.', ','"),
        ("1,234.50", "EUR", "de_DE", "amount_malformed", "use digits, one ',', '.'"),
        ("1,23,4", "CNY", "zh_CN", "amount_malformed", "Misplaced thousands separator ','"),
        ("12,5", "JPY", "de_DE", "amount_too_many_decimals", "JPY amounts take no decimals"),
        ("1.2345", "KWD", "zh_CN", "amount_too_many_decimals", "at most 3 decimals"),
        ("abc", "CNY", "zh_CN", "amount_malformed", "Cannot read 'abc'"),
        ("10 20", "EUR", "en_US", "amount_malformed", "Missing '+' or '-'"),
        ("元", "CNY", "zh_CN", "amount_missing", "Enter an amount"),
    ],
)
def test_garbage_gets_a_clear_reason(
    typed: str, currency: str, locale: str, reason: str, words: str
) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(typed, currency, locale)
    assert refused.value.code == reason and words in refused.value.message


def test_how_each_locale_writes_money() -> None:
    assert format_money(123_450, "CNY", "zh_CN") == "¥1,234.50"
    assert format_money(123_450, "EUR", "de_DE") == "1.234,50\xa0€"
    assert format_money(123_450, "EUR", "en_US") == "€1,234.50"
    assert format_money(1_234, "JPY", "en_US") == "¥1,234"
    assert format_money(1_234_567, "KWD", "de_DE") == "1.234,567\xa0KWD"
    # Without a locale (exports, the command line): the same on every machine.
    assert format_money(123_450, "CNY") == "1,234.50 CNY"


@pytest.mark.parametrize("not_money", [12.5, True, "1250"])
def test_no_float_nor_bool_is_formatted(not_money: Any) -> None:
    # Typed Any on purpose: what a caller outside the type checker might pass.
    with pytest.raises(TypeError):
        format_money(not_money, "EUR", "en_US")
    with pytest.raises(TypeError):
        format_minor(not_money, "EUR")
