"""A drawer session's report, laid out once as sections of rows, shown on screen and
printed to PDF (reportlab) from the same layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from domain.drawers.queries import DrawerReport
from domain.kernel.money import format_minor


@dataclass(frozen=True)
class Section:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def _counts(report: DrawerReport, counts: dict[int, int]) -> Sequence[tuple[str, ...]]:
    cur = report.session.currency
    return [
        (format_minor(d, cur), str(counts.get(d, 0)), format_minor(d * counts.get(d, 0), cur))
        for d in report.denominations
        if counts.get(d, 0)
    ] or [("(nothing counted)", "", "")]


def title(report: DrawerReport) -> str:
    s = report.session
    return f"Drawer report — {s.drawer_account}, teller {s.teller}, session {s.session_id[:8]}"


def sections(report: DrawerReport) -> list[Section]:
    s = report.session
    cur = s.currency

    def amount(minor: int | None) -> str:
        return "—" if minor is None else f"{format_minor(minor, cur)} {cur}"

    summary: list[tuple[str, ...]] = [
        ("State", s.state),
        ("Started", _when(s.started_at)),
        ("Opening count", amount(report.opening_counted)),
        ("Opening expected", amount(report.opening_expected)),
        ("Opening approved by", report.opening_approved_by or "—"),
        ("Cash in", amount(sum(m.cash_in for m in report.movements))),
        ("Cash out", amount(sum(m.cash_out for m in report.movements))),
        # Blind close: the expected total is known only once the closing count is in.
        (
            "Closing expected",
            amount(report.expected)
            if report.counted is not None
            else "shown after the closing count",
        ),
        ("Closing counted", amount(report.counted)),
        ("Difference", amount(report.difference)),
        ("Counted by", report.counted_by or "—"),
        ("Closed by", report.closed_by or "—"),
        ("Closed at", _when(report.closed_at)),
        ("Difference approved by", report.approved_by or "—"),
    ]
    movements: list[tuple[str, ...]] = [
        (
            _when(m.at),
            m.kind.replace("_", " "),
            m.counterpart,
            format_minor(m.cash_in, cur) if m.cash_in else "",
            format_minor(m.cash_out, cur) if m.cash_out else "",
            m.operator,
            m.payment_id[:8],
        )
        for m in report.movements
    ]
    overrides: list[tuple[str, ...]] = [
        (o["action"].replace("_", " "), o["maker"], o["approver"], o["detail"])
        for o in report.overrides
    ]
    return [
        Section("Summary", ("", ""), summary),
        Section(
            "Opening count",
            ("Denomination", "Pieces", "Total"),
            _counts(report, report.opening_counts),
        ),
        Section(
            "Cash movements",
            ("Time", "Kind", "Counterpart", "In", "Out", "Operator", "Payment"),
            movements or [("(none)",)],
        ),
        Section(
            "Closing count",
            ("Denomination", "Pieces", "Total"),
            _counts(report, report.closing_counts),
        ),
        Section(
            "Supervisor approvals",
            ("Action", "Maker", "Approver", "Detail"),
            overrides or [("(none)",)],
        ),
    ]


def write_pdf(report: DrawerReport, path: str | Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    target = Path(path)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        title=title(report),
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
    )
    story: list[object] = [Paragraph(title(report), styles["Title"])]
    for section in sections(report):
        story.append(Paragraph(section.title, styles["Heading2"]))
        width = len(section.header)
        rows = [list(section.header)] if any(section.header) else []
        rows += [list(row) + [""] * (width - len(row)) for row in section.rows]
        table = Table(rows, hAlign="LEFT", repeatRows=1 if any(section.header) else 0)
        table.setStyle(
            TableStyle(
                [
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
