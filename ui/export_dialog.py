"""Export a report from the desk: pick the format, period and filters, watch the
progress bar, cancel at any time. The export runs on its own thread, so the window stays
responsive; a cancelled export leaves no file behind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.reporting.exports import (
    ExportCancelled,
    ExportError,
    ExportRequest,
    ExportSummary,
    Progress,
)
from domain.reporting.exports.common import SUFFIXES
from ui.formatting import money
from ui.messages import refusal_text
from ui.pdf_words import pdf_words
from ui.translations import QT_TRANSLATE_NOOP

Exporter = Callable[[ExportRequest, Progress, Callable[[], bool]], ExportSummary]

FORMAT_LABELS = {
    "csv": QT_TRANSLATE_NOOP("ExportDialog", "CSV — one payment per row"),
    "xlsx": QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook (XLSX)"),
    "pdf": QT_TRANSLATE_NOOP("ExportDialog", "PDF — statement (with account) or teller journal"),
    "camt053": QT_TRANSLATE_NOOP("ExportDialog", "ISO 20022 camt.053 statement (XML)"),
}
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class ExportJob(QObject):
    """Runs one export on a worker thread and reports back through signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)  # message, field
    cancelled = Signal()

    def __init__(self, export: Exporter, request: ExportRequest) -> None:
        super().__init__()
        self._export = export
        self._request = request
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            summary = self._export(self._request, self._progress, self.stop.is_set)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as error:
            self.failed.emit(
                refusal_text(error.code, error.message, **error.details), error.field or ""
            )
        except OSError as error:
            self.failed.emit(
                f"Cannot write {self._request.out_path}: {error.strerror or error}", "out_path"
            )
        except Exception as error:  # a bug: say so rather than hang the dialog
            self.failed.emit(f"The export failed: {type(error).__name__}: {error}", "")
        else:
            self.succeeded.emit(summary)

    def _progress(self, done: int, total: int | None) -> None:
        self.progressed.emit(done, total or 0)


class ExportDialog(QDialog):
    finished_export = Signal(str)  # "done", "cancelled" or "failed"

    def __init__(
        self,
        export: Exporter,
        bank_name: str,
        today: date,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a report"))
        self.setObjectName("export_dialog")
        self._export = export
        self._bank_name = bank_name
        self._folder = folder or Path.home()
        self._thread: QThread | None = None
        self._job: ExportJob | None = None
        self.summary: ExportSummary | None = None

        self.format = QComboBox()
        self.format.setObjectName("export_format")
        for name, label in FORMAT_LABELS.items():
            self.format.addItem(QCoreApplication.translate("ExportDialog", label), name)
        self.date_from = QLineEdit(today.isoformat())
        self.date_from.setObjectName("export_from")
        self.date_to = QLineEdit(today.isoformat())
        self.date_to.setObjectName("export_to")
        self.account = QLineEdit()
        self.account.setObjectName("export_account")
        self.account.setPlaceholderText(self.tr("all accounts"))
        self.teller = QLineEdit()
        self.teller.setObjectName("export_teller")
        self.teller.setPlaceholderText(self.tr("all tellers"))
        self.out_path = QLineEdit()
        self.out_path.setObjectName("export_path")
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text, widget in (
            ("format", self.tr("&Format"), self.format),
            ("date_from", self.tr("F&rom (YYYY-MM-DD)"), self.date_from),
            ("date_to", self.tr("&To (YYYY-MM-DD)"), self.date_to),
            ("account_id", self.tr("&Account (optional)"), self.account),
            ("teller", self.tr("T&eller (optional)"), self.teller),
            ("out_path", self.tr("&Save as"), self.out_path),
        ):
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            self.errors[key] = error
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(widget)
            column.addWidget(error)
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, column)
        self.progress = QProgressBar()
        self.progress.setObjectName("export_progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.status = QLabel(self.tr("Enter exports · Esc cancels or closes"))
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export  [Enter]"))
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.export_button.setToolTip(self.tr("Export (Enter)"))
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel  [Esc]"))
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setToolTip(self.tr("Cancel the export or close (Esc)"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._suggest_path)
        self._suggest_path()
        self.resize(620, 420)

    def _suggest_path(self) -> None:
        fmt = self.format.currentData()
        current = self.out_path.text().strip()
        stem = Path(current).stem if current else f"teller-report-{self.date_from.text()}"
        folder = Path(current).parent if current else self._folder
        self.out_path.setText(str(folder / f"{stem}{SUFFIXES[fmt]}"))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def request(self) -> ExportRequest | None:
        for label in self.errors.values():
            label.clear()
        dates: dict[str, date] = {}
        for key, edit in (("date_from", self.date_from), ("date_to", self.date_to)):
            text = edit.text().strip()
            try:
                dates[key] = date.fromisoformat(text)
            except ValueError:
                self.errors[key].setText(
                    self.tr("“{text}” is not a date; write it as YYYY-MM-DD").format(text=text)
                )
        path_text = self.out_path.text().strip()
        if not path_text:
            self.errors["out_path"].setText(self.tr("Name the file to write"))
        if len(dates) < 2 or not path_text:
            return None
        return ExportRequest(
            format=self.format.currentData(),
            date_from=dates["date_from"],
            date_to=dates["date_to"],
            out_path=Path(path_text).expanduser(),
            account_id=self.account.text().strip() or None,
            teller=self.teller.text().strip() or None,
            bank_name=self._bank_name,
            words=pdf_words,
        )

    def start(self) -> None:
        if self.running:
            return
        request = self.request()
        if request is None:
            self.status.setText(self.tr("Fix the fields marked in red."))
            self.status.setStyleSheet(ERROR_STYLE)
            return
        self.summary = None
        self.progress.setValue(0)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Exporting to {path} …").format(path=request.out_path))
        self.export_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel export  [Esc]"))
        self._job = ExportJob(self._export, request)
        self._thread = QThread(self)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progressed.connect(self._on_progress)
        self._job.succeeded.connect(self._on_success)
        self._job.failed.connect(self._on_failure)
        self._job.cancelled.connect(self._on_cancelled)
        self._thread.start()

    def cancel(self) -> None:
        if self._job is not None:
            self.status.setText(self.tr("Cancelling …"))
            self._job.stop.set()

    def reject(self) -> None:
        """Esc and Cancel stop a running export first; otherwise they close."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def _on_progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setValue(min(100, done * 100 // total))
        self.status.setText(
            self.tr("Exported {done} of {total} …").format(done=f"{done:,}", total=f"{total:,}")
            if total
            else self.tr("Exported {done} …").format(done=f"{done:,}")
        )

    def _finish(self, outcome: str, message: str, style: str) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        self._thread = None
        self._job = None
        self.export_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close  [Esc]"))
        self.status.setText(message)
        self.status.setStyleSheet(style)
        self.finished_export.emit(outcome)

    def _on_success(self, summary: ExportSummary) -> None:
        self.summary = summary
        self.progress.setValue(100)
        totals = ", ".join(
            money(minor, currency) for currency, minor in sorted(summary.totals.items())
        )
        self._finish(
            "done",
            self.tr("Wrote {rows} rows to {path}").format(
                rows=f"{summary.rows:,}", path=summary.path
            )
            + (self.tr(" — total {totals}").format(totals=totals) if totals else ""),
            OK_STYLE,
        )

    def _on_failure(self, message: str, field: str) -> None:
        self.progress.setValue(0)
        if field in self.errors:
            self.errors[field].setText(message)
        self._finish(
            "failed", self.tr("Nothing was written: {reason}").format(reason=message), ERROR_STYLE
        )

    def _on_cancelled(self) -> None:
        self.progress.setValue(0)
        self._finish("cancelled", self.tr("Export cancelled; no file was written."), ERROR_STYLE)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
