"""The Flow screen: opened with Ctrl+Shift+F by a supervisor (not a teller), the day's
payments as a chain, the tables as well-behaved Qt models, live as payments arrive."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import Desk
from app.gui import flow_reader
from domain.payments.commands import ApprovePayment
from domain.payments.events import PaymentPosted
from domain.payments.kinds import TRANSFER
from gui_support import activate, shot
from helpers import payment, supervisor_deposit, transfer
from staff import ROLES
from ui.desk_session import OperatorServices
from ui.flow_screen import FlowScreen
from ui.main_window import MainWindow


def pay(desk: Desk, payment_id: str, amount: int, to: str = "10000002") -> str:
    """A transfer from Anna keyed by teller1; the name of the last event it led to."""
    answer = transfer(desk.bus, "10000001", to, amount, payment_id=payment_id)
    return type(answer).__name__ + getattr(answer, "reason", "")


def _four_payments(desk: Desk) -> None:
    # Within a supervisor's own limit: posted at super1's counter.
    funded = supervisor_deposit(desk.bus, "10000001", 4_000_000, payment_id="funding")
    assert isinstance(funded, PaymentPosted), funded
    assert pay(desk, "small", 2_500) == "PaymentPosted"
    assert pay(desk, "big", 1_500_000) == "PaymentHeld"  # above the teller's limit
    approved = desk.bus.dispatch(ApprovePayment(payment_id="big", actor="super1"))
    assert type(approved[-1]).__name__ == "PaymentPosted", approved
    assert pay(desk, "blocked", 10_000, to="10000003") == "PaymentRejected"  # block list


@pytest.fixture
def flow_desk(make_desk) -> Desk:
    """Four payments today: two posted (a deposit among them), one held then approved,
    one rejected."""
    return make_desk(
        accounts=(
            ("10000001", "Anna Schmidt"),
            ("10000002", "Ben Rossi"),
            ("10000003", "Ivan Drago"),
        ),
        drawers=("teller1", "super1"),
        seed=_four_payments,
    )


@pytest.fixture
def make_window(make_window, flow_desk) -> Callable[..., MainWindow]:
    def make(operator: str, flow: Callable[..., object] | None = None) -> MainWindow:
        services = OperatorServices(
            drawers=flow_desk.drawers,
            audit=flow_desk.audit,
            role=ROLES[operator],
            desk_name="desk-1",
            idle_lock_ms=600_000,
            flow=flow or flow_reader(flow_desk.engine),
        )
        stories = flow_desk.lifecycle
        return make_window(
            flow_desk,
            operator,
            services=services,
            today=lambda: stories.business_date(),
            size=(1280, 720),
        )

    return make


def open_flow(qtbot, win: MainWindow) -> FlowScreen:
    """Ctrl+Shift+F, as the supervisor types it, then the first figures."""
    qtbot.keyClick(
        win.form.from_field.edit,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert win.flow_screens is not None
    screen = win.flow_screens.screen
    assert screen is not None and screen.isVisible()
    qtbot.waitUntil(lambda: screen.figures is not None, timeout=10_000)
    return screen


def test_ctrl_shift_f_opens_the_flow_screen_for_a_supervisor(qtbot, make_window, flow_desk):
    win = make_window("super1")
    screen = open_flow(qtbot, win)
    today = flow_desk.lifecycle.business_date()
    assert screen.date.text() == today.isoformat()  # the open date by default
    # The business date as the desk's locale writes it (en_US: 'Nov 30, 2026').
    assert screen.title.text() == f"Flow of {today:%b} {today.day}, {today.year} — 4 payments"
    assert "4 customers" in screen.poisson.text()
    assert screen.tellers_model.column("Payments") == {"super1": "1", "teller1": "3"}
    assert screen.held.text() == "1" and screen.waiting.text() == "<b>0</b>"
    assert screen.decided.text() == "1 by 1 supervisor"
    assert screen.staffing_model.rowCount() >= 1
    assert "Flow of the day…" in win.actions_by_name
    assert any(line.startswith("Ctrl+Shift+F\tFlow of the day") for line in win.shortcut_lines())
    shot(screen, "flow_screen")

    # Tab goes from table to table; Esc closes.
    assert screen.tellers.hasFocus()
    qtbot.keyClick(screen.tellers, Qt.Key.Key_Tab)
    assert screen.transitions.hasFocus()
    qtbot.keyClick(screen.transitions, Qt.Key.Key_Tab)
    assert screen.ends.hasFocus()
    qtbot.keyClick(screen.ends, Qt.Key.Key_Tab)
    assert screen.staffing.hasFocus()
    qtbot.keyClick(screen.staffing, Qt.Key.Key_Escape)
    assert not screen.isVisible()


def test_a_teller_is_told_the_flow_screen_is_for_supervisors(qtbot, make_window):
    win = make_window("teller1")
    qtbot.keyClick(
        win.form.from_field.edit,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert win.flow_screens is not None and win.flow_screens.screen is None
    refusal = win.flow_screens.refusal
    assert refusal is not None and refusal.isVisible()
    assert refusal.text() == (
        "The Flow screen is for supervisors and admins; you are logged in as a teller."
    )
    assert win.statusBar().currentMessage() == refusal.text()
    assert not any(
        isinstance(w, FlowScreen) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    refusal.close()


def test_the_chain_shows_how_the_days_payments_moved_and_ended(qtbot, make_window):
    screen = open_flow(qtbot, make_window("admin"))
    transitions = screen.transitions_model
    assert transitions.columns == (
        "From \\ to",
        "risk checked",
        "held",
        "posted",
        "rejected",
        "Moves",
    )
    # 4 payments risk-checked: 2 posted at once, 1 held, 1 rejected; the held one was
    # approved and posted.
    assert transitions.column("risk checked") == {
        "created": "1.000",
        "risk checked": "",
        "held": "",
    }
    assert transitions.column("posted") == {"created": "", "risk checked": "0.500", "held": "1.000"}
    assert transitions.column("held")["risk checked"] == "0.250"
    assert transitions.column("rejected")["risk checked"] == "0.250"
    assert transitions.column("Moves") == {"created": "4", "risk checked": "4", "held": "1"}
    ends = screen.ends_model
    assert ends.column("Share (chain)") == {"posted": "75.0 %", "rejected": "25.0 %"}
    assert ends.column("Payments") == {"posted": "3", "rejected": "1"}


def test_every_table_of_the_flow_screen_is_a_well_behaved_qt_model(
    qtmodeltester, qtbot, make_window
):
    screen = open_flow(qtbot, make_window("super1"))
    for model in (
        screen.tellers_model,
        screen.transitions_model,
        screen.ends_model,
        screen.staffing_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_a_payment_posted_at_another_desk_shows_up_on_its_own(qtbot, make_window, flow_desk):
    screen = open_flow(qtbot, make_window("super1"))
    reads = screen.reads
    assert screen.ends_model.column("Payments") == {"posted": "3", "rejected": "1"}
    flow_desk.worker.submit(
        payment(TRANSFER, "10000001", "10000002", 4_000, payment_id="another-desk", actor="teller2")
    )
    qtbot.waitUntil(
        lambda: screen.ends_model.column("Payments").get("posted") == "4", timeout=10_000
    )
    assert screen.title.text().endswith("— 5 payments")
    assert screen.tellers_model.column("Payments") == {
        "super1": "1",
        "teller1": "3",
        "teller2": "1",
    }
    # Four events of one payment, one read (at most one a second).
    assert screen.reads == reads + 1


def test_f5_reads_again_and_another_date_can_be_chosen(qtbot, make_window, flow_desk):
    screen = open_flow(qtbot, make_window("super1"))
    reads = screen.reads
    with qtbot.waitSignal(screen.refreshed, timeout=10_000):
        qtbot.keyClick(screen.tellers, Qt.Key.Key_F5)
    assert screen.reads == reads + 1
    with qtbot.waitSignal(screen.refreshed, timeout=10_000):
        screen.date.setFocus()
        qtbot.keyClick(screen.date, Qt.Key.Key_Down)  # the year before: nothing keyed
    assert screen.title.text().endswith("— 0 payments")
    assert screen.poisson.text() == "No customer payments keyed on this date yet."
    assert screen.transitions_model.rowCount() == 0


def test_a_long_read_shows_a_busy_bar_and_esc_stops_waiting_for_it(qtbot, make_window, flow_desk):
    # The day's real figures, held at a gate: a read that takes as long as the test says.
    gate = threading.Event()
    real = flow_reader(flow_desk.engine)

    def slow(day):
        gate.wait(10)
        return real(day)

    win = make_window("super1", slow)
    qtbot.keyClick(
        win.form.from_field.edit,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    screen = win.flow_screens.screen
    qtbot.waitUntil(lambda: screen.progress.isVisible(), timeout=5000)
    assert screen.progress.what.text() == "Reading …"
    activate(qtbot, screen)
    qtbot.keyClick(screen.tellers, Qt.Key.Key_Escape)
    assert screen.isVisible()  # Esc stopped the wait, not the screen
    assert screen.progress.what.text() == "Cancelling…"
    gate.set()
    qtbot.waitUntil(
        lambda: "Reading stopped" in screen.status.text() and not screen.progress.isVisible(),
        timeout=10_000,
    )
    assert screen.figures is None

    with qtbot.waitSignal(screen.refreshed, timeout=10_000):
        qtbot.keyClick(screen.tellers, Qt.Key.Key_F5)
    assert screen.title.text().endswith("— 4 payments")
    qtbot.keyClick(screen.tellers, Qt.Key.Key_Escape)
    assert not screen.isVisible()
