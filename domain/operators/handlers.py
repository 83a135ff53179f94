"""Operator command handlers, the role checks and the four-eyes override every context uses."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    select,
)

from bus import Command, Event, Rejection
from bus.messages import rejected, utc_now
from domain.eventstore.events import DomainEvent
from domain.eventstore.unit_of_work import UnitOfWork
from domain.kernel.envelope import caused_by
from domain.kernel.refusals import Refusal
from domain.operators.commands import (
    Approval,
    CreateOperator,
    DisableOperator,
    LockDesk,
    LogIn,
    LogOut,
    ResetPassword,
    UnlockDesk,
)
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
from domain.operators.passwords import (
    _LOCKED_ROW,
    LOGIN_FAILED,
    NAME,
    PasswordRefused,
    _operator_row,
    check_password_rules,
    judge_password,
    normalise_name,
    read,
    settle_password,
    store_password,
    unknown_name,
)
from domain.operators.permissions import MAY_APPROVE, MAY_MANAGE_OPERATORS, SYSTEM
from domain.operators.policy import Clock, SecurityPolicy
from domain.operators.refusals import OperatorRefusal
from domain.operators.roles import ADMIN, ROLES, Role
from domain.operators.tables import login_sessions, operators


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def require_role(
    conn: Connection, operator: str, roles: frozenset[Role] | set[Role], what: str = "do this"
) -> Role:
    """The operator's role if it is one of `roles`; otherwise a Rejection a teller reads.

    Every handler calls this with the command's actor: hiding a button is not enforcement.
    """
    row = None if operator == SYSTEM else _operator_row(conn, operator)
    return checked_role(operator, row, roles, what)


def checked_role(
    operator: str, row: Any, roles: frozenset[Role] | set[Role], what: str = "do this"
) -> Role:
    """require_role on the operator's row (`role`, `disabled`; None if there is none),
    for a handler that read it together with the rest of what it decides on."""
    if operator == SYSTEM:
        role: Role | None = Role.SYSTEM
    else:
        role = None if row is None or row.disabled else Role(row.role)
    if role is None:
        if row is not None and row.disabled:
            raise Rejection(
                OperatorRefusal.OPERATOR_DISABLED,
                f"Operator {operator} is disabled and may not act",
            )
        raise Rejection(
            OperatorRefusal.UNKNOWN_OPERATOR, f"Operator {operator!r} is not known here"
        )
    if role not in roles:
        allowed = " or ".join(sorted(r for r in roles if r != Role.SYSTEM))
        raise Rejection(
            OperatorRefusal.FORBIDDEN,
            f"{_a(role).capitalize()} may not {what}; it takes {_a(allowed)}",
        )
    return role


def failure_events(
    conn: Connection,
    policy: SecurityPolicy,
    refused: PasswordRefused,
    command: Command,
    now: datetime,
) -> list[DomainEvent]:
    """What a refused password leaves: LoginFailed, and a lockout on the Nth failure.

    Counted and locked under the operator row's lock (SELECT ... FOR UPDATE; SQLite's
    writer lock), so parallel guesses are judged one after another: once the lock is
    set, a guess still in flight is recorded as `locked`, never counted as a guess.
    """
    row = (
        conn.execute(_LOCKED_ROW, {"name": refused.name}).first()
        if refused.why != "unknown_name"
        else None
    )
    why = refused.why
    if (
        row is not None
        and why == "bad_password"
        and row.locked_until is not None
        and row.locked_until > now
    ):
        why = "locked"
    count = (
        (row.failed_logins + 1)
        if row is not None and why == "bad_password"
        else (row.failed_logins if row is not None else 0)
    )
    name = refused.name if row is not None else unknown_name(conn, refused.name)
    found: list[DomainEvent] = [
        LoginFailed(
            attempt_id=str(uuid.uuid4()),
            name=name,
            known=row is not None,
            reason=why,
            purpose=refused.purpose,
            desk=refused.desk[:64],
            failed_logins=count,
            aggregate_version=1,
            **caused_by(command),
        )
    ]
    if row is not None and why == "bad_password" and count >= policy.max_failed_logins:
        found.append(
            OperatorLockedOut(
                name=row.name,
                locked_until=(now + policy.lockout).isoformat(),
                failed_logins=count,
                aggregate_version=row.version + 1,
                **caused_by(command),
            )
        )
    return found


UowFactory = Callable[[], UnitOfWork]


Handler = Callable[..., Sequence[Event]]


def counts_failed_passwords(
    handler: Handler, new_uow: UowFactory, policy: SecurityPolicy, clock: Clock = utc_now
) -> Handler:
    """Wrap a handler that may check a password: a PasswordRefused it raises is recorded
    (LoginFailed, maybe OperatorLockedOut) and answered with CommandRejected."""

    @functools.wraps(handler)
    def run(command: Command) -> Sequence[Event]:
        try:
            return handler(command)
        except PasswordRefused as refused:
            with new_uow() as uow:
                for event in failure_events(uow.conn, policy, refused, command, clock()):
                    uow.record(event)
            return [*uow.recorded, rejected(command, refused)]

    return run


def grant_override(
    conn: Connection,
    policy: SecurityPolicy,
    command: Command,
    approval: Approval | None,
    *,
    action: str,
    subject: str,
    detail: str,
    why: str,
    desk: str = "",
    now: datetime | None = None,
) -> OverrideGranted:
    """Check a supervisor's approval typed at the maker's desk; the event to record.

    `why` is the sentence shown when no approval came with the command. The approver must
    be a supervisor other than the maker, with the right password; a wrong password counts
    towards the approver's lockout (the handler must be wrapped by counts_failed_passwords).
    Issue-4 style approvals of held payments can call this as it is.
    """
    if approval is None or not approval.approver.strip():
        raise Rejection(Refusal.OVERRIDE_REQUIRED, why, "approval")
    approver = normalise_name(approval.approver)
    if approver == command.actor:
        raise Rejection(
            OperatorRefusal.OVERRIDE_BY_MAKER,
            "The approver must be another person than the one who keyed it",
            "approval",
        )
    when = now or utc_now()
    # On the command's own connection: the check is part of a command already writing.
    judged = judge_password(conn, policy, approval.approver, approval.password, when)
    row = settle_password(
        conn,
        judged,
        purpose="override",
        desk=desk,
        now=when,
        message="Override refused: the supervisor's name or password was not accepted.",
        field="approval",
    )
    if row.role not in MAY_APPROVE:
        raise Rejection(
            OperatorRefusal.APPROVER_NOT_SUPERVISOR,
            f"{row.name} is a {row.role}; only a supervisor can approve this",
            "approval",
        )
    return OverrideGranted(
        override_id=str(uuid.uuid4()),
        action=action,
        subject=subject,
        maker=command.actor,
        approver=row.name,
        detail=detail,
        aggregate_version=1,
        **caused_by(command),
    )


def _next_version(conn: Connection, name: str) -> tuple[Any, int]:
    row = _operator_row(conn, name)
    if row is None:
        raise Rejection(OperatorRefusal.UNKNOWN_OPERATOR, f"No operator {name}", "name")
    return row, row.version + 1


def create_operator(
    command: CreateOperator, new_uow: UowFactory, policy: SecurityPolicy, clock: Clock = utc_now
) -> Sequence[Event]:
    name = normalise_name(command.name)
    if not NAME.match(name) or name == SYSTEM:
        raise Rejection(
            OperatorRefusal.NAME_INVALID,
            "A name is 2-32 lower-case letters, digits, '.', "
            "'_' or '-', starting with a letter (and not 'system')",
            "name",
        )
    if command.role not in ROLES:
        raise Rejection(
            OperatorRefusal.ROLE_UNKNOWN, f"The role must be one of {', '.join(ROLES)}", "role"
        )
    check_password_rules(name, command.password)
    with new_uow() as uow:
        if command.actor == SYSTEM:
            if (
                command.role != ADMIN
                or uow.conn.execute(select(operators.c.name).limit(1)).first() is not None
            ):
                raise Rejection(
                    OperatorRefusal.FORBIDDEN,
                    "The command line creates only the first admin "
                    "of an empty database; after that an admin adds operators",
                )
        else:
            require_role(uow.conn, command.actor, MAY_MANAGE_OPERATORS, "manage operators")
        if _operator_row(uow.conn, name) is not None:
            raise Rejection(
                OperatorRefusal.OPERATOR_EXISTS, f"Operator {name} already exists", "name"
            )
        hashed_at = clock()
        uow.record(
            OperatorCreated(name=name, role=command.role, aggregate_version=1, **caused_by(command))
        )
        store_password(uow.conn, policy, name, command.password, hashed_at)
    return uow.recorded


def disable_operator(command: DisableOperator, new_uow: UowFactory) -> Sequence[Event]:
    name = normalise_name(command.name)
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_MANAGE_OPERATORS, "manage operators")
        row, version = _next_version(uow.conn, name)
        if row.disabled:
            raise Rejection(
                OperatorRefusal.OPERATOR_DISABLED, f"Operator {name} is already disabled", "name"
            )
        if name == command.actor:
            raise Rejection(OperatorRefusal.DISABLE_SELF, "You cannot disable yourself", "name")
        uow.record(OperatorDisabled(name=name, aggregate_version=version, **caused_by(command)))
    return uow.recorded


def reset_password(
    command: ResetPassword, new_uow: UowFactory, policy: SecurityPolicy, clock: Clock = utc_now
) -> Sequence[Event]:
    name = normalise_name(command.name)
    check_password_rules(name, command.password)
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_MANAGE_OPERATORS, "manage operators")
        _row, version = _next_version(uow.conn, name)
        uow.record(PasswordReset(name=name, aggregate_version=version, **caused_by(command)))
        store_password(uow.conn, policy, name, command.password, clock())
    return uow.recorded


@contextmanager
def _proven_by_password(
    command: LogIn | UnlockDesk,
    new_uow: UowFactory,
    policy: SecurityPolicy,
    engine: Engine,
    clock: Clock,
    purpose: str,
    message: str = LOGIN_FAILED,
) -> Iterator[tuple[UnitOfWork, Any]]:
    """The typed password judged (the slow hash) on a plain read connection, then settled
    (failed tries counted, lockout) in the command's write, left open for its events."""
    with read(engine) as conn:
        judged = judge_password(conn, policy, command.name, command.password, clock())
    with new_uow() as uow:
        row = settle_password(
            uow.conn, judged, purpose=purpose, desk=command.desk, now=clock(), message=message
        )
        yield uow, row


def log_in(
    command: LogIn,
    new_uow: UowFactory,
    policy: SecurityPolicy,
    engine: Engine,
    clock: Clock = utc_now,
) -> Sequence[Event]:
    with _proven_by_password(command, new_uow, policy, engine, clock, "login") as (uow, row):
        uow.record(
            LoginSucceeded(
                login_id=str(uuid.uuid4()),
                name=row.name,
                role=Role(row.role),
                desk=command.desk[:64],
                aggregate_version=1,
                **{**caused_by(command), "actor": row.name},
            )
        )
    return uow.recorded


def log_out(command: LogOut, new_uow: UowFactory) -> Sequence[Event]:
    """Closes the command's own login session (domain.door.sessions proved it is the actor's
    and open); `login_id`, when given, must name that same session."""
    if command.login_id and command.login_id != command.login_session:
        raise Rejection(
            OperatorRefusal.SESSION_MISMATCH, "A desk can only close its own login session"
        )
    return _end_own_session(command, new_uow, LoggedOut)


def lock_desk(command: LockDesk, new_uow: UowFactory) -> Sequence[Event]:
    return _end_own_session(command, new_uow, DeskLocked)


def _end_own_session(
    command: Command, new_uow: UowFactory, ended: type[LoggedOut | DeskLocked]
) -> Sequence[Event]:
    # A new aggregate each time: its id (logout_id, lock_id) is fresh.
    fresh_id: dict[str, Any] = {ended.aggregate_key: str(uuid.uuid4())}
    with new_uow() as uow:
        uow.record(
            ended(
                **fresh_id,
                login_id=command.login_session,
                name=command.actor,
                aggregate_version=1,
                **caused_by(command),
            )
        )
    return uow.recorded


def _resumable(conn: Connection, command: Command) -> bool:
    row = conn.execute(
        select(login_sessions.c.operator, login_sessions.c.closed_how).where(
            login_sessions.c.session_id == command.login_session
        )
    ).first()
    return row is not None and row.operator == command.actor and row.closed_how == "locked"


def unlock_desk(
    command: UnlockDesk,
    new_uow: UowFactory,
    policy: SecurityPolicy,
    engine: Engine,
    clock: Clock = utc_now,
) -> Sequence[Event]:
    refused = "Not unlocked: the name or password was not accepted."
    with _proven_by_password(command, new_uow, policy, engine, clock, "unlock", refused) as (
        uow,
        row,
    ):
        if row.name != command.actor and row.role not in MAY_APPROVE:
            raise Rejection(
                OperatorRefusal.UNLOCK_FORBIDDEN,
                "Only the operator of this desk or a supervisor can unlock it",
            )
        if row.name != command.actor and not _resumable(uow.conn, command):
            # A supervisor's password reopens only a desk that was locked under that
            # operator, once: never a new session for any name they choose.
            raise Rejection(
                OperatorRefusal.UNLOCK_FORBIDDEN,
                "A supervisor can only unlock a desk its operator locked",
            )
        uow.record(
            DeskUnlocked(
                unlock_id=str(uuid.uuid4()),
                desk_operator=command.actor,
                unlocked_by=row.name,
                desk=command.desk[:64],
                session_id=str(uuid.uuid4()),
                resumes=command.login_session,
                aggregate_version=1,
                **caused_by(command),
            )
        )
    return uow.recorded
