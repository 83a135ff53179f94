"""The export request, its checks, progress and cancel, and the all-or-nothing file."""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from importlib import import_module
from pathlib import Path

from sqlalchemy import Engine

from domain.reporting.reports import account_exists, open_business_date, operator_exists

# Format name -> module under domain.reporting.exports with `write(conn, request, path, ticker)`.
# Imported on use: openpyxl, reportlab and lxml cost time to import.
FORMATS: dict[str, str] = {
    "csv": "domain.reporting.exports.csv_export",
    "xlsx": "domain.reporting.exports.xlsx_export",
    "pdf": "domain.reporting.exports.pdf_export",
    "camt053": "domain.reporting.exports.camt053",
}
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "pdf": ".pdf", "camt053": ".xml"}

DEFAULT_BANK_NAME = "Teller Desk Demo Bank"

# done, total (None while unknown)
Progress = Callable[[int, int | None], None]


class ExportRefusal(StrEnum):
    """Why a request cannot be exported: stable codes the desk and the command line
    translate (ui.messages), filled from ExportError.details."""

    UNKNOWN_FORMAT = "export_unknown_format"
    PERIOD_INVERTED = "export_period_inverted"
    PERIOD_AFTER_TODAY = "export_period_after_today"
    NO_ACCOUNT = "export_no_account"
    NO_OPERATOR = "export_no_operator"
    OUT_IS_FOLDER = "export_out_is_folder"
    OUT_UNDER_FILE = "export_out_under_file"
    NO_FOLDER = "export_no_folder"
    FOLDER_READ_ONLY = "export_folder_read_only"
    FILE_READ_ONLY = "export_file_read_only"
    WRITE_FAILED = "export_write_failed"
    NOTHING_MOVED = "export_nothing_moved"
    TOO_MANY_ROWS = "export_too_many_rows"


class ExportError(ValueError):
    """The request cannot be exported; `message` says why in a teller's words, `code`
    and `details` let a reader in another language say the same."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        code: str = "",
        details: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.details = details or {}


class ExportCancelled(Exception):
    """The user cancelled; the partial file was removed."""


def english(text: str) -> str:
    return text


@dataclass(frozen=True)
class ExportRequest:
    format: str
    date_from: date
    date_to: date
    out_path: Path
    account_id: str | None = None
    teller: str | None = None
    bank_name: str = DEFAULT_BANK_NAME
    # CSV only: a leading apostrophe on text a spreadsheet would evaluate (xlsx always).
    neutralise_formulas: bool = True
    # The PDF's words in the reader's language (the desk passes Qt's translation; the
    # domain stays free of Qt). Other formats keep their English column names, which
    # programs read.
    words: Callable[[str], str] = field(default=english, compare=False, repr=False)


@dataclass
class ExportSummary:
    format: str
    path: Path
    rows: int = 0
    # Sum of exported amounts per currency (payments), or of entries (statements).
    totals: dict[str, int] = field(default_factory=dict)
    # Statements only: account -> (opening, closing) as credits minus debits.
    balances: dict[str, tuple[int, int]] = field(default_factory=dict)


class Ticker:
    """Reports progress now and then and raises ExportCancelled when asked to stop."""

    def __init__(
        self, total: int | None, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        # About every half percent: a smooth bar, a prompt cancel, and negligible cost.
        self.every = min(5000, max(100, (total or 0) // 200))
        self._next = self.every

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.done >= self._next:
            self._next = self.done + self.every
            self.check()

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled("Export cancelled; no file was written")
        if self._progress is not None:
            self._progress(self.done, self.total)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.done, self.done)


def check_request(engine: Engine, request: ExportRequest) -> None:
    """Raise ExportError for anything that would make the export wrong or impossible."""
    if request.format not in FORMATS:
        formats = ", ".join(FORMATS)
        raise ExportError(
            f"Unknown format {request.format!r}: choose one of {formats}",
            "format",
            ExportRefusal.UNKNOWN_FORMAT,
            {"format": repr(request.format), "formats": formats},
        )
    start, end = request.date_from.isoformat(), request.date_to.isoformat()
    if request.date_from > request.date_to:
        raise ExportError(
            f"The period starts ({start}) after it ends ({end})",
            "date_from",
            ExportRefusal.PERIOD_INVERTED,
            {"start": start, "end": end},
        )
    with engine.connect() as conn:
        today = open_business_date(conn)
    if today is not None and request.date_to > today:
        # A statement would show a closing balance on a day nothing has happened yet.
        raise ExportError(
            f"The period ends on {end}, after the open business date {today.isoformat()}: "
            f"end it on {today.isoformat()} or earlier",
            "date_to",
            ExportRefusal.PERIOD_AFTER_TODAY,
            {"end": end, "today": today.isoformat()},
        )
    if request.account_id is not None and not account_exists(engine, request.account_id):
        raise ExportError(
            f"No account {request.account_id}",
            "account_id",
            ExportRefusal.NO_ACCOUNT,
            {"account": request.account_id},
        )
    if request.teller is not None and not operator_exists(engine, request.teller):
        raise ExportError(
            f"No operator {request.teller}",
            "teller",
            ExportRefusal.NO_OPERATOR,
            {"teller": request.teller},
        )
    path = request.out_path
    if path.is_dir():
        raise ExportError(
            f"{path} is a folder; name a file to write",
            "out_path",
            ExportRefusal.OUT_IS_FOLDER,
            {"path": str(path)},
        )
    folder = path.parent
    if not folder.is_dir():
        blocking = next(
            (above for above in (folder, *folder.parents) if above.exists() and not above.is_dir()),
            None,
        )
        if blocking is not None:
            raise ExportError(
                f"{blocking} is a file, not a folder",
                "out_path",
                ExportRefusal.OUT_UNDER_FILE,
                {"path": str(blocking)},
            )
        raise ExportError(
            f"The folder {folder} does not exist",
            "out_path",
            ExportRefusal.NO_FOLDER,
            {"folder": str(folder)},
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            f"Cannot write into {folder}: permission denied",
            "out_path",
            ExportRefusal.FOLDER_READ_ONLY,
            {"folder": str(folder)},
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(
            f"Cannot replace {path}: permission denied",
            "out_path",
            ExportRefusal.FILE_READ_ONLY,
            {"path": str(path)},
        )


def run_export(
    engine: Engine,
    request: ExportRequest,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportSummary:
    check_request(engine, request)
    writer = import_module(FORMATS[request.format])
    target = request.out_path
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        # One read transaction: counts, balances and rows all see the same ledger.
        with engine.connect() as conn:
            summary: ExportSummary = writer.write(
                conn, request, partial, lambda total: Ticker(total, progress, cancelled)
            )
        os.replace(partial, target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        write_error = _write_error(error)
        if write_error is not None:
            raise ExportError(
                f"Could not write {target}: {write_error}",
                "out_path",
                ExportRefusal.WRITE_FAILED,
                {"path": str(target), "error": write_error},
            ) from error
        raise
    summary.path = target
    return summary


def _write_error(error: BaseException) -> str | None:
    """What went wrong when the file could not be written (disk full, file too large,
    ...), whichever writer met it: Python's own files raise OSError, lxml its
    SerialisationError with the C library's message, zipfile (xlsx) an OSError or a
    ValueError once its stream has broken. None for anything else: that is a bug."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError):
            return seen.strerror or str(seen)
        name = type(seen).__name__
        if name in ("SerialisationError", "LargeZipFile", "BadZipFile"):
            # libxml2 names the C error: IO_EFBIG, IO_ENOSPC...
            code = str(seen).removeprefix("IO_")
            if code.startswith("E") and isinstance(getattr(errno, code, None), int):
                return os.strerror(getattr(errno, code))
            return str(seen) or name
        seen = seen.__cause__ or seen.__context__
    return None


def utc_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z; SQLite hands back UTC without its zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"


TickerFactory = Callable[[int | None], Ticker]
