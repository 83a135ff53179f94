"""What the desk and the drawer report read about drawer sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    select,
)

from domain.drawers.sessions import CLOSED, DrawerState
from domain.drawers.tables import drawer_sessions
from domain.eventstore.tables import events
from domain.kernel.records import from_attributes
from domain.ledger.accounts import Direction
from domain.ledger.tables import postings
from domain.operators.policy import SecurityPolicy
from domain.payments.kinds import PaymentKind
from domain.payments.tables import payments


@dataclass(frozen=True)
class DrawerSessionView:
    session_id: str
    teller: str
    drawer_account: str
    currency: str
    state: DrawerState
    started_at: datetime


@dataclass(frozen=True)
class CashMovement:
    seq: int
    at: datetime
    payment_id: str
    kind: PaymentKind
    counterpart: str
    cash_in: int
    cash_out: int
    operator: str
    reference: str


@dataclass(frozen=True)
class DrawerReport:
    session: DrawerSessionView
    denominations: tuple[int, ...]
    opening_counts: dict[int, int]
    opening_expected: int | None
    opening_counted: int | None
    opening_approved_by: str
    movements: list[CashMovement]
    closing_counts: dict[int, int]
    expected: int | None  # None until the closing count is in: the count is blind
    counted: int | None
    counted_by: str
    closed_by: str
    closed_at: datetime | None
    approved_by: str
    overrides: list[dict[str, Any]] = field(default_factory=list)

    @property
    def difference(self) -> int | None:
        if self.expected is None or self.counted is None:
            return None
        return self.counted - self.expected


def _session_view(row: Any) -> DrawerSessionView:
    return from_attributes(DrawerSessionView, row)


def open_drawer_sessions(
    conn: Connection, business_date: date | None = None
) -> list[DrawerSessionView]:
    """Sessions not yet closed (opening, open or closing), oldest first.

    The end-of-day close calls this inside its own transaction: a non-empty answer
    means the day cannot close. With `business_date`, only those started on or before
    that (local) date are listed.
    """
    rows = conn.execute(
        select(drawer_sessions)
        .where(drawer_sessions.c.state != CLOSED)
        .order_by(drawer_sessions.c.started_seq)
    ).all()
    found = [_session_view(row) for row in rows]
    if business_date is not None:
        found = [s for s in found if s.started_at.astimezone().date() <= business_date]
    return found


class DrawerQueries:
    def __init__(self, engine: Engine, policy: SecurityPolicy) -> None:
        self._engine = engine
        self.policy = policy

    def denominations(self, currency: str) -> tuple[int, ...]:
        return self.policy.denominations.get(currency, ())

    def tolerance(self, currency: str) -> int:
        return self.policy.tolerance(currency)

    def open_sessions(self) -> list[DrawerSessionView]:
        with self._engine.connect() as conn:
            return open_drawer_sessions(conn)

    def current_session(self, teller: str) -> DrawerSessionView | None:
        """The teller's session that is not closed yet, if any."""
        with self._engine.connect() as conn:
            row = conn.execute(
                select(drawer_sessions).where(
                    drawer_sessions.c.teller == teller, drawer_sessions.c.state != CLOSED
                )
            ).first()
        return _session_view(row) if row is not None else None

    def sessions(self, limit: int = 50) -> list[DrawerSessionView]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(drawer_sessions).order_by(drawer_sessions.c.started_seq.desc()).limit(limit)
            ).all()
        return [_session_view(row) for row in rows]

    def report(self, session_id: str) -> DrawerReport | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(drawer_sessions).where(drawer_sessions.c.session_id == session_id)
            ).first()
            if row is None:
                return None
            last = row.closed_seq if row.closed_seq is not None else None
            condition = and_(
                postings.c.account_id == row.drawer_account, postings.c.seq > row.started_seq
            )
            if last is not None:
                condition = and_(condition, postings.c.seq <= last)
            legs = conn.execute(
                select(
                    postings.c.seq,
                    postings.c.direction,
                    postings.c.amount,
                    payments.c.payment_id,
                    payments.c.kind,
                    payments.c.created_at,
                    payments.c.debit_account,
                    payments.c.credit_account,
                    payments.c.operator,
                    payments.c.reference,
                )
                .join(payments, payments.c.payment_id == postings.c.payment_id)
                .where(condition)
                .order_by(postings.c.seq, postings.c.leg)
            ).all()
            within = [events.c.event_type == "OverrideGranted", events.c.seq > row.started_seq]
            if last is not None:
                within.append(events.c.seq <= last)
            override_rows = conn.execute(
                select(events.c.payload).where(*within).order_by(events.c.seq)
            ).all()
        movements = [
            CashMovement(
                seq=leg.seq,
                at=leg.created_at,
                payment_id=leg.payment_id,
                kind=PaymentKind(leg.kind),
                counterpart=(
                    leg.credit_account if leg.direction == Direction.DEBIT else leg.debit_account
                ),
                cash_in=leg.amount if leg.direction == Direction.DEBIT else 0,
                cash_out=leg.amount if leg.direction == Direction.CREDIT else 0,
                operator=leg.operator,
                reference=leg.reference,
            )
            for leg in legs
        ]
        payment_ids = {m.payment_id for m in movements}
        overrides = [
            o
            for o in (json.loads(r.payload) for r in override_rows)
            if o["subject"] == session_id or o["subject"] in payment_ids
        ]
        return DrawerReport(
            session=_session_view(row),
            denominations=self.denominations(row.currency),
            opening_counts=_counts(row.opening_counts),
            opening_expected=row.opening_expected,
            opening_counted=row.opening_counted,
            opening_approved_by=row.opening_approved_by or "",
            movements=movements,
            closing_counts=_counts(row.closing_counts),
            expected=row.closing_expected,
            counted=row.closing_counted,
            counted_by=row.counted_by or "",
            closed_by=row.closed_by or "",
            closed_at=row.closed_at if row.closed_at else None,
            approved_by=row.closing_approved_by or "",
            overrides=overrides,
        )


def _counts(stored: str | None) -> dict[int, int]:
    return {int(d): int(n) for d, n in json.loads(stored)} if stored else {}
