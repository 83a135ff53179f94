"""The day's journal: payments newest first, updated from result events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from domain.ledger.queries import JournalEntry
from ui.formatting import figure, kind_label, local_time, status_label
from ui.table_model import ColumnsModel

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Time", "Kind", "From", "To", "Amount", "Cur.", "Status", "Reference", "Teller")
REFERENCE = COLUMNS.index("Reference")


def _keyed_at(entry: JournalEntry) -> datetime:
    moment = entry.created_at
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class JournalModel(ColumnsModel):
    columns = COLUMNS

    def __init__(self, entries: list[JournalEntry] | None = None) -> None:
        super().__init__()
        self._entries: list[JournalEntry] = list(entries or [])
        self._known = {entry.payment_id for entry in self._entries}

    def row_total(self) -> int:
        return len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                local_time(entry.created_at),
                kind_label(entry.kind),
                entry.debit_account,
                entry.credit_account,
                figure(entry.amount, entry.currency),
                entry.currency,
                status_label(entry.status),
                entry.reference,
                entry.operator,
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("JournalModel", "Payment {payment_id}").format(
                payment_id=entry.payment_id
            )
        if role == Qt.ItemDataRole.UserRole:
            return entry.payment_id
        return None

    def entry(self, row: int) -> JournalEntry:
        return self._entries[row]

    def reset(self, entries: list[JournalEntry]) -> None:
        """Show `entries` newest first by the time they were keyed (the ledger hands
        them in the order they last moved: a reversal would lift an old payment)."""
        self.beginResetModel()
        self._entries = sorted(entries, key=_keyed_at, reverse=True)
        self._known = {entry.payment_id for entry in self._entries}
        self.endResetModel()

    def replace(self, entry: JournalEntry) -> bool:
        """Show a payment's new state (approved, declined, reversed, settled...)."""
        for row, shown in enumerate(self._entries):
            if shown.payment_id == entry.payment_id:
                self._entries[row] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return True
        return False

    def add_newest(self, entry: JournalEntry) -> bool:
        """Put a just-posted payment on top. A payment already shown is left alone."""
        if entry.payment_id in self._known:
            return False
        # Newest first: a payment keyed earlier (held, then approved) goes below newer ones.
        row = next(
            (i for i, shown in enumerate(self._entries) if _keyed_at(shown) <= _keyed_at(entry)),
            len(self._entries),
        )
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self._known.add(entry.payment_id)
        self.endInsertRows()
        return True


class JournalView(QTableView):
    def __init__(self, model: JournalModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("journal")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Every column but the free-text reference is as wide as its widest cell, so an
        # amount or an account number is never cut ("12,00…"); the reference is elided.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REFERENCE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setStretchLastSection(False)
        self.setAccessibleName(self.tr("Today's journal"))
