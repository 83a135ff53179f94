"""The read side of the lifecycle: held payments, a payment's story, the business date,
settlement positions. Plain dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Row, func, select

from domain.eventstore.tables import business_dates
from domain.kernel.records import from_attributes
from domain.payments import states
from domain.payments.kinds import PaymentTerms
from domain.payments.tables import payments, settlement_positions


@dataclass(frozen=True, kw_only=True)
class PaymentStory(PaymentTerms):
    """A payment with everything the lifecycle added to it."""

    status: states.PaymentState
    reference: str
    operator: str
    created_at: datetime
    business_date: date
    reasons: list[str]
    flags: list[str]
    beneficiary_bank: str
    beneficiary_account: str
    beneficiary_name: str
    reverses_payment_id: str
    reversed_by: str
    decided_by: str
    decision_note: str
    expires_at: datetime | None


@dataclass(frozen=True)
class SettlementLine:
    business_date: date
    bank_code: str
    currency: str
    amount: int
    payments: int


def _story(row: Row[Any]) -> PaymentStory:
    return from_attributes(
        PaymentStory,
        row,
        reasons=[r for r in row.risk_reasons.split("\n") if r],
        flags=[f for f in row.risk_flags.split(",") if f],
    )


class LifecycleQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def business_date(self) -> date | None:
        """The open business date, or None before the bank opened its first."""
        with self._engine.connect() as conn:
            found: date | None = conn.execute(
                select(business_dates.c.business_date).where(business_dates.c.status == "open")
            ).scalar()
        return found

    def closed_dates(self) -> list[date]:
        with self._engine.connect() as conn:
            return list(
                conn.execute(
                    select(business_dates.c.business_date)
                    .where(business_dates.c.status == "closed")
                    .order_by(business_dates.c.business_date)
                ).scalars()
            )

    def story(self, payment_id: str) -> PaymentStory | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(payments).where(payments.c.payment_id == payment_id)).first()
        return _story(row) if row else None

    def in_state(self, state: str, limit: int = 500) -> list[PaymentStory]:
        """Payments in one state, oldest first (the approvals queue is first come)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(payments)
                .where(payments.c.status == state)
                .order_by(payments.c.seq)
                .limit(limit)
            ).all()
        return [_story(row) for row in rows]

    def held(self) -> list[PaymentStory]:
        return self.in_state(states.HELD)

    def state_counts(self) -> dict[str, int]:
        with self._engine.connect() as conn:
            return {
                status: n
                for status, n in conn.execute(
                    select(payments.c.status, func.count()).group_by(payments.c.status)
                )
            }

    def flagged(self, flag: str, business_date: date) -> list[PaymentStory]:
        """Payments of a day carrying a risk flag, e.g. large cash for the regulator."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(payments)
                .where(
                    payments.c.business_date == business_date, payments.c.risk_flags.contains(flag)
                )
                .order_by(payments.c.seq)
            ).all()
        return [_story(row) for row in rows]

    def settlement(self, business_date: date) -> list[SettlementLine]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(settlement_positions)
                .where(settlement_positions.c.business_date == business_date)
                .order_by(settlement_positions.c.bank_code, settlement_positions.c.currency)
            ).all()
        return [
            SettlementLine(r.business_date, r.bank_code, r.currency, r.amount, r.payments)
            for r in rows
        ]
