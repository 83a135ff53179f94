"""Why the door refuses a command before any handler sees it: stable codes the desk
translates (ui.messages). The README's "Bad input" lists the field codes for scripts."""

from __future__ import annotations

from enum import StrEnum


class FieldRefusal(StrEnum):
    """A field is not what its command's spec says (domain.door.validation)."""

    INVALID_TYPE = "invalid_type"
    OUT_OF_RANGE = "out_of_range"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    INVALID_IDENTIFIER = "invalid_identifier"
    UNKNOWN_VALUE = "unknown_value"
    INVALID_DATE = "invalid_date"


class SessionRefusal(StrEnum):
    """The command's login session does not prove its sender (domain.door.sessions)."""

    SESSION_REQUIRED = "session_required"
    SESSION_INVALID = "session_invalid"
    SESSION_CLOSED = "session_closed"
