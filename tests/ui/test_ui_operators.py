"""The desk as an operator meets it: log in, count the drawer, get a supervisor's
approval, lock and unlock, log out, read the audit trail. Real keystrokes throughout.

Set TELLER_SCREENSHOTS=DIR to keep a PNG of each screen."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.bootstrap import Desk, bootstrap
from app.gui import DeskController
from domain.operators.passwords import LOGIN_FAILED
from domain.payments.events import PaymentPosted
from domain.reporting.audit_trail import AuditFilter
from gui_support import activate, shot, wait_for
from helpers import deposit
from staff import PASSWORDS, hire, open_session
from ui.audit_screen import AuditScreen
from ui.bridge import EventBridge
from ui.credentials import CredentialsDialog, OverrideDialog
from ui.drawer_dialogs import CountDialog, DrawerReportDialog, VaultMoveDialog
from ui.idle import IdleWatcher
from ui.main_window import MainWindow


@pytest.fixture
def desk(make_desk) -> Desk:
    """No drawer is open: each test's operator counts their own."""
    return make_desk(drawers=())


@pytest.fixture
def controller(make_controller, desk: Desk) -> DeskController:
    return make_controller(desk)


def type_credentials(qtbot, dialog: CredentialsDialog, name: str | None, password: str) -> None:
    if name is not None:
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def log_in(qtbot, controller: DeskController, name: str, password: str | None = None) -> None:
    if controller.login_dialog is None:
        controller.show_login()
    dialog = controller.login_dialog
    qtbot.addWidget(dialog)
    type_credentials(qtbot, dialog, name, password or PASSWORDS[name])


def logged_in(qtbot, controller: DeskController, name: str, *, keep: bool = True) -> MainWindow:
    log_in(qtbot, controller, name)
    window = wait_for(qtbot, lambda: controller.window)
    if keep:  # a window that will be logged out of is deleted by the desk itself
        qtbot.addWidget(window)
    return window


def drawer_dialog(qtbot, window: MainWindow, letter: Qt.Key) -> QWidget | None:
    """Ctrl+Shift+`letter` in the amount field: the drawer dialog the desk opens."""
    qtbot.keyClick(
        window.form.amount,
        letter,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.desk_session is not None
    return window.desk_session.dialog


def drawer_to_vault(qtbot, window: MainWindow) -> VaultMoveDialog:
    """Ctrl+Shift+V, then F3: the vault move dialog, taking cash from the drawer."""
    move = drawer_dialog(qtbot, window, Qt.Key.Key_V)
    assert isinstance(move, VaultMoveDialog)
    activate(qtbot, move)
    qtbot.keyClick(move.amount, Qt.Key.Key_F3)
    assert move.direction() == "drawer_to_vault"
    return move


def count_into(qtbot, dialog: CountDialog, counts: dict[int, int]) -> None:
    for denomination, pieces in counts.items():
        spin = dialog.spins[denomination]
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, str(pieces))
    qtbot.keyClick(dialog.spins[next(iter(counts))], Qt.Key.Key_Return)


def opening_dialog(qtbot, controller: DeskController) -> CountDialog:
    session = controller.window.desk_session
    qtbot.waitUntil(lambda: isinstance(session.dialog, CountDialog), timeout=5000)
    return session.dialog


def open_drawer_at_desk(
    qtbot, controller: DeskController, desk: Desk, *, keep: bool = True
) -> MainWindow:
    """teller1 logs in and counts an empty drawer open; their window."""
    window = logged_in(qtbot, controller, "teller1", keep=keep)
    dialog = opening_dialog(qtbot, controller)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    session = desk.drawers.current_session("teller1")
    assert session is not None and session.state == "open"
    activate(qtbot, window)
    return window


def key_above_the_limit(qtbot, window: MainWindow) -> OverrideDialog:
    """12,000.00 EUR to 10000002, Enter: above teller1's limit, so a supervisor is asked
    for; the dialog that asks."""
    form = window.form
    qtbot.keyClicks(form.to_field.edit, "10000002")
    qtbot.keyClicks(form.amount, "12000")
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    session = window.desk_session
    assert session is not None
    return wait_for(qtbot, lambda: session.override_dialog)


def test_login_then_opening_count_with_a_supervisor_override(qtbot, controller, desk):
    controller.show_login()
    dialog = controller.login_dialog
    shot(dialog, "login")
    log_in(qtbot, controller, "teller1")
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    qtbot.addWidget(controller.window)
    assert controller.window.windowTitle() == "Teller Desk — teller1 (teller)"

    # A teller without a drawer session starts one and is asked to count at once.
    count = opening_dialog(qtbot, controller)
    shot(count, "opening_count")
    assert "should hold" not in count.outcome.text()
    count_into(qtbot, count, {5000: 2})  # 100.00 EUR where the books say 0
    override = wait_for(qtbot, lambda: count.override_dialog)
    assert "over by 100.00 EUR" in override.intro.text()
    shot(override, "override")

    # The teller cannot approve their own difference.
    type_credentials(qtbot, override, "teller1", PASSWORDS["teller1"])
    qtbot.waitUntil(lambda: "another person" in override.error.text(), timeout=5000)
    with qtbot.waitSignal(count.accepted, timeout=5000):
        type_credentials(qtbot, override, "super1", PASSWORDS["super1"])
    report = desk.drawers.report(desk.drawers.current_session("teller1").session_id)
    assert (report.session.state, report.opening_counted, report.opening_approved_by) == (
        "open",
        10_000,
        "super1",
    )
    assert "drawer open" in controller.window.statusBar().currentMessage()


def test_failed_login_says_nothing_about_the_name_and_points_out_caps_lock(qtbot, controller, desk):
    controller.show_login()
    dialog = controller.login_dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "teller1")
    qtbot.keyClicks(dialog.password, "TIGER")  # capitals without Shift: Caps Lock
    assert dialog.caps_hint.isVisible()
    shot(dialog, "login_caps_lock")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.text() == LOGIN_FAILED, timeout=5000)
    shot(dialog, "login_failed")
    assert dialog.password.text() == ""
    for name in ("nobody-here", "' OR '1'='1' --", "admin'; DROP TABLE operators;--"):
        type_credentials(qtbot, dialog, name, "x' OR 'x'='x")
        qtbot.waitUntil(lambda: dialog.password.isEnabled(), timeout=5000)
        assert dialog.error.text() == LOGIN_FAILED  # the same words for an unknown name
    assert len(desk.operators.all()) == 5
    assert controller.window is None


def test_lock_keeps_the_form_and_only_the_operator_or_a_supervisor_unlocks(qtbot, controller, desk):
    open_drawer_at_desk(qtbot, controller, desk)
    window = controller.window
    form = window.form
    qtbot.keyClicks(form.to_field.edit, "10000002")
    qtbot.keyClicks(form.amount, "12.50")
    qtbot.keyClick(form.amount, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    session = window.desk_session
    lock = session.lock_dialog
    assert lock is not None and not window.centralWidget().isVisible()
    qtbot.addWidget(lock)
    shot(lock, "lock")

    type_credentials(qtbot, lock, "teller2", PASSWORDS["teller2"])
    qtbot.waitUntil(lambda: "Only the operator" in lock.error.text(), timeout=5000)
    type_credentials(qtbot, lock, "teller1", "not-my-password")
    qtbot.waitUntil(lambda: "not accepted" in lock.error.text(), timeout=5000)
    with qtbot.waitSignal(lock.accepted, timeout=5000):
        type_credentials(qtbot, lock, "super1", PASSWORDS["super1"])
    assert window.centralWidget().isVisible()
    assert (form.to_field.edit.text(), form.amount.text()) == ("10000002", "12.50")
    with sqlite3.connect(desk.engine.url.database) as conn:
        unlocked = conn.execute(
            "SELECT payload FROM events WHERE event_type = 'DeskUnlocked'"
        ).fetchall()
    assert len(unlocked) == 1 and '"unlocked_by":"super1"' in unlocked[0][0]


def test_idle_watcher_fires_after_quiet_and_waits_again_after_a_key(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    watcher = IdleWatcher(200)
    try:
        qtbot.waitSignal(watcher.idle, timeout=3000).wait()
    finally:
        watcher.stop()


def test_log_out_from_the_keyboard_and_switch_operator(qtbot, controller, desk):
    open_drawer_at_desk(qtbot, controller, desk, keep=False)
    window = controller.window
    qtbot.keyClick(
        window.form.amount,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert controller.window is None and controller.login_dialog is not None
    window = logged_in(qtbot, controller, "super1")
    assert window.windowTitle() == "Teller Desk — super1 (supervisor)"
    types = [e.event_type for e in desk.audit.page(AuditFilter(), limit=5)]
    assert "LoginSucceeded" in types and "LoggedOut" in types


def test_payment_above_the_tellers_limit_waits_for_a_supervisor(qtbot, controller, desk):
    window = open_drawer_at_desk(qtbot, controller, desk)
    form = window.form
    override = key_above_the_limit(qtbot, window)
    assert "limit of 10,000.00 EUR" in override.intro.text()
    shot(override, "payment_override")
    assert desk.queries.account("10000002").posted == 0
    with qtbot.waitSignal(
        form.answered, timeout=5000, check_params_cb=lambda answer: answer == "posted"
    ):
        type_credentials(qtbot, override, "super2", PASSWORDS["super2"])
    assert desk.queries.account("10000002").posted == 1_200_000
    granted = desk.audit.page(AuditFilter(event_type="OverrideGranted"))
    assert (granted[0].payload["maker"], granted[0].payload["approver"]) == ("teller1", "super2")


def test_without_a_supervisor_at_hand_the_payment_goes_to_the_approvals_queue(
    qtbot, controller, desk
):
    window = open_drawer_at_desk(qtbot, controller, desk)
    form = window.form
    override = key_above_the_limit(qtbot, window)
    payment_id = form.payment_id
    with qtbot.waitSignal(
        form.answered, timeout=5000, check_params_cb=lambda answer: answer == "held"
    ):
        qtbot.keyClick(override.password, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert not override.isVisible()
    story = desk.lifecycle.story(payment_id)
    assert story is not None and story.status == "held"
    assert desk.queries.account("10000002").posted == 0
    assert "Held for approval" in form.status.text()


def test_blind_close_shows_the_expected_total_only_after_the_count(qtbot, controller, desk):
    open_drawer_at_desk(qtbot, controller, desk)
    form = controller.window.form
    qtbot.keyClicks(form.to_field.edit, "10000001")
    qtbot.keyClicks(form.amount, "70")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args == ["posted"]
    dialog = drawer_dialog(qtbot, controller.window, Qt.Key.Key_C)
    assert isinstance(dialog, CountDialog) and dialog.mode == "closing"
    shot(dialog, "closing_count_blind")
    assert "70" not in dialog.outcome.text() and dialog.outcome.text() == ""
    count_into(qtbot, dialog, {5000: 1, 1000: 1, 500: 1, 200: 1})  # 67.00: 3.00 short
    qtbot.waitUntil(lambda: "should hold 70.00 EUR" in dialog.outcome.text(), timeout=5000)
    assert "short by 3.00 EUR" in dialog.outcome.text()
    shot(dialog, "closing_count_revealed")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert desk.drawers.current_session("teller1") is None
    assert desk.queries.account("OVERSHORT-EUR").posted == -300


def test_vault_move_and_drawer_report_to_pdf(qtbot, controller, desk, tmp_path):
    open_drawer_at_desk(qtbot, controller, desk)
    form = controller.window.form
    qtbot.keyClicks(form.to_field.edit, "10000001")
    qtbot.keyClicks(form.amount, "500")
    with qtbot.waitSignal(
        form.answered, timeout=5000, check_params_cb=lambda answer: answer == "posted"
    ):
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    move = drawer_to_vault(qtbot, controller.window)
    qtbot.keyClicks(move.amount, "300")
    shot(move, "vault_move")
    qtbot.keyClick(move.amount, Qt.Key.Key_Return)
    override = wait_for(qtbot, lambda: move.override_dialog)
    with qtbot.waitSignal(move.accepted, timeout=5000):
        type_credentials(qtbot, override, "super1", PASSWORDS["super1"])
    assert desk.queries.account("VAULT-EUR").posted == 30_000

    activate(qtbot, controller.window)
    report = drawer_dialog(qtbot, controller.window, Qt.Key.Key_R)
    assert isinstance(report, DrawerReportDialog)
    text = report.view.toPlainText()
    assert "drawer to vault" in text and "super1" in text
    assert "shown after the closing count" in text
    shot(report, "drawer_report")
    pdf = tmp_path / "drawer.pdf"
    report.save_pdf(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        body = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Cash movements" in body and "300.00" in body


def test_drawer_moves_read_nothing_on_the_gui_thread(qtbot, controller, desk, gui_reads):
    """The count, the vault move and what the status line and the form say after them
    are read on the worker: a desk on a distant server does not freeze meanwhile."""
    logged_in(qtbot, controller, "teller1")
    dialog = opening_dialog(qtbot, controller)
    window = controller.window
    with gui_reads(desk.engine) as on_gui:
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage().endswith("drawer open"), timeout=5000
        )
    assert on_gui == []
    assert "available 0.00 EUR" in window.form.from_field.info.text()
    qtbot.keyClicks(window.form.to_field.edit, "10000001")
    qtbot.keyClicks(window.form.amount, "500")
    with qtbot.waitSignal(
        window.form.answered, timeout=5000, check_params_cb=lambda answer: answer == "posted"
    ):
        qtbot.keyClick(window.form.amount, Qt.Key.Key_Return)

    activate(qtbot, window)
    move = drawer_to_vault(qtbot, window)
    qtbot.keyClicks(move.amount, "300")
    qtbot.keyClick(move.amount, Qt.Key.Key_Return)
    with gui_reads(desk.engine) as on_gui:
        with qtbot.waitSignal(move.accepted, timeout=5000):
            override = wait_for(qtbot, lambda: move.override_dialog)
            type_credentials(qtbot, override, "super1", PASSWORDS["super1"])
        qtbot.waitUntil(
            lambda: "available 200.00 EUR" in window.form.from_field.info.text(), timeout=5000
        )
    assert on_gui == []
    assert desk.queries.account("VAULT-EUR").posted == 30_000


def test_audit_screen_filters_pages_and_verifies_the_chain(qtbot, qtmodeltester, desk):
    screen = AuditScreen(desk.audit)
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    qtmodeltester.check(screen.model)
    total = screen.model.total
    assert screen.model.entry(0).seq == total  # newest first
    assert f'"seq": {total}' in screen.body.toPlainText()

    qtbot.keyClicks(screen.account, "10000002")
    qtbot.keyClick(screen.account, Qt.Key.Key_Return)
    assert screen.model.total == 1
    assert screen.model.entry(0).event_type == "AccountOpened"
    assert '"holder_name": "Ben Rossi"' in screen.body.toPlainText()
    shot(screen, "audit")

    screen.account.clear()
    qtbot.keyClicks(screen.account, "%' OR 1=1 --")
    qtbot.keyClick(screen.account, Qt.Key.Key_Return)
    assert screen.model.total == 0

    qtbot.keyClick(screen.table, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: "intact" in screen.verdict.text(), timeout=5000)
    with sqlite3.connect(desk.engine.url.database) as conn:
        conn.execute(
            "UPDATE events SET payload = replace(payload, 'Ben', 'Bob') "
            "WHERE event_type = 'AccountOpened' AND payload LIKE '%Ben%'"
        )
    qtbot.keyClick(screen.table, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: "BROKEN" in screen.verdict.text(), timeout=5000)
    assert "altered" in screen.verdict.text()
    shot(screen, "audit_broken")


def test_f7_shows_how_far_the_check_is_and_esc_stops_it_leaving_the_screen_open(qtbot, desk):
    open_session(desk.bus, "teller1")
    for n in range(400):  # about 1,200 events: the check takes a moment
        # Not the same amount twice: no duplicate to confirm.
        done = deposit(desk.bus, "10000001", 100 + n, payment_id=f"p-{n}")
        assert isinstance(done, PaymentPosted), done
    events_before = desk.audit.event_count()
    assert events_before > 1_000
    screen = AuditScreen(desk.audit)
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    qtbot.keyClick(screen.table, Qt.Key.Key_F7)
    assert screen.progress.isVisible() and screen.progress.cancel_button.isVisible()
    assert "Verifying" in screen.progress.what.text()
    shot(screen, "audit_verifying")
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(
        lambda: "cancelled" in screen.verdict.text() and not screen.progress.isVisible(),
        timeout=5000,
    )
    assert screen.isVisible(), "Esc stopped the check; it did not close the screen"
    assert "intact" not in screen.verdict.text() and "BROKEN" not in screen.verdict.text()
    assert desk.audit.event_count() == events_before

    # Asked again, the check runs to the end.
    qtbot.keyClick(screen.table, Qt.Key.Key_F7)
    # The verdict and the strip's end are two deliveries of the same answer.
    qtbot.waitUntil(
        lambda: "intact" in screen.verdict.text() and not screen.progress.isVisible(),
        timeout=10000,
    )
    # With nothing running, Esc closes the screen as before.
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)
    assert not screen.isVisible()


def test_esc_while_the_strip_shows_the_check_cancels_it_though_the_check_just_ended(qtbot, desk):
    """The check may end on its thread while the screen is busy (a paint, a screenshot):
    Esc pressed while the strip still says it runs is a cancel, not a close, and the
    verdict the person stopped waiting for is not shown."""
    screen = AuditScreen(desk.audit)
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    qtbot.keyClick(screen.table, Qt.Key.Key_F7)
    task = screen.progress.task
    assert task is not None and screen.progress.isVisible()
    assert task.wait(10), "the check did not end"  # its end not yet delivered to the screen
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not screen.progress.isVisible(), timeout=5000)
    assert "cancelled" in screen.verdict.text()
    assert screen.isVisible(), "Esc stopped the check; it did not close the screen"


def test_audit_screen_pages_through_many_events(qtbot, qtmodeltester, desk):
    screen = AuditScreen(desk.audit)
    screen.model._page = 3
    screen.apply_filter()
    qtbot.addWidget(screen)
    assert screen.model.rowCount() == 3
    while screen.model.canFetchMore(screen.model.index(-1, -1)):
        screen.model.fetchMore(screen.model.index(-1, -1))
    seqs = [screen.model.entry(r).seq for r in range(screen.model.rowCount())]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) == screen.model.total
    qtmodeltester.check(screen.model)


def test_new_menu_actions_show_their_shortcuts(qtbot, controller, desk):
    logged_in(qtbot, controller, "super1")
    activate(qtbot, controller.window)
    lines = "\n".join(controller.window.shortcut_lines())
    for key in (
        "Ctrl+Shift+O",
        "Ctrl+Shift+C",
        "Ctrl+Shift+V",
        "Ctrl+Shift+R",
        "Ctrl+L",
        "Ctrl+Shift+L",
        "Ctrl+Shift+A",
    ):
        assert key in lines
    shot(controller.window, "main_window_supervisor")


def test_an_idle_desk_locks_itself_and_keeps_what_was_typed(qtbot, tmp_path):
    from domain.operators.policy import SecurityPolicy

    desk = bootstrap(
        f"sqlite:///{tmp_path / 'idle.db'}",
        start_worker=False,
        policy=SecurityPolicy(idle_lock_seconds=0.3, argon2_time_cost=1, argon2_memory_kib=8192),
    )
    hire(desk.bus, "super1")
    desk.worker.start()
    bridge = EventBridge(desk.bus.subscribe)
    controller = DeskController(desk, bridge, desk_name="desk-9")
    try:
        logged_in(qtbot, controller, "super1")
        form = controller.window.form
        qtbot.keyClicks(form.reference, "half-typed note")
        session = controller.window.desk_session
        qtbot.waitUntil(lambda: session.lock_dialog is not None, timeout=5000)
        assert not controller.window.centralWidget().isVisible()
        assert not controller.window.menuBar().isEnabled()  # no audit trail while locked
        shot(controller.window, "main_window_locked")
        with qtbot.waitSignal(session.lock_dialog.accepted, timeout=5000):
            type_credentials(qtbot, session.lock_dialog, None, PASSWORDS["super1"])
        assert form.reference.text() == "half-typed note"
        assert controller.window.centralWidget().isVisible()
    finally:
        controller.window.desk_session.stop()
        bridge.close()
        desk.close()


def test_a_supervisor_closes_a_drawer_its_teller_left_behind(qtbot, controller, desk):
    open_session(desk.bus, "teller2")  # teller2's desk died with the drawer open
    logged_in(qtbot, controller, "super1")
    activate(qtbot, controller.window)
    qtbot.keyClick(
        controller.window.form.amount,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    pick = controller.window.desk_session.pick_dialog
    assert pick is not None and pick.comboBoxItems() == ["teller2 — DRAWER-TELLER2 — open"]
    shot(pick, "pick_drawer")
    qtbot.keyClick(pick, Qt.Key.Key_Return)
    count = controller.window.desk_session.dialog
    assert isinstance(count, CountDialog) and count.session.teller == "teller2"
    qtbot.keyClick(count.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "should hold 0.00 EUR" in count.outcome.text(), timeout=5000)
    with qtbot.waitSignal(count.accepted, timeout=5000):
        qtbot.keyClick(count.ok_button, Qt.Key.Key_Return)
    report = desk.drawers.report(desk.drawers.sessions()[0].session_id)
    assert (report.session.teller, report.session.state, report.closed_by) == (
        "teller2",
        "closed",
        "super1",
    )
