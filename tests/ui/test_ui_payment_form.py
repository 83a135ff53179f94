"""The teller keys payments with real keystrokes; the journal and the ledger show them."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import select

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from app.bootstrap import Desk
from domain.eventstore.tables import events
from domain.ledger.commands import ChangeAccountStatus
from domain.payments.kinds import TRANSFER
from domain.reporting.audit import verify
from helpers import deposit, payment
from ui.main_window import MainWindow

TELLER = "teller1"


def _cash_to_start_with(desk: Desk) -> None:
    # Some cash in the drawer and on Anna's account to start with.
    deposit(desk.bus, "10000001", 50_000, payment_id="seed-1")


@pytest.fixture
def gui_desk(make_desk) -> Desk:
    return make_desk(
        accounts=(
            ("10000001", "Anna Schmidt", "EUR"),
            ("10000002", "Ben Rossi", "EUR"),
            ("20000001", "Chen Li", "USD"),
        ),
        seed=_cash_to_start_with,
    )


@pytest.fixture
def window(make_window, gui_desk: Desk) -> MainWindow:
    return make_window(gui_desk, TELLER, stories=False, drawer="DRAWER-teller1")


def ledger_counts(desk: Desk) -> tuple[int, int, int]:
    return (
        desk.queries.count("events"),
        desk.queries.count("payments"),
        desk.queries.count("postings"),
    )


def key_payment(
    qtbot,
    win: MainWindow,
    *,
    to: str | None = None,
    frm: str | None = None,
    amount: str = "",
    reference: str = "",
) -> None:
    form = win.form
    if frm is not None:
        qtbot.keyClicks(form.from_field.edit, frm)
    if to is not None:
        qtbot.keyClicks(form.to_field.edit, to)
    qtbot.keyClicks(form.amount, amount)
    if reference:
        qtbot.keyClicks(form.reference, reference)


def press_enter_and_wait(qtbot, win: MainWindow, widget=None) -> str:
    target = widget or win.form.amount
    with qtbot.waitSignal(win.form.answered, timeout=5000) as answer:
        qtbot.keyClick(target, Qt.Key.Key_Return)
    return answer.args[0]


def test_cash_deposit_keyed_from_the_keyboard_lands_in_journal_and_ledger(qtbot, window, gui_desk):
    form = window.form
    assert form.from_field.edit.text() == "DRAWER-teller1"
    assert form.to_field.edit.hasFocus()
    qtbot.keyClicks(form.to_field.edit, "10000002")
    assert "Ben Rossi" in form.to_field.info.text()
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Tab)
    assert form.amount.hasFocus()
    qtbot.keyClicks(form.amount, "100+25.50")
    assert form.amount_preview.text() == "= 125.50 EUR"
    qtbot.keyClick(form.amount, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.reference, "rent")
    assert press_enter_and_wait(qtbot, window, form.reference) == "posted"

    top = window.journal_model.entry(0)
    assert (top.kind, top.credit_account, top.amount, top.reference) == (
        "cash_deposit",
        "10000002",
        12_550,
        "rent",
    )
    assert "Posted" in form.status.text() and "125.50 EUR" in form.status.text()
    assert gui_desk.queries.account("10000002").posted == 12_550
    with gui_desk.engine.connect() as conn:
        stored = conn.execute(
            select(events.c.event_type, events.c.operator, events.c.payload)
            .where(events.c.aggregate_id == top.payment_id)
            .order_by(events.c.seq)
        ).all()
    # Keyed, risk-checked, posted: all by the teller at the desk.
    assert [(e.event_type, e.operator) for e in stored] == [
        ("PaymentCreated", TELLER),
        ("PaymentRiskChecked", TELLER),
        ("PaymentPosted", TELLER),
    ]
    assert json.loads(stored[-1].payload)["amount"] == 12_550
    assert verify(gui_desk.engine) == []
    # The form is ready for the next customer.
    assert form.to_field.edit.text() == "" and form.amount.text() == ""


def test_a_keyed_payment_shows_once_in_the_journal_with_its_amount(qtbot, window, gui_desk):
    form = window.form
    before = window.journal_model.rowCount()
    qtbot.keyClicks(form.to_field.edit, "10000002")
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.amount, "77.25")
    assert press_enter_and_wait(qtbot, window) == "posted"
    # Three events came of it (keyed, risk-checked, posted): one row, not three.
    assert window.journal_model.rowCount() == before + 1
    shown = [window.journal_model.entry(r) for r in range(window.journal_model.rowCount())]
    mine = [e for e in shown if e.credit_account == "10000002"]
    assert [(e.amount, e.status) for e in mine] == [(7_725, "posted")]
    assert window.journal_model.index(0, 4).data() == "77.25"
    assert "2 payments" in window.journal_title.text()
    # The drawer's line on the form follows the cash that came in.
    assert "available 577.25 EUR" in form.from_field.info.text()


def test_the_gui_thread_reads_nothing_while_a_payment_is_answered(
    qtbot, window, gui_desk, gui_reads
):
    """With many desks on one server a read on the GUI thread freezes the desk for a
    network round trip: what the journal and the form show of a posting is read on the
    worker, once, and handed over."""
    form = window.form
    qtbot.keyClicks(form.to_field.edit, "10000002")
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.amount, "12.00")
    with gui_reads(gui_desk.engine) as on_gui:
        assert press_enter_and_wait(qtbot, window) == "posted"
        qtbot.waitUntil(lambda: window.journal_model.entry(0).amount == 1_200, timeout=5000)
    assert on_gui == []


def test_withdrawal_and_transfer_switch_with_function_keys(qtbot, window, gui_desk):
    form = window.form
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_F3)
    assert form.kind() == "cash_withdrawal"
    assert form.to_field.edit.text() == "DRAWER-teller1"
    assert form.from_field.edit.hasFocus()
    key_payment(qtbot, window, frm="10000001", amount="40")
    assert press_enter_and_wait(qtbot, window) == "posted"
    assert gui_desk.queries.account("10000001").posted == 50_000 - 4_000

    qtbot.keyClick(form.from_field.edit, Qt.Key.Key_F4)
    assert form.kind() == "transfer"
    key_payment(qtbot, window, frm="10000001", to="10000002", amount="100.00")
    assert press_enter_and_wait(qtbot, window) == "posted"
    assert [e.kind for e in (window.journal_model.entry(r) for r in range(3))] == [
        "transfer",
        "cash_withdrawal",
        "cash_deposit",
    ]
    assert gui_desk.queries.account("10000001").posted == 50_000 - 4_000 - 10_000
    assert gui_desk.queries.account("10000002").posted == 10_000


@pytest.mark.parametrize(
    ("kind_key", "frm", "to", "amount", "field", "message"),
    [
        (Qt.Key.Key_F2, None, "99999999", "10", "to_field", "No account 99999999"),
        (Qt.Key.Key_F2, None, "10000002", "12,34", "amount", "Misplaced thousands separator"),
        (Qt.Key.Key_F2, None, "10000002", "1.234", "amount", "at most 2 decimals"),
        (Qt.Key.Key_F2, None, "10000002", "abc", "amount", "Cannot read"),
        (Qt.Key.Key_F2, None, "10000002", "0", "amount", "more than zero"),
        (Qt.Key.Key_F2, None, "10000002", "5-10", "amount", "more than zero"),
        (Qt.Key.Key_F2, None, "10000002", "2000000000", "amount", "are refused"),
        (Qt.Key.Key_F2, None, "10000002", "", "amount", "Enter an amount"),
    ],
)
def test_bad_input_is_named_at_its_field_and_changes_nothing(
    qtbot, window, gui_desk, kind_key, frm, to, amount, field, message
):
    before = ledger_counts(gui_desk)
    qtbot.keyClick(window.form.to_field.edit, kind_key)
    key_payment(qtbot, window, frm=frm, to=to, amount=amount)
    assert press_enter_and_wait(qtbot, window) == "invalid"
    error_label = (
        window.form.amount_error if field == "amount" else getattr(window.form, field).error
    )
    assert message in error_label.text()
    assert ledger_counts(gui_desk) == before


@pytest.mark.parametrize(
    ("prepare", "frm", "to", "amount", "field", "message"),
    [
        ("freeze", "10000001", "10000002", "10", "from_field", "is frozen"),
        ("close", "10000001", "10000002", "10", "from_field", "is closed"),
        (None, "10000002", "10000001", "10", "from_field", "Not enough funds"),
        (None, "10000001", "20000001", "10", "to_field", "holds USD"),
        (None, "10000001", "10000001", "10", "to_field", "two different accounts"),
        (None, "10000001", "DRAWER-teller1", "10", "to_field", "needs a customer account"),
    ],
)
def test_rejections_from_the_ledger_show_at_the_field_and_change_nothing(
    qtbot, window, gui_desk, prepare, frm, to, amount, field, message
):
    if prepare:
        gui_desk.worker.submit(
            ChangeAccountStatus(
                account_id="10000001",
                frozen=prepare == "freeze",
                closed=prepare == "close",
                actor="super1",
            )
        )
        gui_desk.worker.wait_idle(5)
    before = ledger_counts(gui_desk)
    qtbot.keyClick(window.form.to_field.edit, Qt.Key.Key_F4)
    key_payment(qtbot, window, frm=frm, to=to, amount=amount)
    assert press_enter_and_wait(qtbot, window) == "rejected"
    assert message in getattr(window.form, field).error.text()
    assert message in window.form.status.text()
    assert ledger_counts(gui_desk) == before
    assert window.journal_model.rowCount() == 1  # only the seed deposit


def test_double_enter_posts_once_and_says_already_posted(qtbot, window, gui_desk):
    form = window.form
    key_payment(qtbot, window, to="10000002", amount="10")
    answers: list[str] = []
    form.answered.connect(answers.append)
    with qtbot.waitSignal(
        form.answered, timeout=5000, check_params_cb=lambda answer: answer == "already_posted"
    ):
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answers == ["posted", "already_posted"]
    assert gui_desk.queries.account("10000002").posted == 1_000
    assert window.journal_model.rowCount() == 2
    assert "Already posted" in form.status.text()


def test_enter_on_an_emptied_form_after_posting_posts_nothing(qtbot, window, gui_desk):
    key_payment(qtbot, window, to="10000002", amount="10")
    assert press_enter_and_wait(qtbot, window) == "posted"
    before = ledger_counts(gui_desk)
    # Not "correct the fields": it was posted, and the green message says so.
    assert press_enter_and_wait(qtbot, window) == "already_posted"
    assert "Already posted" in window.form.status.text()
    assert ledger_counts(gui_desk) == before


def test_escape_clears_the_form_and_starts_a_new_payment(qtbot, window):
    form = window.form
    key_payment(qtbot, window, to="10000002", amount="10", reference="x")
    first_id = form.payment_id
    qtbot.keyClick(form.reference, Qt.Key.Key_Escape)
    assert (form.to_field.edit.text(), form.amount.text(), form.reference.text()) == ("", "", "")
    assert form.payment_id != first_id
    assert form.to_field.edit.hasFocus()


def test_typing_part_of_a_name_offers_the_account(qtbot, window):
    form = window.form
    qtbot.keyClicks(form.to_field.edit, "ross")
    completer = form.to_field.edit.completer()
    assert completer.model().stringList() == ["10000002 — Ben Rossi"]


def test_hostile_text_in_fields_changes_nothing(qtbot, window, gui_desk):
    before = ledger_counts(gui_desk)
    key_payment(qtbot, window, to="1'; DROP TABLE accounts;--", amount="1; DELETE FROM events")
    assert press_enter_and_wait(qtbot, window) == "invalid"
    assert ledger_counts(gui_desk) == before
    assert gui_desk.queries.account("10000001") is not None


def test_journal_updates_from_events_of_other_sources(qtbot, window, gui_desk):
    """A payment posted elsewhere through the bus appears without a reload."""
    command = payment(
        TRANSFER, "10000001", "10000002", 700, payment_id="elsewhere-1", actor="teller2"
    )
    with qtbot.waitSignal(window.journal_model.rowsInserted, timeout=5000):
        gui_desk.worker.submit(command)
    assert window.journal_model.entry(0).operator == "teller2"
    assert "Journal" in window.journal_title.text() and "2 payments" in window.journal_title.text()


def test_every_menu_action_shows_its_shortcut(window):
    for name, action in window.actions_by_name.items():
        assert not action.shortcut().isEmpty(), name
    lines = "\n".join(window.shortcut_lines())
    for key in ("F2", "F3", "F4", "Enter", "Esc", "Ctrl+J", "F1"):
        assert key in lines


def test_journal_model_is_a_well_behaved_qt_model(qtmodeltester, window, qtbot, gui_desk):
    key_payment(qtbot, window, to="10000002", amount="10")
    press_enter_and_wait(qtbot, window)
    qtmodeltester.check(window.journal_model)
