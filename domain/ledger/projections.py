"""How account events and posted legs change accounts and balances."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, bindparam, update

from domain.eventstore.driver import DriverStatement
from domain.eventstore.projections import projects
from domain.ledger.accounts import Direction, Leg
from domain.ledger.events import AccountOpened, AccountStatusChanged
from domain.ledger.tables import accounts, balances, postings

# Statements are built once: building and cache-keying a Core statement per call costs
# more than executing it on SQLite.
_INSERT_ACCOUNT = accounts.insert()


_INSERT_BALANCE = balances.insert()


_INSERT_POSTING = DriverStatement(postings.insert())


_CHANGE_STATUS = (
    update(accounts)
    .where(accounts.c.account_id == bindparam("acct"))
    .values(
        frozen=bindparam("frozen"), closed=bindparam("closed"), version=bindparam("new_version")
    )
)


_ADD_TO_BALANCE = DriverStatement(
    update(balances)
    .where(balances.c.account_id == bindparam("acct"))
    .values(
        debits_posted=balances.c.debits_posted + bindparam("debit"),
        credits_posted=balances.c.credits_posted + bindparam("credit"),
    )
)


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
            "iban": event.iban,
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
        {
            "acct": event.account_id,
            "frozen": event.frozen,
            "closed": event.closed,
            "new_version": event.aggregate_version,
        },
    )


def post_legs(
    conn: Connection,
    payment_id: str,
    currency: str,
    business_date: date,
    legs: list[Leg],
    seq: int,
) -> None:
    """Write posted legs and add them to the balances."""
    _INSERT_POSTING(
        conn,
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
    _ADD_TO_BALANCE(
        conn,
        [
            {
                "acct": leg["account_id"],
                "debit": leg["amount"] if leg["direction"] == Direction.DEBIT else 0,
                "credit": leg["amount"] if leg["direction"] == Direction.CREDIT else 0,
            }
            for leg in legs
        ],
    )
