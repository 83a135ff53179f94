"""XLSX: the CSV's rows in a worksheet written row by row (openpyxl write-only mode),
amounts as numbers in a currency format, dates as dates, and a Totals sheet.

Text is always made safe for the spreadsheet (domain.reporting.exports.text): control characters
XML cannot hold become U+FFFD and a would-be formula gets a leading apostrophe."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import Connection

from domain.kernel.money import exponent
from domain.payments.states import MONEY_MOVED
from domain.reporting.exports.common import (
    ExportError,
    ExportRefusal,
    ExportRequest,
    ExportSummary,
    Ticker,
    TickerFactory,
)
from domain.reporting.exports.csv_export import HEADER, scope_of
from domain.reporting.exports.text import cell_text
from domain.reporting.reports import count_payments, payment_rows

MAX_ROWS = 1_048_575  # the sheet's 1,048,576 rows minus the header
# Widths in characters, from the longest value each column can hold (ids are 36, account
# numbers up to 34, but bank account numbers seen in practice are shorter).
WIDTHS = (38, 13, 20, 17, 10, 18, 18, 16, 9, 14, 40, 38)


def currency_format(currency: str) -> str:
    places = exponent(currency)
    decimals = "." + "0" * places if places else ""
    return f'#,##0{decimals} "{currency}";-#,##0{decimals} "{currency}"'


def naive_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def write(
    conn: Connection, request: ExportRequest, path: Path, new_ticker: TickerFactory
) -> ExportSummary:
    scope = scope_of(request)
    total = count_payments(conn, scope)
    if total > MAX_ROWS:
        raise ExportError(
            f"{total:,} payments do not fit in one XLSX sheet "
            f"(at most {MAX_ROWS:,}); export CSV or a shorter period",
            "format",
            ExportRefusal.TOO_MANY_ROWS,
            {"count": f"{total:,}", "limit": f"{MAX_ROWS:,}"},
        )
    ticker = new_ticker(total)
    summary = ExportSummary(request.format, path)
    counts: dict[str, int] = {}
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Payments")
    sheet.freeze_panes = "A2"
    for number, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    header = []
    for name in HEADER:  # the bank's own words, safe as they are
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats: dict[str, tuple[str, int]] = {}
    try:
        _write_rows(conn, request, sheet, ticker, summary, formats, counts)
    except BaseException:
        # Finish the sheet's streaming writers, or they fail noisily when collected,
        # and drop their temporary file.
        sheet.close()
        if sheet._writer is not None:
            sheet._writer.cleanup()
        raise
    totals = book.create_sheet("Totals")
    totals.column_dimensions["A"].width = 10
    totals.column_dimensions["B"].width = 12
    totals.column_dimensions["C"].width = 22
    totals.append(
        [WriteOnlyCell(totals, value=name) for name in ("currency", "payments", "total amount")]
    )
    for currency in sorted(summary.totals):
        cell = WriteOnlyCell(
            totals, value=Decimal(summary.totals[currency]).scaleb(-formats[currency][1])
        )
        cell.number_format = formats[currency][0]
        totals.append([cell_text(currency), counts[currency], cell])
    book.save(path)
    ticker.finish()
    return summary


def _write_rows(
    conn: Connection,
    request: ExportRequest,
    sheet: WriteOnlyWorksheet,
    ticker: Ticker,
    summary: ExportSummary,
    formats: dict[str, tuple[str, int]],
    counts: dict[str, int],
) -> None:
    with closing(payment_rows(conn, scope_of(request))) as rows:
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
            if currency not in formats:
                formats[currency] = (currency_format(currency), exponent(currency))
            number_format, places = formats[currency]
            day = WriteOnlyCell(sheet, value=business_date)
            day.number_format = "yyyy-mm-dd"
            # Excel has no time zones: UTC, as in the CSV.
            moment = WriteOnlyCell(sheet, value=naive_utc(created_at))
            moment.number_format = "yyyy-mm-dd hh:mm:ss"
            # Decimal keeps the exact value; openpyxl writes it as a number, not text.
            money = WriteOnlyCell(sheet, value=Decimal(amount).scaleb(-places))
            money.number_format = number_format
            sheet.append(
                [
                    cell_text(payment_id),
                    day,
                    moment,
                    cell_text(kind),
                    cell_text(status),
                    cell_text(debit),
                    cell_text(credit),
                    money,
                    cell_text(currency),
                    cell_text(operator),
                    cell_text(reference),
                    cell_text(reverses),
                ]
            )
            if status in MONEY_MOVED:  # held, rejected, voided... never moved money
                summary.totals[currency] = summary.totals.get(currency, 0) + amount
                counts[currency] = counts.get(currency, 0) + 1
            summary.rows += 1
            ticker.advance()
