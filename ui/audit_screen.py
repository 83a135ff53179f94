"""The audit trail: stored events newest first, paged as the auditor scrolls, filtered
by operator, type, date and account; each event's body; and a check of the hash chain."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain.reporting.audit_trail import AuditEntry, AuditFilter, AuditQueries
from ui.formatting import local_time
from ui.long_task import LongTask, ProgressStrip
from ui.table_model import Index, RowsModel, row_picker

COLUMNS = ("Seq", "Date", "Time", "Event", "Operator", "About")
PAGE = 100


class AuditModel(RowsModel[AuditEntry]):
    """Holds the pages read so far; Qt asks for more as the view scrolls down."""

    columns = COLUMNS

    def __init__(self, queries: AuditQueries, page_size: int = PAGE) -> None:
        super().__init__()
        self._queries = queries
        self._page = page_size
        self._filter = AuditFilter()
        self._more = True
        self.total = 0

    def set_filter(self, flt: AuditFilter) -> None:
        self._filter = flt
        first = self._queries.page(flt, limit=self._page)
        self._more = len(first) == self._page
        self.total = self._queries.count(flt)
        self.reset_rows(first)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or not self._rows:
            return
        more = self._queries.page(self._filter, before_seq=self._rows[-1].seq, limit=self._page)
        self._more = len(more) == self._page
        self.append_rows(more)

    def cell(self, entry: AuditEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(entry.seq),
                entry.occurred_at.astimezone().date().isoformat(),
                local_time(entry.occurred_at),
                entry.event_type,
                entry.operator,
                f"{entry.aggregate_type} {entry.aggregate_id}",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Event {seq}: {type}").format(seq=entry.seq, type=entry.event_type)
        return None

    def entry(self, row: int) -> AuditEntry:
        return self.row(row)


def _day(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


class AuditScreen(QDialog):
    def __init__(self, queries: AuditQueries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_screen")
        self.setWindowTitle(self.tr("Audit trail"))
        self._queries = queries
        self.model = AuditModel(queries)

        self.operator = QComboBox()
        self.operator.setObjectName("operator_filter")
        self.operator.setEditable(True)
        self.event_type = QComboBox()
        self.event_type.setObjectName("type_filter")
        self.event_type.setEditable(True)
        self.date_from = QLineEdit()
        self.date_from.setObjectName("date_from")
        self.date_from.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.date_to = QLineEdit()
        self.date_to.setObjectName("date_to")
        self.date_to.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.account = QLineEdit()
        self.account.setObjectName("account_filter")
        self.account.setPlaceholderText(self.tr("Account number"))
        self.account.setMaxLength(64)
        for edit in (self.date_from, self.date_to, self.account):
            edit.returnPressed.connect(self.apply_filter)
        for combo in (self.operator, self.event_type):
            line = combo.lineEdit()
            if line is not None:
                line.returnPressed.connect(self.apply_filter)

        filters = QFormLayout()
        for text, widget in (
            (self.tr("&Operator"), self.operator),
            (self.tr("T&ype"), self.event_type),
            (self.tr("&From date"), self.date_from),
            (self.tr("T&o date"), self.date_to),
            (self.tr("Acco&unt"), self.account),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addRow(label, widget)
        apply = QPushButton(self.tr("Apply filter  [Enter]"))
        apply.setObjectName("apply")
        apply.setAutoDefault(False)
        apply.clicked.connect(self.apply_filter)
        self.verify_button = QPushButton(self.tr("Verify chain  [F7]"))
        self.verify_button.setObjectName("verify")
        self.verify_button.setAutoDefault(False)
        self.verify_button.setToolTip(
            self.tr("Check that no stored event was altered, inserted or removed (F7)")
        )
        self.verify_button.clicked.connect(self.verify_chain)
        QShortcut(QKeySequence("F7"), self, self.verify_chain)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("filter_error")
        self.filter_error.setStyleSheet("color: #b00020;")
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        # Room for a fault that wraps: a wrapped label's size hint does not ask for it.
        self.verdict.setMinimumHeight(self.verdict.fontMetrics().lineSpacing() * 3 + 4)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.count = QLabel()
        self.count.setObjectName("count")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(filters)
        left_layout.addWidget(apply)
        left_layout.addWidget(self.filter_error)
        left_layout.addSpacing(24)
        left_layout.addWidget(self.verify_button)
        self.progress = ProgressStrip(self, self)
        left_layout.addWidget(self.progress)
        left_layout.addStretch()

        self.table = row_picker("events", self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_body)
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setReadOnly(True)
        self.body.setPlaceholderText(self.tr("Select an event to read its body"))

        right = QSplitter(Qt.Orientation.Vertical)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.verdict)
        table_layout.addWidget(self.count)
        table_layout.addWidget(self.table)
        right.addWidget(table_box)
        right.addWidget(self.body)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(left, 1)
        layout.addWidget(right, 3)
        self.resize(1180, 720)
        self.reload_choices()
        self.apply_filter()

    def reload_choices(self) -> None:
        for combo, values in (
            (self.operator, self._queries.operators()),
            (self.event_type, self._queries.event_types()),
        ):
            current = combo.currentText()
            combo.clear()
            combo.addItems(["", *values])
            combo.setCurrentText(current)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            operator=self.operator.currentText(),
            event_type=self.event_type.currentText(),
            date_from=_day(self.date_from.text()),
            date_to=_day(self.date_to.text()),
            account=self.account.text(),
        )

    def apply_filter(self) -> None:
        try:
            flt = self.current_filter()
        except ValueError:
            self.filter_error.setText(self.tr("Dates are written YYYY-MM-DD, e.g. 2026-11-27"))
            return
        self.filter_error.clear()
        self.model.set_filter(flt)
        total = self.model.total
        self.count.setText(
            (
                self.tr("1 event, newest first")
                if total == 1
                else self.tr("{count} events, newest first")
            ).format(count=total)
        )
        self.table.resizeColumnsToContents()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.body.clear()

    def _show_body(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.body.setPlainText(self.model.entry(current.row()).body())

    def verify_chain(self) -> None:
        """F7: the whole chain is checked off the GUI thread, with progress; Esc stops it."""
        if self.progress.running:
            return
        queries = self._queries
        task = LongTask(lambda progress, cancelled: queries.verify_chain(progress, cancelled))
        task.succeeded.connect(self._show_verdict)
        task.cancelled.connect(self._verify_cancelled)
        task.failed.connect(self._verify_failed)
        self.verdict.setStyleSheet("")
        self.verdict.clear()
        self.progress.run(QCoreApplication.translate("AuditScreen", "Verifying the chain…"), task)

    def done(self, result: int) -> None:
        # A check still running when the screen closes stops at its next batch.
        if self.progress.task is not None:
            self.progress.task.cancel()
        super().done(result)

    def _verify_cancelled(self) -> None:
        self.verdict.setStyleSheet("")
        self.verdict.setText(
            QCoreApplication.translate(
                "AuditScreen", "Verification cancelled: the chain was not checked."
            )
        )

    def _verify_failed(self, error: str) -> None:
        self.verdict.setStyleSheet("color: #b00020; font-weight: 600;")
        self.verdict.setText(
            QCoreApplication.translate(
                "AuditScreen", "The chain could not be read: {error}"
            ).format(error=error)
        )

    def _show_verdict(self, faults: list[str]) -> None:
        if faults:
            self.verdict.setStyleSheet("color: #b00020; font-weight: 600;")
            self.verdict.setText(self.tr("The chain is BROKEN: ") + "; ".join(faults))
        else:
            self.verdict.setStyleSheet("color: #1b5e20; font-weight: 600;")
            self.verdict.setText(
                self.tr("The chain is intact: no stored event was altered, inserted or removed.")
                + (
                    self.tr(" It passes through every signed checkpoint.")
                    if self._queries.checks_checkpoints
                    else ""
                )
            )
