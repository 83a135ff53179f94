"""What a logged-in operator has at the main window beyond payments: the drawer menu,
the idle lock, log out / switch operator, supervisor overrides and the audit trail."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, cast

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox, QWidget

from bus import Command, CommandRejected, Event, new_id
from domain.drawers.commands import StartDrawerSession
from domain.drawers.events import DrawerClosed, DrawerCounted, DrawerOpened, DrawerSessionStarted
from domain.drawers.queries import DrawerQueries, DrawerSessionView
from domain.drawers.sessions import CLOSING, OPEN, OPENING
from domain.ledger.queries import AccountView
from domain.operators.commands import LockDesk
from domain.operators.roles import SUPERVISOR, TELLER
from domain.reporting.audit_trail import AuditQueries
from ui.audit_screen import AuditScreen
from ui.bridge import EventBridge
from ui.credentials import LockDialog, OverrideDialog
from ui.drawer_dialogs import CountDialog, DrawerReportDialog, VaultMoveDialog
from ui.formatting import account_word
from ui.idle import IdleWatcher
from ui.payment_form import DeskContext, PaymentForm


class DeskWindow(Protocol):
    """What the session needs of the window it serves. The main window is one; the
    session does not import it (the window makes the session)."""

    desk: DeskContext
    form: PaymentForm
    help_menu: QMenu

    def widget(self) -> QMainWindow:
        """The window itself, as the parent of the session's dialogs."""
        ...

    def add_action(self, text: str, shortcut: str, slot: Callable[[], object]) -> QAction: ...

    def request_logout(self) -> None: ...

    def account(self, account_id: str) -> AccountView | None:
        """An account's balances; called on the worker thread too."""
        ...


@dataclass(frozen=True)
class OperatorServices:
    """What the composition root hands the window for a logged-in operator."""

    drawers: DrawerQueries
    audit: AuditQueries
    role: str
    desk_name: str
    idle_lock_ms: int
    currency: str = "EUR"
    # The Flow screen's figures for a business date (supervisors); read off the GUI thread.
    flow: Callable[[date], Any] | None = None


@dataclass(frozen=True)
class DrawerNews:
    """What a drawer event changed, read on the worker: the operator's session (None
    when closed) and the drawer account's balance."""

    session: DrawerSessionView | None
    accounts: tuple[AccountView, ...]


class DeskSession(QObject):
    def __init__(
        self,
        host: DeskWindow,
        services: OperatorServices,
        submit: Callable[[Command], None],
        bridge: EventBridge,
    ) -> None:
        window = host.widget()
        super().__init__(window)
        self.host = host
        self.window = window
        self.services = services
        self.operator = host.desk.teller
        self._drawer_account = host.desk.drawer_account
        self._submit = submit
        self._bridge = bridge
        self._starting: str | None = None
        self.dialog: QWidget | None = None
        self.lock_dialog: LockDialog | None = None
        self.override_dialog: OverrideDialog | None = None
        self.audit_screen: AuditScreen | None = None
        self.pick_dialog: QInputDialog | None = None
        self._build_menus()
        self.idle = IdleWatcher(services.idle_lock_ms, self)
        self.idle.idle.connect(self.lock)
        host.form.override_needed.connect(self.ask_payment_override)
        bridge.event_arrived.connect(self._on_event)
        # After a drawer event the worker reads the drawer's session and account; the GUI
        # thread only shows them (with many desks on one server a read here would freeze it).
        self._open_when_read = False
        self._stop_reading = bridge.read_with(self._read_drawer, self._drawer_read)
        self.refresh_status()

    # -- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        w = self.host
        bar = self.window.menuBar()
        help_menu = w.help_menu.menuAction()
        desk = QMenu(self.tr("&Desk"), bar)
        # Alt+A is the form's Amount field, so Audit opens with Alt+U.
        audit = QMenu(self.tr("A&udit"), bar)
        for menu in (desk, audit):
            if help_menu is not None:
                bar.insertMenu(help_menu, menu)
            else:
                bar.addMenu(menu)
        desk.addAction(
            w.add_action(self.tr("Open drawer (opening count)…"), "Ctrl+Shift+O", self.open_drawer)
        )
        desk.addAction(
            w.add_action(self.tr("Close drawer (blind count)…"), "Ctrl+Shift+C", self.close_drawer)
        )
        desk.addAction(
            w.add_action(self.tr("Cash with the vault…"), "Ctrl+Shift+V", self.move_cash)
        )
        desk.addAction(w.add_action(self.tr("Drawer report…"), "Ctrl+Shift+R", self.show_report))
        desk.addSeparator()
        desk.addAction(w.add_action(self.tr("Lock desk"), "Ctrl+L", self.lock))
        desk.addAction(
            w.add_action(self.tr("Log out / switch operator"), "Ctrl+Shift+L", w.request_logout)
        )
        audit.addAction(w.add_action(self.tr("Audit trail…"), "Ctrl+Shift+A", self.show_audit))

    def refresh_status(self) -> None:
        self._session = self.services.drawers.current_session(self.operator)
        self._show_status(None)

    def _show_status(self, accounts: tuple[AccountView, ...] | None = ()) -> None:
        """The status line and the form's drawer line for the session last read, with
        the drawer's balance from `accounts` (None: the form reads it)."""
        session = self._session
        state = (
            self.tr("drawer {state}").format(state=account_word(session.state))
            if session
            else self.tr("no drawer open: Ctrl+Shift+O opens one for cash payments")
        )
        self.window.statusBar().showMessage(
            f"{self.operator} ({account_word(self.services.role)}) · {state}"
        )
        self.host.form.hide_drawer_balance(self._drawer_note(session), accounts)

    def _drawer_note(self, session: DrawerSessionView | None) -> str | None:
        """What the form says of the drawer instead of its balance, when not open for cash.

        While a closing count is on screen the count is blind: the balance the drawer
        should hold must not show behind the dialog either.
        """
        counting = (
            isinstance(self.dialog, CountDialog)
            # A count that was accepted is deleted; what the worker read comes after.
            and shiboken6.isValid(self.dialog)
            and self.dialog.mode == "closing"
            and self.dialog.isVisible()
        )
        if counting or (session is not None and session.state == CLOSING):
            return self.tr("being counted (blind count): balance hidden")
        if session is None:
            return self.tr("closed: Ctrl+Shift+O opens it")
        if session.state == OPENING:
            return self.tr("not counted open yet: Ctrl+Shift+O")
        return None

    # -- drawer ---------------------------------------------------------------------------

    def _show(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open() if hasattr(dialog, "open") else dialog.show()
        # The count at login comes up over a window that was just shown: the teller
        # types into it at once, with no key to reach it first.
        dialog.raise_()
        dialog.activateWindow()
        if isinstance(dialog, CountDialog):
            dialog.quick.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            # What the count changed comes as drawer events; a dialog closing shows again
            # what was read last, reading nothing.
            dialog.finished.connect(lambda _result: self._show_status())
            self._show_status()

    def open_drawer(self) -> None:
        """Ctrl+Shift+O (and at login): one row read, well under 20 ms."""
        self._open_drawer_of(self.services.drawers.current_session(self.operator))

    def _open_drawer_of(self, session: DrawerSessionView | None) -> None:
        if session is None:
            command = StartDrawerSession(
                session_id=new_id(), currency=self.services.currency, actor=self.operator
            )
            self._starting = command.message_id
            self._submit(command)
        elif session.state == OPENING:
            self._show(self._count_dialog("opening", session))
        else:
            self._say(
                self.tr("Your drawer session is {state} already.").format(
                    state=account_word(session.state)
                )
            )

    def close_drawer(self) -> None:
        session = self.services.drawers.current_session(self.operator)
        if session is None and self.services.role == SUPERVISOR:
            # A drawer left behind (its teller gone, or their desk died) is a supervisor's
            # to count and close.
            others = self.services.drawers.open_sessions()
            if others:
                self.pick_dialog = QInputDialog(self.window)
                self.pick_dialog.setWindowTitle(self.tr("Close a teller's drawer"))
                self.pick_dialog.setLabelText(
                    self.tr("Drawer sessions not closed yet (Up/Down, Enter):")
                )
                labels = [
                    f"{s.teller} — {s.drawer_account} — {account_word(s.state)}" for s in others
                ]
                self.pick_dialog.setComboBoxItems(labels)
                self.pick_dialog.textValueSelected.connect(
                    lambda text: self._close_session_of(others[labels.index(text)])
                )
                self.pick_dialog.open()
                return
        if session is None:
            self._say(self.tr("You have no drawer session to close."))
            return
        self._close_session_of(session)

    def _close_session_of(self, session: DrawerSessionView) -> None:
        dialog = self._count_dialog("closing", session)
        if session.state == CLOSING:
            dialog.resume_close()
        self._show(dialog)

    def _count_dialog(self, mode: str, session: DrawerSessionView) -> CountDialog:
        return CountDialog(
            mode,
            session,
            self.services.drawers,
            self.operator,
            self._submit,
            self._bridge,
            self.window,
        )

    def move_cash(self) -> None:
        session = self.services.drawers.current_session(self.operator)
        if session is None or session.state != OPEN:
            self._say(self.tr("Open your drawer first (Ctrl+Shift+O)."))
            return
        self._show(VaultMoveDialog(session, self.operator, self._submit, self._bridge, self.window))

    def show_report(self) -> None:
        sessions = [
            s for s in self.services.drawers.sessions(limit=20) if s.teller == self.operator
        ]
        if not sessions:
            self._say(self.tr("You have no drawer session yet."))
            return
        report = self.services.drawers.report(sessions[0].session_id)
        if report is not None:
            self._show(DrawerReportDialog(report, self.window))

    def show_audit(self) -> None:
        self.audit_screen = AuditScreen(self.services.audit, self.window)
        self.audit_screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_screen.show()

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)
        # Opened, not exec'd: a nested event loop would hold up the desk's events.
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Drawer"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- overrides ------------------------------------------------------------------------

    def ask_payment_override(self, command: Command, reason: str) -> None:
        def send_to_queue() -> None:
            # The same payment again, asking for no override: it is held for approval.
            self.host.form.resubmit(
                dataclasses.replace(cast(Any, command), message_id=new_id(), offer_override=False)
            )

        self.override_dialog = OverrideDialog(
            reason,
            command,
            self.host.form.resubmit,
            self._bridge,
            self.window,
            send_to_queue=send_to_queue,
        )
        self.override_dialog.open()

    # -- idle lock ------------------------------------------------------------------------

    def lock(self) -> None:
        if self.lock_dialog is not None:
            return
        # The login session closes: until a password is typed, nothing speaks for this desk.
        self._submit(LockDesk(actor=self.operator))
        self.idle.pause()
        central = self.window.centralWidget()
        assert central is not None
        focused = self.window.focusWidget()
        # What was typed stays in the form; it is only hidden from passers-by.
        central.setVisible(False)
        self.window.menuBar().setEnabled(False)
        dialog = LockDialog(
            self.operator, self._submit, self._bridge, self.services.desk_name, self.window
        )
        self.lock_dialog = dialog

        def unlocked() -> None:
            central.setVisible(True)
            self.window.menuBar().setEnabled(True)
            self.lock_dialog = None
            self.idle.resume()
            if focused is not None:
                focused.setFocus()

        dialog.accepted.connect(unlocked)
        dialog.rejected.connect(self.host.request_logout)
        dialog.open()

    def stop(self) -> None:
        self.idle.stop()
        self._stop_reading()

    # -- events ---------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if (
            self._starting is not None
            and event.causation_id == self._starting
            and isinstance(event, CommandRejected | DrawerSessionStarted)
        ):
            self._starting = None
            if isinstance(event, CommandRejected):
                self._say(event.reason)
            else:
                # The count opens on the session the worker reads after this event.
                self._open_when_read = True

    def _read_drawer(self, event: Event) -> DrawerNews | None:
        """On the worker, after a drawer event committed: this operator's session and the
        desk's drawer account (it may have been made just now)."""
        if not isinstance(
            event, DrawerOpened | DrawerClosed | DrawerSessionStarted | DrawerCounted
        ):
            return None
        session = self.services.drawers.current_session(self.operator)
        account = self.host.account(self._drawer_account)
        return DrawerNews(session, (account,) if account is not None else ())

    def _drawer_read(self, news: DrawerNews) -> None:
        self._session = news.session
        self._show_status(news.accounts)
        if self._open_when_read:
            self._open_when_read = False
            if news.session is not None:
                self._open_drawer_of(news.session)


def starts_with_drawer(role: str) -> bool:
    """Tellers count their drawer first thing; supervisors open one only when asked."""
    return role == TELLER
