"""CSV: UTF-8, RFC 4180 (comma, CRLF, quotes doubled), one payment per row."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Connection

from domain.exports.common import ExportRequest, ExportSummary, TickerFactory, utc_timestamp
from domain.money import exponent, format_minor
from domain.reports import ReportScope, count_payments, payment_rows

HEADER = ("payment_id", "business_date", "created_at", "kind", "status", "debit_account",
          "credit_account", "amount", "currency", "operator", "reference")


def scope_of(request: ExportRequest) -> ReportScope:
    return ReportScope(request.date_from, request.date_to, request.account_id, request.teller)


def write(conn: Connection, request: ExportRequest, path: Path,
          new_ticker: TickerFactory) -> ExportSummary:
    scope = scope_of(request)
    ticker = new_ticker(count_payments(conn, scope))
    summary = ExportSummary(request.format, path)
    totals = summary.totals
    places: dict[str, int] = {}
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
        writer.writerow(HEADER)
        # The loop is the hot path of a million-row export: amounts are formatted inline
        # (same output as money.format_minor(grouping=False)) rather than per-row calls.
        batch: list[tuple[object, ...]] = []
        batch_size = min(500, ticker.every)
        for (payment_id, business_date, created_at, kind, status, debit, credit, amount,
             currency, operator, reference) in payment_rows(conn, scope):
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
            batch.append((payment_id, business_date.isoformat(), utc_timestamp(created_at),
                           kind, status, debit, credit, text, currency, operator, reference))
            totals[currency] = totals.get(currency, 0) + amount
            if len(batch) == batch_size:
                writer.writerows(batch)
                rows += batch_size
                batch.clear()
                ticker.advance(batch_size)
        writer.writerows(batch)
        rows += len(batch)
    summary.rows = rows
    ticker.done = rows
    ticker.finish()
    return summary
