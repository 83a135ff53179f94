"""What every flat table model of the desk shares: fixed column titles, no children."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.formatting import status_label
from ui.translations import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex

# The tables' column titles, marked for lupdate in one context: the models keep their
# English names (code finds columns by them) and headerData shows them translated.
COLUMN_TITLES = (
    QT_TRANSLATE_NOOP("Columns", "Time"),
    QT_TRANSLATE_NOOP("Columns", "Date"),
    QT_TRANSLATE_NOOP("Columns", "Kind"),
    QT_TRANSLATE_NOOP("Columns", "From"),
    QT_TRANSLATE_NOOP("Columns", "To"),
    QT_TRANSLATE_NOOP("Columns", "Amount"),
    QT_TRANSLATE_NOOP("Columns", "Cur."),
    QT_TRANSLATE_NOOP("Columns", "Status"),
    QT_TRANSLATE_NOOP("Columns", "Reference"),
    QT_TRANSLATE_NOOP("Columns", "Teller"),
    QT_TRANSLATE_NOOP("Columns", "Number"),
    QT_TRANSLATE_NOOP("Columns", "Holder"),
    QT_TRANSLATE_NOOP("Columns", "Available"),
    QT_TRANSLATE_NOOP("Columns", "Found by"),
    QT_TRANSLATE_NOOP("Columns", "Keyed by"),
    QT_TRANSLATE_NOOP("Columns", "Why it waits"),
    QT_TRANSLATE_NOOP("Columns", "Seq"),
    QT_TRANSLATE_NOOP("Columns", "Event"),
    QT_TRANSLATE_NOOP("Columns", "Operator"),
    QT_TRANSLATE_NOOP("Columns", "About"),
    QT_TRANSLATE_NOOP("Columns", "Counterparty"),
    QT_TRANSLATE_NOOP("Columns", "When"),
    QT_TRANSLATE_NOOP("Columns", "Who"),
    QT_TRANSLATE_NOOP("Columns", "What"),
    QT_TRANSLATE_NOOP("Columns", "Leg"),
    QT_TRANSLATE_NOOP("Columns", "Account"),
    QT_TRANSLATE_NOOP("Columns", "Debit"),
    QT_TRANSLATE_NOOP("Columns", "Credit"),
    QT_TRANSLATE_NOOP("Columns", "Payments"),
    QT_TRANSLATE_NOOP("Columns", "Service, min"),
    QT_TRANSLATE_NOOP("Columns", "Busy"),
    QT_TRANSLATE_NOOP("Columns", "From \\ to"),
    QT_TRANSLATE_NOOP("Columns", "Moves"),
    QT_TRANSLATE_NOOP("Columns", "Ends in"),
    QT_TRANSLATE_NOOP("Columns", "Share (chain)"),
    QT_TRANSLATE_NOOP("Columns", "Hour"),
    QT_TRANSLATE_NOOP("Columns", "Arrivals /min"),
    QT_TRANSLATE_NOOP("Columns", "Tellers needed"),
    QT_TRANSLATE_NOOP("Columns", "P(wait)"),
    QT_TRANSLATE_NOOP("Columns", "Mean wait, min"),
    QT_TRANSLATE_NOOP("Columns", "Within target"),
)


def column_title(name: str) -> str:
    """A column's title in the current language; a payment state (the Flow screen's
    columns) as the journal names it."""
    if name in COLUMN_TITLES:
        return QCoreApplication.translate("Columns", name)
    return status_label(name)


class ColumnsModel(QAbstractTableModel):
    columns: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def header_tip(self, section: int) -> str | None:
        """What a column's title says when the pointer rests on it; nothing by default."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(self.columns[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(section)
        return None


Row = TypeVar("Row")


class RowsModel(ColumnsModel, Generic[Row]):
    """A table of one row value per line: `cell` says what a row shows in a column for a
    role; asked about a row it does not hold, the model answers nothing."""

    def __init__(self, rows: list[Row] | None = None) -> None:
        super().__init__()
        self._rows: list[Row] = list(rows or [])

    def row_total(self) -> int:
        return len(self._rows)

    def row(self, row: int) -> Row:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError

    def reset_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: list[Row]) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()


def row_picker(name: str, model: QAbstractTableModel) -> QTableView:
    """A read-only table where one whole row is chosen at a time; Tab leaves it."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    return view
