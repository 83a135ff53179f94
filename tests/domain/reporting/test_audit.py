"""What an auditor can prove: the books balance, every balance matches its postings, the
event log is intact, and the events alone rebuild every table. Tampering with the stored
rows through plain SQL, behind the application's back, is caught and named."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text

from app.bootstrap import Desk, bootstrap
from bus import CommandFailed, CommandRejected
from domain.eventstore.tables import events
from domain.ledger.commands import ChangeAccountStatus
from domain.ledger.events import AccountStatusChanged
from domain.payments.events import PaymentAlreadyPosted, PaymentHeld, PaymentPosted, PaymentRejected
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL, TRANSFER
from domain.reporting.audit import verify
from domain.reporting.replay import differences, rebuild, scratch_engine
from helpers import (
    ALICE,
    BOB,
    DRAWER,
    SUPERVISOR,
    TELLER,
    open_account,
    open_drawer,
    teller_answer,
)
from staff import hire
from tests.domain.support import demo_day, submission


@pytest.fixture
def busy(desk: Desk) -> Desk:
    """A day at a small branch: a drawer, customers, a hundred payments of every kind."""
    report = demo_day(desk, seed=7, customers=8, payments=100)
    assert report.outcomes["cash_deposit"] > 0 and report.outcomes["transfer"] > 0
    return desk


def rebuilt_differences(live: Engine, folder: Path) -> tuple[int, list[str]]:
    scratch = scratch_engine(str(folder / "rebuilt.db"))
    try:
        count = rebuild(live, scratch)
        return count, [str(d) for d in differences(live, scratch)]
    finally:
        scratch.dispose()


def execute(engine: Engine, sql: str, **params: object) -> None:
    """Plain SQL, as someone with write access to the database file could run it."""
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def last_seq(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.max(events.c.seq))).scalar_one())


def a_payment_event(engine: Engine) -> tuple[int, str]:
    """Some PaymentPosted in the middle of the log: its seq and stored payload."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(events.c.seq, events.c.payload)
            .where(events.c.event_type == "PaymentPosted")
            .order_by(events.c.seq)
        ).all()
    seq, payload = rows[len(rows) // 2]
    return seq, payload


# -- sound books ----------------------------------------------------------------------


def test_a_fresh_ledger_verifies_and_replays(desk: Desk, tmp_path: Path) -> None:
    assert verify(desk.engine) == []
    # Its only event: the first business date, opened when the desk started.
    assert rebuilt_differences(desk.engine, tmp_path) == (1, [])
    with desk.engine.connect() as conn:
        [(event_type, aggregate_id)] = conn.execute(
            select(events.c.event_type, events.c.aggregate_id)
        ).all()
    opened = desk.lifecycle.business_date() if desk.lifecycle else None
    assert (event_type, aggregate_id) == ("BusinessDateOpened", str(opened))


def test_a_busy_ledger_verifies_and_replays_to_identical_tables(busy: Desk, tmp_path: Path) -> None:
    assert verify(busy.engine) == []
    count, found = rebuilt_differences(busy.engine, tmp_path)
    assert count == busy.queries.count("events") > 50
    assert found == []


# -- tampering ------------------------------------------------------------------------


def test_changing_one_byte_of_a_stored_event_is_named_by_its_seq(busy: Desk) -> None:
    seq, payload = a_payment_event(busy.engine)
    position = payload.index('"amount":') + len('"amount":')
    digit = payload[position]
    forged = payload[:position] + ("1" if digit != "1" else "2") + payload[position + 1 :]
    execute(
        busy.engine, "UPDATE events SET payload = :forged WHERE seq = :seq", forged=forged, seq=seq
    )

    faults = verify(busy.engine)

    assert [f.check for f in faults] == ["chain"]
    assert f"event seq {seq} " in faults[0].detail
    assert "altered" in faults[0].detail


def test_changing_who_did_it_is_detected(busy: Desk) -> None:
    seq, _ = a_payment_event(busy.engine)
    execute(busy.engine, "UPDATE events SET operator = 'someone else' WHERE seq = :seq", seq=seq)

    faults = verify(busy.engine)

    assert len(faults) == 1
    assert f"event seq {seq} " in faults[0].detail


def test_deleting_the_newest_event_is_detected_at_the_chain_head(busy: Desk) -> None:
    newest = last_seq(busy.engine)
    execute(busy.engine, "DELETE FROM events WHERE seq = :seq", seq=newest)

    faults = verify(busy.engine)

    assert [f.check for f in faults] == ["chain"]
    assert f"names seq {newest}" in faults[0].detail
    assert f"ends at {newest - 1}" in faults[0].detail


def test_deleting_an_event_in_the_middle_is_detected_as_a_gap(busy: Desk) -> None:
    seq, _ = a_payment_event(busy.engine)
    execute(busy.engine, "DELETE FROM events WHERE seq = :seq", seq=seq)

    faults = verify(busy.engine)

    assert [f.check for f in faults] == ["chain"]
    assert f"events {seq}..{seq} are missing" in faults[0].detail


def test_editing_a_balance_is_detected_as_a_balance_fault(busy: Desk) -> None:
    customer = busy.queries.accounts_of_kind("customer")[0].account_id
    execute(
        busy.engine,
        "UPDATE balances SET credits_posted = credits_posted + 100 WHERE account_id = :account",
        account=customer,
    )

    faults = verify(busy.engine)

    assert [f.check for f in faults] == ["balance"]
    assert f"account {customer} " in faults[0].detail


def test_editing_one_leg_of_a_payment_unbalances_the_ledger(busy: Desk) -> None:
    payment_id = busy.queries.journal(limit=1)[0].payment_id
    execute(
        busy.engine,
        "UPDATE postings SET amount = amount + 1 WHERE payment_id = :payment AND leg = 1",
        payment=payment_id,
    )

    checks = {f.check for f in verify(busy.engine)}

    assert checks == {"ledger", "balance"}
    assert any("EUR postings sum to" in str(f) for f in verify(busy.engine))


def test_editing_a_payment_row_shows_up_in_the_replay(busy: Desk, tmp_path: Path) -> None:
    payment_id = busy.queries.journal(limit=1)[0].payment_id
    execute(
        busy.engine, "UPDATE payments SET amount = amount + 1 WHERE payment_id = :p", p=payment_id
    )

    _, found = rebuilt_differences(busy.engine, tmp_path)

    assert len(found) == 1
    assert found[0].startswith(f"payments ('{payment_id}',)")


def test_editing_an_account_row_shows_up_in_the_replay(busy: Desk, tmp_path: Path) -> None:
    execute(
        busy.engine,
        "UPDATE accounts SET overdraft_limit = 99999999 WHERE account_id = :a",
        a=busy.queries.accounts_of_kind("customer")[0].account_id,
    )

    _, found = rebuilt_differences(busy.engine, tmp_path)

    assert [d.split(" ", 1)[0] for d in found] == ["accounts"]


# -- any day at the counter keeps the books sound ---------------------------------------

CAROL, NOBODY, NO_DRAWER = "10000003", "99999999", "DRAWER-NONE"

CUSTOMERS = [ALICE, BOB, CAROL]
ANYONE = [DRAWER, ALICE, BOB, CAROL, NOBODY, NO_DRAWER]
USUAL_SIDES = {  # mostly the right kind of account, sometimes any, even unknown ones
    CASH_DEPOSIT: ([DRAWER], CUSTOMERS),
    CASH_WITHDRAWAL: (CUSTOMERS, [DRAWER]),
    TRANSFER: (CUSTOMERS, CUSTOMERS),
    "cheque": (CUSTOMERS, CUSTOMERS),
}


@st.composite
def payment_requests(draw: st.DrawFn) -> tuple[Any, ...]:
    kind = draw(
        st.sampled_from([CASH_DEPOSIT] * 4 + [CASH_WITHDRAWAL] * 3 + [TRANSFER] * 3 + ["cheque"])
    )
    debit_side, credit_side = USUAL_SIDES[kind]
    debit = draw(st.sampled_from(debit_side * 6 + ANYONE))
    credit = draw(st.sampled_from(credit_side * 6 + ANYONE))
    usual = st.integers(min_value=1, max_value=60_000)
    amount = draw(
        usual | usual | usual | usual | st.sampled_from([0, -1, -5_000, 10**11, 10**11 + 1, 2**62])
    )
    currency = draw(st.sampled_from(["EUR"] * 10 + ["USD", "XXX"]))
    # A handful of ids, so some submissions repeat or reuse an earlier one.
    payment_id = draw(st.sampled_from([f"pay-{n}" for n in range(12)]))
    return kind, debit, credit, amount, currency, payment_id


status_changes = st.tuples(
    st.just("status"), st.sampled_from([BOB, CAROL, NOBODY]), st.booleans(), st.booleans()
)
days = st.lists(
    st.one_of(payment_requests(), payment_requests(), payment_requests(), status_changes),
    min_size=5,
    max_size=30,
)


@pytest.fixture(scope="module")
def empty_bank_file() -> Iterator[bytes]:
    """A migrated SQLite file with a drawer and three customers, copied per example."""
    with tempfile.TemporaryDirectory(prefix="teller-template-") as folder:
        path = Path(folder) / "template.db"
        desk = bootstrap(f"sqlite:///{path}", start_worker=False)
        try:
            open_drawer(desk.bus, DRAWER)
            open_account(desk.bus, ALICE)
            open_account(desk.bus, BOB)
            open_account(desk.bus, CAROL, overdraft_limit=30_000)
        finally:
            desk.close()  # the last connection checkpoints the WAL into the file
        yield path.read_bytes()


@settings(max_examples=30, deadline=None)
@given(day=days)
@example(
    day=[
        (CASH_DEPOSIT, DRAWER, ALICE, 50_000, "EUR", "pay-0"),
        (CASH_DEPOSIT, DRAWER, ALICE, 50_000, "EUR", "pay-0"),  # the same form again
        (CASH_WITHDRAWAL, ALICE, DRAWER, 20_000, "EUR", "pay-1"),
        (TRANSFER, ALICE, BOB, 10_000, "EUR", "pay-2"),
        (CASH_WITHDRAWAL, CAROL, DRAWER, 30_000, "EUR", "pay-3"),  # all of Carol's overdraft
        (CASH_WITHDRAWAL, CAROL, DRAWER, 1, "EUR", "pay-4"),  # one cent too far
        ("status", BOB, True, False),
        (TRANSFER, ALICE, BOB, 100, "EUR", "pay-5"),  # Bob is frozen
        (CASH_DEPOSIT, DRAWER, NOBODY, 100, "EUR", "pay-6"),
        (CASH_DEPOSIT, DRAWER, ALICE, 10**11 + 1, "EUR", "pay-7"),
        (CASH_DEPOSIT, DRAWER, ALICE, 100, "EUR", "pay-1"),  # a reused id
    ]
)
def test_any_day_of_valid_and_invalid_requests_keeps_the_books_sound(
    empty_bank_file: bytes, day: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory(prefix="teller-day-") as folder:
        path = Path(folder) / "bank.db"
        path.write_bytes(empty_bank_file)
        desk = bootstrap(f"sqlite:///{path}", start_worker=False)
        try:
            assert desk.queries.count("accounts") == 4  # the copy holds the whole bank
            hire(desk.bus, TELLER, SUPERVISOR)  # logged in at this desk: heard, not refused
            deposited = withdrawn = 0
            for request in day:
                if request[0] == "status":
                    _, account, frozen, closed = request
                    [answer] = desk.bus.dispatch(
                        ChangeAccountStatus(
                            account_id=account, frozen=frozen, closed=closed, actor=SUPERVISOR
                        )
                    )
                    assert isinstance(answer, AccountStatusChanged | CommandRejected), answer
                    continue
                kind, debit, credit, amount, currency, payment_id = request
                command = submission(payment_id, kind, debit, credit, amount, currency=currency)
                answer = teller_answer(desk.bus.dispatch(command))
                # Bad input is refused with a reason, never a crash. The risk rules may
                # hold (a busy account) or reject (above the bank's absolute limit).
                assert not isinstance(answer, CommandFailed), answer
                assert not (
                    isinstance(answer, CommandRejected) and answer.reason_code.startswith("session")
                ), answer
                assert isinstance(
                    answer,
                    PaymentPosted
                    | PaymentAlreadyPosted
                    | PaymentHeld
                    | PaymentRejected
                    | CommandRejected,
                ), answer
                if isinstance(answer, PaymentPosted):
                    deposited += answer.amount if answer.kind == CASH_DEPOSIT else 0
                    withdrawn += answer.amount if answer.kind == CASH_WITHDRAWAL else 0

            assert verify(desk.engine) == []
            _, found = rebuilt_differences(desk.engine, Path(folder))
            assert found == []
            customers = desk.queries.accounts_of_kind("customer")
            assert sum(a.posted for a in customers) == deposited - withdrawn
            drawer = desk.queries.account(DRAWER)
            assert drawer is not None and drawer.posted == deposited - withdrawn >= 0
            assert all(a.available >= 0 for a in customers)
        finally:
            desk.close()
