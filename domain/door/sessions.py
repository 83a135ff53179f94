"""Every command proves its sender: it names an open login session of its actor.

A command's `actor` is only a name, and anything that reaches the bus can write any name.
So before any handler runs, `requires_session` checks that the command's `login_session`
is a session opened by a successful login (or an unlock) of that very operator, not closed
since (logout, lock), and that the operator is still enabled and not locked out. A command
that fails this is refused with a rejection code and changes nothing.

The few commands that cannot carry a session are listed here, each with its reason; the
wiring (app.bootstrap) applies the one wrapper to every handler.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, select

from bus import Command, Event, Rejection
from bus.messages import utc_now
from domain.business_day.commands import OpenBusinessDate
from domain.door.refusals import SessionRefusal
from domain.eventstore.checkpoints import RecordCheckpoint
from domain.eventstore.driver import DriverQuery
from domain.eventstore.unit_of_work import group_connection, group_memo
from domain.operators.commands import CreateOperator, LogIn, UnlockDesk
from domain.operators.events import (
    DeskLocked,
    DeskUnlocked,
    LoggedOut,
    LoginFailed,
    LoginSucceeded,
    OperatorCreated,
    OperatorDisabled,
    OperatorLockedOut,
    PasswordReset,
)
from domain.operators.permissions import SYSTEM
from domain.operators.refusals import OperatorRefusal
from domain.operators.tables import login_sessions, operators
from domain.payments.commands import ExpireReservations

# Commands that prove themselves with a password typed in them, from any actor.
PROVEN_BY_PASSWORD: dict[type[Command], str] = {
    LogIn: "a login is how a session starts; the handler checks the password",
    UnlockDesk: "a locked desk has no open session; the handler checks the password of "
    "its operator, or of a supervisor for the session that was locked",
}

# The maintenance actor's documented jobs: only these, only as `system`.
SYSTEM_JOBS: dict[type[Command], str] = {
    OpenBusinessDate: "the first business date of a new database (`init`, desk start)",
    ExpireReservations: "voiding timed-out reservations (desk start, every minute, CLI)",
    CreateOperator: "the first admin of an empty database (`init`); the handler refuses "
    "it once any operator exists",
    RecordCheckpoint: "recording a signed checkpoint of the chain head (`eod`, `checkpoint`, "
    "which an auditor or a scheduler runs without a desk session): its authority is the "
    "bank's private key, outside the database, and `verify --checkpoints` checks the "
    "signature with the public key; the handler refuses a hash the stored chain does not "
    "have, and the event changes no state",
}

_SESSION = DriverQuery(
    select(
        login_sessions.c.operator,
        login_sessions.c.closed_at,
        operators.c.disabled,
        operators.c.locked_until,
    )
    .join(operators, operators.c.name == login_sessions.c.operator)
    .where(login_sessions.c.session_id == bindparam("session_id"))
)

# The events whose projections change what _SESSION reads (a login session, its operator).
_SESSION_STALE_ON = frozenset(
    event.aggregate_type
    for event in (
        OperatorCreated,
        OperatorDisabled,
        PasswordReset,
        OperatorLockedOut,
        LoginSucceeded,
        LoginFailed,
        LoggedOut,
        DeskLocked,
        DeskUnlocked,
    )
)

Handler = Callable[[Any], Sequence[Event]]


def exempt(command: Command) -> bool:
    kind = type(command)
    return kind in PROVEN_BY_PASSWORD or (command.actor == SYSTEM and kind in SYSTEM_JOBS)


def check_session(engine: Engine, command: Command, now: datetime) -> None:
    """Nothing if the command's session proves its actor; a Rejection otherwise."""
    if exempt(command):
        return
    # The door checks every field's type after this check: a session or an actor that
    # is not text is no proof of anyone.
    if not isinstance(command.login_session, str) or not isinstance(command.actor, str):
        raise Rejection(
            SessionRefusal.SESSION_INVALID,
            "This command's login session is not one of its operator's",
            "login_session",
        )
    if not command.login_session:
        raise Rejection(
            SessionRefusal.SESSION_REQUIRED,
            f"{type(command).__name__} needs the login session of its operator: "
            "log in at a desk first",
        )
    asked = {"session_id": command.login_session[:36]}

    def read() -> list[Any]:
        shared = group_connection(engine)
        if shared is not None:
            return _SESSION(shared, asked)
        with engine.connect() as conn:
            return _SESSION(conn, asked)

    # A desk's group of payments names one session again and again: one read a group.
    found = group_memo(engine, f"login_session:{asked['session_id']}", _SESSION_STALE_ON, read)
    row = found[0] if found else None
    if row is None or row.operator != command.actor:
        raise Rejection(
            SessionRefusal.SESSION_INVALID,
            "This command's login session is not one of its operator's",
        )
    if row.closed_at is not None:
        raise Rejection(
            SessionRefusal.SESSION_CLOSED,
            "This login session was closed (logged out or locked): log in again",
        )
    if row.disabled:
        raise Rejection(
            OperatorRefusal.OPERATOR_DISABLED,
            f"Operator {command.actor} is disabled and may not act",
        )
    if row.locked_until is not None and row.locked_until > now:
        raise Rejection(
            OperatorRefusal.OPERATOR_LOCKED, f"Operator {command.actor} is locked out for a while"
        )


def requires_session(
    engine: Engine, clock: Callable[[], datetime] = utc_now
) -> Callable[[type[Command], Handler], Handler]:
    """The wrapper the wiring puts around every command handler."""

    def wrap(_command_type: type[Command], handler: Handler) -> Handler:
        def checked(command: Command) -> Sequence[Event]:
            check_session(engine, command, clock())
            return handler(command)

        return checked

    return wrap
