"""The Accounts and Reports menus of the main window: find an account (Ctrl+F), open it,
open a payment from its history, export a report (Ctrl+E)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu, QWidget

from bus import Event
from domain.reporting.account_book import AccountBook
from domain.reporting.exports.common import DEFAULT_BANK_NAME
from ui.account_finder import AccountFinder
from ui.account_view import AccountWindow
from ui.bridge import EventBridge
from ui.export_dialog import ExportDialog
from ui.payment_detail import PaymentDetailDialog


class MenuOwner(Protocol):
    def _action(
        self, text: str, shortcut: QKeySequence | str, slot: Callable[[], object]
    ) -> QAction: ...


def _bring_forward(widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()


class AccountScreens:
    """Opens and keeps the account windows, the finder and the export dialog."""

    def __init__(
        self,
        window: QMainWindow,
        book: AccountBook,
        bridge: EventBridge,
        today: Callable[[], date],
        reverse: Callable[[str, QWidget], None] | None = None,
    ) -> None:
        self._window = window
        self._reverse = reverse
        self._book = book
        self._today = today
        self.finder: AccountFinder | None = None
        self.export_dialog: ExportDialog | None = None
        self.account_windows: dict[str, AccountWindow] = {}
        self.payment_detail: PaymentDetailDialog | None = None
        # Ctrl+P in a payment's detail reprints its receipt (set by the window).
        self.reprint: Callable[[str], object] | None = None
        bridge.event_arrived.connect(self._on_event)

    def install(self, owner: MenuOwner, journal: QAbstractItemView | None = None) -> None:
        """Add the menus; Enter on a row of `journal` then opens that payment."""
        if journal is not None:
            journal.activated.connect(
                lambda index: self.open_payment(str(index.data(Qt.ItemDataRole.UserRole)))
            )
        bar = self._window.menuBar()
        # Before Help, which stays last.
        help_menu = bar.actions()[-1] if bar.actions() else None
        # Alt+A and Alt+R jump to the form's Amount and Reference: these menus take C and O.
        accounts_menu = QMenu(QCoreApplication.translate("AccountScreens", "A&ccounts"), bar)
        accounts_menu.addAction(
            owner._action(
                QCoreApplication.translate("AccountScreens", "Find account…"),
                "Ctrl+F",
                self.find_account,
            )
        )
        reports = QMenu(QCoreApplication.translate("AccountScreens", "Rep&orts"), bar)
        reports.addAction(
            owner._action(
                QCoreApplication.translate("AccountScreens", "Export report…"),
                "Ctrl+E",
                self.export,
            )
        )
        for menu in (accounts_menu, reports):
            if help_menu is None:
                bar.addMenu(menu)
            else:
                bar.insertMenu(help_menu, menu)

    def find_account(self) -> AccountFinder:
        if self.finder is None:
            self.finder = AccountFinder(
                self._book.find, self._window, find_payment=self._book.payment
            )
            self.finder.account_chosen.connect(self.open_account)
            self.finder.payment_chosen.connect(self.open_payment)
            # Load the directory now (about 0.4 s for 100,000 accounts), not on the
            # first keystroke.
            self._book.directory.refresh()
        self.finder.search.selectAll()
        _bring_forward(self.finder)
        self.finder.search.setFocus()
        return self.finder

    def open_account(self, account_id: str) -> AccountWindow:
        window = self.account_windows.get(account_id)
        if window is None:
            window = AccountWindow(self._book, account_id, self._window, reverse=self._reverse)
            self.account_windows[account_id] = window
            window.finished.connect(lambda _result: self.account_windows.pop(account_id, None))
        _bring_forward(window)
        return window

    def open_payment(self, payment_id: str) -> PaymentDetailDialog:
        self.payment_detail = PaymentDetailDialog(
            self._book.payment, payment_id, self._window, reprint=self.reprint
        )
        _bring_forward(self.payment_detail)
        return self.payment_detail

    def export(self) -> ExportDialog:
        if self.export_dialog is None:
            self.export_dialog = ExportDialog(
                self._book.export,
                self._book.bank_name or DEFAULT_BANK_NAME,
                self._today(),
                parent=self._window,
            )
        _bring_forward(self.export_dialog)
        self.export_dialog.format.setFocus()
        return self.export_dialog

    def _on_event(self, event: Event) -> None:
        for window in list(self.account_windows.values()):
            window.on_event(event)
