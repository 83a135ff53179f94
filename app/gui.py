"""Starting the desk: the login dialog first, then the window for whoever logged in."""

from __future__ import annotations

import dataclasses
import socket
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine

from app.bootstrap import Desk, bootstrap
from app.settings import bank_name, branch_name, receipts_dir
from bus import Command
from domain.drawers.sessions import drawer_account_id
from domain.operators.commands import LogOut
from domain.operators.events import DeskUnlocked
from domain.operators.permissions import SYSTEM
from domain.reporting.account_book import AccountBook

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

    def show_login(self) -> None:
        from ui.credentials import LoginDialog

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


def run_gui(url: str, teller: str, language: str | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.live import LiveFeed
    from domain.payments.commands import ExpireReservations
    from ui.bridge import EventBridge
    from ui.translations import install_language, system_language

    app = QApplication.instance() or QApplication(sys.argv)
    try:
        install_language(language or system_language())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    desk = bootstrap(url, start_worker=False)
    if not desk.operators.any_exist():
        desk.close()
        print(
            "No operator exists yet: run `python main.py init` to create the first admin.",
            file=sys.stderr,
        )
        return 2
    bridge = EventBridge(desk.bus.subscribe)
    expiry = QTimer()
    expiry.timeout.connect(lambda: desk.worker.submit(ExpireReservations(actor=SYSTEM)))
    expiry.start(EXPIRY_INTERVAL_MS)
    desk.worker.start()
    # Other desks' postings, approvals and closings reach this desk's views as they land.
    live = LiveFeed(desk.engine, desk.bus, desk.worker).start()
    controller = DeskController(
        desk, bridge, name=teller, location=desk.engine.url.render_as_string(hide_password=True)
    )
    controller.language_forced = language is not None
    controller.show_login()
    try:
        return app.exec()
    finally:
        live.stop()
        bridge.close()
        desk.close()
