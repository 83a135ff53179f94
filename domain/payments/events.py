"""Stored events of a payment's life: keyed, risk-checked, held, posted, reserved,
settled, voided, reversed (domain.payments.states names the moves).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bus import Event
from domain.eventstore.events import EVENT_TYPES, DomainEvent
from domain.ledger.accounts import Leg
from domain.payments.kinds import PaymentKind
from domain.payments.risk.rules import RiskDecision, RiskOutcome
from domain.payments.states import PaymentState


@dataclass(frozen=True, kw_only=True)
class PaymentPosted(DomainEvent):
    """A payment was posted: `postings` lists its legs, whose debits equal its credits."""

    aggregate_type: ClassVar[str] = "payment"
    payment_id: str
    kind: PaymentKind
    debit_account: str
    credit_account: str
    amount: int
    currency: str
    reference: str
    business_date: str  # ISO date
    request_hash: str
    postings: list[Leg]

    @property
    def aggregate_id(self) -> str:
        return self.payment_id


@dataclass(frozen=True, kw_only=True)
class PaymentAlreadyPosted(Event):
    """Answer to a resubmitted payment id: nothing new was posted. Not stored."""

    payment_id: str
    status: PaymentState


@dataclass(frozen=True, kw_only=True)
class _PaymentEvent(DomainEvent):
    aggregate_type: ClassVar[str] = "payment"
    payment_id: str

    @property
    def aggregate_id(self) -> str:
        return self.payment_id


# DomainEvent registers every subclass by name; the private base must not be stored.

del EVENT_TYPES["_PaymentEvent"]


@dataclass(frozen=True, kw_only=True)
class PaymentCreated(_PaymentEvent):
    """A payment order was keyed. `beneficiary` is empty unless it goes to another bank."""

    kind: PaymentKind
    debit_account: str
    credit_account: str
    amount: int
    currency: str
    reference: str
    business_date: str
    request_hash: str
    beneficiary: dict[str, str]
    reverses_payment_id: str = ""


@dataclass(frozen=True, kw_only=True)
class PaymentRiskChecked(_PaymentEvent):
    """The risk rules ran. `decisions` lists each rule that did not simply allow:
    {"rule", "decision" (allow/hold/reject), "reason"}; `flags` marks payments to report
    (e.g. large cash)."""

    outcome: RiskOutcome
    decisions: list[RiskDecision]
    flags: list[str]


@dataclass(frozen=True, kw_only=True)
class PaymentHeld(_PaymentEvent):
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class PaymentRejected(_PaymentEvent):
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class PaymentApproved(_PaymentEvent):
    """A supervisor (never the maker) let a held payment go on; its posting follows."""

    note: str


@dataclass(frozen=True, kw_only=True)
class PaymentDeclined(_PaymentEvent):
    reason: str


@dataclass(frozen=True, kw_only=True)
class PaymentReserved(_PaymentEvent):
    """Funds held as pending until settlement: `legs` as in PaymentPosted.postings."""

    legs: list[Leg]
    currency: str
    expires_at: str  # ISO UTC


@dataclass(frozen=True, kw_only=True)
class PaymentVoided(_PaymentEvent):
    """The reservation was released; `expired` when its timeout ran out."""

    legs: list[Leg]
    currency: str
    reason: str
    expired: bool


@dataclass(frozen=True, kw_only=True)
class PaymentSettled(_PaymentEvent):
    """The end-of-day settlement posted the reserved legs through clearing."""

    legs: list[Leg]
    currency: str
    business_date: str


@dataclass(frozen=True, kw_only=True)
class PaymentReversed(_PaymentEvent):
    """The original payment was reversed by `reversal_id`, a new payment whose legs
    compensate it."""

    reversal_id: str
    reason: str
