"""The command line's operators: it logs them in with their passwords like a desk does,
and sends their commands with their login sessions.

The maintenance actor `system` does only its documented jobs (domain.door.sessions); anything
else the command line does on someone's behalf - add an operator, close the day, key the
demo's payments - it does as that person, after their password was checked by a LogIn.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import secrets
import socket
import sys
from typing import Any

from app.cli_language import QCoreApplication
from app.cli_language import refused as refusal
from bus import Command, CommandRejected, Event, MessageBus
from domain.operators.commands import CreateOperator, LogIn, LogOut
from domain.operators.events import LoginSucceeded
from domain.operators.permissions import SYSTEM
from domain.operators.queries import OperatorQueries
from domain.operators.roles import ADMIN, Role

ADMIN_NAME_ENV = "TELLER_ADMIN_NAME"
SUPERVISOR_PASSWORD_ENV = "TELLER_SUPERVISOR_PASSWORD"


def cli_desk() -> str:
    return f"cli@{socket.gethostname()}"[:64]


class SignedIn:
    """Operators logged in on one bus, for one run of a command."""

    def __init__(self, bus: MessageBus, desk: str | None = None) -> None:
        self.bus = bus
        self.desk = desk or cli_desk()
        self.sessions: dict[str, str] = {}

    def log_in(self, name: str, password: str) -> str | None:
        """Their session, or None after printing why not (the message a desk shows)."""
        results = self.bus.dispatch(LogIn(name=name, password=password, desk=self.desk))
        for result in results:
            if isinstance(result, LoginSucceeded):
                self.sessions[result.name] = result.login_id
                return result.name
        refused = next((r for r in results if isinstance(r, CommandRejected)), None)
        print(
            QCoreApplication.translate("Cli", "refused: {reason}").format(
                reason=refusal(refused) if refused else results
            ),
            file=sys.stderr,
        )
        return None

    def stamp(self, command: Command) -> Command:
        """The command with its actor's login session, when that actor is logged in here."""
        session = self.sessions.get(command.actor, "")
        if session and not command.login_session:
            return dataclasses.replace(command, login_session=session)
        return command

    def dispatch(self, command: Command, **kwargs: Any) -> list[Event]:
        return self.bus.dispatch(self.stamp(command), **kwargs)

    def log_out_all(self) -> None:
        for name, session in list(self.sessions.items()):
            self.bus.dispatch(LogOut(login_id=session, login_session=session, actor=name))
        self.sessions.clear()

    def __enter__(self) -> SignedIn:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.log_out_all()


def _at_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def ask(prompt: str, environ_name: str, *, secret: bool) -> str | None:
    """From `environ_name` when set (scripts, tests), else typed at a terminal."""
    if os.environ.get(environ_name):
        return os.environ[environ_name]
    if not _at_terminal():
        return None
    return (getpass.getpass(f"{prompt}: ") if secret else input(f"{prompt}: ")).strip() or None


def admin_credentials() -> tuple[str, str] | None:
    from app.settings import ADMIN_PASSWORD_ENV

    name = ask("Admin name", ADMIN_NAME_ENV, secret=False)
    password = ask(f"Password of {name}", ADMIN_PASSWORD_ENV, secret=True) if name else None
    if not name or not password:
        print(
            QCoreApplication.translate(
                "Cli",
                "An admin's name and password are needed: type them at a terminal, or set "
                "{name_variable} and {password_variable}. Nothing was changed.",
            ).format(name_variable=ADMIN_NAME_ENV, password_variable=ADMIN_PASSWORD_ENV),
            file=sys.stderr,
        )
        return None
    return name, password


def supervisor_password(name: str) -> str | None:
    password = ask(f"Password of {name}", SUPERVISOR_PASSWORD_ENV, secret=True)
    if not password:
        print(
            f"The supervisor's password is needed: type it at a terminal, or set "
            f"{SUPERVISOR_PASSWORD_ENV}. Nothing was changed.",
            file=sys.stderr,
        )
    return password


def sign_in_an_admin(
    signed: SignedIn, staff: OperatorQueries, known: tuple[str, str] | None = None
) -> tuple[str, str]:
    """An admin logged in on `signed`, for a tool that builds its own staff (bench,
    simulate): on an empty database the first admin is made here, as `init` would;
    otherwise `known` (made by an earlier step of the same run) or an admin's
    credentials, as for `user add`. Returns the admin's name and password."""
    admin: tuple[str, str] | None
    if not staff.any_exist():
        admin = ("admin", secrets.token_hex(16))
        signed.bus.dispatch(
            CreateOperator(name=admin[0], role=ADMIN, password=admin[1], actor=SYSTEM)
        )
    else:
        admin = known or admin_credentials()
    if admin is None or signed.log_in(*admin) is None:
        raise SystemExit("an admin must log in to create the operators this needs")
    return admin


def hire_and_sign_in(signed: SignedIn, admin: str, name: str, role: Role) -> str:
    """A new operator with a random password, made by `admin` and logged in on `signed`;
    returns the password (for a process of the same run that logs them in too)."""
    password = secrets.token_hex(16)
    for result in signed.dispatch(
        CreateOperator(name=name, role=role, password=password, actor=admin)
    ):
        if isinstance(result, CommandRejected):
            raise SystemExit(f"could not create {name}: {result.reason}")
    if signed.log_in(name, password) is None:
        raise SystemExit(f"{name} could not log in")
    return password
