"""The business date: the bank opens one, keys payments on it, and closes it.

Closing needs every cash drawer closed (a seam, see domain.payments.handlers.OpenDrawers), voids
expired reservations, settles every reserved transfer to another bank through clearing
(the settlement batch: net position per counterparty bank and currency), and opens the
next date in the same transaction, so a payment keyed after the close belongs to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select

from bus import Event, Rejection
from domain.business_day.commands import CloseBusinessDate, OpenBusinessDate
from domain.business_day.events import BusinessDateClosed, BusinessDateOpened
from domain.business_day.refusals import DayRefusal
from domain.eventstore.tables import business_dates, events
from domain.kernel.envelope import caused_by
from domain.ledger.rules import two_legs
from domain.operators.handlers import require_role
from domain.operators.permissions import ANY_ROLE
from domain.operators.refusals import OperatorRefusal
from domain.operators.roles import SUPERVISING
from domain.payments import states
from domain.payments.events import PaymentSettled
from domain.payments.handlers import Lifecycle, void_expired
from domain.payments.tables import payments

_DATE = select(business_dates).where(business_dates.c.business_date == bindparam("day"))
_OPEN = select(business_dates).where(business_dates.c.status == "open")
# The row of the date being closed, locked: of two closers the second waits here and then
# reads the date as closed (READ COMMITTED re-reads a row it waited for; SQLite's writers
# are already serialised by BEGIN IMMEDIATE).
_DATE_FOR_CLOSE = _DATE.with_for_update()
_LAST_CLOSED = (
    select(business_dates.c.business_date)
    .where(business_dates.c.status == "closed")
    .order_by(business_dates.c.business_date.desc())
    .limit(1)
)
_CLOSED_BY = select(events.c.operator, events.c.occurred_at).where(
    events.c.aggregate_type == "business_date",
    events.c.aggregate_id == bindparam("day"),
    events.c.event_type == BusinessDateClosed.__name__,
)
_TO_SETTLE = (
    select(payments)
    .where(payments.c.status == states.RESERVED, payments.c.business_date <= bindparam("day"))
    .order_by(payments.c.seq)
)


def _day_typed(text: str) -> date:
    """The business date a command names; anything but YYYY-MM-DD is refused."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Rejection(
            DayRefusal.DATE_INVALID, "Give the date as YYYY-MM-DD", "business_date"
        ) from None


def open_business_date(command: OpenBusinessDate, lc: Lifecycle) -> Sequence[Event]:
    day = _day_typed(command.business_date)
    with lc.new_uow() as uow:
        already = uow.conn.execute(_OPEN).first()
        if already is not None:
            raise Rejection(
                DayRefusal.DATE_OPEN,
                f"Business date {already.business_date} is still open; close it first",
                "business_date",
            )
        if uow.conn.execute(_DATE, {"day": day}).first() is not None:
            raise Rejection(
                DayRefusal.DATE_USED, f"Business date {day} was already opened", "business_date"
            )
        uow.record(
            BusinessDateOpened(
                business_date=day.isoformat(), aggregate_version=1, **caused_by(command)
            )
        )
    return uow.recorded


def _closed_by(conn: Connection, day: date) -> str:
    """'by super1 at 2026-11-30 17:02:13 UTC': who closed a date, and when."""
    row = conn.execute(_CLOSED_BY, {"day": day.isoformat()}).first()
    if row is None:
        return ""
    moment: datetime = row.occurred_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f" by {row.operator} at {moment.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"


def _date_to_close(
    command: CloseBusinessDate, lc: Lifecycle, conn: Connection, today: date
) -> Row[Any]:
    """The open date the command means, locked; refusals say what happened instead."""
    if command.business_date:
        day = _day_typed(command.business_date)
    else:
        current = conn.execute(_OPEN).first()
        if current is None:
            raise Rejection(DayRefusal.NO_OPEN_DATE, "No business date is open")
        day = current.business_date
    row = conn.execute(_DATE_FOR_CLOSE, {"day": day}).first()
    if row is None:
        raise Rejection(
            DayRefusal.DATE_UNKNOWN, f"Business date {day} was never opened", "business_date"
        )
    if row.status != "open":
        now_open = conn.execute(_OPEN).first()
        raise Rejection(
            DayRefusal.DATE_CLOSED,
            f"Business date {day} was already closed"
            f"{_closed_by(conn, day)}"
            + (f"; {now_open.business_date} is open" if now_open else ""),
            "business_date",
        )
    if day > today and not lc.close_ahead_of_calendar:
        last = conn.execute(_LAST_CLOSED).scalar()
        raise Rejection(
            DayRefusal.DATE_NOT_BEGUN,
            f"Business date {day} cannot be closed before its calendar day has begun "
            f"(today is {today})"
            + (f"; {last} was closed{_closed_by(conn, last)}" if last else ""),
            "business_date",
        )
    return row


def close_business_date(command: CloseBusinessDate, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        role = require_role(uow.conn, command.actor, ANY_ROLE, "close the business date")
        if role not in SUPERVISING:
            raise Rejection(
                OperatorRefusal.NEEDS_SUPERVISOR,
                "Only a supervisor can close the business date",
                "actor",
            )
        current = _date_to_close(command, lc, uow.conn, uow.calendar_today())
        still_open = lc.open_drawers(uow.conn)
        if still_open:
            raise Rejection(
                DayRefusal.DRAWERS_OPEN,
                "Close every cash drawer first; still open: " + ", ".join(still_open),
            )
        day: date = current.business_date
        next_day = max(day + timedelta(days=1), uow.calendar_today())
        now = lc.clock()
        envelope = caused_by(command)

        # Decided: the rest only writes.
        void_expired(lc, uow, now, envelope)
        positions: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for p in uow.conn.execute(_TO_SETTLE, {"day": day}).all():
            uow.record(
                PaymentSettled(
                    payment_id=p.payment_id,
                    legs=two_legs(p.debit_account, p.credit_account, p.amount),
                    currency=p.currency,
                    business_date=day.isoformat(),
                    aggregate_version=p.version + 1,
                    occurred_at=now,
                    **envelope,
                )
            )
            position = positions[(p.beneficiary_bank, p.currency)]
            position[0] += p.amount
            position[1] += 1
        uow.record(
            BusinessDateClosed(
                business_date=day.isoformat(),
                next_date=next_day.isoformat(),
                positions=[
                    {"bank_code": bank, "currency": currency, "amount": total, "payments": count}
                    for (bank, currency), (total, count) in sorted(positions.items())
                ],
                aggregate_version=current.version + 1,
                occurred_at=now,
                **envelope,
            )
        )
        uow.record(
            BusinessDateOpened(
                business_date=next_day.isoformat(), aggregate_version=1, occurred_at=now, **envelope
            )
        )
    return uow.recorded
