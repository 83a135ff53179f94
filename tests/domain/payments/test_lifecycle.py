"""Approvals, transfers to other banks, reversals and the end of the day, end to end on
real SQLite files; after each story the ledger verifies and replays identically."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta

import pytest

from app.bootstrap import open_drawer_accounts
from app.end_of_day import close_day
from bus import CommandRejected, Event
from domain.business_day.commands import CloseBusinessDate
from domain.drawers.commands import CloseDrawer, CountClosingCash
from domain.drawers.events import DrawerClosed
from domain.operators.commands import DisableOperator
from domain.payments.commands import (
    ApprovePayment,
    DeclinePayment,
    ExpireReservations,
    ReversePayment,
    VoidPayment,
)
from domain.payments.events import (
    PaymentAlreadyPosted,
    PaymentHeld,
    PaymentPosted,
    PaymentReserved,
    PaymentVoided,
)
from staff import open_session
from tests.domain.support import demo_day, expect, present, submission
from tests.lifecycle_support import Bank, make_bank, seed

ANNA, BEN = "10000001", "10000002"


@pytest.fixture
def bank(tmp_path):
    bank = make_bank(tmp_path)
    seed(bank)
    yield bank
    assert bank.faults() == []
    bank.desk.close()


def reverse(bank: Bank, payment_id: str, reversal_id: str, reason: str, actor: str) -> list[Event]:
    """`actor` reverses `payment_id` as `reversal_id`, saying `reason`; the bus's answers."""
    return bank.do(
        ReversePayment(payment_id=payment_id, reversal_id=reversal_id, reason=reason, actor=actor)
    )


def held_transfer(bank, amount="12000") -> str:
    held = bank.pay("transfer", ANNA, BEN, amount)
    assert isinstance(held, PaymentHeld)
    return held.payment_id


def interbank(bank, amount="300", name="Marie Curie", bank_code="BNPAFRPP", **kw):
    return bank.pay(
        "interbank_transfer",
        ANNA,
        "",
        amount,
        beneficiary_bank=bank_code,
        beneficiary_account="FR7630006000011234567890189",
        beneficiary_name=name,
        **kw,
    )


# -- approvals ----------------------------------------------------------------------------


def test_a_supervisor_approves_a_held_payment_and_it_posts(bank):
    pid = held_transfer(bank)
    assert bank.balance(ANNA)[0] == 2_000_000  # waiting moves nothing
    results = bank.do(ApprovePayment(payment_id=pid, note="customer known", actor="super1"))
    assert isinstance(results[-1], PaymentPosted)
    story = bank.story(pid)
    assert (story.status, story.decided_by, story.decision_note) == (
        "posted",
        "super1",
        "customer known",
    )
    assert bank.balance(ANNA)[0] == 2_000_000 - 1_200_000
    assert bank.balance(BEN)[0] == 1_200_000


@pytest.mark.parametrize(
    ("approver", "code"), [("teller1", "needs_supervisor"), ("teller2", "needs_supervisor")]
)
def test_a_teller_cannot_approve(bank, approver, code):
    pid = held_transfer(bank)
    answer = bank.do(ApprovePayment(payment_id=pid, actor=approver))[-1]
    assert isinstance(answer, CommandRejected) and answer.reason_code == code
    assert bank.story(pid).status == "held"


def test_the_maker_is_never_the_checker(bank):
    held = bank.deposit(BEN, "150000", actor="super1")  # above own limit
    answer = bank.do(ApprovePayment(payment_id=held.payment_id, actor="super1"))[-1]
    assert answer.reason_code == "maker_is_checker"
    assert "super1 keyed this payment and cannot also approve it" in answer.reason


def test_approval_above_the_approvers_own_limit_needs_someone_higher(bank):
    bank.deposit(ANNA, "100000", actor="super1")
    pid = held_transfer(bank, "110000")
    answer = bank.do(ApprovePayment(payment_id=pid, actor="super1"))[-1]
    assert answer.reason_code == "above_approver_limit"
    assert isinstance(bank.do(ApprovePayment(payment_id=pid, actor="admin"))[-1], PaymentPosted)


def test_decline_needs_a_reason_and_moves_nothing(bank):
    pid = held_transfer(bank)
    answer = bank.do(DeclinePayment(payment_id=pid, reason="  ", actor="super1"))[-1]
    assert answer.reason == "Say why the payment is declined"
    bank.do(DeclinePayment(payment_id=pid, reason="signature differs", actor="super1"))
    story = bank.story(pid)
    assert (story.status, story.decision_note) == ("declined", "signature differs")
    assert bank.balance(ANNA)[0] == 2_000_000
    again = bank.do(ApprovePayment(payment_id=pid, actor="super1"))[-1]
    assert again.reason.startswith(
        f"Payment {pid[:8]} cannot be posted: a supervisor declined it (declined by super1 at "
    )


def test_approval_checks_the_funds_again(bank):
    pid = held_transfer(bank, "12000")
    bank.pay("transfer", ANNA, "10000003", "9000")
    answer = bank.do(ApprovePayment(payment_id=pid, actor="super1"))[-1]
    assert answer.reason_code == "insufficient_funds"
    assert bank.story(pid).status == "held"


# -- transfers to other banks -------------------------------------------------------------


def test_a_transfer_to_another_bank_reserves_then_settles_through_clearing(bank, tmp_path):
    reserved = interbank(bank, "300")
    assert isinstance(reserved, PaymentReserved)
    posted, pending, available = bank.balance(ANNA)
    assert (posted, pending, available) == (2_000_000, 30_000, 1_970_000)
    assert bank.balance("CLEARING-EUR") == (0, 0, 0)
    interbank(bank, "200", bank_code="COBADEFF", name="Karl Marx")
    interbank(bank, "50", name="Pierre Curie")

    results = bank.do(CloseBusinessDate(actor="super1"))
    lines = close_day(results, tmp_path)
    assert bank.balance(ANNA) == (2_000_000 - 55_000, 0, 2_000_000 - 55_000)
    assert bank.balance("CLEARING-EUR")[0] == 55_000
    assert bank.story(reserved.payment_id).status == "settled"
    day = date(2026, 11, 27)
    assert [(s.bank_code, s.amount, s.payments) for s in bank.stories.settlement(day)] == [
        ("BNPAFRPP", 35_000, 2),
        ("COBADEFF", 20_000, 1),
    ]
    with (tmp_path / "settlement-2026-11-27.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["bank_code"], r["amount"], r["payments"]) for r in rows] == [
        ("BNPAFRPP", "350.00", "2"),
        ("COBADEFF", "200.00", "1"),
    ]
    assert lines[0] == "closed business date 2026-11-27; next date 2026-11-28 is open"


def test_void_before_settlement_releases_the_funds(bank):
    reserved = interbank(bank, "300")
    answer = bank.do(
        VoidPayment(
            payment_id=reserved.payment_id, reason="customer changed their mind", actor="teller1"
        )
    )[-1]
    assert isinstance(answer, PaymentVoided) and not answer.expired
    assert bank.balance(ANNA) == (2_000_000, 0, 2_000_000)
    again = bank.do(VoidPayment(payment_id=reserved.payment_id, reason="again", actor="teller1"))[
        -1
    ]
    assert again.reason_code == "cannot_void"


def test_reservation_expires_after_its_timeout(bank):
    reserved = interbank(bank, "300")
    bank.clock.advance(minutes=1439)
    assert bank.do(ExpireReservations()) == []
    bank.clock.advance(minutes=1)
    voided = bank.do(ExpireReservations())
    assert [type(e).__name__ for e in voided] == ["PaymentVoided"]
    assert voided[0].expired and bank.story(reserved.payment_id).status == "voided"
    assert bank.balance(ANNA) == (2_000_000, 0, 2_000_000)


def test_expired_reservations_are_voided_when_the_desk_starts_again(tmp_path):
    first = make_bank(tmp_path)
    seed(first)
    reserved = interbank(first, "300")
    first.desk.close()
    first.clock.advance(days=2)
    again = make_bank(tmp_path, clock=first.clock)
    try:
        assert [type(e).__name__ for e in again.desk.recovered] == ["PaymentVoided"]
        assert again.story(reserved.payment_id).status == "voided"
        assert again.balance(ANNA) == (2_000_000, 0, 2_000_000)
        assert again.faults() == []
    finally:
        again.desk.close()


def test_a_held_transfer_to_another_bank_reserves_only_when_approved(bank):
    held = interbank(bank, "12000")
    assert isinstance(held, PaymentHeld)
    assert bank.balance(ANNA)[1] == 0
    bank.do(ApprovePayment(payment_id=held.payment_id, actor="super1"))
    assert bank.balance(ANNA)[1:] == (1_200_000, 800_000)


# -- reversal -----------------------------------------------------------------------------


def test_a_teller_reverses_todays_payment_and_balances_return_exactly(bank):
    before = (bank.balance(ANNA), bank.balance(BEN))
    paid = bank.pay("transfer", ANNA, BEN, "123.45")
    results = reverse(bank, paid.payment_id, "rev-1", "wrong account", "teller1")
    assert (bank.balance(ANNA), bank.balance(BEN)) == before
    original, reversal = bank.story(paid.payment_id), bank.story("rev-1")
    assert (original.status, original.reversed_by) == ("reversed", "rev-1")
    assert (reversal.status, reversal.reverses_payment_id) == ("posted", paid.payment_id)
    assert (reversal.debit_account, reversal.credit_account) == (BEN, ANNA)
    assert [type(e).__name__ for e in results] == [
        "PaymentCreated",
        "PaymentRiskChecked",
        "PaymentPosted",
        "PaymentReversed",
    ]
    # A second Enter in the dialog: the same reversal id, nothing twice.
    again = reverse(bank, paid.payment_id, "rev-1", "wrong account", "teller1")[-1]
    assert isinstance(again, PaymentAlreadyPosted)
    twice = expect(reverse(bank, paid.payment_id, "rev-2", "again", "teller1")[-1], CommandRejected)
    assert twice.reason.startswith(
        f"Payment {paid.payment_id[:8]} cannot be reversed: it "
        "was already reversed (reversed by teller1 at "
    )
    undo = expect(reverse(bank, "rev-1", "rev-3", "oops", "super1")[-1], CommandRejected)
    assert undo.reason_code == "reversal_of_reversal"
    assert (bank.balance(ANNA), bank.balance(BEN)) == before


def test_a_reversal_needs_a_reason(bank):
    paid = bank.pay("transfer", ANNA, BEN, "5")
    answer = expect(reverse(bank, paid.payment_id, "r", " ", "teller1")[-1], CommandRejected)
    assert answer.reason == "Say why the payment is reversed"


def test_reversing_an_earlier_days_payment_needs_a_supervisor(bank):
    paid = bank.pay("transfer", ANNA, BEN, "5")
    bank.do(CloseBusinessDate(actor="super1"))
    answer = expect(
        reverse(bank, paid.payment_id, "r1", "late complaint", "teller1")[-1], CommandRejected
    )
    assert answer.reason == (
        "Only a supervisor can reverse this payment: it was keyed on 2026-11-27, not today"
    )
    done = reverse(bank, paid.payment_id, "r1", "late complaint", "super1")
    assert bank.story("r1").business_date == date(2026, 11, 28)
    assert type(done[-1]).__name__ == "PaymentReversed"


def test_above_the_tellers_limit_a_reversal_needs_a_supervisor(bank):
    paid = bank.pay("transfer", ANNA, BEN, "10000.01", actor="super1")
    answer = expect(reverse(bank, paid.payment_id, "r1", "x", "teller1")[-1], CommandRejected)
    assert "above the teller's limit" in answer.reason


def test_a_settled_transfer_to_another_bank_is_reversed_by_a_supervisor_against_clearing(bank):
    sent = interbank(bank, "300")
    bank.do(CloseBusinessDate(actor="super1"))
    answer = expect(
        reverse(bank, sent.payment_id, "r1", "returned by BNP", "teller1")[-1], CommandRejected
    )
    assert answer.reason_code == "needs_supervisor"
    reverse(bank, sent.payment_id, "r1", "returned by BNP", "super1")
    reversal = bank.story("r1")
    assert (reversal.debit_account, reversal.credit_account) == ("CLEARING-EUR", ANNA)
    assert bank.balance(ANNA)[0] == 2_000_000
    assert bank.balance("CLEARING-EUR")[0] == 0


def test_a_reserved_transfer_is_voided_not_reversed(bank):
    sent = interbank(bank, "300")
    answer = expect(reverse(bank, sent.payment_id, "r1", "x", "super1")[-1], CommandRejected)
    assert answer.reason == (
        f"Payment {sent.payment_id[:8]} cannot be reversed: its funds "
        "are reserved until the end-of-day settlement"
    )


def test_reversal_refused_when_the_money_is_gone(bank):
    paid = bank.pay("transfer", ANNA, BEN, "100")
    # Ben takes it out in cash at super1's counter: only that drawer holds cash today.
    taken = bank.pay("cash_withdrawal", BEN, "DRAWER-super1", "100", actor="super1")
    assert isinstance(taken, PaymentPosted)
    answer = expect(reverse(bank, paid.payment_id, "r1", "x", "teller1")[-1], CommandRejected)
    assert answer.reason_code == "insufficient_funds"


def test_unknown_and_disabled_operators_can_neither_reverse_nor_void(bank):
    paid = bank.pay("transfer", ANNA, BEN, "5")
    reserved = interbank(bank, "300")
    bank.do(DisableOperator(name="teller2", actor="admin"))
    events = bank.desk.queries.count("events")
    # A name without a login session is refused before anything else is looked at.
    for actor, code in (("ghost", "session_required"), ("teller2", "operator_disabled")):
        answer = reverse(bank, paid.payment_id, f"r-{actor}", "wrong account", actor)[-1]
        assert isinstance(answer, CommandRejected) and answer.reason_code == code
        answer = bank.do(
            VoidPayment(payment_id=reserved.payment_id, reason="cancelled", actor=actor)
        )[-1]
        assert isinstance(answer, CommandRejected) and answer.reason_code == code
    assert bank.desk.queries.count("events") == events
    assert (bank.story(paid.payment_id).status, bank.story(reserved.payment_id).status) == (
        "posted",
        "reserved",
    )


# -- end of day ---------------------------------------------------------------------------


def test_closing_the_day_needs_a_supervisor(bank):
    answer = bank.do(CloseBusinessDate(actor="teller1"))[-1]
    assert answer.reason == "Only a supervisor can close the business date"
    assert bank.stories.business_date() == date(2026, 11, 27)


def test_closing_needs_every_drawer_closed(tmp_path):
    # The desk's own wiring: the drawer sessions in the database say which are open.
    bank = make_bank(tmp_path, open_drawers=open_drawer_accounts)
    try:
        session_id = open_session(bank.desk.bus, "teller1")
        answer = bank.do(CloseBusinessDate(actor="super1"))[-1]
        assert (
            expect(answer, CommandRejected).reason
            == "Close every cash drawer first; still open: DRAWER-TELLER1"
        )
        assert bank.stories.closed_dates() == []
        # A closing count begun is not closed yet.
        bank.do(CountClosingCash(session_id=session_id, counts=[], actor="teller1"))
        answer = bank.do(CloseBusinessDate(actor="super1"))[-1]
        assert (
            expect(answer, CommandRejected).reason
            == "Close every cash drawer first; still open: DRAWER-TELLER1"
        )
        assert isinstance(
            bank.do(CloseDrawer(session_id=session_id, actor="teller1"))[-1], DrawerClosed
        )
        bank.do(CloseBusinessDate(actor="super1"))
        assert bank.stories.closed_dates() == [date(2026, 11, 27)]
    finally:
        bank.desk.close()


def test_payments_keyed_after_the_close_belong_to_the_next_date(bank):
    bank.do(CloseBusinessDate(actor="super1"))
    paid = bank.pay("transfer", ANNA, BEN, "5")
    assert bank.story(paid.payment_id).business_date == date(2026, 11, 28)
    assert bank.desk.queries.journal(date(2026, 11, 28))[0].payment_id == paid.payment_id
    # The calendar has moved on by three days: the next close opens today's date.
    bank.clock.advance(days=3)
    bank.do(CloseBusinessDate(actor="super1"))
    assert bank.stories.business_date() == date(2026, 11, 30)


def test_the_demo_day_has_every_story_and_closes_with_a_settlement(tmp_path):
    from app.bootstrap import bootstrap
    from domain.reporting.audit import verify

    today = date.today()
    desk = bootstrap(
        f"sqlite:///{tmp_path / 'demo.db'}",
        start_worker=False,
        first_business_date=today - timedelta(days=1),
    )
    try:
        report = demo_day(
            desk, seed=1, customers=10, payments=40, lifecycle=desk.lifecycle, today=today
        )
        lifecycle = present(desk.lifecycle)
        counts = lifecycle.state_counts()
        assert {"posted", "declined", "rejected", "reversed", "settled", "voided"} <= set(counts)
        assert counts.get("held", 0) == 0  # every held payment was decided
        assert any(line.startswith("super1 approved it") for line in report.day)
        closed = lifecycle.closed_dates()
        assert closed == [today - timedelta(days=1)]
        assert lifecycle.business_date() == today
        assert [s.bank_code for s in lifecycle.settlement(closed[0])] == [
            "BNPAFRPP",
            "COBADEFF",
            "UBSWCHZH",
        ]
        assert verify(desk.engine) == []
    finally:
        desk.close()


def test_queued_submissions_commit_in_groups_without_a_rollback(bank, caplog):
    """Holds, risk rejections and refusals in one commit group: every handler decided
    before it wrote, so the group commits whole and nothing is run twice."""
    worker = bank.desk.worker
    outcomes: list[str] = []
    bank.desk.bus.subscribe(__import__("bus").Event, lambda e: outcomes.append(type(e).__name__))
    kinds_of: list[tuple[str, str, str, int, dict[str, str]]] = [
        ("transfer", ANNA, BEN, 1_000 + i, {}) for i in range(8)
    ]  # velocity: 10
    kinds_of += [
        ("transfer", ANNA, BEN, 1_200_000, {}),  # held: teller limit
        ("cash_deposit", "DRAWER-teller1", BEN, 600_000_000, {}),  # rejected
        ("transfer", ANNA, ANNA, 5, {}),  # refused: same account
        (
            "interbank_transfer",
            ANNA,
            "",
            700,
            {
                "beneficiary_bank": "BNPAFRPP",
                "beneficiary_account": "FR1",
                "beneficiary_name": "Marie Curie",
            },
        ),
    ]
    commands = [submission(f"q-{i}", k, d, c, a, **x) for i, (k, d, c, a, x) in enumerate(kinds_of)]
    for command in commands:
        worker.submit(command)
    worker.start()
    assert worker.wait_idle(10)
    assert worker.groups_committed >= 1 and worker.largest_group > 1
    assert "rolled back" not in caplog.text
    counts = bank.stories.state_counts()
    assert (counts["held"], counts["rejected"], counts["reserved"]) == (1, 1, 1)
    assert outcomes.count("CommandRejected") == 1
    assert bank.balance(BEN)[0] == sum(1_000 + i for i in range(8))


# -- two desks on the same payment ----------------------------------------------------------


def test_a_second_supervisor_approving_is_told_who_approved_and_when(bank):
    pid = held_transfer(bank)
    first = bank.do(ApprovePayment(payment_id=pid, actor="super1"))[-1]
    assert isinstance(first, PaymentPosted)
    balances = bank.balance(ANNA), bank.balance(BEN)
    second = bank.do(ApprovePayment(payment_id=pid, actor="admin"))[-1]
    assert isinstance(second, CommandRejected)
    assert re.fullmatch(
        rf"Payment {pid[:8]} cannot be posted: it is already posted "
        r"\(approved by super1 at \d\d:\d\d:\d\d UTC on \d{4}-\d\d-\d\d\)",
        second.reason,
    ), second.reason
    assert (bank.balance(ANNA), bank.balance(BEN)) == balances


def test_a_second_reversal_from_another_desk_is_told_who_reversed_it(bank):
    paid = bank.pay("transfer", ANNA, BEN, "50")
    reverse(bank, paid.payment_id, "rev-a", "wrong account", "super1")
    balances = bank.balance(ANNA), bank.balance(BEN)
    late = reverse(bank, paid.payment_id, "rev-b", "wrong account", "teller2")[-1]
    assert isinstance(late, CommandRejected)
    assert late.reason.startswith(
        f"Payment {paid.payment_id[:8]} cannot be reversed: it was already reversed "
        "(reversed by super1 at "
    )
    assert (bank.balance(ANNA), bank.balance(BEN)) == balances
