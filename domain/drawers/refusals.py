"""Why a drawer command is refused: stable codes the desk translates (ui.messages)."""

from __future__ import annotations

from enum import StrEnum


class DrawerRefusal(StrEnum):
    CASH_ACCOUNT_MISMATCH = "cash_account_mismatch"
    COUNT_INVALID = "count_invalid"
    DENOMINATION_UNKNOWN = "denomination_unknown"
    DIRECTION_UNKNOWN = "direction_unknown"
    DRAWER_CLOSING = "drawer_closing"
    DRAWER_NOT_COUNTED = "drawer_not_counted"
    DRAWER_NOT_OPEN = "drawer_not_open"
    DRAWER_NOT_OPENING = "drawer_not_opening"
    DRAWER_SESSION_ACTIVE = "drawer_session_active"
    DRAWER_SESSION_EXISTS = "drawer_session_exists"
    NO_DENOMINATIONS = "no_denominations"
    NOT_YOUR_DRAWER = "not_your_drawer"
    UNKNOWN_DRAWER_SESSION = "unknown_drawer_session"
