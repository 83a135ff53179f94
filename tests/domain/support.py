"""What the domain's tests share: the one answer of the type a test expects, a row a test
has just made (never None), and the cash deposit most of them key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from app.bootstrap import Desk
from app.demo import DemoReport, run_demo
from bus import Command, CommandRejected, Event
from domain.door import validation
from domain.payments.commands import SubmitPayment
from domain.payments.kinds import CASH_DEPOSIT, PaymentKind
from helpers import ALICE, DRAWER, payment

T = TypeVar("T")
E = TypeVar("E", bound=Event)

# Every command type the door checks, by name: tables of cases name them as text.
COMMANDS: dict[str, type[Command]] = {kind.__name__: kind for kind in validation.FIELDS}

# A well-formed end-of-day checkpoint (the door checks its shape, not its signature).
CHECKPOINT: dict[str, Any] = {
    "seq": 1,
    "hash": "a" * 64,
    "business_date": "2026-12-01",
    "signed_at": "2026-12-01T17:00:00Z",
    "signature": "c2lnbmVk",
    "key_fingerprint": "f" * 64,
}


def demo_day(desk: Desk, *, seed: int, customers: int, payments: int, **options: Any) -> DemoReport:
    """The demo's day of business at this desk, keyed by its own staff and drawers."""
    return run_demo(
        desk.bus,
        desk.queries,
        seed=seed,
        customers=customers,
        payments=payments,
        staff=desk.operators,
        drawers=desk.drawers,
        **options,
    )


def present(value: T | None) -> T:
    """A row the test has just made: a None here is a broken setup, not a finding."""
    assert value is not None
    return value


def posted(desk: Desk, account_id: str) -> int:
    """The account's posted balance in minor units."""
    return present(desk.queries.account(account_id)).posted


def expect(answer: Event, kind: type[E]) -> E:
    """`answer`, which must be a `kind`."""
    assert isinstance(answer, kind), answer
    return answer


def last_of(results: Sequence[Event], kind: type[E]) -> E:
    """The bus's final answer, which must be a `kind`."""
    assert results, "the bus answered nothing"
    return expect(results[-1], kind)


def rejected(answer: Event | Sequence[Event], code: str) -> CommandRejected:
    """The refusal (or the last answer of several) with its reason code `code`."""
    if not isinstance(answer, Event):
        answer = last_of(answer, Event)
    assert isinstance(answer, CommandRejected) and answer.reason_code == code, answer
    return answer


def submission(
    payment_id: str,
    kind: PaymentKind | str,
    debit_account: str,
    credit_account: str,
    amount: int,
    *,
    currency: str = "EUR",
    actor: str = "teller1",
    **fields: Any,
) -> SubmitPayment:
    """A payment as the teller keys it, under the id the test names; other fields of
    SubmitPayment by name."""
    return payment(
        kind,
        debit_account,
        credit_account,
        amount,
        payment_id=payment_id,
        currency=currency,
        actor=actor,
        **fields,
    )


def cash_deposit(
    payment_id: str,
    amount: int = 1_000,
    account: str = ALICE,
    *,
    drawer: str = DRAWER,
    actor: str = "teller1",
    **fields: Any,
) -> SubmitPayment:
    """Cash in at the teller's drawer, for `account`."""
    return submission(payment_id, CASH_DEPOSIT, drawer, account, amount, actor=actor, **fields)
