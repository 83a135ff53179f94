"""Held payments, approvals, duplicate confirmation and reversal, from the keyboard."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import Desk
from domain.payments.events import PaymentPosted
from domain.payments.kinds import TRANSFER
from domain.reporting.audit import verify
from gui_support import shot
from helpers import payment, supervisor_deposit
from ui.approvals import ApprovalsModel
from ui.main_window import MainWindow


def _seed(desk: Desk) -> None:
    # Within a supervisor's own limit: posted at super1's counter, through super1's drawer.
    seeded = supervisor_deposit(desk.bus, "10000001", 5_000_000, payment_id="seed-1")
    assert isinstance(seeded, PaymentPosted), seeded


@pytest.fixture
def gui_desk(make_desk) -> Desk:
    return make_desk(drawers=("teller1", "super1"), seed=_seed)


@pytest.fixture
def make_window(make_window, gui_desk) -> Callable[[str], MainWindow]:
    return lambda operator: make_window(gui_desk, operator, size=(1280, 720))


def key_transfer(qtbot, win, frm: str, to: str, amount: str) -> str:
    form = win.form
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_F4)
    qtbot.keyClicks(form.from_field.edit, frm)
    qtbot.keyClicks(form.to_field.edit, to)
    qtbot.keyClicks(form.amount, amount)
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    return answer.args[0]


def transfer_keyed(gui_desk: Desk, payment_id: str, amount: int, actor: str = "teller1") -> None:
    """A transfer from Anna to Ben sent to the desk's worker, as another desk keys it."""
    gui_desk.worker.submit(
        payment(TRANSFER, "10000001", "10000002", amount, payment_id=payment_id, actor=actor)
    )


def held_by_teller(gui_desk: Desk, payment_id: str, amount: int = 1_500_000) -> None:
    """Above teller1's limit: held for a supervisor."""
    transfer_keyed(gui_desk, payment_id, amount)


def test_the_form_says_held_for_approval_with_the_reason(qtbot, make_window, gui_desk):
    # Anna has sent 19,000.00 EUR today already, keyed at another desk.
    for pid, amount in (("day-1", 1_000_000), ("day-2", 900_000)):
        transfer_keyed(gui_desk, pid, amount, actor="teller2")
    assert gui_desk.worker.wait_idle(10)
    assert gui_desk.queries.account("10000002").posted == 1_900_000
    win = make_window("teller1")
    assert key_transfer(qtbot, win, "10000001", "10000002", "6001") == "held"
    assert win.form.status.text() == (
        "Held for approval: Account 10000001 would send 25,001.00 EUR today, above its "
        "daily limit of 25,000.00 EUR. A supervisor will approve or decline it."
    )
    assert gui_desk.queries.account("10000002").posted == 1_900_000
    assert win.journal_model.entry(0).status == "held"
    shot(win, "held_for_approval")


def test_above_the_tellers_limit_the_form_asks_for_a_supervisor_at_the_desk(
    qtbot, make_window, gui_desk
):
    """At the counter a supervisor signs off at once (the override dialog of the desk
    session) instead of the payment waiting in the approvals queue; until then nothing
    is stored."""
    win = make_window("teller1")
    events = gui_desk.queries.count("events")
    with qtbot.waitSignal(win.form.override_needed, timeout=5000) as asked:
        assert key_transfer(qtbot, win, "10000001", "10000002", "15000") == "rejected"
    command, reason = asked.args
    assert (command.amount, command.actor, command.approval) == (1_500_000, "teller1", None)
    assert reason == (
        "15,000.00 EUR is above the teller's limit of 10,000.00 EUR for one "
        "payment: a supervisor must approve"
    )
    assert gui_desk.queries.count("events") == events
    assert gui_desk.queries.account("10000002").posted == 0


def test_a_possible_duplicate_asks_and_enter_again_posts_it(qtbot, make_window, gui_desk):
    win = make_window("teller1")
    assert key_transfer(qtbot, win, "10000001", "10000002", "25") == "posted"
    form = win.form
    qtbot.keyClicks(form.from_field.edit, "10000001")
    qtbot.keyClicks(form.to_field.edit, "10000002")
    qtbot.keyClicks(form.amount, "25")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args[0] == "confirm"
    assert form.status.text().startswith(
        "Possible duplicate: the same amount from 10000001 to 10000002 was keyed by teller1"
    )
    assert "Press Enter again to post it anyway, Esc to drop it." in form.status.text()
    shot(win, "duplicate_prompt")
    assert gui_desk.queries.account("10000002").posted == 2_500
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args[0] == "posted"
    assert gui_desk.queries.account("10000002").posted == 5_000


def test_held_payments_appear_live_and_the_supervisor_approves_from_the_keyboard(
    qtbot, make_window, gui_desk
):
    win = make_window("super1")
    qtbot.keyClick(win.form.to_field.edit, Qt.Key.Key_F6)
    panel = win.approvals
    assert win.approvals_dock.isVisible() and panel.model.rowCount() == 0
    with qtbot.waitSignal(panel.model.rowsInserted, timeout=5000):
        held_by_teller(gui_desk, "held-1")
    with qtbot.waitSignal(panel.model.rowsInserted, timeout=5000):
        held_by_teller(gui_desk, "held-2", 1_200_000)
    panel.focus_queue()
    assert panel.title.text() == "Waiting for approval — 2 payments"
    assert "above the teller's limit" in panel.model.index(0, 6).data()
    assert "keyed by teller1" in panel.detail.text()
    shot(win, "approvals")
    shot(panel, "approvals_panel")
    with qtbot.waitSignal(panel.answered, timeout=5000) as answer:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert answer.args[0] == "approved"
    assert gui_desk.queries.account("10000002").posted == 1_500_000
    assert panel.model.rowCount() == 1

    # Decline: Ctrl+D goes to the reason; Enter there declines.
    qtbot.keyClick(panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert panel.reason.hasFocus()
    with qtbot.waitSignal(panel.answered, timeout=5000) as answer:
        qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert answer.args[0] == "needs_reason"
    qtbot.keyClicks(panel.reason, "customer could not show ID")
    with qtbot.waitSignal(panel.answered, timeout=5000) as answer:
        qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert answer.args[0] == "declined"
    assert panel.model.rowCount() == 0
    story = gui_desk.lifecycle.story("held-2")
    assert (story.status, story.decided_by, story.decision_note) == (
        "declined",
        "super1",
        "customer could not show ID",
    )
    assert verify(gui_desk.engine) == []


def test_a_held_payment_reaches_the_supervisors_queue_with_no_read_on_the_gui_thread(
    qtbot, make_window, gui_desk, gui_reads
):
    win = make_window("super1")
    panel = win.approvals
    with gui_reads(gui_desk.engine) as on_gui:
        with qtbot.waitSignal(panel.model.rowsInserted, timeout=5000):
            held_by_teller(gui_desk, "held-1")
        qtbot.waitUntil(lambda: "keyed by teller1" in panel.detail.text(), timeout=5000)
    assert on_gui == []
    assert panel.title.text() == "Waiting for approval — 1 payment"
    assert "above the teller's limit" in panel.model.index(0, 6).data()


def test_a_teller_cannot_approve_and_is_told_why(qtbot, make_window, gui_desk):
    win = make_window("teller2")
    with qtbot.waitSignal(win.approvals.model.rowsInserted, timeout=5000):
        held_by_teller(gui_desk, "held-1")
    qtbot.keyClick(win.form.to_field.edit, Qt.Key.Key_F6)
    with qtbot.waitSignal(win.approvals.answered, timeout=5000):
        qtbot.keyClick(win.approvals.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert win.approvals.status.text() == (
        "Not done: Only a supervisor can approve a held payment; teller2 is a teller"
    )
    assert gui_desk.lifecycle.story("held-1").status == "held"


def test_ctrl_r_on_the_journal_reverses_the_selected_payment(qtbot, make_window, gui_desk):
    win = make_window("teller1")
    assert key_transfer(qtbot, win, "10000001", "10000002", "40") == "posted"
    # The account completer's popup took the active window while typing (offscreen).
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert win.journal.hasFocus()
    qtbot.keyClick(win.journal, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = win.reversal
    assert dialog is not None and dialog.isVisible()
    original = dialog.story.payment_id
    qtbot.waitUntil(dialog.reason.hasFocus)
    with qtbot.waitSignal(dialog.answered, timeout=5000) as answer:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert answer.args[0] == "needs_reason"
    qtbot.keyClicks(dialog.reason, "keyed to the wrong account")
    shot(dialog, "reversal_dialog")
    with qtbot.waitSignal(dialog.answered, timeout=5000) as answer:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert answer.args[0] == "reversed"
    assert gui_desk.queries.account("10000002").posted == 0
    assert gui_desk.lifecycle.story(original).status == "reversed"

    def statuses() -> dict[str, str]:
        return {
            win.journal_model.entry(r).payment_id: win.journal_model.entry(r).status
            for r in range(win.journal_model.rowCount())
        }

    # The journal's rows are read on the worker and come just after the answer.
    qtbot.waitUntil(lambda: statuses()[original] == "reversed", timeout=5000)
    assert win.journal_model.entry(0).kind == "reversal"


def test_a_refused_reversal_keeps_the_dialog_open_with_the_reason(qtbot, make_window, gui_desk):
    win = make_window("teller1")
    win.focus_journal()
    win.journal.selectRow(0)  # the supervisor's 50,000.00 deposit: above a teller's limit
    qtbot.keyClick(win.journal, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = win.reversal
    qtbot.keyClicks(dialog.reason, "wrong amount")
    with qtbot.waitSignal(dialog.answered, timeout=5000) as answer:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert answer.args[0] == "refused"
    assert dialog.isVisible()
    assert dialog.status.text() == (
        "Not reversed: Only a supervisor can reverse this payment: it is above the teller's limit"
    )
    shot(dialog, "reversal_refused")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_lifecycle_shortcuts_are_in_the_menus(make_window):
    win = make_window("super1")
    lines = "\n".join(win.shortcut_lines())
    for key, name in (
        ("F6", "Approvals"),
        ("Ctrl+R", "Reverse selected payment"),
        ("Ctrl+Return", "Approve selected payment"),
        ("Ctrl+D", "Decline selected payment"),
    ):
        assert f"{key}\t{name}" in lines


def test_approvals_model_is_a_well_behaved_qt_model(qtmodeltester, gui_desk, qtbot, make_window):
    win = make_window("super1")
    with qtbot.waitSignal(win.approvals.model.rowsInserted, timeout=5000):
        held_by_teller(gui_desk, "held-1")
    qtmodeltester.check(win.approvals.model)
    qtmodeltester.check(ApprovalsModel())


def test_a_transfer_to_another_bank_keyed_with_f8_reserves_the_funds(qtbot, make_window, gui_desk):
    win = make_window("teller1")
    form = win.form
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_F8)
    assert form.kind() == "interbank_transfer"
    assert not form.to_field.isVisible() and form.beneficiary_bank.isVisible()
    qtbot.keyClicks(form.from_field.edit, "10000001")
    qtbot.keyClick(form.from_field.edit, Qt.Key.Key_Tab)
    assert form.beneficiary_bank.hasFocus()
    for text in ("bnpafrpp", "FR7630006000011234567890189", "Marie Curie"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert form.amount.hasFocus()
    qtbot.keyClicks(form.amount, "250")
    shot(win, "interbank_form")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args[0] == "reserved"
    assert form.status.text().startswith("Reserved: 250.00 EUR from account 10000001 to FR76")
    anna = gui_desk.queries.account("10000001")
    assert (anna.posted, anna.pending, anna.available) == (5_000_000, 25_000, 4_975_000)
    top = win.journal_model.entry(0)
    assert (top.kind, top.status, top.credit_account) == (
        "interbank_transfer",
        "reserved",
        "CLEARING-EUR",
    )
    qtbot.keyClicks(form.from_field.edit, "10000001")
    assert form.from_field.info.text() == (
        "Anna Schmidt — available 49,750.00 EUR (reserved 250.00 EUR)"
    )


def test_f8_without_a_beneficiary_is_refused_at_the_form(qtbot, make_window, gui_desk):
    win = make_window("teller1")
    form = win.form
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_F8)
    qtbot.keyClicks(form.from_field.edit, "10000001")
    qtbot.keyClicks(form.amount, "10")
    events = gui_desk.queries.count("events")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args[0] == "invalid"
    assert "give the beneficiary's bank code, account and name" in form.status.text()
    assert form.beneficiary_bank.hasFocus()
    assert gui_desk.queries.count("events") == events
