"""Payment kinds and the limits on what a payment order may carry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.ledger import accounts as kinds


class PaymentKind(StrEnum):
    """What a payment is; its value is what the payments table and the events store."""

    CASH_DEPOSIT = "cash_deposit"
    CASH_WITHDRAWAL = "cash_withdrawal"
    TRANSFER = "transfer"
    INTERBANK = "interbank_transfer"
    REVERSAL = "reversal"
    # The bank's own cash moves (domain.drawers.sessions): a vault move, an over/short.
    VAULT_TO_DRAWER = "vault_to_drawer"
    DRAWER_TO_VAULT = "drawer_to_vault"
    CASH_OVER = "cash_over"
    CASH_SHORT = "cash_short"


@dataclass(frozen=True, kw_only=True)
class PaymentTerms:
    """What every payment moves, declared once for the command that asks for it
    (SubmitPayment), the order that posts it (posting.Order), the events that record
    it (PaymentCreated, PaymentPosted) and the payment a reversal undoes
    (decisions.Original)."""

    payment_id: str
    kind: PaymentKind
    debit_account: str
    credit_account: str
    amount: int
    currency: str


# The names most call sites use.
CASH_DEPOSIT = PaymentKind.CASH_DEPOSIT
CASH_WITHDRAWAL = PaymentKind.CASH_WITHDRAWAL
TRANSFER = PaymentKind.TRANSFER
INTERBANK = PaymentKind.INTERBANK
REVERSAL = PaymentKind.REVERSAL


# The kinds a teller keys, and which kinds of account each moves money between:
# (debit side, credit side).
PAYMENT_KINDS: dict[PaymentKind, tuple[str, str]] = {
    CASH_DEPOSIT: (kinds.DRAWER, kinds.CUSTOMER),
    CASH_WITHDRAWAL: (kinds.CUSTOMER, kinds.DRAWER),
    TRANSFER: (kinds.CUSTOMER, kinds.CUSTOMER),
    INTERBANK: (kinds.CUSTOMER, kinds.CLEARING),
}


MAX_REFERENCE = 140  # the width of payments.reference


MAX_PAYMENT_ID = 36  # a UUID's text
