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
AMOUNT = COLUMNS.index("Amount")
DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
USER = Qt.ItemDataRole.UserRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _keyed_at(entry: JournalEntry) -> datetime:
    moment = entry.created_at
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class JournalModel(ColumnsModel):
    """Rows newest first. Kept oldest first underneath, with each payment's place by
    its id: a new payment is appended and a moved one found without a search, however
    long the day's journal grows."""

    columns = COLUMNS

    def __init__(self, entries: list[JournalEntry] | None = None) -> None:
        super().__init__()
        self._oldest_first: list[JournalEntry] = []
        self._place: dict[str, int] = {}
        # What each row shows, formatted once: the view asks for it on every paint.
        self._shown: dict[str, tuple[str, ...]] = {}
        self._fill(sorted(entries or [], key=_keyed_at, reverse=True))

    def _fill(self, newest_first: list[JournalEntry]) -> None:
        self._oldest_first = newest_first[::-1]
        self._place = {entry.payment_id: i for i, entry in enumerate(self._oldest_first)}
        self._shown = {}

    def row_total(self) -> int:
        return len(self._oldest_first)

    def _cells(self, entry: JournalEntry) -> tuple[str, ...]:
        cells = self._shown.get(entry.payment_id)
        if cells is None:
            cells = (
                local_time(entry.created_at),
                kind_label(entry.kind),
                entry.debit_account,
                entry.credit_account,
                figure(entry.amount, entry.currency),
                entry.currency,
                status_label(entry.status),
                entry.reference,
                entry.operator,
            )
            self._shown[entry.payment_id] = cells
        return cells

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._oldest_first)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Asked some ten times per cell on every paint: the common answers come first.
        row = index.row()
        count = len(self._oldest_first)
        if not 0 <= row < count:
            return None
        if role == DISPLAY:
            return self._cells(self._oldest_first[count - 1 - row])[index.column()]
        if role == ALIGNMENT:
            return RIGHT if index.column() == AMOUNT else None
        if role == TOOLTIP:
            return QCoreApplication.translate("JournalModel", "Payment {payment_id}").format(
                payment_id=self._oldest_first[count - 1 - row].payment_id
            )
        if role == USER:
            return self._oldest_first[count - 1 - row].payment_id
        return None

    def entry(self, row: int) -> JournalEntry:
        return self._oldest_first[len(self._oldest_first) - 1 - row]

    def row_of(self, payment_id: str) -> int | None:
        place = self._place.get(payment_id)
        return None if place is None else len(self._oldest_first) - 1 - place

    def reset(self, entries: list[JournalEntry]) -> None:
        """Show `entries` newest first by the time they were keyed (the ledger hands
        them in the order they last moved: a reversal would lift an old payment)."""
        self.beginResetModel()
        self._fill(sorted(entries, key=_keyed_at, reverse=True))
        self.endResetModel()

    def replace(self, entry: JournalEntry) -> bool:
        """Show a payment's new state (approved, declined, reversed, settled...)."""
        row = self.row_of(entry.payment_id)
        if row is None:
            return False
        self._oldest_first[self._place[entry.payment_id]] = entry
        self._shown.pop(entry.payment_id, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def add_newest(self, entry: JournalEntry) -> bool:
        """Put a just-posted payment on top. A payment already shown is left alone."""
        if entry.payment_id in self._place:
            return False
        # Newest first: a payment keyed earlier (held, then approved) goes below newer ones.
        keyed = _keyed_at(entry)
        place = len(self._oldest_first)
        while place > 0 and _keyed_at(self._oldest_first[place - 1]) > keyed:
            place -= 1
        row = len(self._oldest_first) - place
        self.beginInsertRows(QModelIndex(), row, row)
        self._oldest_first.insert(place, entry)
        if place == len(self._oldest_first) - 1:
            self._place[entry.payment_id] = place
        else:
            for i in range(place, len(self._oldest_first)):
                self._place[self._oldest_first[i].payment_id] = i
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
        # One line a payment: a long reference is elided, not wrapped onto a second line.
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Every column but the free-text reference is as wide as its widest cell, so an
        # amount or an account number is never cut ("12,00…"); the reference is elided.
        # Qt's ResizeToContents would measure up to 1,000 rows on every new row; here the
        # whole day is measured when it loads, and then only each row that comes or moves.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REFERENCE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setStretchLastSection(False)
        self.setAccessibleName(self.tr("Today's journal"))
        model.modelReset.connect(self._fit_all)
        model.rowsInserted.connect(lambda _parent, first, last: self._fit_rows(first, last))
        model.dataChanged.connect(lambda top, bottom: self._fit_rows(top.row(), bottom.row()))
        self._fit_all()

    def _fit_all(self) -> None:
        for column in range(len(COLUMNS)):
            if column != REFERENCE:
                self.resizeColumnToContents(column)

    def _fit_rows(self, first: int, last: int) -> None:
        """Widen a column to a new or changed cell that would not fit; never narrow it
        under the teller's eyes."""
        header = self.horizontalHeader()
        model = self.model()
        grid = 1 if self.showGrid() else 0  # as QTableView.sizeHintForColumn counts it
        for column in range(len(COLUMNS)):
            if column == REFERENCE:
                continue
            widest = grid + max(
                self.sizeHintForIndex(model.index(row, column)).width()
                for row in range(first, last + 1)
            )
            if widest > header.sectionSize(column):
                header.resizeSection(column, widest)
