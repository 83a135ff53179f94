"""Why a payment command is refused: stable codes the desk translates (ui.messages).

The codes a screen reacts to (a supervisor's sign-off, a possible duplicate, a reused
form) are domain.kernel.refusals.Refusal; an amount's are domain.kernel.money.AmountRefusal.
"""

from __future__ import annotations

from enum import StrEnum


class PaymentRefusal(StrEnum):
    ABOVE_APPROVER_LIMIT = "above_approver_limit"
    BANK_CODE_INVALID = "bank_code_invalid"
    BENEFICIARY_ACCOUNT_INVALID = "beneficiary_account_invalid"
    BENEFICIARY_NAME_MISSING = "beneficiary_name_missing"
    MAKER_IS_CHECKER = "maker_is_checker"
    PAYMENT_ID_INVALID = "payment_id_invalid"
    PAYMENT_KIND_UNKNOWN = "payment_kind_unknown"
    REASON_MISSING = "reason_missing"
    REFERENCE_TOO_LONG = "reference_too_long"
    REVERSAL_OF_REVERSAL = "reversal_of_reversal"
    SAME_ACCOUNT = "same_account"
    UNKNOWN_PAYMENT = "unknown_payment"
    # A move the payment's state does not allow (domain.payments.states), by its target.
    CANNOT_CHECK = "cannot_check"
    CANNOT_HOLD = "cannot_hold"
    CANNOT_POST = "cannot_post"
    CANNOT_RESERVE = "cannot_reserve"
    CANNOT_SETTLE = "cannot_settle"
    CANNOT_REJECT = "cannot_reject"
    CANNOT_DECLINE = "cannot_decline"
    CANNOT_VOID = "cannot_void"
    CANNOT_REVERSE = "cannot_reverse"
    CANNOT_CREATE = "cannot_create"
