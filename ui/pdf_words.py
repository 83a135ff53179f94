"""The words of an exported PDF (journal and statement) in the reader's language: one
table for the desk's export dialog and the command line's `export --format pdf`, without
widgets, so that the command line needs no QApplication to use it."""

from __future__ import annotations

from ui.formatting import STATUS_LABELS, status_label
from ui.translations import QT_TRANSLATE_NOOP, words_in

# The PDF's words (domain/reporting/exports/pdf_export.py writes them in English),
# marked here for lupdate and translated as the export writes them.
PDF_WORDS = (
    QT_TRANSLATE_NOOP("PdfExport", "Teller journal"),
    QT_TRANSLATE_NOOP("PdfExport", "Account statement"),
    QT_TRANSLATE_NOOP("PdfExport", "{start} to {end}"),
    QT_TRANSLATE_NOOP(
        "PdfExport", "Account {account} · {holder} · {currency} · {period} · times in UTC"
    ),
    QT_TRANSLATE_NOOP("PdfExport", "Opening balance on {date}: {amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "Total debits: {debits} entry, {debit_amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "Total debits: {debits} entries, {debit_amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "Total credits: {credits} entry, {credit_amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "Total credits: {credits} entries, {credit_amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "Closing balance on {date}: {amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "Date"),
    QT_TRANSLATE_NOOP("PdfExport", "Time"),
    QT_TRANSLATE_NOOP("PdfExport", "Counterparty"),
    QT_TRANSLATE_NOOP("PdfExport", "Debit"),
    QT_TRANSLATE_NOOP("PdfExport", "Credit"),
    QT_TRANSLATE_NOOP("PdfExport", "Balance"),
    QT_TRANSLATE_NOOP("PdfExport", "Generated {when}"),
    QT_TRANSLATE_NOOP("PdfExport", "Page {page} of {pages}"),
    QT_TRANSLATE_NOOP("PdfExport", "Keyed"),
    QT_TRANSLATE_NOOP("PdfExport", "Payment"),
    QT_TRANSLATE_NOOP("PdfExport", "Kind"),
    QT_TRANSLATE_NOOP("PdfExport", "From"),
    QT_TRANSLATE_NOOP("PdfExport", "To"),
    QT_TRANSLATE_NOOP("PdfExport", "Amount"),
    QT_TRANSLATE_NOOP("PdfExport", "Cur."),
    QT_TRANSLATE_NOOP("PdfExport", "Status"),
    QT_TRANSLATE_NOOP("PdfExport", "Teller"),
    QT_TRANSLATE_NOOP("PdfExport", "Reference"),
    QT_TRANSLATE_NOOP("PdfExport", "teller {teller}"),
    QT_TRANSLATE_NOOP("PdfExport", "all tellers"),
    QT_TRANSLATE_NOOP("PdfExport", "Business date {date} · {who} · times in UTC"),
    QT_TRANSLATE_NOOP("PdfExport", "{start} to {end} · {who}"),
    QT_TRANSLATE_NOOP("PdfExport", "No payments in this period."),
    QT_TRANSLATE_NOOP("PdfExport", "Totals for the period: {amounts} moved; {rows} payment listed"),
    QT_TRANSLATE_NOOP(
        "PdfExport", "Totals for the period: {amounts} moved; {rows} payments listed"
    ),
    QT_TRANSLATE_NOOP("PdfExport", "Totals for {date} (payments that moved money)"),
    QT_TRANSLATE_NOOP("PdfExport", "{kind}: {count} payment, {amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "{kind}: {count} payments, {amount}"),
    QT_TRANSLATE_NOOP("PdfExport", "cash deposit"),
    QT_TRANSLATE_NOOP("PdfExport", "cash withdrawal"),
    QT_TRANSLATE_NOOP("PdfExport", "transfer"),
    QT_TRANSLATE_NOOP("PdfExport", "interbank transfer"),
    QT_TRANSLATE_NOOP("PdfExport", "reversal"),
    QT_TRANSLATE_NOOP("PdfExport", "vault to drawer"),
    QT_TRANSLATE_NOOP("PdfExport", "drawer to vault"),
    QT_TRANSLATE_NOOP("PdfExport", "cash over"),
    QT_TRANSLATE_NOOP("PdfExport", "cash short"),
)


_pdf_export_words = words_in("PdfExport")


def pdf_words(text: str) -> str:
    """The PDF's words; a payment's state reads as in the desk's status column, so that
    a state has one word wherever a teller or a customer sees it."""
    if text in STATUS_LABELS:
        return status_label(text)
    return _pdf_export_words(text)
