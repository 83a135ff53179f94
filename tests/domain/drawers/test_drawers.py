"""Cash drawer sessions: counted open, cash only through an open drawer, vault moves with
a supervisor, a blind close whose difference goes to over/short, and nothing left
half-open when a desk dies."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Desk, bootstrap
from bus import Command, CommandRejected, Event
from domain.drawers.commands import (
    CashMoveDirection,
    CloseDrawer,
    CountClosingCash,
    CountOpeningCash,
    MoveCash,
    StartDrawerSession,
)
from domain.drawers.events import DrawerClosed, DrawerCounted, DrawerOpened
from domain.drawers.queries import open_drawer_sessions
from domain.drawers.report import sections, write_pdf
from domain.drawers.sessions import DRAWER_TO_VAULT, VAULT_TO_DRAWER
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.operators.commands import Approval
from domain.payments.events import PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL, TRANSFER
from domain.reporting.audit import verify
from domain.reporting.replay import differences, rebuild, scratch_engine
from staff import PASSWORDS, hire, open_session
from tests.domain.support import expect, posted, present, rejected, submission

REPO = Path(__file__).resolve().parents[3]
SUPER = Approval("super1", PASSWORDS["super1"])


def open_customer(desk: Desk, account_id: str, holder_name: str, actor: str) -> None:
    desk.bus.dispatch(
        OpenAccount(
            account_id=account_id,
            holder_name=holder_name,
            currency="EUR",
            kind=kinds.CUSTOMER,
            actor=actor,
        )
    )


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    desk = bootstrap(f"sqlite:///{tmp_path / 'bank.db'}", start_worker=False)
    hire(desk.bus)
    open_customer(desk, "10000001", "Anna", "teller1")
    yield desk
    desk.close()


def last(desk: Desk, command: Command) -> Event:
    return desk.bus.dispatch(command)[-1]


def cash(
    desk: Desk, kind: str, amount: int, *, teller: str = "teller1", payment_id: str | None = None
) -> Event:
    drawer = f"DRAWER-{teller}"
    debit, credit = (drawer, "10000001") if kind == CASH_DEPOSIT else ("10000001", drawer)
    payment_id = payment_id or os.urandom(8).hex()
    return last(desk, submission(payment_id, kind, debit, credit, amount, actor=teller))


def code(result: Event) -> str:
    assert isinstance(result, CommandRejected), result
    return result.reason_code


def close(
    desk: Desk,
    session_id: str,
    counts: list[list[int]],
    *,
    actor: str = "teller1",
    approval: Approval | None = None,
) -> tuple[DrawerCounted, Event]:
    counted = last(desk, CountClosingCash(session_id=session_id, counts=counts, actor=actor))
    assert isinstance(counted, DrawerCounted), counted
    return counted, last(desk, CloseDrawer(session_id=session_id, approval=approval, actor=actor))


def replay_matches(desk: Desk) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        scratch = scratch_engine(str(Path(folder) / "rebuilt.db"))
        rebuild(desk.engine, scratch)
        found = list(differences(desk.engine, scratch))
        scratch.dispose()
    return not found


def test_cash_is_refused_without_an_open_drawer_and_transfers_do_not_need_one(desk: Desk):
    assert code(cash(desk, CASH_DEPOSIT, 1000)) == "unknown_account"  # no drawer yet
    session_id = os.urandom(4).hex()
    desk.bus.dispatch(StartDrawerSession(session_id=session_id, actor="teller1"))
    refused = rejected(cash(desk, CASH_DEPOSIT, 1000), "drawer_not_open")
    assert "count the opening cash" in refused.reason
    assert refused.field == "debit_account"
    desk.bus.dispatch(CountOpeningCash(session_id=session_id, counts=[], actor="teller1"))
    assert isinstance(cash(desk, CASH_DEPOSIT, 1000), PaymentPosted)
    # Another teller cannot use teller1's drawer, even sending the command directly.
    withdrawal = submission(
        "x", CASH_WITHDRAWAL, "10000001", "DRAWER-teller1", 100, actor="teller2"
    )
    assert code(last(desk, withdrawal)) == "not_your_drawer"
    open_customer(desk, "10000002", "Ben", "teller2")
    transfer = submission("t", TRANSFER, "10000001", "10000002", 100, actor="teller2")
    assert isinstance(last(desk, transfer), PaymentPosted)


def test_opening_count_by_denomination_and_its_rules(desk: Desk) -> None:
    session_id = "s-open"
    desk.bus.dispatch(StartDrawerSession(session_id=session_id, actor="teller1"))
    cases: list[tuple[list[list[Any]], str]] = [
        ([[300, 1]], "denomination_unknown"),
        ([[5000, -1]], "out_of_range"),
        ([[5000, 1], [5000, 2]], "count_invalid"),
        ([["5000", 1]], "invalid_type"),
        ([[5000, 2_000_000]], "count_invalid"),
    ]
    for counts, expected_code in cases:
        assert (
            code(
                last(desk, CountOpeningCash(session_id=session_id, counts=counts, actor="teller1"))
            )
            == expected_code
        )
    assert (
        code(last(desk, StartDrawerSession(session_id="s-2", actor="teller1")))
        == "drawer_session_active"
    )
    assert (
        code(
            last(desk, CountOpeningCash(session_id=session_id, counts=[[200, 1]], actor="teller2"))
        )
        == "not_your_drawer"
    )
    # 2.00 over an empty drawer: within the 5.00 tolerance, posted to over/short.
    opened = desk.bus.dispatch(
        CountOpeningCash(session_id=session_id, counts=[[200, 1]], actor="teller1")
    )
    assert [type(e).__name__ for e in opened] == ["AccountOpened", "PaymentPosted", "DrawerOpened"]
    assert posted(desk, "DRAWER-teller1") == 200
    assert posted(desk, "OVERSHORT-EUR") == 200
    assert [s.session_id for s in desk.drawers.open_sessions()] == [session_id]


def test_blind_close_posts_the_difference_and_a_closed_drawer_accepts_nothing(desk: Desk):
    session_id = open_session(desk.bus, "teller1")
    cash(desk, CASH_DEPOSIT, 12_000)
    cash(desk, CASH_WITHDRAWAL, 2_000)
    counted, closed = close(desk, session_id, [[5000, 1], [2000, 2], [100, 1]])  # 91.00
    assert (counted.expected, counted.counted, counted.difference) == (10_000, 9_100, -900)
    assert "short by 9.00 EUR" in rejected(closed, "override_required").reason
    assert code(cash(desk, CASH_DEPOSIT, 100)) == "drawer_closing"
    assert (
        code(
            last(desk, CountClosingCash(session_id=session_id, counts=[[5000, 2]], actor="teller1"))
        )
        == "drawer_not_open"
    )
    results = desk.bus.dispatch(CloseDrawer(session_id=session_id, approval=SUPER, actor="teller1"))
    assert isinstance(results[-1], DrawerClosed) and results[-1].approved_by == "super1"
    assert posted(desk, "DRAWER-teller1") == 9_100
    assert posted(desk, "OVERSHORT-EUR") == -900
    for late in (cash(desk, CASH_DEPOSIT, 100), cash(desk, CASH_WITHDRAWAL, 100)):
        assert code(late) == "drawer_not_open"
    # A second desk closing the same drawer is told who closed it and when.
    again = rejected(
        last(desk, CloseDrawer(session_id=session_id, actor="teller1")), "drawer_not_counted"
    )
    assert re.search(
        r"This drawer session was closed already \(closed by teller1 at "
        r"\d\d:\d\d:\d\d UTC on \d{4}-\d\d-\d\d\)",
        again.reason,
    ), again.reason
    recount = last(desk, CountClosingCash(session_id=session_id, counts=[], actor="teller1"))
    assert "closed by teller1" in rejected(recount, "drawer_not_open").reason
    assert (
        code(
            last(
                desk,
                MoveCash(
                    session_id=session_id,
                    payment_id="late",
                    amount=100,
                    direction=DRAWER_TO_VAULT,
                    approval=SUPER,
                    actor="teller1",
                ),
            )
        )
        == "drawer_not_open"
    )
    assert desk.drawers.open_sessions() == []
    assert verify(desk.engine) == [] and replay_matches(desk)


def test_vault_moves_need_a_supervisor_and_record_both_sides(desk: Desk) -> None:
    session_id = open_session(desk.bus, "teller1")
    cash(desk, CASH_DEPOSIT, 50_000)

    def move(direction: CashMoveDirection, amount: int, approval: Approval | None) -> list[Event]:
        return desk.bus.dispatch(
            MoveCash(
                session_id=session_id,
                payment_id=os.urandom(8).hex(),
                direction=direction,
                amount=amount,
                approval=approval,
                actor="teller1",
            )
        )

    assert code(move(DRAWER_TO_VAULT, 30_000, None)[-1]) == "override_required"
    assert (
        code(move(DRAWER_TO_VAULT, 30_000, Approval("teller1", PASSWORDS["teller1"]))[-1])
        == "override_by_maker"
    )
    assert code(move(DRAWER_TO_VAULT, 90_000, SUPER)[-1]) == "insufficient_funds"
    moved = move(DRAWER_TO_VAULT, 30_000, SUPER)
    assert [type(e).__name__ for e in moved] == [
        "OverrideGranted",
        "AccountOpened",
        "PaymentPosted",
    ]
    posting = expect(moved[-1], PaymentPosted)
    assert {(leg["account_id"], leg["direction"]) for leg in posting.postings} == {
        ("VAULT-EUR", "debit"),
        ("DRAWER-TELLER1", "credit"),
    }
    assert code(move(VAULT_TO_DRAWER, 40_000, SUPER)[-1]) == "insufficient_funds"
    assert isinstance(move(VAULT_TO_DRAWER, 10_000, SUPER)[-1], PaymentPosted)
    assert posted(desk, "VAULT-EUR") == 20_000
    assert posted(desk, "DRAWER-teller1") == 30_000

    report = present(desk.drawers.report(session_id))
    assert [m.kind for m in report.movements] == [
        "cash_deposit",
        "drawer_to_vault",
        "vault_to_drawer",
    ]
    assert [o["approver"] for o in report.overrides] == ["super1", "super1"]
    assert report.expected is None  # blind until the closing count


def test_drawer_report_on_paper(desk: Desk, tmp_path: Path) -> None:
    session_id = open_session(desk.bus, "teller1", counts=[])
    cash(desk, CASH_DEPOSIT, 4_250)
    close(desk, session_id, [[2000, 2], [200, 1], [50, 1]])
    report = present(desk.drawers.report(session_id))
    assert (report.expected, report.counted, report.difference) == (4_250, 4_250, 0)
    titles = [s.title for s in sections(report)]
    assert titles == [
        "Summary",
        "Opening count",
        "Cash movements",
        "Closing count",
        "Supervisor approvals",
    ]
    pdf = write_pdf(report, tmp_path / "report.pdf")
    assert pdf.read_bytes()[:4] == b"%PDF"


def test_end_of_day_can_ask_which_drawers_are_still_open(desk: Desk) -> None:
    first = open_session(desk.bus, "teller1")
    desk.bus.dispatch(StartDrawerSession(session_id="t2", actor="teller2"))
    with desk.engine.connect() as conn:
        states = {s.teller: s.state for s in open_drawer_sessions(conn)}
    assert states == {"teller1": "open", "teller2": "opening"}
    close(desk, first, [])
    with desk.engine.connect() as conn:
        assert [s.teller for s in open_drawer_sessions(conn)] == ["teller2"]


DESK_THAT_DIES = textwrap.dedent("""
    import signal, sys
    from app.bootstrap import bootstrap
    from domain.drawers.sessions import CountOpeningCash, StartDrawerSession
    from domain.operators.handlers import LogIn
    desk = bootstrap(sys.argv[1], start_worker=False)
    login = desk.bus.dispatch(LogIn(name="teller1", password=sys.argv[2]))[-1]
    print(type(login).__name__)
    desk.bus.dispatch(StartDrawerSession(session_id="dead-desk", actor="teller1",
                                         login_session=login.login_id))
    if sys.argv[3] == "count":
        desk.bus.dispatch(CountOpeningCash(session_id="dead-desk", counts=[],
                                           actor="teller1", login_session=login.login_id))
    print("READY", flush=True)
    signal.pause()  # stay logged in, drawer half open, until the test kills this desk
""")


@pytest.mark.parametrize("stage", ["count", "no-count"])
def test_a_desk_killed_between_login_and_first_payment_leaves_a_drawer_that_closes(
    desk: Desk, tmp_path: Path, stage: str
) -> None:
    url = str(desk.engine.url)
    process = subprocess.Popen(
        [sys.executable, "-c", DESK_THAT_DIES, url, PASSWORDS["teller1"], stage],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "LoginSucceeded"
        assert process.stdout.readline().strip() == "READY"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    left = desk.drawers.current_session("teller1")
    assert left is not None and left.state == ("open" if stage == "count" else "opening")
    _counted, closed = close(desk, left.session_id, [])
    assert isinstance(closed, DrawerClosed)
    assert desk.drawers.open_sessions() == []
    assert verify(desk.engine) == [] and replay_matches(desk)
    # The teller can start a fresh session and work.
    open_session(desk.bus, "teller1")
    assert isinstance(cash(desk, CASH_DEPOSIT, 100), PaymentPosted)


def test_a_renminbi_drawer_is_counted_in_yuan_and_jiao(desk: Desk) -> None:
    """CNY is built in: notes of 100, 50, 20, 10, 5, 1 元, coins of 1 元, 5 角, 1 角."""
    assert desk.drawers.denominations("CNY") == (10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10)
    session_id = "s-cny"
    desk.bus.dispatch(StartDrawerSession(session_id=session_id, currency="CNY", actor="teller1"))
    # There is no 2 元 piece nor a 1 分 coin at this desk.
    for counts in ([[200, 1]], [[1, 3]]):
        refused = last(
            desk, CountOpeningCash(session_id=session_id, counts=counts, actor="teller1")
        )
        assert code(refused) == "denomination_unknown"
    # 2 × 100 元 + 1 × 50 元 + 3 × 1 元 + 1 × 5 角 + 2 × 1 角 = 253.70 元, over an empty drawer.
    counts = [[10_000, 2], [5_000, 1], [100, 3], [50, 1], [10, 2]]
    unapproved = last(desk, CountOpeningCash(session_id=session_id, counts=counts, actor="teller1"))
    assert (
        "253.70 CNY, more than the 5.00 CNY tolerance" in expect(unapproved, CommandRejected).reason
    )
    opened = last(
        desk,
        CountOpeningCash(session_id=session_id, counts=counts, approval=SUPER, actor="teller1"),
    )
    assert isinstance(opened, DrawerOpened), opened
    assert (opened.counted, opened.difference) == (25_370, 25_370)
    drawer = present(desk.queries.account("DRAWER-teller1"))
    assert (drawer.currency, drawer.posted) == ("CNY", 25_370)
    # A supervisor approved the difference; it went to CNY's over/short.
    assert posted(desk, "OVERSHORT-CNY") == 25_370
    counted, closed = close(desk, session_id, [[10_000, 2], [5_000, 1], [100, 3], [50, 1], [10, 2]])
    assert counted.counted == 25_370 and isinstance(closed, DrawerClosed)
