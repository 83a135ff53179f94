"""A drawer session's report, laid out once as sections of rows, shown on screen and
printed to PDF (reportlab) from the same layout."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from domain.drawers.queries import DrawerReport
from domain.kernel.money import format_minor
from domain.kernel.pdf_fonts import pdf_fonts

# Turns the report's English words into the reader's language; the desk passes Qt's
# translation (the domain stays free of Qt), exports and tests keep English.
Words = Callable[[str], str]


def _english(text: str) -> str:
    return text


@dataclass(frozen=True)
class Section:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def _counts(
    report: DrawerReport, counts: dict[int, int], words: Words = _english
) -> Sequence[tuple[str, ...]]:
    cur = report.session.currency
    return [
        (format_minor(d, cur), str(counts.get(d, 0)), format_minor(d * counts.get(d, 0), cur))
        for d in report.denominations
        if counts.get(d, 0)
    ] or [(words("(nothing counted)"), "", "")]


def title(report: DrawerReport, words: Words = _english) -> str:
    s = report.session
    return words("Drawer report — {drawer}, teller {teller}, session {session}").format(
        drawer=s.drawer_account, teller=s.teller, session=s.session_id[:8]
    )


def sections(report: DrawerReport, words: Words = _english) -> list[Section]:
    s = report.session
    cur = s.currency

    def amount(minor: int | None) -> str:
        return "—" if minor is None else f"{format_minor(minor, cur)} {cur}"

    summary: list[tuple[str, ...]] = [
        (words("State"), words(s.state)),
        (words("Started"), _when(s.started_at)),
        (words("Opening count"), amount(report.opening_counted)),
        (words("Opening expected"), amount(report.opening_expected)),
        (words("Opening approved by"), report.opening_approved_by or "—"),
        (words("Cash in"), amount(sum(m.cash_in for m in report.movements))),
        (words("Cash out"), amount(sum(m.cash_out for m in report.movements))),
        # Blind close: the expected total is known only once the closing count is in.
        (
            words("Closing expected"),
            amount(report.expected)
            if report.counted is not None
            else words("shown after the closing count"),
        ),
        (words("Closing counted"), amount(report.counted)),
        (words("Difference"), amount(report.difference)),
        (words("Counted by"), report.counted_by or "—"),
        (words("Closed by"), report.closed_by or "—"),
        (words("Closed at"), _when(report.closed_at)),
        (words("Difference approved by"), report.approved_by or "—"),
    ]
    movements: list[tuple[str, ...]] = [
        (
            _when(m.at),
            words(m.kind.replace("_", " ")),
            m.counterpart,
            format_minor(m.cash_in, cur) if m.cash_in else "",
            format_minor(m.cash_out, cur) if m.cash_out else "",
            m.operator,
            m.payment_id[:8],
        )
        for m in report.movements
    ]
    overrides: list[tuple[str, ...]] = [
        (words(o["action"].replace("_", " ")), o["maker"], o["approver"], o["detail"])
        for o in report.overrides
    ]
    count_columns = tuple(map(words, ("Denomination", "Pieces", "Total")))
    return [
        Section(words("Summary"), ("", ""), summary),
        Section(
            words("Opening count"),
            count_columns,
            _counts(report, report.opening_counts, words),
        ),
        Section(
            words("Cash movements"),
            tuple(map(words, ("Time", "Kind", "Counterpart", "In", "Out", "Operator", "Payment"))),
            movements or [(words("(none)"),)],
        ),
        Section(
            words("Closing count"),
            count_columns,
            _counts(report, report.closing_counts, words),
        ),
        Section(
            words("Supervisor approvals"),
            tuple(map(words, ("Action", "Maker", "Approver", "Detail"))),
            overrides or [(words("(none)"),)],
        ),
    ]


def write_pdf(report: DrawerReport, path: str | Path, words: Words = _english) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    target = Path(path)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        title=title(report, words),
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
    )
    laid_out = sections(report, words)
    font, bold = pdf_fonts(
        [title(report, words)]
        + [s.title for s in laid_out]
        + [cell for s in laid_out for row in (s.header, *s.rows) for cell in row]
    )
    for style in ("Title", "Heading2"):
        styles[style].fontName = bold
    story: list[object] = [Paragraph(title(report, words), styles["Title"])]
    for section in laid_out:
        story.append(Paragraph(section.title, styles["Heading2"]))
        width = len(section.header)
        rows = [list(section.header)] if any(section.header) else []
        rows += [list(row) + [""] * (width - len(row)) for row in section.rows]
        table = Table(rows, hAlign="LEFT", repeatRows=1 if any(section.header) else 0)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    (
                        "BACKGROUND",
                        (0, 0),
                        (-1, 0),
                        colors.whitesmoke if any(section.header) else colors.white,
                    ),
                ]
            )
        )
        story += [table, Spacer(1, 8)]
    doc.build(story)
    return target
