"""The operators' roles. What each may do is in domain.operators.permissions; a handler
checks it with `require_role`, inside its own transaction."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """An operator's role, as the operators table and OperatorCreated store it. `system`
    is the command line's own operator, never one that can be created."""

    TELLER = "teller"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SYSTEM = "system"


TELLER = Role.TELLER
SUPERVISOR = Role.SUPERVISOR
ADMIN = Role.ADMIN
# The roles an operator can be given.
ROLES = (TELLER, SUPERVISOR, ADMIN)

# Roles that may approve, decline, reverse beyond a teller's reach and close the day.
SUPERVISING = frozenset({SUPERVISOR, ADMIN})
