"""How operator events change the operators and credentials tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    update,
)

from domain.eventstore.projections import projects
from domain.operators.events import (
    DeskLocked,
    DeskUnlocked,
    LoggedOut,
    LoginFailed,
    LoginSucceeded,
    OperatorCreated,
    OperatorDisabled,
    OperatorLockedOut,
    OverrideGranted,
    PasswordReset,
)
from domain.operators.tables import login_sessions, operators


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


@projects(OperatorCreated)
def _operator_created(conn: Connection, event: OperatorCreated, seq: int) -> None:
    conn.execute(
        operators.insert(),
        {
            "name": event.name,
            "role": event.role,
            "disabled": False,
            "failed_logins": 0,
            "locked_until": None,
            "created_at": event.occurred_at,
            "version": event.aggregate_version,
        },
    )


def _set(conn: Connection, name: str, **values: Any) -> None:
    conn.execute(update(operators).where(operators.c.name == name).values(**values))


@projects(OperatorDisabled)
def _operator_disabled(conn: Connection, event: OperatorDisabled, seq: int) -> None:
    _set(conn, event.name, disabled=True, version=event.aggregate_version)


@projects(PasswordReset)
def _password_reset(conn: Connection, event: PasswordReset, seq: int) -> None:
    _set(conn, event.name, failed_logins=0, locked_until=None, version=event.aggregate_version)


@projects(OperatorLockedOut)
def _locked_out(conn: Connection, event: OperatorLockedOut, seq: int) -> None:
    _set(
        conn,
        event.name,
        failed_logins=event.failed_logins,
        locked_until=_moment(event.locked_until),
        version=event.aggregate_version,
    )


def _open_session(conn: Connection, session_id: str, name: str, desk: str, at: datetime) -> None:
    conn.execute(
        login_sessions.insert(),
        {
            "session_id": session_id,
            "operator": name,
            "desk": desk,
            "opened_at": at,
            "closed_at": None,
            "closed_how": None,
        },
    )


def _close_session(conn: Connection, session_id: str, name: str, at: datetime, how: str) -> None:
    conn.execute(
        update(login_sessions)
        .where(
            login_sessions.c.session_id == session_id,
            login_sessions.c.operator == name,
            login_sessions.c.closed_at.is_(None),
        )
        .values(closed_at=at, closed_how=how)
    )


@projects(LoginSucceeded)
def _login_succeeded(conn: Connection, event: LoginSucceeded, seq: int) -> None:
    _set(conn, event.name, failed_logins=0, locked_until=None)
    _open_session(conn, event.login_id, event.name, event.desk, event.occurred_at)


@projects(LoginFailed)
def _login_failed(conn: Connection, event: LoginFailed, seq: int) -> None:
    if event.known:
        _set(conn, event.name, failed_logins=event.failed_logins)


@projects(DeskUnlocked)
def _desk_unlocked(conn: Connection, event: DeskUnlocked, seq: int) -> None:
    _set(conn, event.unlocked_by, failed_logins=0, locked_until=None)
    if event.resumes:
        conn.execute(
            update(login_sessions)
            .where(
                login_sessions.c.session_id == event.resumes,
                login_sessions.c.operator == event.desk_operator,
                login_sessions.c.closed_how == "locked",
            )
            .values(closed_how="resumed")
        )
    if event.session_id:
        _open_session(conn, event.session_id, event.desk_operator, event.desk, event.occurred_at)


@projects(LoggedOut)
def _logged_out(conn: Connection, event: LoggedOut, seq: int) -> None:
    _close_session(conn, event.login_id, event.name, event.occurred_at, "logout")


@projects(DeskLocked)
def _desk_locked(conn: Connection, event: DeskLocked, seq: int) -> None:
    _close_session(conn, event.login_id, event.name, event.occurred_at, "locked")


@projects(OverrideGranted)
def _override_granted(conn: Connection, event: OverrideGranted, seq: int) -> None:
    """The event is the record; the action it allowed writes its own rows."""
