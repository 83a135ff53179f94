"""Who may do what: the seam between payments and operators.

Handlers never look operators up themselves; they are handed `role_of(operator) -> str`
at wiring (app.bootstrap). Until the operators feature (issue 3: login, argon2
passwords, four-eyes dialog) is merged, the stand-in `roles_from_table` reads the
`[roles]` table of the risk TOML: operators listed as supervisors or admins have that
role, everyone else is a teller. At merge, wire issue 3's lookup in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

TELLER = "teller"
SUPERVISOR = "supervisor"
ADMIN = "admin"
ROLES = (TELLER, SUPERVISOR, ADMIN)

# Roles that may approve, decline, reverse beyond a teller's reach and close the day.
SUPERVISING = frozenset({SUPERVISOR, ADMIN})

RoleOf = Callable[[str], str]


def roles_from_table(supervisors: Iterable[str] = (), admins: Iterable[str] = (),
                     default: str = TELLER) -> RoleOf:
    """STAND-IN until operators land: a fixed table of names, `default` for the rest."""
    table = {name: SUPERVISOR for name in supervisors} | {name: ADMIN for name in admins}

    def role_of(operator: str) -> str:
        return table.get(operator, default)

    return role_of


def is_supervising(role_of: RoleOf, operator: str) -> bool:
    return role_of(operator) in SUPERVISING
