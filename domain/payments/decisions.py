"""What a payment command decides, given the facts its handler read: no database here.

The handlers (domain.payments.handlers) read the facts, call these functions, and record
the events they return. Every refusal is a Rejection raised before anything is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bus import Rejection
from domain.eventstore.events import DomainEvent
from domain.kernel.records import from_attributes
from domain.ledger import accounts as kinds
from domain.ledger.accounts import Direction
from domain.ledger.refusals import LedgerRefusal
from domain.ledger.rules import check_account, check_funds
from domain.operators.refusals import OperatorRefusal
from domain.operators.roles import SUPERVISING, TELLER
from domain.payments import states
from domain.payments.commands import ReversePayment, SubmitPayment
from domain.payments.events import (
    PaymentCreated,
    PaymentHeld,
    PaymentRejected,
    PaymentReversed,
    PaymentRiskChecked,
)
from domain.payments.kinds import (
    INTERBANK,
    MAX_PAYMENT_ID,
    MAX_REFERENCE,
    PAYMENT_KINDS,
    REVERSAL,
    PaymentKind,
    PaymentTerms,
)
from domain.payments.posting import Order, go, posted, request_hash_of
from domain.payments.refusals import PaymentRefusal
from domain.payments.risk.rules import ALLOW, HOLD, REJECT, RiskResult
from domain.payments.rules import check_amount

BANK_CODE = re.compile(r"^[A-Z0-9]{4,11}$")
FOREIGN_ACCOUNT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,33}$")


def short(payment_id: str) -> str:
    return payment_id[:8]


# -- submission ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Keyed:
    """A submitted payment whose fields passed the checks that need no database."""

    command: SubmitPayment
    credit_account: str  # the clearing account for a transfer to another bank
    beneficiary: dict[str, str]
    request_hash: str

    @property
    def debit_kind(self) -> str:
        return PAYMENT_KINDS[self.command.kind][0]

    @property
    def credit_kind(self) -> str:
        return PAYMENT_KINDS[self.command.kind][1]

    @property
    def drawer_leg(self) -> tuple[str, str] | None:
        """(drawer account, form field) when cash moves through a drawer."""
        if self.debit_kind == kinds.DRAWER:
            return self.command.debit_account, "debit_account"
        if self.credit_kind == kinds.DRAWER:
            return self.credit_account, "credit_account"
        return None

    def order(self, business_date: date) -> Order:
        return from_attributes(
            Order,
            self.command,
            credit_account=self.credit_account,
            business_date=business_date,
            request_hash=self.request_hash,
        )


def check_payment_id(command: SubmitPayment) -> None:
    if not 0 < len(command.payment_id) <= MAX_PAYMENT_ID:
        raise Rejection(
            PaymentRefusal.PAYMENT_ID_INVALID, f"A payment id has 1 to {MAX_PAYMENT_ID} characters"
        )


def check_beneficiary(command: SubmitPayment) -> dict[str, str]:
    if command.kind != INTERBANK:
        return {}
    bank = command.beneficiary_bank.strip().upper()
    if not BANK_CODE.match(bank):
        raise Rejection(
            PaymentRefusal.BANK_CODE_INVALID,
            "The beneficiary's bank code is 4 to 11 letters and digits "
            "(e.g. a BIC such as DEUTDEFF)",
            "beneficiary_bank",
        )
    if not FOREIGN_ACCOUNT.match(command.beneficiary_account.strip()):
        raise Rejection(
            PaymentRefusal.BENEFICIARY_ACCOUNT_INVALID,
            "The beneficiary's account is 1 to 34 letters, digits, spaces and dashes",
            "beneficiary_account",
        )
    name = command.beneficiary_name.strip()
    if not name or len(name) > 140:
        raise Rejection(
            PaymentRefusal.BENEFICIARY_NAME_MISSING,
            "Give the beneficiary's name",
            "beneficiary_name",
        )
    return {"bank_code": bank, "account": command.beneficiary_account.strip(), "name": name}


def keyed(command: SubmitPayment, clearing_account: str, fingerprint: str) -> Keyed:
    """The checks of a new payment that need no database; `clearing_account` is where a
    transfer to another bank is credited in this currency."""
    if command.kind not in PAYMENT_KINDS:
        raise Rejection(
            PaymentRefusal.PAYMENT_KIND_UNKNOWN, f"Unknown payment kind {str(command.kind)!r}"
        )
    if len(command.reference) > MAX_REFERENCE:
        raise Rejection(
            PaymentRefusal.REFERENCE_TOO_LONG,
            f"The reference takes at most {MAX_REFERENCE} characters",
            "reference",
        )
    check_amount(command)
    beneficiary = check_beneficiary(command)
    credit_account = clearing_account if command.kind == INTERBANK else command.credit_account
    if command.debit_account == credit_account:
        raise Rejection(
            PaymentRefusal.SAME_ACCOUNT, "Pick two different accounts", "credit_account"
        )
    return Keyed(command, credit_account, beneficiary, fingerprint)


def check_accounts(k: Keyed, found: Mapping[str, Any], opening: str | None) -> None:
    """Both accounts exist (or `opening` is about to be) and can take their leg."""
    c = k.command
    check_legs(found.get, c.kind, c.debit_account, k.credit_account, c.amount, c.currency, opening)


def check_legs(
    account_of: Callable[[str], Any],
    kind: PaymentKind,
    debit_account: str,
    credit_account: str,
    amount: int,
    currency: str,
    opening: str | None = None,
) -> None:
    """Each account can take its leg of a payment of this kind. `account_of` gives an
    account's row, None for no such account (only `opening`, about to be, may be missing)."""
    debit_kind, credit_kind = PAYMENT_KINDS[kind]
    for field_name, account_id, wanted_kind, direction in (
        ("debit_account", debit_account, debit_kind, Direction.DEBIT),
        ("credit_account", credit_account, credit_kind, Direction.CREDIT),
    ):
        account = account_of(account_id)
        if account is None:
            if account_id == opening:
                continue
            raise Rejection(LedgerRefusal.UNKNOWN_ACCOUNT, f"No account {account_id}", field_name)
        check_account(
            account,
            field=field_name,
            wanted_kind=wanted_kind,
            direction=direction,
            amount=amount,
            currency=currency,
            payment_kind=kind,
        )


def submission(
    k: Keyed,
    risk: RiskResult,
    *,
    business_date: date,
    now: datetime,
    envelope: dict[str, Any],
    reservation_timeout: timedelta,
) -> list[DomainEvent]:
    """The events of a new payment once its risk is known: created, risk-checked, then
    rejected, held, posted or (to another bank) reserved."""
    order = k.order(business_date)
    events: list[DomainEvent] = [
        PaymentCreated(
            **order.terms(),
            beneficiary=k.beneficiary,
            aggregate_version=1,
            occurred_at=now,
            **envelope,
        ),
        PaymentRiskChecked(
            payment_id=order.payment_id,
            outcome=risk.outcome,
            decisions=risk.decisions,
            flags=risk.flags,
            aggregate_version=2,
            occurred_at=now,
            **envelope,
        ),
    ]
    if risk.outcome in (REJECT, HOLD):
        stopped = PaymentRejected if risk.outcome == REJECT else PaymentHeld
        events.append(
            stopped(
                payment_id=order.payment_id,
                reasons=risk.reasons,
                aggregate_version=3,
                occurred_at=now,
                **envelope,
            )
        )
    else:
        events.append(
            go(
                order,
                version=3,
                now=now,
                envelope=envelope,
                reservation_timeout=reservation_timeout,
            )
        )
    return events


# -- reversal -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Original(PaymentTerms):
    """The stored payment a reversal undoes (a row of the payments table will do)."""

    status: str
    business_date: date
    version: int
    reverses_payment_id: str = ""


def reason_given(typed: str, ask: str) -> str:
    """The reason typed for a decision that needs one, trimmed; a blank one is refused
    with `ask`, which says what to explain."""
    reason = typed.strip()
    if not reason:
        raise Rejection(PaymentRefusal.REASON_MISSING, ask, "reason")
    return reason


def may_reverse(p: Any, role: str, today: date, teller_limit: int) -> None:
    """Refuse a reversal this operator may not make; `p` is the stored payment."""
    if p.reverses_payment_id:
        raise Rejection(
            PaymentRefusal.REVERSAL_OF_REVERSAL,
            f"Payment {short(p.payment_id)} is itself a reversal and cannot "
            "be reversed; key a new payment instead",
            "payment_id",
        )
    states.require_move(p.status, states.REVERSED, p.payment_id)
    if role == TELLER:
        why_not = None
        if p.business_date != today:
            why_not = f"it was keyed on {p.business_date.isoformat()}, not today"
        elif p.amount > teller_limit:
            why_not = "it is above the teller's limit"
        elif p.status == states.SETTLED:
            why_not = "it was already settled with the other bank"
        if why_not:
            raise Rejection(
                OperatorRefusal.NEEDS_SUPERVISOR,
                f"Only a supervisor can reverse this payment: {why_not}",
                "actor",
            )
    elif role not in SUPERVISING:
        raise Rejection(
            OperatorRefusal.NEEDS_SUPERVISOR, "Only a supervisor can reverse this payment", "actor"
        )


def reversal(
    command: ReversePayment,
    p: Any,
    role: str,
    accounts: Mapping[str, Any],
    *,
    today: date,
    teller_limit: int,
    now: datetime,
    envelope: dict[str, Any],
) -> list[DomainEvent]:
    """The events that reverse `p`: a new payment (created, risk-checked, posted) that
    debits what `p` credited, and `p` marked reversed. `accounts` holds both accounts'
    rows with their balances."""
    may_reverse(p, role, today, teller_limit)
    reason = reason_given(command.reason, "Say why the payment is reversed")
    # The reversal debits what the original credited: from its credit account.
    debit, credit = p.credit_account, p.debit_account
    for account_id, direction in ((debit, Direction.DEBIT), (credit, Direction.CREDIT)):
        account = accounts[account_id]
        if account.closed:
            raise Rejection(
                LedgerRefusal.ACCOUNT_CLOSED,
                f"Account {account_id} is closed; the payment cannot be reversed onto it",
                "payment_id",
            )
        check_funds(
            account, field="payment_id", direction=direction, amount=p.amount, currency=p.currency
        )
    rid = command.reversal_id
    reference = f"Reversal: {reason}"[:140]
    order = Order(
        payment_id=rid,
        kind=REVERSAL,
        debit_account=debit,
        credit_account=credit,
        amount=p.amount,
        currency=p.currency,
        reference=reference,
        business_date=today,
        # What was asked: reverse this payment (its id as the reference), not the reason.
        request_hash=request_hash_of(REVERSAL, debit, credit, p.amount, p.currency, p.payment_id),
    )
    return [
        PaymentCreated(
            **order.terms(),
            beneficiary={},
            reverses_payment_id=p.payment_id,
            aggregate_version=1,
            occurred_at=now,
            **envelope,
        ),
        PaymentRiskChecked(
            payment_id=rid,
            outcome=ALLOW,
            flags=[],
            aggregate_version=2,
            occurred_at=now,
            decisions=[
                {
                    "rule": "reversal",
                    "decision": ALLOW,
                    "reason": f"Reversal of {short(p.payment_id)} by {role} "
                    f"{command.actor}: {reason}",
                }
            ],
            **envelope,
        ),
        posted(order, version=3, now=now, envelope=envelope),
        PaymentReversed(
            payment_id=p.payment_id,
            reversal_id=rid,
            reason=reason,
            aggregate_version=p.version + 1,
            occurred_at=now,
            **envelope,
        ),
    ]
