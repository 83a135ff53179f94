"""A small bank over three business days, built through the bus, for report tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest

import helpers
from app.bootstrap import Desk, bootstrap
from app.demo import notes_for
from domain.business_day.commands import CloseBusinessDate
from domain.business_day.events import BusinessDateClosed, BusinessDateOpened
from domain.drawers.commands import CloseDrawer, CountClosingCash
from domain.drawers.events import DrawerClosed
from domain.payments.events import PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL, TRANSFER
from staff import hire, open_session

DAY1, DAY2, DAY3 = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)
DRAWER_1, DRAWER_2 = "DRAWER-TELLER1", "DRAWER-TELLER2"
ANNA, BEN, CHEN = "10000001", "10000002", "10000003"
# Text that breaks naive CSV and XML writers.
AWKWARD_REFERENCE = 'Miete für März, "Wohnung 3"; 房租 <&>'


TELLERS = ("teller1", "teller2")


@dataclass
class Bank:
    desk: Desk
    clock: list[date]
    posted: list[PaymentPosted] = field(default_factory=list)
    sessions: dict[str, str] = field(default_factory=dict)

    def _cash_counted(self, teller: str) -> list[list[int]]:
        """The drawer's cash, counted exactly (no over/short to post)."""
        drawer = self.desk.queries.account(f"DRAWER-{teller}")
        cash = drawer.posted if drawer is not None else 0
        return notes_for(cash, self.desk.drawers.denominations("EUR"))

    def open_drawers(self) -> None:
        for teller in TELLERS:
            self.sessions[teller] = open_session(
                self.desk.bus, teller, counts=self._cash_counted(teller)
            )

    def close_drawers(self) -> None:
        for teller, session_id in self.sessions.items():
            self.desk.bus.dispatch(
                CountClosingCash(
                    session_id=session_id, counts=self._cash_counted(teller), actor=teller
                )
            )
            results = self.desk.bus.dispatch(CloseDrawer(session_id=session_id, actor=teller))
            assert isinstance(results[-1], DrawerClosed), results
        self.sessions = {}

    def pay(
        self,
        payment_id: str,
        kind: str,
        debit: str,
        credit: str,
        amount: int,
        teller: str = "teller1",
        reference: str = "",
        currency: str = "EUR",
    ) -> None:
        posted = helpers.pay(
            self.desk.bus,
            kind,
            debit,
            credit,
            amount,
            currency=currency,
            payment_id=payment_id,
            reference=reference,
            actor=teller,
        )
        # Keyed, checked by the risk rules (none applies to these), and posted.
        assert isinstance(posted, PaymentPosted), posted
        self.posted.append(posted)

    def next_day(self, day: date) -> None:
        """The tellers close their drawers, the supervisor closes the open business date,
        `day` opens (the calendar's) and the tellers count their drawers open again."""
        self.close_drawers()
        self.clock[0] = day
        results = self.desk.bus.dispatch(CloseBusinessDate(actor="super1"))
        assert [type(e) for e in results] == [BusinessDateClosed, BusinessDateOpened], results
        opened = results[-1]
        assert isinstance(opened, BusinessDateOpened) and opened.business_date == day.isoformat()
        self.open_drawers()


def build_bank(url: str) -> Bank:
    clock = [DAY1]
    desk = bootstrap(url, start_worker=False, today=lambda: clock[0])
    bank = Bank(desk, clock)
    hire(desk.bus)
    bank.open_drawers()  # which opens each teller's drawer account too
    for account_id, name in ((ANNA, "Anna Müller"), (BEN, "Ben Rossi"), (CHEN, "Chen Li 陈丽")):
        helpers.open_account(desk.bus, account_id, holder_name=name, actor="teller1")
    bank.pay("d1-1", CASH_DEPOSIT, DRAWER_1, ANNA, 100_000)
    bank.pay("d1-2", CASH_DEPOSIT, DRAWER_2, BEN, 50_000, teller="teller2")
    bank.pay("d1-3", TRANSFER, ANNA, CHEN, 12_345)
    bank.next_day(DAY2)
    bank.pay("d2-1", CASH_WITHDRAWAL, ANNA, DRAWER_1, 20_000, reference=AWKWARD_REFERENCE)
    bank.pay("d2-2", TRANSFER, BEN, ANNA, 7_501, teller="teller2", reference="rent")
    bank.pay("d2-3", CASH_DEPOSIT, DRAWER_1, CHEN, 99, reference="coins")
    bank.pay("d2-4", TRANSFER, CHEN, BEN, 1_000, teller="teller2")
    bank.next_day(DAY3)
    bank.pay("d3-1", CASH_DEPOSIT, DRAWER_2, ANNA, 30_000, teller="teller2")
    bank.pay("d3-2", TRANSFER, ANNA, BEN, 4_444)
    return bank


@pytest.fixture(name="three_day_bank")
def three_day_bank_fixture(db_url: str) -> Iterator[Bank]:
    """The three-day bank on a SQLite file and, with TELLER_TEST_PG_URL, on PostgreSQL."""
    bank = build_bank(db_url)
    yield bank
    bank.desk.close()
