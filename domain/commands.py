"""What a desk can ask the bank to do. Imperative names; exactly one handler each."""

from __future__ import annotations

from dataclasses import dataclass

from bus import Command
from domain.operators import Approval


@dataclass(frozen=True, kw_only=True)
class OpenAccount(Command):
    account_id: str
    holder_name: str
    kind: str
    currency: str
    overdraft_limit: int = 0
    # Optional; printed or pasted with spaces, stored without, checked with mod 97.
    iban: str = ""


@dataclass(frozen=True, kw_only=True)
class ChangeAccountStatus(Command):
    account_id: str
    frozen: bool
    closed: bool


@dataclass(frozen=True, kw_only=True)
class SubmitPayment(Command):
    """Move `amount` minor units from the debit account to the credit account.

    `payment_id` is made by the form when it opens, so resubmitting the same form
    is answered with the first outcome instead of posting twice.
    """

    payment_id: str
    kind: str
    debit_account: str
    credit_account: str
    amount: int
    currency: str
    reference: str = ""
    # A transfer to another bank names its beneficiary (domain.lifecycle).
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
