"""Why a command is refused for who sends it: stable codes the desk translates (ui.messages)."""

from __future__ import annotations

from enum import StrEnum


class OperatorRefusal(StrEnum):
    # The actor's role may not do this at all.
    FORBIDDEN = "forbidden"
    # A teller may start this, but only a supervisor may finish it.
    NEEDS_SUPERVISOR = "needs_supervisor"
    APPROVER_NOT_SUPERVISOR = "approver_not_supervisor"
    OVERRIDE_BY_MAKER = "override_by_maker"
    CREDENTIALS_REFUSED = "credentials_refused"
    DISABLE_SELF = "disable_self"
    NAME_INVALID = "name_invalid"
    OPERATOR_DISABLED = "operator_disabled"
    OPERATOR_EXISTS = "operator_exists"
    OPERATOR_LOCKED = "operator_locked"
    PASSWORD_WEAK = "password_weak"
    ROLE_UNKNOWN = "role_unknown"
    SESSION_MISMATCH = "session_mismatch"
    UNKNOWN_OPERATOR = "unknown_operator"
    UNLOCK_FORBIDDEN = "unlock_forbidden"
