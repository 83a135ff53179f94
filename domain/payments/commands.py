"""Payment commands: submit, approve, decline, void, expire reservations, reverse."""

from __future__ import annotations

from dataclasses import dataclass

from bus import Command
from domain.operators.commands import Approval
from domain.payments.kinds import PaymentTerms


@dataclass(frozen=True, kw_only=True)
class SubmitPayment(Command, PaymentTerms):
    """Move `amount` minor units from the debit account to the credit account.

    `payment_id` is made by the form when it opens, so resubmitting the same form
    is answered with the first outcome instead of posting twice.
    """

    reference: str = ""
    # A transfer to another bank names its beneficiary (domain.payments.handlers).
    beneficiary_bank: str = ""
    beneficiary_account: str = ""
    beneficiary_name: str = ""
    # The teller saw the "possible duplicate" warning and wants it posted anyway.
    confirm_duplicate: bool = False
    # A supervisor's sign-off typed at this desk, when the amount is above the maker's limit.
    approval: Approval | None = None
    # The maker is at a desk where a supervisor can sign off at once: above the limit,
    # answer `override_required` rather than holding the payment for the approvals queue.
    offer_override: bool = False


@dataclass(frozen=True, kw_only=True)
class ApprovePayment(Command):
    """A supervisor lets a held payment go on. Never the payment's maker."""

    payment_id: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DeclinePayment(Command):
    """A supervisor refuses a held payment; `reason` is required."""

    payment_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class VoidPayment(Command):
    """Release the funds reserved by a transfer to another bank before settlement."""

    payment_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class ExpireReservations(Command):
    """Void every reservation whose timeout has run out (at start and periodically)."""


@dataclass(frozen=True, kw_only=True)
class ReversePayment(Command):
    """Undo a posted or settled payment with a new, compensating payment `reversal_id`
    (made by the dialog when it opens, so a second Enter reverses nothing twice)."""

    payment_id: str
    reversal_id: str
    reason: str
