"""What a customer's slip says about one payment, as plain data for any printer.

The desk prints it after a posted cash deposit, withdrawal or transfer, and reprints it
(marked as a copy) from the journal, the payment's detail or the command line. A payment
that has not moved money, or may still not move it (held for approval, rejected,
declined), gets no slip: a customer must not leave with paper for money that did not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.kernel.records import from_attributes
from domain.payments import states
from domain.payments.kinds import PaymentKind
from domain.reporting.history import PaymentDetail

# A slip is for money that moved (or is reserved for another bank and will move at the
# close), and for the reversal that moved it back.
PRINTABLE = frozenset({states.POSTED, states.SETTLED, states.RESERVED, states.REVERSED})

# The payments a customer stands at the counter for; the drawer's own moves (to the
# vault, a cash shortage) are the bank's business, not a customer's.
CUSTOMER_KINDS = frozenset(
    {"cash_deposit", "cash_withdrawal", "transfer", "interbank_transfer", "reversal"}
)

# What a scanned receipt's QR code holds before the payment id: the account finder
# accepts both this form and the bare id.
QR_PREFIX = "PAYMENT:"


class ReceiptRefusal(StrEnum):
    """Why a payment has no slip: stable codes the desk translates (ui.messages)."""

    NOT_CUSTOMER = "receipt_not_customer"
    HELD = "receipt_held"
    NOT_POSTED = "receipt_not_posted"


class ReceiptRefused(ValueError):
    """No slip for this payment, and why."""

    def __init__(self, code: ReceiptRefusal, message: str, status: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Receipt:
    bank: str
    branch: str
    desk: str
    teller: str
    payment_id: str
    kind: PaymentKind
    status: states.PaymentState
    created_at: datetime
    business_date: date
    debit_account: str
    credit_account: str
    amount: int
    currency: str
    reference: str
    reverses: str
    copy: bool

    @property
    def qr_payload(self) -> str:
        return f"{QR_PREFIX}{self.payment_id}"


def mask_account(account_id: str) -> str:
    """All but the last four characters hidden: 'DE89370400440532013000' -> '****3000'."""
    return "****" + account_id[-4:]


def payment_id_from_scan(text: str) -> str:
    """The payment id in what a scanner typed or a teller pasted (with or without the
    QR code's prefix, and with stray spaces)."""
    cleaned = text.strip()
    if cleaned.upper().startswith(QR_PREFIX):
        cleaned = cleaned[len(QR_PREFIX) :].strip()
    return cleaned


def receipt_for(detail: PaymentDetail, *, bank: str, branch: str, desk: str, copy: bool) -> Receipt:
    """The slip of a payment, or ReceiptRefused saying why there is none."""
    payment = detail.payment
    if payment.kind not in CUSTOMER_KINDS:
        raise ReceiptRefused(
            ReceiptRefusal.NOT_CUSTOMER,
            f"Payment {payment.payment_id} is the bank's own move ({payment.kind}): it has "
            "no customer receipt.",
            payment.status,
        )
    if payment.status == states.HELD:
        raise ReceiptRefused(
            ReceiptRefusal.HELD,
            f"Payment {payment.payment_id} is held for a supervisor's approval: no receipt "
            "until it is approved and posted.",
            payment.status,
        )
    if payment.status not in PRINTABLE:
        raise ReceiptRefused(
            ReceiptRefusal.NOT_POSTED,
            f"Payment {payment.payment_id} is {payment.status}: no money moved, so there is "
            "no receipt.",
            payment.status,
        )
    reverses = next((link.payment_id for link in detail.links if link.relation == "Reverses"), "")
    return from_attributes(
        Receipt,
        payment,
        bank=bank,
        branch=branch,
        desk=desk,
        teller=payment.operator,
        debit_account=mask_account(payment.debit_account),
        credit_account=mask_account(payment.credit_account),
        reverses=reverses,
        copy=copy,
    )
