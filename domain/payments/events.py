"""Stored events of a payment's life: keyed, risk-checked, held, posted, reserved,
settled, voided, reversed (domain.payments.states names the moves).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bus import Event
from domain.eventstore.events import DomainEvent
from domain.ledger.accounts import Leg
from domain.payments.kinds import PaymentTerms
from domain.payments.risk.rules import RiskDecision, RiskOutcome
from domain.payments.states import PaymentState


@dataclass(frozen=True, kw_only=True)
class PaymentAlreadyPosted(Event):
    """Answer to a resubmitted payment id: nothing new was posted. Not stored."""

    payment_id: str
    status: PaymentState


@dataclass(frozen=True, kw_only=True)
class _OfPayment(DomainEvent):
    aggregate_type: ClassVar[str] = "payment"
    aggregate_key: ClassVar[str] = "payment_id"
    payment_id: str


@dataclass(frozen=True, kw_only=True)
class _PaymentTerms(_OfPayment, PaymentTerms):
    """What the payment was keyed to do, as its creation and its posting record it
    (request_hash, domain.payments.posting.request_hash_of, fingerprints the request)."""

    reference: str
    business_date: str  # ISO date
    request_hash: str


@dataclass(frozen=True, kw_only=True)
class PaymentPosted(_PaymentTerms):
    """A payment was posted: `postings` lists its legs, whose debits equal its credits."""

    postings: list[Leg]


@dataclass(frozen=True, kw_only=True)
class PaymentCreated(_PaymentTerms):
    """A payment order was keyed. `beneficiary` is empty unless it goes to another bank."""

    beneficiary: dict[str, str]
    reverses_payment_id: str = ""


@dataclass(frozen=True, kw_only=True)
class PaymentRiskChecked(_OfPayment):
    """The risk rules ran. `decisions` lists each rule that did not simply allow:
    {"rule", "decision" (allow/hold/reject), "reason"}; `flags` marks payments to report
    (e.g. large cash)."""

    outcome: RiskOutcome
    decisions: list[RiskDecision]
    flags: list[str]


@dataclass(frozen=True, kw_only=True)
class PaymentHeld(_OfPayment):
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class PaymentRejected(_OfPayment):
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class PaymentApproved(_OfPayment):
    """A supervisor (never the maker) let a held payment go on; its posting follows."""

    note: str


@dataclass(frozen=True, kw_only=True)
class PaymentDeclined(_OfPayment):
    reason: str


@dataclass(frozen=True, kw_only=True)
class PaymentReserved(_OfPayment):
    """Funds held as pending until settlement: `legs` as in PaymentPosted.postings."""

    legs: list[Leg]
    currency: str
    expires_at: str  # ISO UTC


@dataclass(frozen=True, kw_only=True)
class PaymentVoided(_OfPayment):
    """The reservation was released; `expired` when its timeout ran out."""

    legs: list[Leg]
    currency: str
    reason: str
    expired: bool


@dataclass(frozen=True, kw_only=True)
class PaymentSettled(_OfPayment):
    """The end-of-day settlement posted the reserved legs through clearing."""

    legs: list[Leg]
    currency: str
    business_date: str


@dataclass(frozen=True, kw_only=True)
class PaymentReversed(_OfPayment):
    """The original payment was reversed by `reversal_id`, a new payment whose legs
    compensate it."""

    reversal_id: str
    reason: str
