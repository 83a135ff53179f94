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
_INSERT_PAYMENT = payments.insert()
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
        {"acct": event.account_id, "frozen": event.frozen, "closed": event.closed,
         "new_version": event.aggregate_version},
    )


def insert_payment(conn: Connection, *, payment_id: str, kind: str, status: str,
                   debit_account: str, credit_account: str, amount: int, currency: str,
                   reference: str, operator: str, created_at: Any, business_date: date,
                   request_hash: str, seq: int, version: int,
                   beneficiary: dict[str, str] | None = None,
                   reverses_payment_id: str = "") -> None:
    beneficiary = beneficiary or {}
    conn.execute(_INSERT_PAYMENT, {
        "payment_id": payment_id,
        "kind": kind,
        "status": status,
        "debit_account": debit_account,
        "credit_account": credit_account,
        "amount": amount,
        "currency": currency,
        "reference": reference,
        "operator": operator,
        "created_at": created_at,
        "business_date": business_date,
        "request_hash": request_hash,
        "seq": seq,
        "version": version,
        "beneficiary_bank": beneficiary.get("bank_code", ""),
        "beneficiary_account": beneficiary.get("account", ""),
        "beneficiary_name": beneficiary.get("name", ""),
        "reverses_payment_id": reverses_payment_id,
        "reversed_by": "",
        "risk_flags": "",
        "risk_reasons": "",
        "decided_by": "",
        "decision_note": "",
        "expires_at": None,
    })


@projects(PaymentPosted)
def _payment_posted(conn: Connection, event: PaymentPosted, seq: int) -> None:
    business_date = date.fromisoformat(event.business_date)
    if event.aggregate_version == 1:
        # Posted in one step, without the lifecycle: the bank's own cash movements
        # (a drawer's over/short, cash to and from the vault).
        insert_payment(conn, payment_id=event.payment_id, kind=event.kind, status="posted",
                       debit_account=event.debit_account, credit_account=event.credit_account,
                       amount=event.amount, currency=event.currency, reference=event.reference,
                       operator=event.actor, created_at=event.occurred_at,
                       business_date=business_date, request_hash=event.request_hash, seq=seq,
                       version=1)
    else:
        # The row was written by the payment's PaymentCreated (domain.lifecycle).
        conn.execute(_MOVE_PAYMENT, {"pid": event.payment_id, "status": "posted", "seq": seq,
                                     "new_version": event.aggregate_version})
    post_legs(conn, event.payment_id, event.currency, business_date, event.postings, seq)


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
