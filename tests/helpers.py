"""Plain helpers for tests: open accounts and key payments through the bus, and take
snapshots of what an auditor could see in the database. No Qt here, so GUI tests and
domain tests can both use them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, func, select

from bus import CommandFailed, CommandRejected, Event, MessageBus
from domain.drawers.sessions import drawer_account_id
from domain.eventstore.tables import chain_head, events
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.ledger.events import AccountOpened
from domain.ledger.tables import balances
from domain.payments.commands import SubmitPayment
from domain.payments.events import (
    PaymentAlreadyPosted,
    PaymentCreated,
    PaymentHeld,
    PaymentPosted,
    PaymentRejected,
    PaymentReserved,
    PaymentRiskChecked,
)
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL, TRANSFER, PaymentKind
from staff import hire, open_session

TELLER = "teller1"
SUPERVISOR = "super1"
# The teller's drawer, opened by a drawer session (see open_drawer).
DRAWER = drawer_account_id(TELLER)
ALICE = "10000001"
BOB = "10000002"

_payment_numbers = itertools.count(1)


def new_payment_id() -> str:
    """A payment id as the form makes it when it opens: unique per submission."""
    return f"pay-{next(_payment_numbers):06d}"


def open_account(
    bus: MessageBus,
    account_id: str,
    *,
    kind: str = kinds.CUSTOMER,
    currency: str = "EUR",
    overdraft_limit: int = 0,
    holder_name: str | None = None,
    actor: str | None = None,
) -> AccountOpened:
    """Open an account through the bus; fail the test if the bank says no. A teller
    opens customers' accounts, a supervisor the bank's own."""
    hire(bus)
    actor = actor or (TELLER if kind == kinds.CUSTOMER else SUPERVISOR)
    results = bus.dispatch(
        OpenAccount(
            account_id=account_id,
            holder_name=holder_name or f"Holder of {account_id}",
            kind=kind,
            currency=currency,
            overdraft_limit=overdraft_limit,
            actor=actor,
        )
    )
    assert len(results) == 1 and isinstance(results[0], AccountOpened), results
    return results[0]


def open_drawer(bus: MessageBus, account_id: str = DRAWER, currency: str = "EUR") -> str:
    """The teller's drawer, open for cash: a drawer session counted open with nothing in it.
    Any other drawer account is only opened, as a supervisor would."""
    if account_id != DRAWER:
        open_account(
            bus,
            account_id,
            kind=kinds.DRAWER,
            currency=currency,
            holder_name=f"Cash drawer {account_id}",
        )
        return account_id
    hire(bus)
    open_session(bus, TELLER, currency=currency)
    return account_id


# The risk check's outcome that leads to each last event of a stored submission.
_OUTCOME_OF = {
    PaymentPosted: "allow",
    PaymentReserved: "allow",
    PaymentHeld: "hold",
    PaymentRejected: "reject",
}


def teller_answer(results: Sequence[Event]) -> Event:
    """What the teller is told of a submission, after checking the shape of the answer:
    either one event that stores nothing (refused, failed, already posted), or the
    payment's stored start - created, risk-checked, then posted, reserved, held or
    rejected by the rules - whose last event is the answer."""
    if len(results) == 1:
        [answer] = results
        assert isinstance(answer, CommandRejected | CommandFailed | PaymentAlreadyPosted), results
        return answer
    created, checked, answer = results
    assert isinstance(created, PaymentCreated), results
    assert isinstance(checked, PaymentRiskChecked), results
    assert isinstance(answer, PaymentPosted | PaymentReserved | PaymentHeld | PaymentRejected), (
        results
    )
    assert checked.outcome == _OUTCOME_OF[type(answer)], results
    assert created.payment_id == checked.payment_id == answer.payment_id, results
    assert [e.aggregate_version for e in (created, checked, answer)] == [1, 2, 3], results
    return answer


def payment(
    kind: PaymentKind | str,
    debit: str,
    credit: str,
    amount: int,
    *,
    currency: str = "EUR",
    payment_id: str | None = None,
    reference: str = "",
    actor: str = TELLER,
    **more: Any,
) -> SubmitPayment:
    """A payment as a teller's form sends it, with a fresh id unless one is given;
    `more`: any other field of SubmitPayment (beneficiary_bank, confirm_duplicate...)."""
    return SubmitPayment(
        payment_id=payment_id or new_payment_id(),
        # Text as keyed, not converted: a test may key a kind the door must refuse.
        kind=cast(PaymentKind, kind),
        debit_account=debit,
        credit_account=credit,
        amount=amount,
        currency=currency,
        reference=reference,
        actor=actor,
        **more,
    )


def pay(bus: MessageBus, kind: str, debit: str, credit: str, amount: int, **fields: Any) -> Event:
    """Submit one payment synchronously (`fields` as for `payment`) and return the answer
    the teller sees."""
    return teller_answer(bus.dispatch(payment(kind, debit, credit, amount, **fields)))


def deposit(
    bus: MessageBus, customer: str, amount: int, *, drawer: str = DRAWER, **kwargs: Any
) -> Event:
    return pay(bus, CASH_DEPOSIT, drawer, customer, amount, **kwargs)


def supervisor_deposit(bus: MessageBus, customer: str, amount: int, **kwargs: Any) -> Event:
    """Cash paid in at super1's own counter, through super1's drawer (a supervisor's
    limit is higher than a teller's)."""
    return deposit(
        bus, customer, amount, drawer=drawer_account_id(SUPERVISOR), actor=SUPERVISOR, **kwargs
    )


def withdraw(
    bus: MessageBus, customer: str, amount: int, *, drawer: str = DRAWER, **kwargs: Any
) -> Event:
    return pay(bus, CASH_WITHDRAWAL, customer, drawer, amount, **kwargs)


def transfer(bus: MessageBus, debit: str, credit: str, amount: int, **kwargs: Any) -> Event:
    return pay(bus, TRANSFER, debit, credit, amount, **kwargs)


@dataclass(frozen=True)
class LedgerSnapshot:
    """Everything a rejected command must leave exactly as it was."""

    row_counts: dict[str, int]
    balances: list[tuple[Any, ...]]
    chain_head: tuple[Any, ...]


def snapshot(engine: Engine) -> LedgerSnapshot:
    from domain.eventstore.tables import Base

    with engine.connect() as conn:
        counts = {
            name: int(
                conn.execute(
                    select(func.count()).select_from(Base.metadata.tables[name])
                ).scalar_one()
            )
            for name in ("accounts", "balances", "payments", "postings", "events")
        }
        balance_rows = [
            tuple(row) for row in conn.execute(select(balances).order_by(balances.c.account_id))
        ]
        head = tuple(conn.execute(select(chain_head)).one())
    return LedgerSnapshot(counts, balance_rows, head)


def stored_events(engine: Engine) -> list[dict[str, Any]]:
    """The event log as an auditor reads it with plain SQL, oldest first."""
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(events).order_by(events.c.seq)).mappings()]
