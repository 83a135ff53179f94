"""An account's history as a lazily paged table model.

The model holds only the pages the view has scrolled to; Qt asks for more through
canFetchMore/fetchMore as the user scrolls, and each page is one keyset query (see
domain.reporting.history). Changing a filter or the date order starts again from the first page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from domain.reporting.history import Cursor, HistoryFilter, HistoryRow
from ui.formatting import business_date, kind_label, local_time, money, status_label
from ui.table_model import Index, RowsModel

# (account id, filters, after, limit) -> rows
PageReader = Callable[[str, HistoryFilter, Cursor | None, int], list[HistoryRow]]

COLUMNS = ("Date", "Time", "Kind", "Counterparty", "Reference", "Amount", "Status", "Teller")
AMOUNT_COLUMN = 5
GAIN, LOSS = "#1b5e20", "#b00020"
DATE_COLUMNS = (0, 1)


class AccountHistoryModel(RowsModel[HistoryRow]):
    columns = COLUMNS

    def __init__(self, read_page: PageReader, account_id: str = "", page_size: int = 200) -> None:
        super().__init__()
        self._read_page = read_page
        self._page_size = page_size
        self._account_id = account_id
        self._filters = HistoryFilter()
        self._exhausted = not account_id
        self._fetching = False
        self.pages_read = 0

    # -- what is shown --------------------------------------------------------------------

    @property
    def filters(self) -> HistoryFilter:
        return self._filters

    def show(self, account_id: str, filters: HistoryFilter | None = None) -> None:
        """Start over: first page of `account_id` under `filters`."""
        self.beginResetModel()
        self._account_id = account_id
        if filters is not None:
            self._filters = filters
        self._rows = []
        self._exhausted = not account_id
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def show_page(self, account_id: str, filters: HistoryFilter, page: list[HistoryRow]) -> None:
        """Start over with a first page read elsewhere (off the GUI thread); reads nothing."""
        self.beginResetModel()
        self._account_id = account_id
        self._filters = filters
        self._rows = list(page)
        self._exhausted = len(page) < self._page_size
        self.pages_read += 1
        self.endResetModel()

    @property
    def page_size(self) -> int:
        return self._page_size

    def set_filters(self, filters: HistoryFilter) -> None:
        self.show(self._account_id, filters)

    def reload(self) -> None:
        self.show(self._account_id)

    @property
    def has_more(self) -> bool:
        """Rows remain beyond those loaded (whatever a fetch in progress is doing)."""
        return not self._exhausted

    def entry(self, row: int) -> HistoryRow:
        return self.row(row)

    # -- paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or self._fetching:
            return
        # Views and model testers may ask again from inside the insert signals, before
        # the new rows are stored: that would read the same page twice.
        self._fetching = True
        try:
            after = self._rows[-1].cursor if self._rows else None
            page = self._read_page(self._account_id, self._filters, after, self._page_size)
            self.pages_read += 1
            if len(page) < self._page_size:
                self._exhausted = True
            self.append_rows(page)
        finally:
            self._fetching = False

    # -- Qt model -------------------------------------------------------------------------

    def header_tip(self, section: int) -> str | None:
        if section in DATE_COLUMNS:
            return QCoreApplication.translate(
                "AccountHistoryModel",
                "Click (or press Ctrl+O) to switch between newest and oldest first",
            )
        return None

    def cell(self, row: HistoryRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return business_date(row.business_date)
            if column == 1:
                return local_time(row.created_at)
            if column == 2:
                return kind_label(row.kind)
            if column == 3:
                return row.counterparty
            if column == 4:
                return row.reference
            if column == AMOUNT_COLUMN:
                sign = "+" if row.change > 0 else ""
                return f"{sign}{money(row.change, row.currency)}"
            if column == 6:
                return status_label(row.status)
            if column == 7:
                return row.operator
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == AMOUNT_COLUMN:
            return QColor(GAIN if row.change > 0 else LOSS)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "AccountHistoryModel", "Payment {payment_id} — Enter opens it"
            ).format(payment_id=row.payment_id)
        if role == Qt.ItemDataRole.UserRole:
            return row.payment_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Only the date sorts, and the database does it."""
        if column not in DATE_COLUMNS:
            return
        newest_first = order == Qt.SortOrder.DescendingOrder
        if newest_first != self._filters.newest_first:
            self.set_filters(replace(self._filters, newest_first=newest_first))
