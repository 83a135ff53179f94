"""What a teller may type into an amount field, and what each mistake is called."""

from __future__ import annotations

from typing import Any, cast

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


@pytest.mark.parametrize(
    ("typed", "currency", "minor"),
    [
        ("1234.5", "EUR", 123_450),
        ("1,234.50", "EUR", 123_450),
        ("100+25.50", "EUR", 12_550),
        ("100 + 25.50 - 10", "EUR", 11_550),
        ("  42  ", "EUR", 4_200),
        (".5", "EUR", 50),
        ("1,000,000", "EUR", 100_000_000),
        ("1500", "JPY", 1_500),
        ("1,500", "JPY", 1_500),
        ("1.234", "KWD", 1_234),
        ("0.001", "KWD", 1),
        ("1,000,000,000", "EUR", 100_000_000_000),
        ("10-25", "EUR", -1_500),
    ],
)
def test_teller_can_type_amounts_with_separators_and_sums(
    typed: str, currency: str, minor: int
) -> None:
    assert parse_amount(typed, currency) == minor


@pytest.mark.parametrize(
    ("typed", "currency", "code"),
    [
        ("", "EUR", "amount_missing"),
        ("   ", "EUR", "amount_missing"),
        ("abc", "EUR", "amount_malformed"),
        ("1.234", "EUR", "amount_too_many_decimals"),
        ("12,34", "EUR", "amount_malformed"),
        ("1,2345.00", "EUR", "amount_malformed"),
        ("1e5", "EUR", "amount_malformed"),
        ("NaN", "EUR", "amount_malformed"),
        ("Infinity", "EUR", "amount_malformed"),
        ("--5", "EUR", "amount_malformed"),
        ("5 5", "EUR", "amount_malformed"),
        ("1.2.3", "EUR", "amount_malformed"),
        ("€5", "EUR", "amount_malformed"),
        ("1" * 65, "EUR", "amount_malformed"),
        (str(10**12), "EUR", "amount_too_large"),
        ("1,000,000,000.01", "EUR", "amount_too_large"),
        ("1.5", "JPY", "amount_too_many_decimals"),
        ("1.2345", "KWD", "amount_too_many_decimals"),
        ("5", "XXX", "unknown_currency"),
    ],
)
def test_unusable_amounts_are_refused_with_a_reason_code(
    typed: str, currency: str, code: str
) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(typed, currency)
    assert refused.value.code == code
    assert refused.value.message  # the form shows this sentence at the field


def test_refusal_for_too_many_decimals_says_how_many_the_currency_takes() -> None:
    with pytest.raises(AmountError, match="EUR amounts take at most 2 decimals"):
        parse_amount("1.234", "EUR")
    with pytest.raises(AmountError, match="JPY amounts take no decimals"):
        parse_amount("1.5", "JPY")


@pytest.mark.parametrize(
    ("minor", "currency", "shown"),
    [
        (123_456, "EUR", "1,234.56"),
        (-5, "EUR", "-0.05"),
        (0, "EUR", "0.00"),
        (1_500, "JPY", "1,500"),
        (1_234, "KWD", "1.234"),
    ],
)
def test_amounts_are_shown_in_major_units_with_the_currencys_decimals(
    minor: int, currency: str, shown: str
) -> None:
    assert format_minor(minor, currency) == shown


def test_formatting_refuses_floats_and_unknown_currencies() -> None:
    with pytest.raises(TypeError):
        format_money(cast(Any, 10.5), "EUR")  # deliberately not minor units
    with pytest.raises(AmountError) as refused:
        format_money(10, "ZZZ")
    assert refused.value.code == "unknown_currency"
    assert format_money(123_456, "EUR") == "1,234.56 EUR"


@st.composite
def minor_amounts(draw: st.DrawFn) -> tuple[int, str]:
    currency = draw(st.sampled_from(["EUR", "JPY", "KWD"]))
    limit = max_minor_units(currency)
    return draw(st.integers(min_value=-limit, max_value=limit)), currency


@given(minor_amounts(), st.booleans())
def test_what_is_shown_reads_back_as_the_same_amount(
    amount: tuple[int, str], grouping: bool
) -> None:
    minor, currency = amount
    assert parse_amount(format_minor(minor, currency, grouping=grouping), currency) == minor
