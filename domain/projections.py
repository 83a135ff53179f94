"""How each stored event changes the state tables.

The command handlers and the replay use this one function, so the live tables and a
rebuild from `events` cannot drift apart by construction; `replay --check` proves it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, update

from domain.events import AccountOpened, AccountStatusChanged, DomainEvent, PaymentPosted
from domain.schema import accounts, balances, payments, postings

# Statements are built once: building and cache-keying a Core statement per call costs
# more than executing it on SQLite.
_INSERT_ACCOUNT = accounts.insert()
_INSERT_BALANCE = balances.insert()
_MOVE_PAYMENT = (
    update(payments)
    .where(payments.c.payment_id == bindparam("pid"))
    .values(status=bindparam("status"), seq=bindparam("seq"), version=bindparam("new_version"))
)
_INSERT_POSTING = postings.insert()
_CHANGE_STATUS = (
    update(accounts)
    .where(accounts.c.account_id == bindparam("acct"))
    .values(frozen=bindparam("frozen"), closed=bindparam("closed"),
            version=bindparam("new_version"))
)
_ADD_TO_BALANCE = (
    update(balances)
    .where(balances.c.account_id == bindparam("acct"))
    .values(
        debits_posted=balances.c.debits_posted + bindparam("debit"),
        credits_posted=balances.c.credits_posted + bindparam("credit"),
    )
)


E = TypeVar("E", bound=DomainEvent)
Projection = Callable[[Connection, Any, int], None]

# Every stored event type has exactly one projection. Feature modules add theirs with
# @projects and are imported by domain.catalog, so a replay knows them all.
PROJECTIONS: dict[type[DomainEvent], Projection] = {}


def projects(event_type: type[E]) -> Callable[[Callable[[Connection, E, int], None]],
                                              Callable[[Connection, E, int], None]]:
    def register(fn: Callable[[Connection, E, int], None]) -> Callable[[Connection, E, int], None]:
        if event_type in PROJECTIONS:
            raise ValueError(f"{event_type.__name__} already has a projection")
        PROJECTIONS[event_type] = fn
        return fn

    return register


def apply_event(conn: Connection, event: DomainEvent, seq: int) -> None:
    try:
        projection = PROJECTIONS[type(event)]
    except KeyError:
        raise TypeError(f"no projection for {type(event).__name__}") from None
    projection(conn, event, seq)


@projects(AccountOpened)
def _account_opened(conn: Connection, event: AccountOpened, seq: int) -> None:
    conn.execute(
        _INSERT_ACCOUNT,
        {
            "account_id": event.account_id,
            "holder_name": event.holder_name,
            "kind": event.kind,
            "currency": event.currency,
            "overdraft_limit": event.overdraft_limit,
            "frozen": False,
            "closed": False,
            "opened_at": event.occurred_at,
            "version": event.aggregate_version,
        },
    )
    conn.execute(
        _INSERT_BALANCE,
        {
            "account_id": event.account_id,
            "debits_posted": 0,
            "credits_posted": 0,
            "debits_pending": 0,
            "credits_pending": 0,
        },
    )


@projects(AccountStatusChanged)
def _account_status_changed(conn: Connection, event: AccountStatusChanged, seq: int) -> None:
    conn.execute(
        _CHANGE_STATUS,
        {"acct": event.account_id, "frozen": event.frozen, "closed": event.closed,
         "new_version": event.aggregate_version},
    )


@projects(PaymentPosted)
def _payment_posted(conn: Connection, event: PaymentPosted, seq: int) -> None:
    # The payment's row was written by its PaymentCreated (domain.lifecycle).
    conn.execute(_MOVE_PAYMENT, {"pid": event.payment_id, "status": "posted", "seq": seq,
                                 "new_version": event.aggregate_version})
    post_legs(conn, event.payment_id, event.currency, date.fromisoformat(event.business_date),
              event.postings, seq)


def post_legs(conn: Connection, payment_id: str, currency: str, business_date: date,
              legs: list[dict[str, Any]], seq: int) -> None:
    """Write posted legs and add them to the balances."""
    conn.execute(
        _INSERT_POSTING,
        [
            {
                "payment_id": payment_id,
                "leg": leg["leg"],
                "account_id": leg["account_id"],
                "direction": leg["direction"],
                "amount": leg["amount"],
                "currency": currency,
                "business_date": business_date,
                "seq": seq,
            }
            for leg in legs
        ],
    )
    conn.execute(
        _ADD_TO_BALANCE,
        [
            {
                "acct": leg["account_id"],
                "debit": leg["amount"] if leg["direction"] == "debit" else 0,
                "credit": leg["amount"] if leg["direction"] == "credit" else 0,
            }
            for leg in legs
        ],
    )
