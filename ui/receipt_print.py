"""A receipt on paper: one QPainter drawing for an 80 mm thermal roll or an A4 sheet.

The same drawing goes to any installed printer (QPrinter) or, when there is none, to a
PDF (QPdfWriter), so the slip the customer keeps and the PDF a test reads back are one.
Qt embeds the fonts it draws with, so Chinese text stays text in the PDF (with a CJK
font such as WenQuanYi Micro Hei installed: scripts/install-system-deps.sh).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import segno
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from domain.reporting.receipts import Receipt
from ui.formatting import kind_label, local_datetime_short, money, status_label

LAYOUTS = ("80mm", "a4")
# Fonts tried in order; Qt falls back per character when a glyph is missing.
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans", "DejaVu Sans"]


@dataclass(frozen=True)
class PaperLayout:
    width_mm: float
    height_mm: float
    margin_mm: float
    point_size: float
    qr_mm: float


PAPER = {
    # A thermal roll is cut after the slip; 160 mm holds the longest one with its QR code.
    "80mm": PaperLayout(80, 160, 4, 7.5, 28),
    "a4": PaperLayout(210, 297, 20, 11, 40),
}


def receipt_lines(receipt: Receipt) -> list[tuple[str, str]]:
    """The slip's facts as (label, value), in the order they print."""
    lines = [
        (
            QCoreApplication.translate("Receipt", "Date and time"),
            local_datetime_short(receipt.created_at),
        ),
        (QCoreApplication.translate("Receipt", "Business date"), receipt.business_date.isoformat()),
        (QCoreApplication.translate("Receipt", "Desk"), receipt.desk),
        (QCoreApplication.translate("Receipt", "Teller"), receipt.teller),
        (QCoreApplication.translate("Receipt", "Payment id"), receipt.payment_id),
        (QCoreApplication.translate("Receipt", "Kind"), kind_label(receipt.kind)),
        (QCoreApplication.translate("Receipt", "From account"), receipt.debit_account),
        (QCoreApplication.translate("Receipt", "To account"), receipt.credit_account),
        (QCoreApplication.translate("Receipt", "Amount"), money(receipt.amount, receipt.currency)),
        (QCoreApplication.translate("Receipt", "Currency"), receipt.currency),
        (QCoreApplication.translate("Receipt", "Reference"), receipt.reference or "—"),
        (QCoreApplication.translate("Receipt", "Status"), status_label(receipt.status)),
    ]
    if receipt.reverses:
        lines.append((QCoreApplication.translate("Receipt", "Reverses payment"), receipt.reverses))
    return lines


def paint_receipt(device: QPagedPaintDevice, receipt: Receipt, layout: str) -> None:
    paper = PAPER[layout]
    device.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(paper.width_mm, paper.height_mm), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(paper.margin_mm, paper.margin_mm, paper.margin_mm, paper.margin_mm),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(device)
    try:
        _draw(painter, device, receipt, paper)
    finally:
        painter.end()


def _draw(
    painter: QPainter, device: QPagedPaintDevice, receipt: Receipt, paper: PaperLayout
) -> None:
    dots_per_mm = device.logicalDpiX() / 25.4
    page = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    width = page.width()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(paper.point_size)
    bold = QFont(font)
    bold.setBold(True)
    big = QFont(bold)
    big.setPointSizeF(paper.point_size * 1.4)
    y = 0.0

    def centred(text: str, which: QFont) -> None:
        nonlocal y
        painter.setFont(which)
        height = QFontMetricsF(which, device).height()
        painter.drawText(
            QRectF(0, y, width, height * 3),
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            text,
        )
        y += painter.boundingRect(
            QRectF(0, 0, width, height * 3),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
            text,
        ).height()

    centred(receipt.bank, big)
    if receipt.branch:
        centred(receipt.branch, font)
    y += QFontMetricsF(font, device).height() * 0.5
    centred(QCoreApplication.translate("Receipt", "RECEIPT"), bold)
    if receipt.copy:
        centred(QCoreApplication.translate("Receipt", "COPY — reprint"), big)
    y += QFontMetricsF(font, device).height() * 0.5
    painter.setPen(QColor("black"))
    painter.drawLine(0, int(y), int(width), int(y))
    y += QFontMetricsF(font, device).height() * 0.4

    label_width = width * (0.36 if paper.width_mm < 100 else 0.3)
    flags = int(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWrapAnywhere
    )
    for label, value in receipt_lines(receipt):
        painter.setFont(font)
        painter.drawText(QRectF(0, y, label_width, 1000), flags, label)
        label_height = painter.boundingRect(QRectF(0, 0, label_width, 1000), flags, label).height()
        value_font = bold if label == QCoreApplication.translate("Receipt", "Amount") else font
        painter.setFont(value_font)
        left = label_width
        if " " not in value and QFontMetricsF(value_font, device).horizontalAdvance(value) > (
            width - label_width
        ):
            # An id must stay whole to be read back and typed: its own line, full width.
            y += label_height
            left = 0.0
        value_rect = QRectF(left, y, width - left, 1000)
        painter.drawText(value_rect, flags, value)
        value_height = painter.boundingRect(QRectF(0, 0, width - left, 1000), flags, value).height()
        if left == 0.0:
            label_height = 0.0
        y += max(label_height, value_height) + QFontMetricsF(font, device).height() * 0.15
    y += QFontMetricsF(font, device).height() * 0.5
    painter.drawLine(0, int(y), int(width), int(y))
    y += QFontMetricsF(font, device).height() * 0.6
    _draw_qr(
        painter,
        receipt.qr_payload,
        (width - paper.qr_mm * dots_per_mm) / 2,
        y,
        paper.qr_mm * dots_per_mm,
    )
    y += paper.qr_mm * dots_per_mm + QFontMetricsF(font, device).height() * 0.5
    centred(
        QCoreApplication.translate(
            "Receipt", "Scan or type the payment id at the desk (Ctrl+F) to find this payment."
        ),
        font,
    )
    centred(QCoreApplication.translate("Receipt", "Please keep this receipt."), font)


def _draw_qr(painter: QPainter, payload: str, left: float, top: float, size: float) -> None:
    qr = segno.make(payload, error="m", micro=False)
    matrix = list(qr.matrix)
    modules = len(matrix)
    cell = size / modules
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for row, values in enumerate(matrix):
        for column, dark in enumerate(values):
            if dark:
                painter.drawRect(QRectF(left + column * cell, top + row * cell, cell, cell))
    painter.restore()


def write_receipt_pdf(receipt: Receipt, layout: str, path: Path) -> Path:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("Receipt", "Receipt") + f" {receipt.payment_id}")
    writer.setCreator("Teller Desk")
    paint_receipt(writer, receipt, layout)
    return path


def print_receipt(receipt: Receipt, layout: str, pdf_folder: Path) -> str:
    """Print on the desk's default printer; with none installed, write a PDF in
    `pdf_folder`. Returns where it went, as the teller reads it."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    default = QPrinterInfo.defaultPrinter()
    if not default.isNull():
        printer = QPrinter(default, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(
            QCoreApplication.translate("Receipt", "Receipt") + f" {receipt.payment_id}"
        )
        paint_receipt(printer, receipt, layout)
        return QCoreApplication.translate("Receipt", "printer {name}").format(
            name=default.printerName()
        )
    pdf_folder.mkdir(parents=True, exist_ok=True)
    suffix = "-copy" if receipt.copy else ""
    target = pdf_folder / f"receipt-{receipt.payment_id}{suffix}.pdf"
    write_receipt_pdf(receipt, layout, target)
    return str(target)
