"""Why a business-date command is refused: stable codes the desk translates (ui.messages)."""

from __future__ import annotations

from enum import StrEnum


class DayRefusal(StrEnum):
    DATE_CLOSED = "date_closed"
    DATE_INVALID = "date_invalid"
    DATE_NOT_BEGUN = "date_not_begun"
    DATE_OPEN = "date_open"
    DATE_UNKNOWN = "date_unknown"
    DATE_USED = "date_used"
    DRAWERS_OPEN = "drawers_open"
    NO_OPEN_DATE = "no_open_date"
