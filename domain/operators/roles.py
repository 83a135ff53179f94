"""The operators' roles, and the seam between the payment rules and operators.

The payment lifecycle is handed `role_of(operator) -> str` at wiring (app.bootstrap
reads it from the operators table, domain.operators.handlers); tests may hand in their own.
"""

from __future__ import annotations

from collections.abc import Callable

TELLER = "teller"
SUPERVISOR = "supervisor"
ADMIN = "admin"
ROLES = (TELLER, SUPERVISOR, ADMIN)

# Roles that may approve, decline, reverse beyond a teller's reach and close the day.
SUPERVISING = frozenset({SUPERVISOR, ADMIN})

RoleOf = Callable[[str], str]
