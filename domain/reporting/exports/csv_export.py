"""CSV: UTF-8, RFC 4180 (comma, CRLF, quotes doubled), one payment per row.

Text fields that a spreadsheet would evaluate get a leading apostrophe unless the request
asks for them raw (domain.reporting.exports.text); amounts are numbers and are never touched."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row

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


def _lines(
    conn: Connection,
    scope: ReportScope,
    ticker: Ticker,
    summary: ExportSummary,
    neutralise: bool = True,
) -> Iterator[tuple[object, ...]]:
    """The CSV lines. This loop is the hot path of a million-row export: amounts are
    formatted inline (as money.format_minor(grouping=False) would) and progress is
    reported per batch, not per row."""
    with closing(payment_batches(conn, scope, dates_as_stored=True)) as batches:
        yield from _formatted(chain.from_iterable(batches), ticker, summary, neutralise)


def _formatted(
    rows: Iterator[Row[Any]], ticker: Ticker, summary: ExportSummary, neutralise: bool = True
) -> Iterator[tuple[object, ...]]:
    totals = summary.totals
    places: dict[str, int] = {}
    batch = min(500, ticker.every)
    starts = FORMULA_STARTS
    pending = 0
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
        exp = places.get(currency)
        if exp is None:
            exp = places[currency] = exponent(currency)
        if amount < 0:
            text = format_minor(amount, currency, grouping=False)
        elif exp:
            whole, fraction = divmod(amount, 10**exp)
            text = f"{whole}.{fraction:0{exp}d}"
        else:
            text = str(amount)
        if status in MONEY_MOVED:
            totals[currency] = totals.get(currency, 0) + amount
        # Kind, status and currency are the bank's own codes; the other text may come
        # from anyone. Nearly every row is harmless: one test per field, no copy.
        if neutralise and (
            reference.startswith(starts)
            or payment_id.startswith(starts)
            or debit.startswith(starts)
            or credit.startswith(starts)
            or operator.startswith(starts)
            or reverses.startswith(starts)
        ):
            payment_id, debit, credit, operator, reference, reverses = (
                formula_safe(payment_id),
                formula_safe(debit),
                formula_safe(credit),
                formula_safe(operator),
                formula_safe(reference),
                formula_safe(reverses),
            )
        yield (
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
        pending += 1
        if pending == batch:
            summary.rows += pending
            pending = 0
            ticker.advance(batch)
    summary.rows += pending


def write(
    conn: Connection, request: ExportRequest, path: Path, new_ticker: TickerFactory
) -> ExportSummary:
    scope = scope_of(request)
    ticker = new_ticker(count_payments(conn, scope))
    summary = ExportSummary(request.format, path)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(_lines(conn, scope, ticker, summary, request.neutralise_formulas))
    ticker.done = summary.rows
    ticker.finish()
    return summary
