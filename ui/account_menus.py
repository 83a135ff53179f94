"""The Accounts and Reports menus of the main window: find an account (Ctrl+F), open it,
open a payment from its history, export a report (Ctrl+E)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu, QWidget

from bus import Event
from domain.ledger.queries import AccountView
from domain.reporting.account_book import AccountBook
from domain.reporting.exports.common import DEFAULT_BANK_NAME
from domain.reporting.history import HistoryFilter, HistoryRow
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


# (command, account) pairs already read: a payment's events of one command come together.
READ_REMEMBERED = 512


@dataclass(frozen=True)
class AccountRead:
    account_id: str
    account: AccountView | None
    filters: HistoryFilter
    page: list[HistoryRow]


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
        # A payment touching an open account changes its balances and history: they are
        # read on the worker, once per command, and handed to the account's window.
        self._read_already: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._read_lock = threading.Lock()
        self._stop_reading = bridge.read_with(self._read_touched, self._show_touched)

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
        # (menu, its action, the action's key, what it does)
        for title, action, key, slot in (
            (
                QCoreApplication.translate("AccountScreens", "A&ccounts"),
                QCoreApplication.translate("AccountScreens", "Find account…"),
                "Ctrl+F",
                self.find_account,
            ),
            (
                QCoreApplication.translate("AccountScreens", "Rep&orts"),
                QCoreApplication.translate("AccountScreens", "Export report…"),
                "Ctrl+E",
                self.export,
            ),
        ):
            menu = QMenu(title, bar)
            menu.addAction(owner._action(action, key, slot))
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

    def stop(self) -> None:
        self._stop_reading()

    def _read_touched(self, event: Event) -> list[AccountRead] | None:
        """On the worker: the open account windows' accounts that `event` touched, each
        with its first page of history under the window's filters."""
        touched = {
            getattr(event, name, None) for name in ("debit_account", "credit_account", "account_id")
        }
        windows = [(a, w) for a, w in list(self.account_windows.items()) if a in touched]
        if not windows:
            return None
        command = event.causation_id or event.message_id
        reads = []
        for account_id, window in windows:
            with self._read_lock:
                if (command, account_id) in self._read_already:
                    continue
                self._read_already[(command, account_id)] = None
                while len(self._read_already) > READ_REMEMBERED:
                    self._read_already.popitem(last=False)
            filters = window.model.filters
            page = self._book.history_page(account_id, filters, None, window.model.page_size)
            reads.append(AccountRead(account_id, self._book.account(account_id), filters, page))
        return reads or None

    def _show_touched(self, reads: list[AccountRead]) -> None:
        for read in reads:
            window = self.account_windows.get(read.account_id)
            if window is not None:
                window.show_read(read.account, read.filters, read.page)
