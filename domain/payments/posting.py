"""The one way a payment is posted: its request hash, its two legs, its PaymentPosted.

Submission and approval (domain.payments.handlers), reversal, and the drawer's own cash
moves (domain.drawers.sessions) all build their posting here, so the legs, the hash and
the event's fields are spelt once. A PaymentPosted carries every column of its payment,
so its projection needs no other event: it writes the row, or moves the one its
PaymentCreated wrote (domain.payments.projections).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from domain.eventstore.events import canonical_json
from domain.ledger.accounts import Leg
from domain.ledger.rules import two_legs
from domain.payments.events import PaymentPosted, PaymentReserved
from domain.payments.kinds import INTERBANK, PaymentKind, PaymentTerms


def request_hash_of(
    kind: PaymentKind,
    debit_account: str,
    credit_account: str,
    amount: int,
    currency: str,
    reference: str,
    beneficiary: tuple[str, str, str] | None = None,
) -> str:
    """What a payment id was asked to do, so that a resubmission can be told apart from
    a different payment under the same id. The format is stored: do not change it."""
    asked: dict[str, Any] = {
        "kind": kind,
        "debit_account": debit_account,
        "credit_account": credit_account,
        "amount": amount,
        "currency": currency,
        "reference": reference,
    }
    if beneficiary is not None and any(beneficiary):
        asked["beneficiary"] = list(beneficiary)
    return hashlib.sha256(canonical_json(asked).encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True)
class Order(PaymentTerms):
    """A payment as it will be posted: who pays whom, how much, on which business date."""

    reference: str
    business_date: date
    request_hash: str

    def legs(self) -> list[Leg]:
        return two_legs(self.debit_account, self.credit_account, self.amount)

    def terms(self) -> dict[str, Any]:
        """The order as the events that carry its terms store it (PaymentCreated,
        PaymentPosted): the business date as ISO text."""
        return {
            "payment_id": self.payment_id,
            "kind": self.kind,
            "debit_account": self.debit_account,
            "credit_account": self.credit_account,
            "amount": self.amount,
            "currency": self.currency,
            "reference": self.reference,
            "business_date": self.business_date.isoformat(),
            "request_hash": self.request_hash,
        }


def posted(
    order: Order, *, version: int, now: datetime | None, envelope: dict[str, Any]
) -> PaymentPosted:
    """The PaymentPosted of `order` at aggregate version `version`."""
    when: dict[str, Any] = {} if now is None else {"occurred_at": now}
    return PaymentPosted(
        **order.terms(),
        postings=order.legs(),
        aggregate_version=version,
        **when,
        **envelope,
    )


def go(
    order: Order,
    *,
    version: int,
    now: datetime,
    envelope: dict[str, Any],
    reservation_timeout: timedelta,
) -> PaymentPosted | PaymentReserved:
    """Post `order`, or reserve a transfer to another bank until settlement."""
    if order.kind == INTERBANK:
        return PaymentReserved(
            payment_id=order.payment_id,
            legs=order.legs(),
            currency=order.currency,
            expires_at=(now + reservation_timeout).isoformat(),
            aggregate_version=version,
            occurred_at=now,
            **envelope,
        )
    return posted(order, version=version, now=now, envelope=envelope)
