"""Starting the desk: the login dialog first, then the window for whoever logged in."""

from __future__ import annotations

import dataclasses
import socket
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from app.settings import bank_name, branch_name, receipts_dir
from bus import Command
from domain.operators.events import DeskUnlocked

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.bootstrap import Desk
    from bus import Event

# How often the desk voids reservations whose timeout ran out (also done at start).
EXPIRY_INTERVAL_MS = 60_000


def flow_reader(engine: Engine) -> Callable[[date], Any]:
    """The Flow screen's figures for a business date. The model (scipy, numpy) is
    imported at the first read, on the screen's reading thread, not at start."""

    def read(business_date: date) -> Any:
        from domain.flow.figures import day_figures

        return day_figures(engine, business_date)

    return read


class DeskController:
    """Login -> main window -> (log out) -> login again, on one running desk.

    Every command the window sends is stamped here, at the composition root, with the
    logged-in operator and their login session: a desk cannot speak for anyone else, and
    the domain checks the session and that operator's role. Locking the desk closes the
    session; unlocking it opens the next one, which the desk takes from DeskUnlocked.
    """

    def __init__(
        self,
        desk: Desk,
        bridge: Any,
        *,
        name: str = "",
        location: str = "",
        desk_name: str | None = None,
    ) -> None:
        self.desk = desk
        self.bridge = bridge
        self.location = location
        self.desk_name = desk_name or socket.gethostname()
        self.default_name = name
        self.login_dialog: Any = None
        self.window: Any = None
        self.login_id = ""
        # Set by --lang: the operator's remembered language does not override it.
        self.language_forced = False
        bridge.event_arrived.connect(self._on_event)

    def _on_event(self, event: Any) -> None:
        if isinstance(event, DeskUnlocked) and self.login_id and event.resumes == self.login_id:
            self.login_id = event.session_id

    def show_login(self, dialog: Any = None) -> None:
        """`dialog`: a login window already on screen, shown before the desk was made."""
        from ui.credentials import LoginDialog

        if dialog is None:
            dialog = LoginDialog(
                self.desk.worker.submit, self.bridge, self.desk_name, name=self.default_name
            )
        self.login_dialog = dialog
        dialog.accepted.connect(self._logged_in)
        dialog.rejected.connect(self._quit)
        dialog.show()

    def _quit(self) -> None:
        from PySide6.QtWidgets import QApplication

        if self.window is None:
            QApplication.quit()

    def _logged_in(self) -> None:
        from ui.desk_session import starts_with_drawer
        from ui.translations import install_language, remembered_language

        login = self.login_dialog.login
        self.login_dialog = None
        operator, role = login.name, login.role
        self.login_id = login.login_id
        # --lang wins; else the language this operator chose last; else the system's.
        if not self.language_forced:
            remembered = remembered_language(operator)
            if remembered:
                install_language(remembered)
        window = self._open_window(operator, role)
        session = self.desk.drawers.current_session(operator)
        assert window.desk_session is not None
        if starts_with_drawer(role) and (session is None or session.state != "open"):
            if session is not None and session.state == "closing":
                window.desk_session.close_drawer()
            else:
                window.desk_session.open_drawer()

    def _open_window(self, operator: str, role: str) -> Any:
        from PySide6.QtCore import QCoreApplication

        from domain.drawers.sessions import drawer_account_id
        from domain.reporting.account_book import AccountBook
        from ui.desk_session import OperatorServices
        from ui.formatting import account_word
        from ui.main_window import MainWindow
        from ui.payment_form import DeskContext
        from ui.receipt_desk import ReceiptSettings

        def submit(command: Command) -> None:
            self.desk.worker.submit(
                dataclasses.replace(command, actor=operator, login_session=self.login_id)
            )

        services = OperatorServices(
            drawers=self.desk.drawers,
            audit=self.desk.audit,
            role=role,
            desk_name=self.desk_name,
            idle_lock_ms=int(self.desk.policy.idle_lock_seconds * 1000),
            flow=flow_reader(self.desk.engine),
        )
        stories = self.desk.lifecycle
        window = MainWindow(
            self.desk.queries,
            DeskContext(teller=operator, drawer_account=drawer_account_id(operator)),
            submit,
            self.bridge,
            location=self.location,
            services=services,
            stories=stories,
            today=lambda: (stories and stories.business_date()) or date.today(),
            book=AccountBook(self.desk.engine, bank_name()),
            receipts=self._receipt_settings(ReceiptSettings),
        )
        window.setWindowTitle(
            QCoreApplication.translate("MainWindow", "Teller Desk — {operator} ({role})").format(
                operator=operator, role=account_word(role)
            )
        )
        window.logout_requested.connect(self.log_out)
        window.language_requested.connect(
            lambda language: self.switch_language(operator, role, language)
        )
        self.window = window
        window.resize(1280, 720)
        window.show()
        return window

    def switch_language(self, operator: str, role: str, language: str) -> None:
        """A new window in `language`, with what was typed in the form carried over;
        the operator's choice is remembered for their next login."""
        from ui.translations import install_language, remember_language

        old = self.window
        if old is None:
            return
        typed = old.typed()
        install_language(language)
        remember_language(operator, language)
        if old.desk_session is not None:
            old.desk_session.stop()
        old.close()
        old.deleteLater()
        window = self._open_window(operator, role)
        window.restore_typed(typed)

    def _receipt_settings(self, settings: Any) -> Any:
        made = settings(bank=bank_name(), branch=branch_name(), desk=self.desk_name)
        folder = receipts_dir()
        if folder is not None:
            made.pdf_folder = folder
        return made

    def log_out(self) -> None:
        from domain.operators.commands import LogOut

        window, self.window = self.window, None
        if window is None:
            return
        self.desk.worker.submit(
            LogOut(login_id=self.login_id, login_session=self.login_id, actor=window.desk.teller)
        )
        if window.desk_session is not None:
            window.desk_session.stop()
        window.close()
        window.deleteLater()
        self.show_login()


class _DeskToCome:
    """The bus and worker of a desk not made yet: the login window is on screen before
    the database is opened, migrated and the handlers wired (most of the start-up).
    What it sends meanwhile waits here; its subscriptions are made once there is a bus."""

    def __init__(self) -> None:
        self._desk: Desk | None = None
        self._waiting: list[Command] = []
        self._subscriptions: list[list[Any]] = []

    def subscribe(
        self, event_type: type[Event], subscriber: Callable[[Any], None]
    ) -> Callable[[], None]:
        if self._desk is not None:
            return self._desk.bus.subscribe(event_type, subscriber)
        record: list[Any] = [event_type, subscriber, None]
        self._subscriptions.append(record)

        def unsubscribe() -> None:
            if record[2] is not None:
                record[2]()
            elif record in self._subscriptions:
                self._subscriptions.remove(record)

        return unsubscribe

    def submit(self, command: Command) -> None:
        if self._desk is None:
            self._waiting.append(command)
        else:
            self._desk.worker.submit(command)

    def arrived(self, desk: Desk) -> None:
        self._desk = desk
        for record in self._subscriptions:
            record[2] = desk.bus.subscribe(record[0], record[1])
        waiting, self._waiting = self._waiting, []
        for command in waiting:
            desk.worker.submit(command)


def run_gui(url: str, teller: str, language: str | None = None) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.bridge import EventBridge
    from ui.credentials import LoginDialog
    from ui.translations import install_language, system_language

    app = QApplication.instance() or QApplication(sys.argv)
    try:
        install_language(language or system_language())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    coming = _DeskToCome()
    bridge = EventBridge(coming.subscribe)
    desk_name = socket.gethostname()
    login = LoginDialog(coming.submit, bridge, desk_name, name=teller)
    made: dict[str, Any] = {}

    def make_desk() -> None:
        from app.bootstrap import bootstrap
        from app.live import LiveFeed
        from domain.operators.permissions import SYSTEM
        from domain.payments.commands import ExpireReservations

        desk = bootstrap(url, start_worker=False)
        made["desk"] = desk
        if not desk.operators.any_exist():
            print(
                "No operator exists yet: run `python main.py init` to create the first admin.",
                file=sys.stderr,
            )
            login.hide()
            app.exit(2)
            return
        expiry = QTimer(app)
        expiry.timeout.connect(lambda: desk.worker.submit(ExpireReservations(actor=SYSTEM)))
        expiry.start(EXPIRY_INTERVAL_MS)
        desk.worker.start()
        coming.arrived(desk)
        # Other desks' postings, approvals and closings reach this desk's views as they land.
        made["live"] = LiveFeed(desk.engine, desk.bus, desk.worker).start()
        controller = DeskController(
            desk,
            bridge,
            name=teller,
            location=desk.engine.url.render_as_string(hide_password=True),
            desk_name=desk_name,
        )
        controller.language_forced = language is not None
        controller.show_login(login)
        made["controller"] = controller

    class _AfterFirstPaint(QObject):
        """The desk is made once the login window is on screen, not before."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                login.removeEventFilter(self)
                QTimer.singleShot(0, make_desk)
            return False

    first_paint = _AfterFirstPaint(login)
    login.installEventFilter(first_paint)
    login.show()
    try:
        return app.exec()
    finally:
        if "live" in made:
            made["live"].stop()
        bridge.close()
        if "desk" in made:
            made["desk"].close()
