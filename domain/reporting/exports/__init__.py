"""Exported reports: CSV, XLSX, PDF and ISO 20022 camt.053, streamed from the ledger.

`run_export` checks the request first (nothing is written when it is wrong), then writes
into a hidden temporary file next to the target and renames it into place only when
complete: a failed or cancelled export leaves no file that looks finished.
"""

from __future__ import annotations

from domain.reporting.exports.common import (
    FORMATS,
    ExportCancelled,
    ExportError,
    ExportRefusal,
    ExportRequest,
    ExportSummary,
    Progress,
    check_request,
    run_export,
)

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "ExportRefusal",
    "ExportRequest",
    "ExportSummary",
    "Progress",
    "check_request",
    "run_export",
]
