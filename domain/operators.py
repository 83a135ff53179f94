"""Operators: who may act, in which role, and how they prove it.

Roles: a `teller` keys payments at a drawer; a `supervisor` also signs off what a teller
may not do alone (four-eyes) and looks after accounts; an `admin` manages operators and
nothing else (whoever manages logins must not also move money).

Passwords are hashed with Argon2id. The hash lives in `operator_credentials`, written
by the handlers beside the events and deliberately NOT rebuilt by replay: events are
read by every auditor, and even a slow hash in their hands invites offline guessing.
A database rebuilt from events alone therefore has operators without passwords; an
admin sets new ones with `user reset-password`. Everything else about an operator
(role, disabled, failed logins, lockout) is in the events and is rebuilt.

The actor `system` stands for the command line's maintenance jobs (domain.sessions lists
them): the first admin of an empty database, the first business date, expiring
reservations. Everything else is sent by a logged-in operator and carries their login
session; the desk's GUI stamps every command with it, so a desk never speaks as `system`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar, cast

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    Boolean,
    Connection,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from bus import Command, CommandRejected, Event, Rejection
from bus.messages import utc_now
from domain.events import DomainEvent
from domain.money import CURRENCY_EXPONENTS
from domain.projections import projects
from domain.roles import ADMIN, ROLES, SUPERVISOR, TELLER
from domain.schema import STATE_TABLES, Base

SYSTEM = "system"

# Who may do what. `system` appears only where the command line needs it.
MAY_POST_PAYMENTS = frozenset({TELLER, SUPERVISOR})
MAY_APPROVE = frozenset({SUPERVISOR})
# `system` creates the first admin of an empty database, and nothing else about operators.
MAY_MANAGE_OPERATORS = frozenset({ADMIN})
MAY_MANAGE_ACCOUNTS = frozenset({SUPERVISOR, SYSTEM})
MAY_OPEN_CUSTOMER_ACCOUNTS = frozenset({TELLER, SUPERVISOR, SYSTEM})

NAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 256
LOGIN_FAILED = "Login failed: the name or password was not accepted, or the name is " \
    "locked for a while after too many attempts."


# -- policy -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SecurityPolicy:
    """The knobs of authentication and four-eyes; app.settings fills them from the
    environment. Limits are in major units of any currency (10,000 = 10,000.00 EUR)."""

    max_failed_logins: int = 5
    lockout_minutes: float = 15
    idle_lock_seconds: float = 300
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65_536
    argon2_parallelism: int = 1
    # Single-payment limits set here (TELLER_LIMIT_<ROLE>) replace, role by role, those of
    # the risk rules' [single_payment_limit] (domain/risk_defaults.toml): one limit per
    # role, wherever it was set.
    role_limits: dict[str, int] = field(default_factory=dict)
    # Drawer differences up to this many minor units close without a supervisor.
    drawer_tolerance: dict[str, int] = field(
        default_factory=lambda: {"EUR": 500, "USD": 500, "GBP": 500, "CHF": 500})
    denominations: dict[str, tuple[int, ...]] = field(default_factory=lambda: {
        "EUR": (50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500,
                200, 100, 50, 20, 10, 5, 2, 1),
        "USD": (10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5, 1),
    })

    @property
    def lockout(self) -> timedelta:
        return timedelta(minutes=self.lockout_minutes)

    def limit_minor(self, role: str, currency: str) -> int | None:
        """The single-payment limit set here for the role; None: the risk rules' own."""
        major = self.role_limits.get(role)
        if major is None:
            return None
        return major * 10 ** CURRENCY_EXPONENTS[currency]

    def tolerance(self, currency: str) -> int:
        return self.drawer_tolerance.get(currency, 0)

    @functools.cached_property
    def hasher(self) -> PasswordHasher:
        return PasswordHasher(time_cost=self.argon2_time_cost,
                              memory_cost=self.argon2_memory_kib,
                              parallelism=self.argon2_parallelism, type=Type.ID)

    @functools.cached_property
    def decoy_hash(self) -> str:
        # Checked against when a name is unknown, so a failure takes as long either way.
        return self.hasher.hash(uuid.uuid4().hex)


Clock = Callable[[], datetime]


# -- tables -------------------------------------------------------------------------------


class Operator(Base):
    __tablename__ = "operators"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class OperatorCredential(Base):
    """Argon2id hashes. Not an event, not replayed: see the module's docstring."""

    __tablename__ = "operator_credentials"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditKey(Base):
    """Secrets of this database that must not be in the events (the key of the keyed hash
    of unknown login names). Not an event, not replayed, like operator_credentials."""

    __tablename__ = "audit_keys"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret: Mapped[str] = mapped_column(String(128))


UNKNOWN_NAME_KEY = "unknown_login_names"


class LoginSession(Base):
    """A login at a desk: opened by LoginSucceeded (or DeskUnlocked), closed by LoggedOut
    or DeskLocked. Every command names one (`login_session`); domain.sessions checks it.
    Rebuilt from the events like the other state tables."""

    __tablename__ = "login_sessions"

    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operator: Mapped[str] = mapped_column(String(32))
    desk: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                       nullable=True)
    # logout, locked (a supervisor may unlock it for its operator once), resumed
    closed_how: Mapped[str | None] = mapped_column(String(8), nullable=True)


# Typed as the Tables they are (the ORM declares `__table__` as a FromClause).
operators = cast(Table, Operator.__table__)
credentials = cast(Table, OperatorCredential.__table__)
login_sessions = cast(Table, LoginSession.__table__)
audit_keys = cast(Table, AuditKey.__table__)
STATE_TABLES.append("operators")
STATE_TABLES.append("login_sessions")


# -- commands -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    """A supervisor's name and password, typed at the maker's desk (four-eyes)."""

    approver: str
    password: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class CreateOperator(Command):
    name: str
    role: str
    password: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class DisableOperator(Command):
    name: str


@dataclass(frozen=True, kw_only=True)
class ResetPassword(Command):
    name: str
    password: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class LogIn(Command):
    name: str
    password: str = field(repr=False)
    desk: str = ""


@dataclass(frozen=True, kw_only=True)
class LogOut(Command):
    login_id: str


@dataclass(frozen=True, kw_only=True)
class LockDesk(Command):
    """The desk locks itself (idle) or its operator locks it: its login session closes,
    and only UnlockDesk (a password) opens a new one."""


@dataclass(frozen=True, kw_only=True)
class UnlockDesk(Command):
    """Unlock a desk that locked itself while idle. `actor` is the desk's operator;
    `name` who types the password: the same operator or a supervisor."""

    name: str
    password: str = field(repr=False)
    desk: str = ""


# -- events -------------------------------------------------------------------------------


class _OfOperator:
    """Mixed into the events of one operator (their name is the aggregate)."""

    aggregate_type: ClassVar[str] = "operator"
    name: str

    @property
    def aggregate_id(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True)
class OperatorCreated(_OfOperator, DomainEvent):
    name: str
    role: str


@dataclass(frozen=True, kw_only=True)
class OperatorDisabled(_OfOperator, DomainEvent):
    name: str


@dataclass(frozen=True, kw_only=True)
class PasswordReset(_OfOperator, DomainEvent):
    """A new password was set (its hash is in operator_credentials only); it also
    lifts a lockout."""

    name: str


@dataclass(frozen=True, kw_only=True)
class OperatorLockedOut(_OfOperator, DomainEvent):
    name: str
    locked_until: str  # ISO moment, UTC
    failed_logins: int


@dataclass(frozen=True, kw_only=True)
class LoginSucceeded(DomainEvent):
    aggregate_type: ClassVar[str] = "login"
    login_id: str
    name: str
    role: str
    desk: str

    @property
    def aggregate_id(self) -> str:
        return self.login_id


@dataclass(frozen=True, kw_only=True)
class LoginFailed(DomainEvent):
    """A password was refused: at login, at an unlock, or for an override.

    `name` is the operator's name, or for a name that is no operator's only its keyed
    hash (`hmac:...`, see unknown_name); `reason` tells the auditor why
    (unknown_name, bad_password, locked, disabled) - the desk never shows it.
    """

    aggregate_type: ClassVar[str] = "login"
    attempt_id: str
    name: str
    known: bool
    reason: str
    purpose: str  # login, unlock, override
    desk: str
    failed_logins: int

    @property
    def aggregate_id(self) -> str:
        return self.attempt_id


@dataclass(frozen=True, kw_only=True)
class LoggedOut(DomainEvent):
    aggregate_type: ClassVar[str] = "logout"
    logout_id: str
    login_id: str
    name: str

    @property
    def aggregate_id(self) -> str:
        return self.logout_id


@dataclass(frozen=True, kw_only=True)
class DeskLocked(DomainEvent):
    aggregate_type: ClassVar[str] = "logout"
    lock_id: str
    login_id: str
    name: str

    @property
    def aggregate_id(self) -> str:
        return self.lock_id


@dataclass(frozen=True, kw_only=True)
class DeskUnlocked(DomainEvent):
    """The desk's operator (or a supervisor for them) typed a password at a locked desk;
    `session_id` is the new login session of `desk_operator` it opens."""

    aggregate_type: ClassVar[str] = "login"
    unlock_id: str
    desk_operator: str
    unlocked_by: str
    desk: str
    session_id: str = ""
    resumes: str = ""  # the locked session it replaces

    @property
    def aggregate_id(self) -> str:
        return self.unlock_id


@dataclass(frozen=True, kw_only=True)
class OverrideGranted(DomainEvent):
    """A supervisor approved, at the maker's desk, what the maker may not do alone.

    `action` names the rule (e.g. amount_over_limit, drawer_difference, vault_move);
    `subject` what it was granted for (a payment id, a drawer session id).
    """

    aggregate_type: ClassVar[str] = "override"
    override_id: str
    action: str
    subject: str
    maker: str
    approver: str
    detail: str

    @property
    def aggregate_id(self) -> str:
        return self.override_id


# -- projections --------------------------------------------------------------------------


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def aware(moment: datetime) -> datetime:
    """SQLite hands back UTC moments without their zone."""
    from datetime import UTC

    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@projects(OperatorCreated)
def _operator_created(conn: Connection, event: OperatorCreated, seq: int) -> None:
    conn.execute(operators.insert(), {
        "name": event.name, "role": event.role, "disabled": False, "failed_logins": 0,
        "locked_until": None, "created_at": event.occurred_at,
        "version": event.aggregate_version,
    })


def _set(conn: Connection, name: str, **values: Any) -> None:
    conn.execute(update(operators).where(operators.c.name == name).values(**values))


@projects(OperatorDisabled)
def _operator_disabled(conn: Connection, event: OperatorDisabled, seq: int) -> None:
    _set(conn, event.name, disabled=True, version=event.aggregate_version)


@projects(PasswordReset)
def _password_reset(conn: Connection, event: PasswordReset, seq: int) -> None:
    _set(conn, event.name, failed_logins=0, locked_until=None,
         version=event.aggregate_version)


@projects(OperatorLockedOut)
def _locked_out(conn: Connection, event: OperatorLockedOut, seq: int) -> None:
    _set(conn, event.name, failed_logins=event.failed_logins,
         locked_until=_moment(event.locked_until), version=event.aggregate_version)


def _open_session(conn: Connection, session_id: str, name: str, desk: str,
                  at: datetime) -> None:
    conn.execute(login_sessions.insert(), {"session_id": session_id, "operator": name,
                                           "desk": desk, "opened_at": at,
                                           "closed_at": None, "closed_how": None})


def _close_session(conn: Connection, session_id: str, name: str, at: datetime,
                   how: str) -> None:
    conn.execute(update(login_sessions).where(
        login_sessions.c.session_id == session_id, login_sessions.c.operator == name,
        login_sessions.c.closed_at.is_(None)).values(closed_at=at, closed_how=how))


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
        conn.execute(update(login_sessions).where(
            login_sessions.c.session_id == event.resumes,
            login_sessions.c.operator == event.desk_operator,
            login_sessions.c.closed_how == "locked").values(closed_how="resumed"))
    if event.session_id:
        _open_session(conn, event.session_id, event.desk_operator, event.desk,
                      event.occurred_at)


@projects(LoggedOut)
def _logged_out(conn: Connection, event: LoggedOut, seq: int) -> None:
    _close_session(conn, event.login_id, event.name, event.occurred_at, "logout")


@projects(DeskLocked)
def _desk_locked(conn: Connection, event: DeskLocked, seq: int) -> None:
    _close_session(conn, event.login_id, event.name, event.occurred_at, "locked")


@projects(OverrideGranted)
def _override_granted(conn: Connection, event: OverrideGranted, seq: int) -> None:
    """The event is the record; the action it allowed writes its own rows."""


# -- roles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OperatorView:
    name: str
    role: str
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime


# Built once: every command looks its operator up, and building a statement per call
# costs more than running it on SQLite.
_OPERATOR = select(operators).where(operators.c.name == bindparam("name"))


def _operator_row(conn: Connection, name: str) -> Any:
    return conn.execute(_OPERATOR, {"name": name}).first()


def role_of(conn: Connection, operator: str) -> str | None:
    """The role of an operator who may act now; None if unknown or disabled."""
    if operator == SYSTEM:
        return SYSTEM
    row = _operator_row(conn, operator)
    if row is None or row.disabled:
        return None
    return str(row.role)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def require_role(conn: Connection, operator: str, roles: frozenset[str] | set[str],
                 what: str = "do this") -> str:
    """The operator's role if it is one of `roles`; otherwise a Rejection a teller reads.

    Every handler calls this with the command's actor: hiding a button is not enforcement.
    """
    role = role_of(conn, operator)
    if role is None:
        row = None if operator == SYSTEM else _operator_row(conn, operator)
        if row is not None and row.disabled:
            raise Rejection("operator_disabled",
                            f"Operator {operator} is disabled and may not act")
        raise Rejection("unknown_operator", f"Operator {operator!r} is not known here")
    if role not in roles:
        allowed = " or ".join(sorted(r for r in roles if r != SYSTEM))
        raise Rejection("forbidden", f"{_a(role).capitalize()} may not {what}; it takes "
                        f"{_a(allowed)}")
    return role


# -- passwords ----------------------------------------------------------------------------


class PasswordRefused(Rejection):
    """A password was wrong (or its owner locked or disabled). Unlike other rejections
    this must leave a trace - the failed attempt counts towards a lockout - so the
    handler is wrapped by `counts_failed_passwords`, which records it in a transaction
    of its own after the command's own transaction was rolled back."""

    def __init__(self, name: str, reason: str, purpose: str, desk: str, message: str,
                 field: str | None = None) -> None:
        super().__init__("credentials_refused", message, field)
        self.name = name
        self.why = reason
        self.purpose = purpose
        self.desk = desk


def check_password_rules(name: str, password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Rejection("password_weak",
                        f"A password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters",
                        "password")
    if name.lower() in password.lower():
        raise Rejection("password_weak", "A password must not contain the name", "password")


def normalise_name(typed: str) -> str:
    return typed.strip().lower()


@dataclass(frozen=True)
class Judged:
    """A typed name and whether its password matched the stored hash, worked out
    before any write transaction (Argon2 is slow on purpose: it must not hold the
    database's write lock while it runs)."""

    typed: str
    name: str
    matched: bool


_LOCKED_ROW = _OPERATOR.with_for_update()


def judge_password(conn: Connection, policy: SecurityPolicy, typed_name: str,
                   password: str, now: datetime) -> Judged:
    """Argon2 on a plain read connection; the same work whether the name exists or not.
    A name locked or disabled now has no guess judged: the decoy hash is checked."""
    name = normalise_name(typed_name)
    row = _operator_row(conn, name) if NAME.match(name) else None
    stored = None
    if row is not None and not row.disabled and not (
            row.locked_until is not None and aware(row.locked_until) > now):
        stored = conn.execute(select(credentials.c.password_hash)
                              .where(credentials.c.name == name)).scalar()
    try:
        # Hash at most MAX_PASSWORD characters (no one can make Argon2 chew megabytes);
        # anything longer cannot be a password we stored.
        policy.hasher.verify(stored or policy.decoy_hash, password[:MAX_PASSWORD])
        matched = stored is not None and len(password) <= MAX_PASSWORD
    except (VerificationError, VerifyMismatchError, InvalidHashError):
        matched = False
    return Judged(typed_name, name, matched)


def settle_password(conn: Connection, judged: Judged, *, purpose: str, desk: str,
                    now: datetime, message: str = LOGIN_FAILED,
                    field: str | None = None) -> Any:
    """In the write transaction: the operator's row (locked against other logins) when
    the judged password was right and they may log in now; otherwise PasswordRefused."""
    row = conn.execute(_LOCKED_ROW, {"name": judged.name}).first() \
        if NAME.match(judged.name) else None
    if row is None:
        raise PasswordRefused(judged.typed, "unknown_name", purpose, desk, message, field)
    if row.disabled:
        raise PasswordRefused(row.name, "disabled", purpose, desk, message, field)
    if row.locked_until is not None and aware(row.locked_until) > now:
        raise PasswordRefused(row.name, "locked", purpose, desk, message, field)
    if not judged.matched:
        raise PasswordRefused(row.name, "bad_password", purpose, desk, message, field)
    return row


def verify_password(conn: Connection, policy: SecurityPolicy, typed_name: str,
                    password: str, *, purpose: str, desk: str, now: datetime,
                    message: str = LOGIN_FAILED, field: str | None = None) -> Any:
    """Both steps on one connection, for a check inside a command that is already
    writing (a supervisor's override)."""
    judged = judge_password(conn, policy, typed_name, password, now)
    return settle_password(conn, judged, purpose=purpose, desk=desk, now=now,
                           message=message, field=field)


def store_password(conn: Connection, policy: SecurityPolicy, name: str, password: str,
                   now: datetime) -> None:
    hashed = policy.hasher.hash(password)
    done = conn.execute(update(credentials).where(credentials.c.name == name)
                        .values(password_hash=hashed, changed_at=now))
    if done.rowcount == 0:
        conn.execute(credentials.insert(), {"name": name, "password_hash": hashed,
                                            "changed_at": now})


def caused_by(message: Command) -> dict[str, Any]:
    return {"actor": message.actor, "correlation_id": message.correlation,
            "causation_id": message.message_id}


def rejected(command: Command, rejection: Rejection) -> CommandRejected:
    return CommandRejected(command_type=type(command).__name__, command_id=command.message_id,
                           reason_code=rejection.code, reason=rejection.reason,
                           field=rejection.field, **caused_by(command))


def failure_events(conn: Connection, policy: SecurityPolicy, refused: PasswordRefused,
                   command: Command, now: datetime) -> list[DomainEvent]:
    """What a refused password leaves: LoginFailed, and a lockout on the Nth failure.

    Counted and locked under the operator row's lock (SELECT ... FOR UPDATE; SQLite's
    writer lock), so parallel guesses are judged one after another: once the lock is
    set, a guess still in flight is recorded as `locked`, never counted as a guess.
    """
    row = conn.execute(_LOCKED_ROW, {"name": refused.name}).first() \
        if refused.why != "unknown_name" else None
    why = refused.why
    if row is not None and why == "bad_password" and row.locked_until is not None \
            and aware(row.locked_until) > now:
        why = "locked"
    count = (row.failed_logins + 1) if row is not None and why == "bad_password" \
        else (row.failed_logins if row is not None else 0)
    name = refused.name if row is not None else unknown_name(conn, refused.name)
    found: list[DomainEvent] = [LoginFailed(
        attempt_id=str(uuid.uuid4()), name=name, known=row is not None,
        reason=why, purpose=refused.purpose, desk=refused.desk[:64],
        failed_logins=count, aggregate_version=1, **caused_by(command))]
    if row is not None and why == "bad_password" and count >= policy.max_failed_logins:
        found.append(OperatorLockedOut(
            name=row.name, locked_until=(now + policy.lockout).isoformat(),
            failed_logins=count, aggregate_version=row.version + 1, **caused_by(command)))
    return found


def unknown_name(conn: Connection, typed: str) -> str:
    """What is kept of a name that is no operator's: it may be a password typed into the
    name field, so only a keyed hash (HMAC-SHA256 under this database's own key, which
    is not in the events) - equal for equal names, so an auditor sees repeats."""
    key = conn.execute(select(audit_keys.c.secret)
                       .where(audit_keys.c.name == UNKNOWN_NAME_KEY)).scalar()
    if key is None:
        key = secrets.token_hex(32)
        conn.execute(audit_keys.insert(), {"name": UNKNOWN_NAME_KEY, "secret": key})
    digest = hmac.new(bytes.fromhex(key), normalise_name(typed).encode("utf-8"),
                      hashlib.sha256).hexdigest()
    return f"hmac:{digest[:24]}"


UowFactory = Callable[[], Any]
Handler = Callable[..., Sequence[Event]]


def counts_failed_passwords(handler: Handler, new_uow: UowFactory, policy: SecurityPolicy,
                            clock: Clock = utc_now) -> Handler:
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


# -- four-eyes ----------------------------------------------------------------------------


def grant_override(conn: Connection, policy: SecurityPolicy, command: Command,
                   approval: Approval | None, *, action: str, subject: str, detail: str,
                   why: str, desk: str = "", now: datetime | None = None) -> OverrideGranted:
    """Check a supervisor's approval typed at the maker's desk; the event to record.

    `why` is the sentence shown when no approval came with the command. The approver must
    be a supervisor other than the maker, with the right password; a wrong password counts
    towards the approver's lockout (the handler must be wrapped by counts_failed_passwords).
    Issue-4 style approvals of held payments can call this as it is.
    """
    if approval is None or not approval.approver.strip():
        raise Rejection("override_required", why, "approval")
    approver = normalise_name(approval.approver)
    if approver == command.actor:
        raise Rejection("override_by_maker",
                        "The approver must be another person than the one who keyed it",
                        "approval")
    row = verify_password(conn, policy, approval.approver, approval.password,
                          purpose="override", desk=desk, now=now or utc_now(),
                          message="Override refused: the supervisor's name or password was "
                          "not accepted.", field="approval")
    if row.role not in MAY_APPROVE:
        raise Rejection("approver_not_supervisor",
                        f"{row.name} is a {row.role}; only a supervisor can approve this",
                        "approval")
    return OverrideGranted(override_id=str(uuid.uuid4()), action=action, subject=subject,
                           maker=command.actor, approver=row.name, detail=detail,
                           aggregate_version=1, **caused_by(command))


# -- handlers -----------------------------------------------------------------------------


def _next_version(conn: Connection, name: str) -> tuple[Any, int]:
    row = _operator_row(conn, name)
    if row is None:
        raise Rejection("unknown_operator", f"No operator {name}", "name")
    return row, row.version + 1


def create_operator(command: CreateOperator, new_uow: UowFactory, policy: SecurityPolicy,
                    clock: Clock = utc_now) -> Sequence[Event]:
    name = normalise_name(command.name)
    if not NAME.match(name) or name == SYSTEM:
        raise Rejection("name_invalid", "A name is 2-32 lower-case letters, digits, '.', "
                        "'_' or '-', starting with a letter (and not 'system')", "name")
    if command.role not in ROLES:
        raise Rejection("role_unknown", f"The role must be one of {', '.join(ROLES)}", "role")
    check_password_rules(name, command.password)
    with new_uow() as uow:
        if command.actor == SYSTEM:
            if command.role != ADMIN or uow.conn.execute(
                    select(operators.c.name).limit(1)).first() is not None:
                raise Rejection("forbidden", "The command line creates only the first admin "
                                "of an empty database; after that an admin adds operators")
        else:
            require_role(uow.conn, command.actor, MAY_MANAGE_OPERATORS, "manage operators")
        if _operator_row(uow.conn, name) is not None:
            raise Rejection("operator_exists", f"Operator {name} already exists", "name")
        hashed_at = clock()
        uow.record(OperatorCreated(name=name, role=command.role, aggregate_version=1,
                                   **caused_by(command)))
        store_password(uow.conn, policy, name, command.password, hashed_at)
    return uow.recorded


def disable_operator(command: DisableOperator, new_uow: UowFactory) -> Sequence[Event]:
    name = normalise_name(command.name)
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_MANAGE_OPERATORS, "manage operators")
        row, version = _next_version(uow.conn, name)
        if row.disabled:
            raise Rejection("operator_disabled", f"Operator {name} is already disabled", "name")
        if name == command.actor:
            raise Rejection("disable_self", "You cannot disable yourself", "name")
        uow.record(OperatorDisabled(name=name, aggregate_version=version,
                                    **caused_by(command)))
    return uow.recorded


def reset_password(command: ResetPassword, new_uow: UowFactory, policy: SecurityPolicy,
                   clock: Clock = utc_now) -> Sequence[Event]:
    name = normalise_name(command.name)
    check_password_rules(name, command.password)
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_MANAGE_OPERATORS, "manage operators")
        _row, version = _next_version(uow.conn, name)
        uow.record(PasswordReset(name=name, aggregate_version=version, **caused_by(command)))
        store_password(uow.conn, policy, name, command.password, clock())
    return uow.recorded


def read(engine: Engine) -> Any:
    """A plain read connection: no write lock, no transaction left open."""
    return engine.connect()


def log_in(command: LogIn, new_uow: UowFactory, policy: SecurityPolicy, engine: Engine,
           clock: Clock = utc_now) -> Sequence[Event]:
    with read(engine) as conn:
        judged = judge_password(conn, policy, command.name, command.password, clock())
    with new_uow() as uow:
        row = settle_password(uow.conn, judged, purpose="login", desk=command.desk,
                              now=clock())
        uow.record(LoginSucceeded(login_id=str(uuid.uuid4()), name=row.name, role=row.role,
                                  desk=command.desk[:64], aggregate_version=1,
                                  **{**caused_by(command), "actor": row.name}))
    return uow.recorded


def log_out(command: LogOut, new_uow: UowFactory) -> Sequence[Event]:
    """Closes the command's own login session (domain.sessions proved it is the actor's
    and open); `login_id`, when given, must name that same session."""
    if command.login_id and command.login_id != command.login_session:
        raise Rejection("session_mismatch", "A desk can only close its own login session")
    with new_uow() as uow:
        uow.record(LoggedOut(logout_id=str(uuid.uuid4()), login_id=command.login_session,
                             name=command.actor, aggregate_version=1, **caused_by(command)))
    return uow.recorded


def lock_desk(command: LockDesk, new_uow: UowFactory) -> Sequence[Event]:
    with new_uow() as uow:
        uow.record(DeskLocked(lock_id=str(uuid.uuid4()), login_id=command.login_session,
                              name=command.actor, aggregate_version=1, **caused_by(command)))
    return uow.recorded


def _resumable(conn: Connection, command: Command) -> bool:
    row = conn.execute(select(login_sessions.c.operator, login_sessions.c.closed_how)
                       .where(login_sessions.c.session_id == command.login_session)).first()
    return row is not None and row.operator == command.actor and row.closed_how == "locked"


def unlock_desk(command: UnlockDesk, new_uow: UowFactory, policy: SecurityPolicy,
                engine: Engine, clock: Clock = utc_now) -> Sequence[Event]:
    with read(engine) as conn:
        judged = judge_password(conn, policy, command.name, command.password, clock())
    with new_uow() as uow:
        row = settle_password(uow.conn, judged, purpose="unlock", desk=command.desk,
                              now=clock(),
                              message="Not unlocked: the name or password was not accepted.")
        if row.name != command.actor and row.role not in MAY_APPROVE:
            raise Rejection("unlock_forbidden",
                            "Only the operator of this desk or a supervisor can unlock it")
        if row.name != command.actor and not _resumable(uow.conn, command):
            # A supervisor's password reopens only a desk that was locked under that
            # operator, once: never a new session for any name they choose.
            raise Rejection("unlock_forbidden",
                            "A supervisor can only unlock a desk its operator locked")
        uow.record(DeskUnlocked(unlock_id=str(uuid.uuid4()), desk_operator=command.actor,
                                unlocked_by=row.name, desk=command.desk[:64],
                                session_id=str(uuid.uuid4()), resumes=command.login_session,
                                aggregate_version=1, **caused_by(command)))
    return uow.recorded


# -- queries ------------------------------------------------------------------------------


class OperatorQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def all(self) -> list[OperatorView]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(operators).order_by(operators.c.name)).all()
        return [_view(row) for row in rows]

    def operator(self, name: str) -> OperatorView | None:
        with self._engine.connect() as conn:
            row = _operator_row(conn, normalise_name(name))
        return _view(row) if row is not None else None

    def any_exist(self) -> bool:
        with self._engine.connect() as conn:
            return conn.execute(select(operators.c.name).limit(1)).first() is not None


def _view(row: Any) -> OperatorView:
    return OperatorView(name=row.name, role=row.role, disabled=row.disabled,
                        failed_logins=row.failed_logins,
                        locked_until=aware(row.locked_until) if row.locked_until else None,
                        created_at=aware(row.created_at))
