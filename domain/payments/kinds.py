"""Payment kinds and the limits on what a payment order may carry."""

from __future__ import annotations

from domain.ledger import accounts as kinds

CASH_DEPOSIT = "cash_deposit"


CASH_WITHDRAWAL = "cash_withdrawal"


TRANSFER = "transfer"


INTERBANK = "interbank_transfer"


REVERSAL = "reversal"


# Which kinds of account each payment kind moves money between: (debit side, credit side).
PAYMENT_KINDS: dict[str, tuple[str, str]] = {
    CASH_DEPOSIT: (kinds.DRAWER, kinds.CUSTOMER),
    CASH_WITHDRAWAL: (kinds.CUSTOMER, kinds.DRAWER),
    TRANSFER: (kinds.CUSTOMER, kinds.CUSTOMER),
    INTERBANK: (kinds.CUSTOMER, kinds.CLEARING),
}


MAX_REFERENCE = 140  # the width of payments.reference


MAX_PAYMENT_ID = 36  # a UUID's text
