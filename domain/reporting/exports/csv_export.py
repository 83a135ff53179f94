"""CSV: UTF-8, RFC 4180 (comma, CRLF, quotes doubled), one payment per row.

Text fields that a spreadsheet would evaluate get a leading apostrophe unless the request
asks for them raw (domain.reporting.exports.text); amounts are numbers and are never touched."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from domain.kernel.money import exponent, format_minor
from domain.payments.states import MONEY_MOVED
from domain.reporting.exports.common import (
    ExportRequest,
    ExportSummary,
    Ticker,
    TickerFactory,
    utc_timestamp,
)
from domain.reporting.exports.text import FORMULA_STARTS, formula_safe
from domain.reporting.reports import ReportScope, count_payments, payment_batches

HEADER = (
    "payment_id",
    "business_date",
    "keyed_at",
    "kind",
    "status",
    "debit_account",
    "credit_account",
    "amount",
    "currency",
    "operator",
    "reference",
    "reverses",
)


def scope_of(request: ExportRequest) -> ReportScope:
    return ReportScope(request.date_from, request.date_to, request.account_id, request.teller)


def _day(value: date | str) -> str:
    return value if isinstance(value, str) else value.isoformat()


def _moment(value: datetime | str) -> str:
    if isinstance(value, str):  # SQLite's own text, UTC: 'YYYY-MM-DD HH:MM:SS.ffffff'
        return f"{value[:10]}T{value[11:]}Z"
    return utc_timestamp(value)


# Any field of a row starting like a formula, the fields joined by newlines: a few
# substring searches clear a whole batch of harmless text. A hit may be a false alarm (a
# newline inside a field), which only sends that batch through the exact test per field.
_AFTER_A_BREAK = tuple("\n" + start for start in FORMULA_STARTS)


def _may_hold_a_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) or any(start in text for start in _AFTER_A_BREAK)


_GUARDED = itemgetter(0, 5, 6, 9, 10, 11)  # ids, accounts, operator, reference, reverses


def _batches(
    conn: Connection,
    scope: ReportScope,
    ticker: Ticker,
    summary: ExportSummary,
    neutralise: bool = True,
) -> Iterator[list[tuple[object, ...]]]:
    """The CSV lines a batch at a time. This loop is the hot path of a million-row export:
    amounts are formatted inline (as money.format_minor(grouping=False) would), the
    formula guard runs once per batch, and progress is reported per batch, not per row."""
    step = max(1, min(1000, ticker.every))
    with closing(payment_batches(conn, scope, dates_as_stored=True)) as batches:
        for fetched in batches:
            for at in range(0, len(fetched), step):
                lines = _formatted(fetched[at : at + step], summary, neutralise)
                yield lines
                summary.rows += len(lines)
                ticker.advance(len(lines))


def _formatted(
    rows: Sequence[Any], summary: ExportSummary, neutralise: bool = True
) -> list[tuple[object, ...]]:
    totals = summary.totals
    # Per currency: its exponent, and 10 ** exponent.
    places: dict[str, tuple[int, int]] = {}
    last_currency, exp, unit = "", 0, 1
    moved = MONEY_MOVED
    lines: list[tuple[object, ...]] = []
    line = lines.append
    for (
        payment_id,
        business_date,
        created_at,
        kind,
        status,
        debit,
        credit,
        amount,
        currency,
        operator,
        reference,
        reverses,
    ) in rows:
        if currency != last_currency:
            found = places.get(currency)
            if found is None:
                found = places[currency] = (exponent(currency), 10 ** exponent(currency))
            (exp, unit), last_currency = found, currency
        if amount < 0:
            text = format_minor(amount, currency, grouping=False)
        elif exp == 2:
            text = f"{amount // 100}.{amount % 100:02d}"
        elif exp:
            whole, fraction = divmod(amount, unit)
            text = f"{whole}.{fraction:0{exp}d}"
        else:
            text = str(amount)
        if status in moved:
            totals[currency] = totals.get(currency, 0) + amount
        line(
            (
                payment_id,
                # The two dates inline: SQLite's text most of the time (see _day, _moment).
                business_date if type(business_date) is str else _day(business_date),
                f"{created_at[:10]}T{created_at[11:]}Z"
                if type(created_at) is str
                else _moment(created_at),
                kind,
                status,
                debit,
                credit,
                text,
                currency,
                operator,
                reference,
                reverses,
            )
        )
    # Kind, status and currency are the bank's own codes; the other text may come from
    # anyone. Nearly every batch is harmless: one search for all of it, no copy.
    if neutralise and _may_hold_a_formula("\n".join(chain.from_iterable(map(_GUARDED, lines)))):
        lines = [_guarded(row) for row in lines]
    return lines


def _guarded(row: tuple[Any, ...]) -> tuple[object, ...]:
    payment_id, day, moment, kind, status, debit, credit, text, currency, *rest = row
    operator, reference, reverses = rest
    return (
        formula_safe(payment_id),
        day,
        moment,
        kind,
        status,
        formula_safe(debit),
        formula_safe(credit),
        text,
        currency,
        formula_safe(operator),
        formula_safe(reference),
        formula_safe(reverses),
    )


def write(
    conn: Connection, request: ExportRequest, path: Path, new_ticker: TickerFactory
) -> ExportSummary:
    scope = scope_of(request)
    ticker = new_ticker(count_payments(conn, scope))
    summary = ExportSummary(request.format, path)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
        writer.writerow(HEADER)
        for lines in _batches(conn, scope, ticker, summary, request.neutralise_formulas):
            writer.writerows(lines)
    ticker.done = summary.rows
    ticker.finish()
    return summary
