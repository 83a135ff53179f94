"""How the lifecycle's events change the state tables (see domain.projections)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from domain import states
from domain.lifecycle_events import (
    BusinessDateClosed,
    BusinessDateOpened,
    PaymentApproved,
    PaymentCreated,
    PaymentDeclined,
    PaymentHeld,
    PaymentRejected,
    PaymentReserved,
    PaymentReversed,
    PaymentRiskChecked,
    PaymentSettled,
    PaymentVoided,
)
from domain.projections import insert_payment, post_legs, projects
from domain.risk import ACCOUNT_SCOPE, TELLER_SCOPE
from domain.schema import balances, business_dates, payments, risk_totals, settlement_positions

_INSERT_DATE = business_dates.insert()
_INSERT_POSITION = settlement_positions.insert()
_CLOSE_DATE = (
    update(business_dates)
    .where(business_dates.c.business_date == bindparam("day"))
    .values(status="closed", closed_at=bindparam("closed_at"), version=bindparam("new_version"))
)
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


def _move(conn: Connection, event: Any, seq: int, status: str | None = None,
          **values: Any) -> None:
    """Advance the payment's row: its state (when it changes), seq, version and more."""
    if status is not None and not values:
        # The common move, with a statement built once (see domain.projections).
        conn.execute(_MOVE, {"pid": event.payment_id, "status": status, "seq": seq,
                             "new_version": event.aggregate_version})
        return
    if status is not None:
        values["status"] = status
    conn.execute(
        update(payments).where(payments.c.payment_id == event.payment_id)
        .values(seq=seq, version=event.aggregate_version, **values)
    )


_COUNTED = select(payments.c.kind, payments.c.debit_account, payments.c.operator,
                  payments.c.amount, payments.c.currency, payments.c.business_date).where(
    payments.c.payment_id == bindparam("pid"))
_ADD_TOTAL = (
    update(risk_totals)
    .where(risk_totals.c.scope == bindparam("s"), risk_totals.c.key == bindparam("k"),
           risk_totals.c.business_date == bindparam("d"),
           risk_totals.c.currency == bindparam("c"))
    .values(amount=risk_totals.c.amount + bindparam("add"))
)
_INSERT_TOTAL = risk_totals.insert()
_TOTAL_EXISTS = select(risk_totals.c.amount).where(
    risk_totals.c.scope == bindparam("s"), risk_totals.c.key == bindparam("k"),
    risk_totals.c.business_date == bindparam("d"), risk_totals.c.currency == bindparam("c"))


def _count(conn: Connection, payment_id: str, sign: int) -> None:
    """Take a payment from (or add it to) its day's totals, reading it from its row."""
    p = conn.execute(_COUNTED, {"pid": payment_id}).one()
    _add_to_totals(conn, p.kind, p.debit_account, p.operator, p.business_date, p.currency,
                   sign * p.amount)


def _add_to_totals(conn: Connection, kind: str, account: str, operator: str,
                   business_date: date, currency: str, amount: int) -> None:
    """The day's totals of the account and the teller for the daily limits. A payment
    counts from the moment it is keyed (its risk check follows in the same transaction)
    until it is rejected, declined or voided; reversals do not count."""
    if kind == "reversal":
        return
    rows = [{"s": scope, "k": key, "d": business_date, "c": currency, "add": amount}
            for scope, key in ((ACCOUNT_SCOPE, account), (TELLER_SCOPE, operator))]
    # Both totals usually exist already: one round trip updates them; only a day's first
    # payment of an account or teller has rows to insert.
    if conn.execute(_ADD_TOTAL, rows).rowcount == len(rows):
        return
    for row in rows:
        # The update above already added to the totals that exist; insert the others.
        if conn.execute(_TOTAL_EXISTS, row).first() is None:
            conn.execute(_INSERT_TOTAL, {"scope": row["s"], "key": row["k"],
                                         "business_date": row["d"], "currency": row["c"],
                                         "amount": row["add"]})


def _pending(conn: Connection, legs: list[dict[str, Any]], sign: int) -> None:
    conn.execute(_ADD_PENDING, [
        {"acct": leg["account_id"],
         "debit": sign * leg["amount"] if leg["direction"] == "debit" else 0,
         "credit": sign * leg["amount"] if leg["direction"] == "credit" else 0}
        for leg in legs
    ])


@projects(PaymentCreated)
def _created(conn: Connection, event: PaymentCreated, seq: int) -> None:
    insert_payment(conn, payment_id=event.payment_id, kind=event.kind, status=states.CREATED,
                   debit_account=event.debit_account, credit_account=event.credit_account,
                   amount=event.amount, currency=event.currency, reference=event.reference,
                   operator=event.actor, created_at=event.occurred_at,
                   business_date=date.fromisoformat(event.business_date),
                   request_hash=event.request_hash, seq=seq, version=event.aggregate_version,
                   beneficiary=event.beneficiary,
                   reverses_payment_id=event.reverses_payment_id)
    _add_to_totals(conn, event.kind, event.debit_account, event.actor,
                   date.fromisoformat(event.business_date), event.currency, event.amount)


@projects(PaymentRiskChecked)
def _risk_checked(conn: Connection, event: PaymentRiskChecked, seq: int) -> None:
    # The outcome (posted, held, rejected or reserved) is recorded in the same transaction
    # and moves the row's state, seq and version on; a check that found nothing leaves
    # nothing to write, and the posting path saves a statement per payment.
    if event.decisions or event.flags:
        _move(conn, event, seq, states.RISK_CHECKED, risk_flags=",".join(event.flags),
              risk_reasons="\n".join(d["reason"] for d in event.decisions))


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
    _move(conn, event, seq, states.DECLINED, decided_by=event.actor,
          decision_note=event.reason)
    _count(conn, event.payment_id, -1)


@projects(PaymentReserved)
def _reserved(conn: Connection, event: PaymentReserved, seq: int) -> None:
    _move(conn, event, seq, states.RESERVED,
          expires_at=datetime.fromisoformat(event.expires_at))
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
    post_legs(conn, event.payment_id, event.currency,
              date.fromisoformat(event.business_date), event.legs, seq)


@projects(PaymentReversed)
def _reversed(conn: Connection, event: PaymentReversed, seq: int) -> None:
    _move(conn, event, seq, states.REVERSED, reversed_by=event.reversal_id,
          decision_note=event.reason[:200])


@projects(BusinessDateOpened)
def _date_opened(conn: Connection, event: BusinessDateOpened, seq: int) -> None:
    conn.execute(_INSERT_DATE, {
        "business_date": date.fromisoformat(event.business_date), "status": "open",
        "opened_at": event.occurred_at, "closed_at": None,
        "version": event.aggregate_version})


@projects(BusinessDateClosed)
def _date_closed(conn: Connection, event: BusinessDateClosed, seq: int) -> None:
    day = date.fromisoformat(event.business_date)
    conn.execute(_CLOSE_DATE, {"day": day, "closed_at": event.occurred_at,
                               "new_version": event.aggregate_version})
    if event.positions:
        conn.execute(_INSERT_POSITION, [
            {"business_date": day, "bank_code": p["bank_code"], "currency": p["currency"],
             "amount": p["amount"], "payments": p["payments"]}
            for p in event.positions
        ])
