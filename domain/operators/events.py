"""Stored events of operators: created, disabled, passwords, logins, lockouts, overrides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.eventstore.events import DomainEvent
from domain.operators.roles import Role


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
    role: Role


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
    role: Role
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
