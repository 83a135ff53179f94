"""PDF: an account statement (with --account) or the teller journal, one section per day.

Drawn line by line on a reportlab canvas rather than with platypus tables, so a long
period streams page by page instead of being laid out in memory first. "Page N of M"
uses a form drawn once the page count is known. Text is real text in an embedded
TrueType font (DejaVu Sans when installed, else the Vera font shipped with reportlab), so
pdftotext and screen readers get it back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import Connection

from domain.kernel.money import format_minor
from domain.kernel.pdf_fonts import cjk_runs, has_cjk, pdf_fonts
from domain.ledger.queries import JournalEntry
from domain.payments.states import MONEY_MOVED
from domain.reporting.exports.common import (
    ExportRequest,
    ExportSummary,
    Ticker,
    TickerFactory,
    english,
)
from domain.reporting.exports.csv_export import scope_of
from domain.reporting.exports.text import xml_safe
from domain.reporting.reports import (
    account_header,
    count_payments,
    count_postings,
    credit_minus_debit_before,
    payment_lines,
    statement_entries,
)

FONT, BOLD = "TellerSans", "TellerSans-Bold"
_FONT_FILES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"),
        os.path.join(os.path.dirname(reportlab.__file__), "fonts", "VeraBd.ttf"),
    ),
)
SIZE = 8.5
LEADING = 12.5
MARGIN: float = 14 * mm


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = next((pair for pair in _FONT_FILES if os.path.exists(pair[0])), _FONT_FILES[-1])
    pdfmetrics.registerFont(TTFont(FONT, regular))
    pdfmetrics.registerFont(TTFont(BOLD, bold if os.path.exists(bold) else regular))


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # points
    right: bool = False


class PageWriter:
    """Lines of text under a repeated page header, with page numbers in the footer."""

    def __init__(
        self,
        path: Path,
        bank_name: str,
        title: str,
        wide: bool = False,
        words: Callable[[str], str] = english,
    ) -> None:
        _register_fonts()
        self.words = words
        # Chinese words take the PDF's standard CJK font; the others the embedded sans.
        self.font, self.bold = (FONT, BOLD)
        self.chinese = has_cjk(words(title))
        if self.chinese:
            self.font, self.bold = pdf_fonts([words(title)])
        title = words(title)
        self.page_size: tuple[float, float] = landscape(A4) if wide else A4
        self.canvas = Canvas(str(path), pagesize=self.page_size, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor(bank_name)
        self.bank_name = bank_name
        self.title = title
        # One sentence, so a language can put words after the count too ("共 1 页"): the
        # words before {pages} go on each page, the count and the words after it go in a
        # form that finish() draws once the count is known.
        self.footer_before, _, self.footer_after = words("Page {page} of {pages}").partition(
            "{pages}"
        )
        self.subtitle = ""
        self.columns: Sequence[Column] = ()
        self.page = 0
        self.y = 0.0
        self.generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

    @property
    def width(self) -> float:
        return self.page_size[0] - 2 * MARGIN

    def new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        top = self.page_size[1] - MARGIN
        self._draw(MARGIN, top - 4, self.bank_name, size=13, bold=True)
        self._draw(self.page_size[0] - MARGIN, top - 4, self.title, size=11, bold=True, right=True)
        self._draw(MARGIN, top - 20, self.subtitle, size=SIZE + 0.5)
        c.setLineWidth(0.6)
        c.line(MARGIN, top - 26, self.page_size[0] - MARGIN, top - 26)
        generated = self.words("Generated {when}").format(when=self.generated)
        self._draw(MARGIN, MARGIN - 4, generated, size=7.5)
        label = self.footer_before.format(page=self.page)
        right = self.page_size[0] - MARGIN - 24 - self._width(self.footer_after, 7.5, False)
        self._draw(right, MARGIN - 4, label, size=7.5, right=True)
        c.saveState()
        c.translate(right, MARGIN - 4)
        c.doForm("page_count")  # filled in by finish(), when the count is known
        c.restoreState()
        self.y = top - 42
        if self.columns:
            self._column_titles()

    def _column_titles(self) -> None:
        self._cells([self.words(column.title) for column in self.columns], bold=True)
        self.canvas.setLineWidth(0.3)
        self.canvas.line(MARGIN, self.y + LEADING - 3, MARGIN + self.width, self.y + LEADING - 3)

    def _room(self, lines: int = 1) -> None:
        if not self.page or self.y - lines * LEADING < MARGIN + 10:
            self.new_page()

    def _runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        """(font, text) pieces to draw `text` with. A Chinese document's CID font has no
        glyph for many European letters and signs (ß, £, ©, the middle dot of "a · b"),
        which a reader draws as boxes: there, all but the Chinese takes the embedded sans."""
        font = self.bold if bold else self.font
        if not self.chinese:
            return [(font, text)]
        latin = BOLD if bold else FONT
        return [(font if cjk else latin, run) for cjk, run in cjk_runs(text)]

    def _width(self, text: str, size: float, bold: bool) -> float:
        runs = self._runs(text, bold)
        return float(sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs))

    def _fit(self, text: str, width: float, bold: bool) -> str:
        if self._width(text, SIZE, bold) <= width:
            return text
        while text and self._width(text + "…", SIZE, bold) > width:
            text = text[:-1]
        return text + "…"

    def _draw(
        self, x: float, y: float, text: str, *, size: float, bold: bool = False, right: bool = False
    ) -> None:
        c = self.canvas
        if right:
            x -= self._width(text, size, bold)
        for font, run in self._runs(text, bold):
            c.setFont(font, size)
            c.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)

    def _cells(self, values: Sequence[str], bold: bool = False) -> None:
        x = MARGIN
        for column, value in zip(self.columns, values, strict=True):
            # Control characters stored before the domain refused them draw as U+FFFD.
            text = self._fit(xml_safe(value), column.width - 6, bold)
            if column.right:
                self._draw(x + column.width - 6, self.y, text, size=SIZE, bold=bold, right=True)
            else:
                self._draw(x, self.y, text, size=SIZE, bold=bold)
            x += column.width
        self.y -= LEADING

    def row(self, values: Sequence[str]) -> None:
        self._room()
        self._cells(values)

    def text(self, text: str, bold: bool = False, gap: float = 0) -> None:
        self._room(2)
        self.y -= gap
        self._draw(MARGIN, self.y, text, size=SIZE + 0.5, bold=bold)
        self.y -= LEADING

    def end_rows(self) -> None:
        """The table is over: a page the totals spill onto gets no column titles."""
        self.columns = ()

    def section(self, subtitle: str, columns: Sequence[Column]) -> None:
        """Start a new page with its own header and column titles."""
        self.subtitle = subtitle
        self.columns = columns
        self.new_page()

    def finish(self) -> None:
        if not self.page:
            self.new_page()
        c = self.canvas
        c.showPage()
        c.beginForm("page_count")
        self._draw(0, 0, f"{self.page}{self.footer_after}", size=7.5)
        c.endForm()
        c.save()


def _money(minor: int, currency: str) -> str:
    return f"{format_minor(minor, currency)}"


def _utc_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%H:%M:%S")


def write(
    conn: Connection, request: ExportRequest, path: Path, new_ticker: TickerFactory
) -> ExportSummary:
    if request.account_id is not None:
        return _statement(
            conn,
            request,
            path,
            new_ticker(
                count_postings(conn, request.account_id, request.date_from, request.date_to)
            ),
        )
    return _journal(conn, request, path, new_ticker(count_payments(conn, scope_of(request))))


# Sized with pdfmetrics.stringWidth at SIZE in the embedded sans, plus the 6 points
# between columns, within the A4 page's 515.9 points: Date "2026-03-04" 49.4; Time
# "23:59:59" 38.2; Kind "interbank transfer" 77.0 (its Chinese words are narrower);
# Counterparty the bank's own accounts, "DRAWER-TELLER12" 83.1, "OVERSHORT-EUR" 73.9,
# "CLEARING-EUR", "VAULT-EUR", and customer numbers (a full 34-character account id,
# rare, is still cut); Debit and Credit "999,999.99" 48.7; Balance "1,234,567.89" 56.8.
# Reference, free text up to 140 characters that is often cut anyway, takes the rest.
STATEMENT_COLUMNS = (
    Column("Date", 56),
    Column("Time", 45),
    Column("Kind", 84),
    Column("Counterparty", 90),
    Column("Reference", 67),
    Column("Debit", 55, True),
    Column("Credit", 55, True),
    Column("Balance", 63, True),
)


def _statement(
    conn: Connection, request: ExportRequest, path: Path, ticker: Ticker
) -> ExportSummary:
    assert request.account_id is not None
    header = account_header(conn, request.account_id)
    assert header is not None
    currency = header.currency
    summary = ExportSummary(request.format, path)
    opening = credit_minus_debit_before(conn, header.account_id, request.date_from)
    w = request.words
    pages = PageWriter(path, request.bank_name, "Account statement", words=w)
    period = w("{start} to {end}").format(
        start=request.date_from.isoformat(), end=request.date_to.isoformat()
    )
    pages.section(
        w("Account {account} · {holder} · {currency} · {period} · times in UTC").format(
            account=header.account_id,
            holder=header.holder_name,
            currency=currency,
            period=period,
        ),
        STATEMENT_COLUMNS,
    )
    pages.text(
        w("Opening balance on {date}: {amount}").format(
            date=request.date_from.isoformat(),
            amount=f"{_money(header.balance_of(opening), currency)} {currency}",
        ),
        bold=True,
    )
    running = opening
    debits = credits = debit_count = credit_count = 0
    with closing(
        statement_entries(conn, header.account_id, request.date_from, request.date_to)
    ) as entries:
        for entry in entries:
            running += entry.credit_minus_debit
            if entry.direction == "debit":
                debits += entry.amount
                debit_count += 1
            else:
                credits += entry.amount
                credit_count += 1
            pages.row(
                (
                    entry.business_date.isoformat(),
                    _utc_time(entry.created_at),
                    w(entry.kind.replace("_", " ")),
                    entry.counterparty,
                    entry.reference,
                    _money(entry.amount, currency) if entry.direction == "debit" else "",
                    _money(entry.amount, currency) if entry.direction == "credit" else "",
                    _money(header.balance_of(running), currency),
                )
            )
            summary.rows += 1
            ticker.advance()
    pages.end_rows()
    # English says "1 entry" and "2 entries"; the words are chosen here rather than by
    # Qt's plural forms, as the desk's translation passes text without a count.
    total_debits = (
        w("Total debits: {debits} entry, {debit_amount}")
        if debit_count == 1
        else w("Total debits: {debits} entries, {debit_amount}")
    )
    total_credits = (
        w("Total credits: {credits} entry, {credit_amount}")
        if credit_count == 1
        else w("Total credits: {credits} entries, {credit_amount}")
    )
    pages.text(
        total_debits.format(
            debits=debit_count, debit_amount=f"{_money(debits, currency)} {currency}"
        )
        + "    "
        + total_credits.format(
            credits=credit_count, credit_amount=f"{_money(credits, currency)} {currency}"
        ),
        gap=4,
    )
    pages.text(
        w("Closing balance on {date}: {amount}").format(
            date=request.date_to.isoformat(),
            amount=f"{_money(header.balance_of(running), currency)} {currency}",
        ),
        bold=True,
    )
    pages.finish()
    summary.totals[currency] = running - opening
    summary.balances[header.account_id] = (opening, running)
    ticker.finish()
    return summary


JOURNAL_COLUMNS = (
    Column("Keyed", 50),
    Column("Payment", 56),
    Column("Kind", 80),
    Column("From", 92),
    Column("To", 92),
    Column("Amount", 80, True),
    Column("Cur.", 34),
    Column("Status", 62),
    Column("Teller", 76),
    Column("Reference", 138),
)


def _journal(conn: Connection, request: ExportRequest, path: Path, ticker: Ticker) -> ExportSummary:
    summary = ExportSummary(request.format, path)
    w = request.words
    who = w("teller {teller}").format(teller=request.teller) if request.teller else w("all tellers")
    pages = PageWriter(path, request.bank_name, "Teller journal", wide=True, words=w)
    days = 0
    with closing(payment_lines(conn, scope_of(request))) as journal:
        for day, lines in groupby(journal, key=lambda line: line.business_date):
            days += 1
            pages.section(
                w("Business date {date} · {who} · times in UTC").format(
                    date=day.isoformat(), who=who
                ),
                JOURNAL_COLUMNS,
            )
            day_totals: dict[tuple[str, str], tuple[int, int]] = {}
            for line in lines:
                pages.row(_journal_cells(line, w))
                summary.rows += 1
                ticker.advance()
                if line.status not in MONEY_MOVED:  # listed, but it never moved money
                    continue
                key = (line.kind, line.currency)
                count, amount = day_totals.get(key, (0, 0))
                day_totals[key] = (count + 1, amount + line.amount)
                summary.totals[line.currency] = summary.totals.get(line.currency, 0) + line.amount
            pages.end_rows()
            _day_totals(pages, day, day_totals, w)
    if not days:
        pages.section(
            w("{start} to {end} · {who}").format(
                start=request.date_from.isoformat(), end=request.date_to.isoformat(), who=who
            ),
            (),
        )
        pages.text(w("No payments in this period."))
    else:
        listed = (
            w("Totals for the period: {amounts} moved; {rows} payment listed")
            if summary.rows == 1
            else w("Totals for the period: {amounts} moved; {rows} payments listed")
        )
        pages.text(
            listed.format(
                amounts="; ".join(
                    f"{_money(amount, currency)} {currency}"
                    for currency, amount in sorted(summary.totals.items())
                ),
                rows=summary.rows,
            ),
            bold=True,
            gap=6,
        )
    pages.finish()
    ticker.finish()
    return summary


def _keyed(line: JournalEntry) -> str:
    """When it was keyed; with the day too when that was not the day it was booked."""
    if line.keyed_date is not None and line.keyed_date != line.business_date:
        moment = line.created_at
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        return moment.strftime("%m-%d %H:%M")
    return _utc_time(line.created_at)


def _journal_cells(line: JournalEntry, w: Callable[[str], str] = english) -> tuple[str, ...]:
    return (
        _keyed(line),
        line.payment_id[:8],
        w(line.kind.replace("_", " ")),
        line.debit_account,
        line.credit_account,
        _money(line.amount, line.currency),
        line.currency,
        w(line.status),
        line.operator,
        line.reference,
    )


def _day_totals(
    pages: PageWriter,
    day: date,
    totals: dict[tuple[str, str], tuple[int, int]],
    w: Callable[[str], str] = english,
) -> None:
    pages.text(
        w("Totals for {date} (payments that moved money)").format(date=day.isoformat()),
        bold=True,
        gap=4,
    )
    for (kind, currency), (count, amount) in sorted(totals.items()):
        line = (
            w("{kind}: {count} payment, {amount}")
            if count == 1
            else w("{kind}: {count} payments, {amount}")
        )
        pages.text(
            "    "
            + line.format(
                kind=w(kind.replace("_", " ")),
                count=count,
                amount=f"{_money(amount, currency)} {currency}",
            )
        )
