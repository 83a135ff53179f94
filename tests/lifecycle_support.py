"""A bank on a real SQLite file, driven through the bus as a desk would, with a clock
the test moves."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.bootstrap import Desk, bootstrap
from bus import Command, Event
from domain.drawers.sessions import drawer_account_id
from domain.kernel.money import parse_amount
from domain.payments.handlers import OpenDrawers, no_drawer_sessions_yet
from domain.payments.queries import LifecycleQueries, PaymentStory
from domain.reporting.audit import verify
from domain.reporting.replay import differences, rebuild, scratch_engine
from helpers import open_account, payment
from staff import hire, open_session

DRAWER = drawer_account_id("teller1")
CASHIERS = ("teller1", "teller2", "super1")
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Bank:
    desk: Desk
    clock: Clock
    url: str
    folder: Any
    stories: LifecycleQueries = field(init=False)

    def __post_init__(self) -> None:
        self.stories = LifecycleQueries(self.desk.engine)

    def do(self, command: Command) -> list[Event]:
        return self.desk.bus.dispatch(command)

    def open(self, account_id: str, name: str, **fields: Any) -> None:
        """An account for `name` (`fields` as for helpers.open_account: kind, currency...)."""
        open_account(self.desk.bus, account_id, holder_name=name, **fields)

    def pay(self, kind: str, frm: str, to: str, amount: str, **fields: Any) -> Event:
        """Submit `amount` as a teller types it ("12.50", in the payment's currency) and
        return the last event: what the teller sees. `fields`: as for helpers.payment."""
        fields.setdefault("payment_id", str(uuid.uuid4()))
        minor = parse_amount(amount, fields.get("currency", "EUR"))
        return self.do(payment(kind, frm, to, minor, **fields))[-1]

    def deposit(self, to: str, amount: str, *, actor: str = "teller1", **kw: Any) -> Event:
        """Cash in through the keying operator's own drawer (see `seed`)."""
        return self.pay("cash_deposit", drawer_account_id(actor), to, amount, actor=actor, **kw)

    def story(self, payment_id: str) -> PaymentStory:
        found = self.stories.story(payment_id)
        assert found is not None
        return found

    def balance(self, account_id: str) -> tuple[int, int, int]:
        """(posted, pending, available) as the account screen shows them."""
        view = self.desk.queries.account(account_id)
        assert view is not None
        return view.posted, view.pending, view.available

    def faults(self) -> list[str]:
        """Everything an auditor would object to: ledger faults and replay differences."""
        found = [str(f) for f in verify(self.desk.engine)]
        scratch = scratch_engine(str(self.folder / f"rebuilt-{uuid.uuid4().hex}.db"))
        try:
            rebuild(self.desk.engine, scratch)
            found += [str(d) for d in differences(self.desk.engine, scratch)]
        finally:
            scratch.dispose()
        return found


def make_bank(
    folder: Any,
    *,
    open_drawers: OpenDrawers = no_drawer_sessions_yet,
    clock: Clock | None = None,
    url: str | None = None,
    **kw: Any,
) -> Bank:
    clock = clock or Clock()
    url = url or f"sqlite:///{folder / 'bank.db'}"
    desk = bootstrap(
        url,
        start_worker=False,
        clock=clock,
        today=lambda: clock.now.date(),
        open_drawers=open_drawers,
        **kw,
    )
    bank = Bank(desk=desk, clock=clock, url=url, folder=folder)
    # The staff of staff.py (teller1, teller2, super1, super2, admin): every command's
    # actor must be one of them, in a role that may do it.
    hire(desk.bus)
    return bank


def seed(bank: Bank) -> None:
    """Open drawer sessions for teller1, teller2 and super1 (each keys cash through their
    own drawer) and three customers; Anna holds 20,000.00 EUR, paid in by super1 so the
    tellers start the day with nothing keyed."""
    for operator in CASHIERS:
        open_session(bank.desk.bus, operator)
    bank.open("10000001", "Anna Schmidt")
    bank.open("10000002", "Ben Rossi")
    bank.open("10000003", "Chen Li")
    for _ in range(2):
        bank.deposit("10000001", "10000", actor="super1", confirm_duplicate=True)


def business_day(bank: Bank) -> date:
    found = bank.stories.business_date()
    assert found is not None
    return found
