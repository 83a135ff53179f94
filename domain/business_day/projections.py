"""How the business-date events change `business_dates`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, bindparam, update

from domain.business_day.events import BusinessDateClosed, BusinessDateOpened
from domain.eventstore.projections import projects
from domain.eventstore.tables import business_dates
from domain.payments.projections import _INSERT_POSITION

_INSERT_DATE = business_dates.insert()


_CLOSE_DATE = (
    update(business_dates)
    .where(business_dates.c.business_date == bindparam("day"))
    .values(status="closed", closed_at=bindparam("closed_at"), version=bindparam("new_version"))
)


@projects(BusinessDateOpened)
def _date_opened(conn: Connection, event: BusinessDateOpened, seq: int) -> None:
    conn.execute(
        _INSERT_DATE,
        {
            "business_date": date.fromisoformat(event.business_date),
            "status": "open",
            "opened_at": event.occurred_at,
            "closed_at": None,
            "version": event.aggregate_version,
        },
    )


@projects(BusinessDateClosed)
def _date_closed(conn: Connection, event: BusinessDateClosed, seq: int) -> None:
    day = date.fromisoformat(event.business_date)
    conn.execute(
        _CLOSE_DATE,
        {"day": day, "closed_at": event.occurred_at, "new_version": event.aggregate_version},
    )
    if event.positions:
        conn.execute(
            _INSERT_POSITION,
            [
                {
                    "business_date": day,
                    "bank_code": p["bank_code"],
                    "currency": p["currency"],
                    "amount": p["amount"],
                    "payments": p["payments"],
                }
                for p in event.positions
            ],
        )
