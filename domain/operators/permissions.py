"""Who may do what: the roles allowed to post, approve, manage operators and accounts;
and `system`, the operator of the command line.
"""

from __future__ import annotations

from domain.operators.roles import ADMIN, SUPERVISOR, TELLER, Role

# The command line's operator: its name (a command's actor is plain text), which acts in
# the role of the same name.
SYSTEM = "system"


# Who may do what. `system` appears only where the command line needs it.
MAY_POST_PAYMENTS = frozenset({TELLER, SUPERVISOR})


MAY_APPROVE = frozenset({SUPERVISOR})


# Anyone known and enabled: for handlers that then say themselves why a role may not act.
ANY_ROLE = frozenset({TELLER, SUPERVISOR, ADMIN, Role.SYSTEM})


# `system` creates the first admin of an empty database, and nothing else about operators.
MAY_MANAGE_OPERATORS = frozenset({ADMIN})


MAY_MANAGE_ACCOUNTS = frozenset({SUPERVISOR, Role.SYSTEM})


MAY_OPEN_CUSTOMER_ACCOUNTS = frozenset({TELLER, SUPERVISOR, Role.SYSTEM})
