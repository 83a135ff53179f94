"""Stored events of a payment's life after it is keyed, and of the business date.

`PaymentPosted` (domain.events) remains the event that writes posted legs; these add the
other moves of domain.states. Each names its payment and its new aggregate version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from domain.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class _PaymentEvent(DomainEvent):
    aggregate_type: ClassVar[str] = "payment"
    payment_id: str

    @property
    def aggregate_id(self) -> str:
        return self.payment_id


# DomainEvent registers every subclass by name; the private base must not be stored.
from domain.events import EVENT_TYPES  # noqa: E402

del EVENT_TYPES["_PaymentEvent"]


@dataclass(frozen=True, kw_only=True)
class PaymentCreated(_PaymentEvent):
    """A payment order was keyed. `beneficiary` is empty unless it goes to another bank."""

    kind: str
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

    outcome: str
    decisions: list[dict[str, str]]
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

    legs: list[dict[str, Any]]
    currency: str
    expires_at: str  # ISO UTC


@dataclass(frozen=True, kw_only=True)
class PaymentVoided(_PaymentEvent):
    """The reservation was released; `expired` when its timeout ran out."""

    legs: list[dict[str, Any]]
    currency: str
    reason: str
    expired: bool


@dataclass(frozen=True, kw_only=True)
class PaymentSettled(_PaymentEvent):
    """The end-of-day settlement posted the reserved legs through clearing."""

    legs: list[dict[str, Any]]
    currency: str
    business_date: str


@dataclass(frozen=True, kw_only=True)
class PaymentReversed(_PaymentEvent):
    """The original payment was reversed by `reversal_id`, a new payment whose legs
    compensate it."""

    reversal_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class BusinessDateOpened(DomainEvent):
    aggregate_type: ClassVar[str] = "business_date"
    business_date: str

    @property
    def aggregate_id(self) -> str:
        return self.business_date


@dataclass(frozen=True, kw_only=True)
class BusinessDateClosed(DomainEvent):
    """The day was closed; `positions` is the settlement batch's net per counterparty
    bank: {"bank_code", "currency", "amount", "payments"}."""

    aggregate_type: ClassVar[str] = "business_date"
    business_date: str
    next_date: str
    positions: list[dict[str, Any]]

    @property
    def aggregate_id(self) -> str:
        return self.business_date
