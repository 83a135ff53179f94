"""The business date: the bank opens one, keys payments on it, and closes it.

Closing needs every cash drawer closed (a seam, see domain.lifecycle.OpenDrawers), voids
expired reservations, settles every reserved transfer to another bank through clearing
(the settlement batch: net position per counterparty bank and currency), and opens the
next date in the same transaction, so a payment keyed after the close belongs to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import bindparam, select

from bus import Event, Rejection
from domain import states
from domain.handlers import caused_by, two_legs
from domain.lifecycle import Lifecycle, void_expired
from domain.lifecycle_commands import CloseBusinessDate, OpenBusinessDate
from domain.lifecycle_events import BusinessDateClosed, BusinessDateOpened, PaymentSettled
from domain.roles import SUPERVISING
from domain.schema import business_dates, payments

_DATE = select(business_dates).where(business_dates.c.business_date == bindparam("day"))
_OPEN = select(business_dates).where(business_dates.c.status == "open")
_TO_SETTLE = (select(payments)
              .where(payments.c.status == states.RESERVED,
                     payments.c.business_date <= bindparam("day"))
              .order_by(payments.c.seq))


def open_business_date(command: OpenBusinessDate, lc: Lifecycle) -> Sequence[Event]:
    try:
        day = date.fromisoformat(command.business_date)
    except ValueError:
        raise Rejection("date_invalid", "Give the date as YYYY-MM-DD", "business_date") from None
    with lc.new_uow() as uow:
        already = uow.conn.execute(_OPEN).first()
        if already is not None:
            raise Rejection("date_open", f"Business date {already.business_date} is still "
                            "open; close it first", "business_date")
        if uow.conn.execute(_DATE, {"day": day}).first() is not None:
            raise Rejection("date_used", f"Business date {day} was already opened",
                            "business_date")
        uow.record(BusinessDateOpened(business_date=day.isoformat(), aggregate_version=1,
                                      **caused_by(command)))
    return uow.recorded


def close_business_date(command: CloseBusinessDate, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        if lc.role_of(command.actor) not in SUPERVISING:
            raise Rejection("needs_supervisor", "Only a supervisor can close the business date",
                            "actor")
        current = uow.conn.execute(_OPEN).first()
        if current is None:
            raise Rejection("no_open_date", "No business date is open")
        still_open = lc.open_drawers(uow.conn)
        if still_open:
            raise Rejection("drawers_open", "Close every cash drawer first; still open: "
                            + ", ".join(still_open))
        day: date = current.business_date
        next_day = max(day + timedelta(days=1), uow.calendar_today())
        now = lc.clock()
        envelope = caused_by(command)

        # Decided: the rest only writes.
        void_expired(lc, uow, now, envelope)
        positions: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for p in uow.conn.execute(_TO_SETTLE, {"day": day}).all():
            uow.record(PaymentSettled(
                payment_id=p.payment_id, legs=two_legs(p.debit_account, p.credit_account,
                                                       p.amount),
                currency=p.currency, business_date=day.isoformat(),
                aggregate_version=p.version + 1, occurred_at=now, **envelope))
            position = positions[(p.beneficiary_bank, p.currency)]
            position[0] += p.amount
            position[1] += 1
        uow.record(BusinessDateClosed(
            business_date=day.isoformat(), next_date=next_day.isoformat(),
            positions=[{"bank_code": bank, "currency": currency, "amount": total,
                        "payments": count}
                       for (bank, currency), (total, count) in sorted(positions.items())],
            aggregate_version=current.version + 1, occurred_at=now, **envelope))
        uow.record(BusinessDateOpened(business_date=next_day.isoformat(), aggregate_version=1,
                                      occurred_at=now, **envelope))
    return uow.recorded
