"""How payment events change payments, balances, settlement positions and risk totals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update

from domain.eventstore.driver import DriverStatement
from domain.eventstore.projections import held, hold, projects, take_held
from domain.ledger.accounts import Direction, Leg
from domain.ledger.projections import post_legs
from domain.ledger.tables import balances
from domain.payments import states
from domain.payments.events import (
    PaymentApproved,
    PaymentCreated,
    PaymentDeclined,
    PaymentHeld,
    PaymentPosted,
    PaymentRejected,
    PaymentReserved,
    PaymentReversed,
    PaymentRiskChecked,
    PaymentSettled,
    PaymentVoided,
)
from domain.payments.risk.rules import ACCOUNT_SCOPE, TELLER_SCOPE
from domain.payments.risk.tables import risk_totals
from domain.payments.tables import payments, settlement_positions

_INSERT_PAYMENT = DriverStatement(payments.insert())


def _payment_row(
    event: PaymentCreated | PaymentPosted,
    *,
    status: str,
    seq: int,
    beneficiary: dict[str, str] | None = None,
    reverses_payment_id: str = "",
) -> dict[str, Any]:
    """The payments row of a payment as keyed (PaymentCreated) or posted in one step
    (PaymentPosted): both carry its terms."""
    beneficiary = beneficiary or {}
    return {
        "payment_id": event.payment_id,
        "kind": event.kind,
        "status": status,
        "debit_account": event.debit_account,
        "credit_account": event.credit_account,
        "amount": event.amount,
        "currency": event.currency,
        "reference": event.reference,
        "operator": event.actor,
        "created_at": event.occurred_at,
        "business_date": date.fromisoformat(event.business_date),
        "request_hash": event.request_hash,
        "seq": seq,
        "version": event.aggregate_version,
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
    }


def _insert(conn: Connection, row: dict[str, Any]) -> None:
    _INSERT_PAYMENT(conn, row)


def insert_payment(conn: Connection, payment: dict[str, Any]) -> None:
    """Insert the payment's row; held back (domain.eventstore.projections.hold) while the
    events of the same command may still move it, so that it is written once, final."""
    hold(conn, f"payment:{payment['payment_id']}", payment, _insert)


_COLUMNS = [column.name for column in payments.c]
# A PaymentPosted carries every column of its payment: it moves the row its PaymentCreated
# wrote, or, for a payment posted in one step (a drawer's cash move), writes it. One
# statement either way, so the projection needs no other event and no branch. Spelt as
# text, which SQLite and PostgreSQL read alike (Core's on_conflict_do_update cannot be
# cached and would be compiled anew for every payment); the binds keep the column types.
_UPSERT_POSTED = DriverStatement(
    text(
        f"INSERT INTO payments ({', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join(':' + name for name in _COLUMNS)}) "
        "ON CONFLICT (payment_id) DO UPDATE "
        "SET status = excluded.status, seq = excluded.seq, version = excluded.version"
    ).bindparams(*(bindparam(column.name, type_=column.type) for column in payments.c))
)


@projects(PaymentPosted, sees_held=True)
def _payment_posted(conn: Connection, event: PaymentPosted, seq: int) -> None:
    business_date = date.fromisoformat(event.business_date)
    keyed = take_held(conn, f"payment:{event.payment_id}")
    if keyed is not None:
        # Keyed and posted by one command: the row is written once, as the upsert below
        # would leave it.
        keyed.update(status=states.POSTED, seq=seq, version=event.aggregate_version)
        _INSERT_PAYMENT(conn, keyed)
    else:
        _UPSERT_POSTED(conn, _payment_row(event, status="posted", seq=seq))
    post_legs(conn, event.payment_id, event.currency, business_date, event.postings, seq)


_INSERT_POSITION = settlement_positions.insert()


_ADD_PENDING = (
    update(balances)
    .where(balances.c.account_id == bindparam("acct"))
    .values(
        debits_pending=balances.c.debits_pending + bindparam("debit"),
        credits_pending=balances.c.credits_pending + bindparam("credit"),
    )
)


_MOVE = (
    update(payments)
    .where(payments.c.payment_id == bindparam("pid"))
    .values(status=bindparam("status"), seq=bindparam("seq"), version=bindparam("new_version"))
)


def _move(conn: Connection, event: Any, seq: int, status: str | None = None, **values: Any) -> None:
    """Advance the payment's row: its state (when it changes), seq, version and more."""
    if status is not None and not values:
        # The common move, with a statement built once (see domain.eventstore.projections).
        conn.execute(
            _MOVE,
            {
                "pid": event.payment_id,
                "status": status,
                "seq": seq,
                "new_version": event.aggregate_version,
            },
        )
        return
    if status is not None:
        values["status"] = status
    conn.execute(
        update(payments)
        .where(payments.c.payment_id == event.payment_id)
        .values(seq=seq, version=event.aggregate_version, **values)
    )


_COUNTED = select(
    payments.c.kind,
    payments.c.debit_account,
    payments.c.operator,
    payments.c.amount,
    payments.c.currency,
    payments.c.business_date,
).where(payments.c.payment_id == bindparam("pid"))


# Adds to the day's total, or starts it: one statement, whose result nobody reads, so on
# a server it goes out with the payment's other writes (domain.eventstore.driver). Spelt
# as text for both databases, as _UPSERT_POSTED is.
_ADD_TOTAL = DriverStatement(
    text(
        "INSERT INTO risk_totals (scope, key, business_date, currency, amount) "
        "VALUES (:s, :k, :d, :c, :add) "
        "ON CONFLICT (scope, key, business_date, currency) DO UPDATE "
        "SET amount = risk_totals.amount + excluded.amount"
    ).bindparams(
        bindparam("s", type_=risk_totals.c.scope.type),
        bindparam("k", type_=risk_totals.c.key.type),
        bindparam("d", type_=risk_totals.c.business_date.type),
        bindparam("c", type_=risk_totals.c.currency.type),
        bindparam("add", type_=risk_totals.c.amount.type),
    )
)


def _count(conn: Connection, payment_id: str, sign: int) -> None:
    """Take a payment from (or add it to) its day's totals, reading it from its row."""
    p = conn.execute(_COUNTED, {"pid": payment_id}).one()
    _add_to_totals(
        conn, p.kind, p.debit_account, p.operator, p.business_date, p.currency, sign * p.amount
    )


def _add_to_totals(
    conn: Connection,
    kind: str,
    account: str,
    operator: str,
    business_date: date,
    currency: str,
    amount: int,
) -> None:
    """The day's totals of the account and the teller for the daily limits. A payment
    counts from the moment it is keyed (its risk check follows in the same transaction)
    until it is rejected, declined or voided; reversals do not count."""
    if kind == "reversal":
        return
    rows = [
        {"s": scope, "k": key, "d": business_date, "c": currency, "add": amount}
        for scope, key in ((ACCOUNT_SCOPE, account), (TELLER_SCOPE, operator))
    ]
    _ADD_TOTAL(conn, rows)


def _pending(conn: Connection, legs: list[Leg], sign: int) -> None:
    conn.execute(
        _ADD_PENDING,
        [
            {
                "acct": leg["account_id"],
                "debit": sign * leg["amount"] if leg["direction"] == Direction.DEBIT else 0,
                "credit": sign * leg["amount"] if leg["direction"] == Direction.CREDIT else 0,
            }
            for leg in legs
        ],
    )


@projects(PaymentCreated)
def _created(conn: Connection, event: PaymentCreated, seq: int) -> None:
    insert_payment(
        conn,
        _payment_row(
            event,
            status=states.CREATED,
            seq=seq,
            beneficiary=event.beneficiary,
            reverses_payment_id=event.reverses_payment_id,
        ),
    )
    _add_to_totals(
        conn,
        event.kind,
        event.debit_account,
        event.actor,
        date.fromisoformat(event.business_date),
        event.currency,
        event.amount,
    )


@projects(PaymentRiskChecked, sees_held=True)
def _risk_checked(conn: Connection, event: PaymentRiskChecked, seq: int) -> None:
    # The outcome (posted, held, rejected or reserved) is recorded in the same transaction
    # and moves the row's state, seq and version on; a check that found nothing leaves
    # nothing to write, and the posting path saves a statement per payment.
    if event.decisions or event.flags:
        moved = {
            "status": states.RISK_CHECKED,
            "risk_flags": ",".join(event.flags),
            "risk_reasons": "\n".join(d["reason"] for d in event.decisions),
        }
        keyed = held(conn, f"payment:{event.payment_id}")
        if keyed is not None:
            keyed.update(moved, seq=seq, version=event.aggregate_version)
            return
        _move(conn, event, seq, **moved)


@projects(PaymentHeld)
def _held(conn: Connection, event: PaymentHeld, seq: int) -> None:
    _move(conn, event, seq, states.HELD)


@projects(PaymentRejected)
def _rejected(conn: Connection, event: PaymentRejected, seq: int) -> None:
    _move(conn, event, seq, states.REJECTED)
    _count(conn, event.payment_id, -1)


@projects(PaymentApproved)
def _approved(conn: Connection, event: PaymentApproved, seq: int) -> None:
    _move(conn, event, seq, decided_by=event.actor, decision_note=event.note)


@projects(PaymentDeclined)
def _declined(conn: Connection, event: PaymentDeclined, seq: int) -> None:
    _move(conn, event, seq, states.DECLINED, decided_by=event.actor, decision_note=event.reason)
    _count(conn, event.payment_id, -1)


@projects(PaymentReserved)
def _reserved(conn: Connection, event: PaymentReserved, seq: int) -> None:
    _move(conn, event, seq, states.RESERVED, expires_at=datetime.fromisoformat(event.expires_at))
    _pending(conn, event.legs, +1)


@projects(PaymentVoided)
def _voided(conn: Connection, event: PaymentVoided, seq: int) -> None:
    _move(conn, event, seq, states.VOIDED, decision_note=event.reason[:200])
    _pending(conn, event.legs, -1)
    _count(conn, event.payment_id, -1)


@projects(PaymentSettled)
def _settled(conn: Connection, event: PaymentSettled, seq: int) -> None:
    _move(conn, event, seq, states.SETTLED)
    _pending(conn, event.legs, -1)
    post_legs(
        conn,
        event.payment_id,
        event.currency,
        date.fromisoformat(event.business_date),
        event.legs,
        seq,
    )


@projects(PaymentReversed)
def _reversed(conn: Connection, event: PaymentReversed, seq: int) -> None:
    _move(
        conn,
        event,
        seq,
        states.REVERSED,
        reversed_by=event.reversal_id,
        decision_note=event.reason[:200],
    )
