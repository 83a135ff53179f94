"""Stored events of operators: created, disabled, passwords, logins, lockouts, overrides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.eventstore.events import DomainEvent
from domain.operators.roles import Role


@dataclass(frozen=True, kw_only=True)
class _OfOperator(DomainEvent):
    """The events of one operator: their name is the aggregate."""

    aggregate_type: ClassVar[str] = "operator"
    aggregate_key: ClassVar[str] = "name"
    name: str


@dataclass(frozen=True, kw_only=True)
class OperatorCreated(_OfOperator):
    role: Role


@dataclass(frozen=True, kw_only=True)
class OperatorDisabled(_OfOperator):
    """The operator may no longer log in (domain.operators.handlers.disable_operator)."""


@dataclass(frozen=True, kw_only=True)
class PasswordReset(_OfOperator):
    """A new password was set (its hash is in operator_credentials only); it also
    lifts a lockout."""


@dataclass(frozen=True, kw_only=True)
class OperatorLockedOut(_OfOperator):
    locked_until: str  # ISO moment, UTC
    failed_logins: int


@dataclass(frozen=True, kw_only=True)
class LoginSucceeded(DomainEvent):
    aggregate_type: ClassVar[str] = "login"
    aggregate_key: ClassVar[str] = "login_id"
    login_id: str
    name: str
    role: Role
    desk: str


@dataclass(frozen=True, kw_only=True)
class LoginFailed(DomainEvent):
    """A password was refused: at login, at an unlock, or for an override.

    `name` is the operator's name, or for a name that is no operator's only its keyed
    hash (`hmac:...`, see unknown_name); `reason` tells the auditor why
    (unknown_name, bad_password, locked, disabled) - the desk never shows it.
    """

    aggregate_type: ClassVar[str] = "login"
    aggregate_key: ClassVar[str] = "attempt_id"
    attempt_id: str
    name: str
    known: bool
    reason: str
    purpose: str  # login, unlock, override
    desk: str
    failed_logins: int


@dataclass(frozen=True, kw_only=True)
class _SessionEnded(DomainEvent):
    """Operator `name`'s login session `login_id` ended at their desk."""

    aggregate_type: ClassVar[str] = "logout"
    login_id: str
    name: str


@dataclass(frozen=True, kw_only=True)
class LoggedOut(_SessionEnded):
    aggregate_key: ClassVar[str] = "logout_id"
    logout_id: str


@dataclass(frozen=True, kw_only=True)
class DeskLocked(_SessionEnded):
    """The session ended locked: unlocking the desk resumes it (DeskUnlocked.resumes)."""

    aggregate_key: ClassVar[str] = "lock_id"
    lock_id: str


@dataclass(frozen=True, kw_only=True)
class DeskUnlocked(DomainEvent):
    """The desk's operator (or a supervisor for them) typed a password at a locked desk;
    `session_id` is the new login session of `desk_operator` it opens."""

    aggregate_type: ClassVar[str] = "login"
    aggregate_key: ClassVar[str] = "unlock_id"
    unlock_id: str
    desk_operator: str
    unlocked_by: str
    desk: str
    session_id: str = ""
    resumes: str = ""  # the locked session it replaces


@dataclass(frozen=True, kw_only=True)
class OverrideGranted(DomainEvent):
    """A supervisor approved, at the maker's desk, what the maker may not do alone.

    `action` names the rule (e.g. amount_over_limit, drawer_difference, vault_move);
    `subject` what it was granted for (a payment id, a drawer session id).
    """

    aggregate_type: ClassVar[str] = "override"
    aggregate_key: ClassVar[str] = "override_id"
    override_id: str
    action: str
    subject: str
    maker: str
    approver: str
    detail: str
