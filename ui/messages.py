"""Domain messages in the teller's language, chosen by their reason code.

The domain speaks English and gives every refusal a stable `code` (Rejection.code,
AmountError.code, ReceiptRefused.code); the desk translates by that code and shows the
domain's own English text for a code it does not know yet, so nothing is ever lost.
Placeholders are filled from the fields the caller passes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.translations import QT_TRANSLATE_NOOP

MESSAGES: dict[str, str] = {
    "receipt_held": QT_TRANSLATE_NOOP(
        "Messages",
        "Payment {payment_id} is held for a supervisor's approval: no receipt "
        "until it is approved and posted.",
    ),
    "receipt_not_posted": QT_TRANSLATE_NOOP(
        "Messages", "Payment {payment_id} is {status}: no money moved, so there is no receipt."
    ),
    "receipt_not_customer": QT_TRANSLATE_NOOP(
        "Messages", "Payment {payment_id} is the bank's own move: it has no customer receipt."
    ),
    "amount_missing": QT_TRANSLATE_NOOP("Messages", "Enter an amount"),
    "amount_malformed": QT_TRANSLATE_NOOP(
        "Messages",
        "Cannot read that amount: use digits, the decimal sign, grouping "
        "between thousands, '+' or '-'",
    ),
    "amount_too_many_decimals": QT_TRANSLATE_NOOP(
        "Messages", "Too many decimals for this currency"
    ),
    "amount_too_large": QT_TRANSLATE_NOOP("Messages", "That amount is refused as too large"),
    "unknown_currency": QT_TRANSLATE_NOOP("Messages", "Unknown currency"),
}


def refusal_text(code: str, english: str, **fields: str) -> str:
    """The message for `code` in the current language; `english` when none is known."""
    source = MESSAGES.get(code)
    if source is None:
        return english
    if "status" in fields:
        from ui.formatting import status_label

        fields = {**fields, "status": status_label(fields["status"])}
    try:
        return QCoreApplication.translate("Messages", source).format(**fields)
    except (KeyError, IndexError):
        return english
