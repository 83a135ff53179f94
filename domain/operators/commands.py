"""Operator commands: create, disable, reset a password, log in and out, unlock a desk;
and the four-eyes approval a command may carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bus import Command
from domain.operators.roles import Role


@dataclass(frozen=True)
class Approval:
    """A supervisor's name and password, typed at the maker's desk (four-eyes)."""

    approver: str
    password: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class CreateOperator(Command):
    name: str
    role: Role
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
