"""What every flat table model of the desk shares: fixed column titles, no children."""

from __future__ import annotations

from typing import Any

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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return column_title(self.columns[section])
        return None


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
