"""One account: holder, status and flags, balances, and its history with filters.

The history pages lazily as it scrolls (ui.history). Filters are typed, checked, and
applied by the database when Enter is pressed in any of them; Ctrl+O flips the date
order; Enter on a row opens the payment; Ctrl+R reverses it (when the desk can).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain.kernel.money import AmountError
from domain.ledger.queries import AccountView
from domain.payments.kinds import PAYMENT_KINDS
from domain.reporting.account_book import AccountBook
from domain.reporting.history import HistoryFilter, HistoryRow
from ui.formatting import account_word, counted, kind_label, money, parse_money
from ui.history import AccountHistoryModel
from ui.messages import refusal_text
from ui.payment_detail import PaymentDetailDialog
from ui.table_model import row_picker
from ui.translations import QT_TRANSLATE_NOOP

ERROR_STYLE = "color: #b00020;"
STATUS_STYLES = {
    "active": "color: white; background: #1b5e20; padding: 2px 8px; border-radius: 3px;",
    "frozen": "color: white; background: #b26a00; padding: 2px 8px; border-radius: 3px;",
    "closed": "color: white; background: #b00020; padding: 2px 8px; border-radius: 3px;",
}


def _field(placeholder: str, name: str, width: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(width)
    edit.setClearButtonEnabled(True)
    return edit


class AccountWindow(QDialog):
    def __init__(
        self,
        book: AccountBook,
        account_id: str,
        parent: QWidget | None = None,
        reverse: Callable[[str, QWidget], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("account_window")
        self._book = book
        self._reverse = reverse
        self.account_id = account_id
        self.account: AccountView | None = None
        self._detail: PaymentDetailDialog | None = None

        self.holder = QLabel()
        self.holder.setObjectName("holder")
        self.holder.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.status = QLabel()
        self.status.setObjectName("account_status")
        self.facts = QLabel()
        self.facts.setObjectName("account_facts")
        self.facts.setStyleSheet("color: #333333;")
        self.balances = {name: QLabel() for name in ("posted", "pending", "available")}
        for name, label in self.balances.items():
            label.setObjectName(f"balance_{name}")
            label.setStyleSheet("font-size: 13pt; font-weight: 600;")
            label.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.date_from = _field(self.tr("from YYYY-MM-DD"), "filter_from", 130)
        self.date_to = _field(self.tr("to YYYY-MM-DD"), "filter_to", 130)
        self.kind = QComboBox()
        self.kind.setObjectName("filter_kind")
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in PAYMENT_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.min_amount = _field(self.tr("min amount"), "filter_min", 110)
        self.max_amount = _field(self.tr("max amount"), "filter_max", 110)
        self.text = _field(self.tr("reference, payment id or account"), "filter_text", 260)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("filter_error")
        self.filter_error.setStyleSheet(ERROR_STYLE)
        for edit in (self.date_from, self.date_to, self.min_amount, self.max_amount, self.text):
            edit.returnPressed.connect(self.apply_filters)
        self.kind.activated.connect(lambda _index: self.apply_filters())

        self.model = AccountHistoryModel(book.history_page)
        self.table = row_picker("history", self.model)
        self.table.setAlternatingRowColors(True)
        # Fixed-height rows: the view never measures rows it has not painted.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((90, 70, 120, 130, 200, 130, 70)):
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(lambda index: self.open_payment(index.row()))
        self.count = QLabel()
        self.count.setObjectName("history_count")
        self.count.setStyleSheet("color: #555555;")
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)

        self._layout()
        self._actions()
        self.refresh()
        self.model.show(account_id)
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.holder)
        top.addWidget(self.status)
        top.addStretch()
        money_grid = QGridLayout()
        for column, (name, title) in enumerate(
            (
                ("posted", self.tr("Posted balance")),
                ("pending", self.tr("Pending (holds)")),
                ("available", self.tr("Available")),
            )
        ):
            caption = QLabel(title)
            caption.setStyleSheet("color: #555555;")
            caption.setAlignment(Qt.AlignmentFlag.AlignRight)
            money_grid.addWidget(caption, 0, column)
            money_grid.addWidget(self.balances[name], 1, column)
            money_grid.setColumnMinimumWidth(column, 190)
        money_grid.setColumnStretch(3, 1)
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("Fro&m"), self.date_from),
            (self.tr("&To"), self.date_to),
            (self.tr("&Kind"), self.kind),
            (self.tr("Mi&n"), self.min_amount),
            (self.tr("Ma&x"), self.max_amount),
            (self.tr("&Search"), self.text),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch()
        hint = QLabel(
            self.tr(
                "Enter open payment / apply filter · Ctrl+O oldest/newest first · "
                "Ctrl+L filters · Ctrl+Shift+L clear filters · F5 refresh · Esc close"
            )
        )
        hint.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addLayout(money_grid)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(hint)
        self.resize(1000, 640)

    def _actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        for name, keys, slot in (
            (
                QT_TRANSLATE_NOOP("AccountWindow", "Oldest/newest first"),
                "Ctrl+O",
                self.toggle_order,
            ),
            (QT_TRANSLATE_NOOP("AccountWindow", "Filters"), "Ctrl+L", self.focus_filters),
            (
                QT_TRANSLATE_NOOP("AccountWindow", "Clear filters"),
                "Ctrl+Shift+L",
                self.clear_filters,
            ),
            (QT_TRANSLATE_NOOP("AccountWindow", "Refresh"), "F5", self.reload),
            *(
                (
                    (
                        QT_TRANSLATE_NOOP("AccountWindow", "Reverse selected payment…"),
                        "Ctrl+R",
                        self.reverse_selected,
                    ),
                )
                if self._reverse is not None
                else ()
            ),
        ):
            # Found by their English name; shown in the desk's language.
            action = QAction(QCoreApplication.translate("AccountWindow", name), self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

    # -- account --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._show_account(self._book.account(self.account_id))

    def show_read(
        self, account: AccountView | None, filters: HistoryFilter, page: list[HistoryRow]
    ) -> None:
        """The account and its first page read off the GUI thread after a payment moved
        it; unless the filters changed meanwhile (then they were read for those)."""
        if filters != self.model.filters:
            return
        self._show_account(account)
        self.model.show_page(self.account_id, filters, page)

    def _show_account(self, account: AccountView | None) -> None:
        self.account = a = account
        if a is None:
            self.setWindowTitle(self.tr("Account {account}").format(account=self.account_id))
            self.holder.setText(self.tr("No account {account}").format(account=self.account_id))
            return
        self.setWindowTitle(
            self.tr("Account {account} — {holder}").format(
                account=a.account_id, holder=a.holder_name
            )
        )
        self.holder.setText(a.holder_name)
        self.status.setText(account_word(a.status).upper())
        self.status.setStyleSheet(STATUS_STYLES.get(a.status, ""))
        flags = [
            self.tr("Number {account}").format(account=a.account_id),
            self.tr("{kind} account").format(kind=account_word(a.kind)),
            a.currency,
        ]
        flags.append(
            self.tr("overdraft limit {limit}").format(limit=money(a.overdraft_limit, a.currency))
            if a.overdraft_limit
            else self.tr("no overdraft")
        )
        if a.frozen:
            flags.append(self.tr("FROZEN: no payments in or out"))
        if a.closed:
            flags.append(self.tr("CLOSED"))
        self.facts.setText(" · ".join(flags))
        self.balances["posted"].setText(money(a.posted, a.currency))
        self.balances["pending"].setText(money(a.pending, a.currency))
        self.balances["available"].setText(money(a.available, a.currency))

    def reload(self) -> None:
        self.refresh()
        self.model.reload()

    def _update_count(self) -> None:
        more = self.tr(" — scroll for more") if self.model.has_more else ""
        order = (
            self.tr("newest first") if self.model.filters.newest_first else self.tr("oldest first")
        )
        loaded = counted(self.model.rowCount(), self.tr("entry"), self.tr("entries"))
        self.count.setText(
            self.tr("{loaded} loaded, {order}{more}").format(loaded=loaded, order=order, more=more)
        )

    # -- filters --------------------------------------------------------------------------

    def _date(self, edit: QLineEdit) -> date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                self.tr("“{text}” is not a date; write it as YYYY-MM-DD").format(text=text)
            ) from None

    def _amount(self, edit: QLineEdit) -> int | None:
        text = edit.text().strip()
        if not text or self.account is None:
            return None
        try:
            return parse_money(text, self.account.currency)
        except AmountError as error:
            raise ValueError(refusal_text(error.code, error.message)) from None

    def apply_filters(self) -> bool:
        try:
            date_from, date_to = self._date(self.date_from), self._date(self.date_to)
            low, high = self._amount(self.min_amount), self._amount(self.max_amount)
            if date_from and date_to and date_from > date_to:
                raise ValueError(self.tr("The period starts after it ends"))
            if low is not None and high is not None and low > high:
                raise ValueError(self.tr("The minimum amount is above the maximum"))
        except ValueError as error:
            self.filter_error.setText(str(error))
            return False
        self.filter_error.clear()
        self.model.set_filters(
            HistoryFilter(
                date_from=date_from,
                date_to=date_to,
                kind=self.kind.currentData() or None,
                min_amount=low,
                max_amount=high,
                text=self.text.text(),
                newest_first=self.model.filters.newest_first,
            )
        )
        return True

    def clear_filters(self) -> None:
        for edit in (self.date_from, self.date_to, self.min_amount, self.max_amount, self.text):
            edit.clear()
        self.kind.setCurrentIndex(0)
        self.apply_filters()

    def focus_filters(self) -> None:
        self.date_from.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.date_from.selectAll()

    def toggle_order(self) -> None:
        newest_first = not self.model.filters.newest_first
        self.model.set_filters(replace(self.model.filters, newest_first=newest_first))
        self.table.horizontalHeader().setSortIndicator(
            0, Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder
        )

    # -- payments -------------------------------------------------------------------------

    def reverse_selected(self) -> None:
        """Ctrl+R: reverse the payment of the selected history row."""
        row = self.table.currentIndex().row()
        if self._reverse is not None and 0 <= row < self.model.rowCount():
            self._reverse(self.model.entry(row).payment_id, self)

    def open_payment(self, row: int) -> PaymentDetailDialog | None:
        if not 0 <= row < self.model.rowCount():
            return None
        self._detail = PaymentDetailDialog(
            self._book.payment, self.model.entry(row).payment_id, self
        )
        self._detail.show()
        return self._detail
