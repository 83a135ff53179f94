"""One payment in full: what it was, every event in order (who, when, what), its
postings, and the payments it reverses or is reversed by when the ledger links them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.reporting.history import PaymentDetail
from ui.event_words import describe, relation_label
from ui.formatting import business_date, figure, kind_label, money, status_label
from ui.table_model import column_title


def _when(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([column_title(header) for header in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    return table


def _fill(
    table: QTableWidget, rows: list[tuple[str, ...]], right: tuple[int, ...] = (), stretch: int = -1
) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch == -1)
    header.setSectionResizeMode(stretch % table.columnCount(), QHeaderView.ResizeMode.Stretch)


class PaymentDetailDialog(QDialog):
    def __init__(
        self,
        read: Callable[[str], PaymentDetail | None],
        payment_id: str,
        parent: QWidget | None = None,
        reprint: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment_detail")
        self._read = read
        self.payment_id = payment_id
        self.printed = QLabel()
        self.printed.setObjectName("receipt_printed")
        if reprint is not None:
            # Ctrl+P: the receipt again, marked as a copy.
            action = QAction(self.tr("Reprint receipt (copy)"), self)
            action.setShortcut(QKeySequence("Ctrl+P"))
            action.triggered.connect(lambda: self.printed.setText(str(reprint(self.payment_id))))
            self.addAction(action)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QFormLayout()
        self.events = _table(("#", "When", "Who", "What"), "payment_events")
        self.postings = _table(("Leg", "Account", "Debit", "Credit"), "payment_postings")
        self.links = QListWidget()
        self.links.setObjectName("payment_links")
        self.links.itemActivated.connect(self._follow)
        self.no_links = QLabel()
        self.no_links.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.facts)
        for title, widget in (
            (self.tr("&Events, in order"), self.events),
            (self.tr("&Postings"), self.postings),
        ):
            label = QLabel(title)
            label.setBuddy(widget)
            label.setStyleSheet("font-weight: 600; margin-top: 6px;")
            layout.addWidget(label)
            layout.addWidget(widget)
        links_label = QLabel(self.tr("&Linked payments (Enter opens)"))
        links_label.setBuddy(self.links)
        links_label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        layout.addWidget(links_label)
        layout.addWidget(self.no_links)
        layout.addWidget(self.links)
        layout.addWidget(self.printed)
        hint = QLabel(
            self.tr(
                "Alt+E events · Alt+P postings · Alt+L links · Ctrl+P reprint receipt · Esc close"
            )
        )
        hint.setStyleSheet("color: #555555;")
        layout.addWidget(hint)
        self.resize(820, 560)
        self.show_payment(payment_id)

    def show_payment(self, payment_id: str) -> None:
        detail = self._read(payment_id)
        self.payment_id = payment_id
        while self.facts.rowCount():
            self.facts.removeRow(0)
        if detail is None:
            self.setWindowTitle(self.tr("Payment {payment_id}").format(payment_id=payment_id))
            self.heading.setText(self.tr("No payment {payment_id}").format(payment_id=payment_id))
            _fill(self.events, [])
            _fill(self.postings, [])
            self.links.clear()
            return
        payment = detail.payment
        self.setWindowTitle(self.tr("Payment {payment_id}").format(payment_id=payment.payment_id))
        self.heading.setText(
            self.tr("{kind} of {amount} — {status}").format(
                kind=kind_label(payment.kind),
                amount=money(payment.amount, payment.currency),
                status=status_label(payment.status),
            )
        )
        for label, value in (
            (self.tr("Payment id"), payment.payment_id),
            (self.tr("From"), payment.debit_account),
            (self.tr("To"), payment.credit_account),
            (self.tr("Reference"), payment.reference or "—"),
            (self.tr("Teller"), payment.operator),
            (self.tr("Keyed at"), _when(payment.created_at)),
            (self.tr("Business date"), business_date(payment.business_date)),
        ):
            value_label = QLabel(value)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(self.tr("{label}:").format(label=label), value_label)
        _fill(
            self.events,
            [(str(e.seq), _when(e.occurred_at), e.operator, describe(e)) for e in detail.events],
        )
        _fill(
            self.postings,
            [
                (
                    str(p.leg),
                    p.account_id,
                    figure(p.amount, p.currency) if p.direction == "debit" else "",
                    figure(p.amount, p.currency) if p.direction == "credit" else "",
                )
                for p in detail.postings
            ],
            right=(2, 3),
            stretch=1,
        )
        self.links.clear()
        for link in detail.links:
            item = QListWidgetItem(
                self.tr("{relation} payment {payment_id}").format(
                    relation=relation_label(link.relation), payment_id=link.payment_id
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, link.payment_id)
            self.links.addItem(item)
        self.links.setVisible(bool(detail.links))
        self.no_links.setVisible(not detail.links)
        self.no_links.setText(
            self.tr("No reversal links: this payment reverses nothing and has not been reversed.")
        )
        self.events.setFocus()

    def _follow(self, item: QListWidgetItem) -> None:
        self.show_payment(str(item.data(Qt.ItemDataRole.UserRole)))
