"""The operators' roles. What each may do is in domain.operators.permissions; a handler
checks it with `require_role`, inside its own transaction."""

from __future__ import annotations

TELLER = "teller"
SUPERVISOR = "supervisor"
ADMIN = "admin"
ROLES = (TELLER, SUPERVISOR, ADMIN)

# Roles that may approve, decline, reverse beyond a teller's reach and close the day.
SUPERVISING = frozenset({SUPERVISOR, ADMIN})
