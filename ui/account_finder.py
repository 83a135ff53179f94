"""Find an account as it is typed: number, IBAN-like identifier or holder's name.

Arrow keys move through the results without leaving the search field; Enter opens the
highlighted account (the first when none is highlighted); Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain.ledger.lookup import Found
from domain.reporting.history import PaymentDetail
from domain.reporting.receipts import payment_id_from_scan
from ui.formatting import account_word, kind_label, money
from ui.table_model import RowsModel, row_picker

COLUMNS = ("Number", "Holder", "Kind", "Status", "Available", "Found by")


class FoundAccountsModel(RowsModel[Found]):
    columns = COLUMNS

    def set_found(self, found: list[Found]) -> None:
        self.reset_rows(found)

    def account_id(self, row: int) -> str:
        return self.row(row).account.account_id

    def cell(self, row: Found, column: int, role: int) -> Any:
        a = row.account
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                a.account_id,
                a.holder_name,
                account_word(a.kind),
                account_word(a.status),
                money(a.available, a.currency),
                account_word(row.matched_by),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return a.account_id
        return None


class AccountFinder(QDialog):
    account_chosen = Signal(str)
    # A payment id typed, pasted or scanned from a receipt's QR code.
    payment_chosen = Signal(str)

    def __init__(
        self,
        find: Callable[[str], list[Found]],
        parent: QWidget | None = None,
        find_payment: Callable[[str], PaymentDetail | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._find_payment = find_payment
        self.payment_found = ""
        self.setWindowTitle(self.tr("Find account"))
        self.setObjectName("account_finder")
        self._find = find
        self.search = QLineEdit()
        self.search.setObjectName("account_search")
        self.search.setPlaceholderText(
            self.tr("Account number, IBAN or holder's name — e.g. 1000 or mül")
        )
        self.search.setClearButtonEnabled(True)
        self.model = FoundAccountsModel()
        self.results = row_picker("account_results", self.model)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.activated.connect(lambda index: self._open(index.row()))
        self.summary = QLabel(self.tr("Type a number or a name."))
        self.summary.setObjectName("finder_summary")
        hint = QLabel(self.tr("↑/↓ choose · Enter open · Esc close"))
        hint.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Search:"))
        label.setBuddy(self.search)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        self.search.textChanged.connect(self.update_results)
        self.search.installEventFilter(self)
        self.resize(760, 420)

    def update_results(self, text: str) -> None:
        found = self._find(text) if text.strip() else []
        self.model.set_found(found)
        self.payment_found = ""
        if not found and self._find_payment is not None:
            payment_id = payment_id_from_scan(text)
            # Ids are UUIDs: don't ask the ledger for every short prefix typed.
            detail = self._find_payment(payment_id) if len(payment_id) >= 8 else None
            if detail is not None:
                self.payment_found = payment_id
                payment = detail.payment
                self.summary.setText(
                    self.tr("Payment {payment_id}: {kind} of {amount}. Enter opens it.").format(
                        payment_id=payment_id,
                        kind=kind_label(payment.kind),
                        amount=money(payment.amount, payment.currency),
                    )
                )
                return
        if found:
            self.results.selectRow(0)
            self.results.resizeColumnsToContents()
            self.summary.setText(
                (
                    self.tr("1 account")
                    if len(found) == 1
                    else self.tr("{count} accounts").format(count=len(found))
                )
                + (self.tr(" (first 20 shown)") if len(found) >= 20 else "")
            )
        elif text.strip():
            self.summary.setText(self.tr("No account matches “{text}”.").format(text=text.strip()))
        else:
            self.summary.setText(self.tr("Type a number or a name."))

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.account_chosen.emit(self.model.account_id(row))
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            current = self.results.currentIndex().row()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                step = 1 if key == Qt.Key.Key_Down else -1
                self.results.selectRow(max(0, min(self.model.rowCount() - 1, current + step)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.payment_found and not self.model.rowCount():
                    self.payment_chosen.emit(self.payment_found)
                    self.accept()
                    return True
                self._open(max(current, 0))
                return True
        return super().eventFilter(watched, event)
