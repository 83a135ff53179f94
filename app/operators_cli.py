"""`init`'s first admin and the `user` subcommands.

`init` creates the first admin of an empty database as `system`, the one operator the
maintenance actor may create. Every other change to operators is made by an admin, who
logs in first: their name and password typed at a terminal, or for scripts taken from
TELLER_ADMIN_NAME and TELLER_ADMIN_PASSWORD. Passwords come from a terminal (asked twice,
never echoed), the environment or one line of standard input; never from the command
line, where `ps` and shell history would keep them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_language import QCoreApplication, refused
from app.settings import ADMIN_PASSWORD_ENV
from domain.operators.roles import ADMIN, ROLES, Role

if TYPE_CHECKING:
    from bus import Event

# The database, the bus and the domain are imported by the commands that need them:
# the parser is built on every start, the desk's too, which must open fast.


def add_parsers(sub: Any) -> None:
    user = sub.add_parser("user", help="manage operators (add, disable, reset-password, list)")
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add an operator; the password is asked for "
        "(or read from standard input when it is not a terminal)",
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[role.value for role in ROLES])
    actions.add_parser("disable", help="disable an operator").add_argument("name")
    actions.add_parser("reset-password", help="set a new password (lifts a lockout)").add_argument(
        "name"
    )
    actions.add_parser("list", help="list operators with role and status")


def needs_first_admin(url: str) -> bool:
    """True when the database has no operator yet (or does not exist at all)."""
    from sqlalchemy import inspect, select
    from sqlalchemy.engine import make_url

    from domain.operators.tables import operators

    parsed = make_url(url)
    if (
        parsed.get_backend_name() == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and not Path(parsed.database or "").exists()
    ):
        return True
    from app.database import make_engine

    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("operators"):
            return True
        with engine.connect() as conn:
            return conn.execute(select(operators.c.name).limit(1)).first() is None
    finally:
        engine.dispose()


def read_password(prompt: str, *, environ_name: str | None = None) -> str | None:
    """From `environ_name` when it is set, else from a terminal (typed twice), else one
    line of standard input. The variable wins so that a script or a test run started from
    a terminal never stops to ask."""
    if environ_name is not None and os.environ.get(environ_name):
        return os.environ[environ_name]
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"{prompt}: ")
        if getpass.getpass("Again, to be sure: ") != first:
            print(
                QCoreApplication.translate("Cli", "The two passwords differ; nothing was changed."),
                file=sys.stderr,
            )
            return None
        return first
    if environ_name is not None:
        return None
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n") or None


def _report(results: list[Event], done: str) -> int:
    from bus import CommandRejected

    for result in results:
        if isinstance(result, CommandRejected):
            print(
                QCoreApplication.translate("Cli", "refused: {reason}").format(
                    reason=refused(result)
                ),
                file=sys.stderr,
            )
            return 1
    print(done)
    return 0


def init(url: str, admin_name: str) -> int:
    from app.bootstrap import bootstrap
    from app.database import make_engine, upgrade
    from domain.operators.commands import CreateOperator
    from domain.operators.permissions import SYSTEM

    password = None
    first = needs_first_admin(url)
    if first:
        password = read_password(
            f"Password for the first admin, {admin_name}", environ_name=ADMIN_PASSWORD_ENV
        )
        if not password:
            print(
                QCoreApplication.translate(
                    "Cli",
                    "init stopped, nothing was created: the first admin needs a password. "
                    "Run init at a terminal to type it, or set {variable} in the environment.",
                ).format(variable=ADMIN_PASSWORD_ENV),
                file=sys.stderr,
            )
            return 2
    if not first:
        engine = make_engine(url)
        upgrade(engine)
        print(f"database ready: {engine.url.render_as_string(hide_password=True)}")
        engine.dispose()
        return _signing_key()
    desk = bootstrap(url, start_worker=False)
    try:
        results = desk.bus.dispatch(
            CreateOperator(name=admin_name, role=ADMIN, password=password or "", actor=SYSTEM)
        )
        code = _report(results, f"first admin created: {admin_name}")
        if code:
            # The schema is there but no operator: the next init asks again.
            return code
        print(f"database ready: {desk.engine.url.render_as_string(hide_password=True)}")
        return _signing_key()
    finally:
        desk.close()


def _signing_key() -> int:
    """The bank's checkpoint signing key, made on the first init of this user."""
    from app.checkpoints import describe_key, ensure_key_pair

    private, made = ensure_key_pair()
    print((QCoreApplication.translate("Cli", "created ") if made else "") + describe_key(private))
    return 0


def user(url: str, args: argparse.Namespace) -> int:
    from app.bootstrap import bootstrap
    from app.signing import SignedIn, admin_credentials
    from domain.operators.commands import CreateOperator, DisableOperator, ResetPassword

    desk = bootstrap(url, migrate=False, start_worker=False)
    try:
        action = args.user_command
        if action == "list":
            rows = desk.operators.all()
            print(f"{'name':<20} {'role':<11} status")
            for op in rows:
                status = "disabled" if op.disabled else "active"
                if op.locked_until is not None and not op.disabled:
                    status = f"locked until {op.locked_until.isoformat(timespec='seconds')}"
                elif op.failed_logins:
                    status += f", {op.failed_logins} failed login(s)"
                print(f"{op.name:<20} {op.role:<11} {status}")
            return 0
        admin = admin_credentials()
        if admin is None:
            return 2
        with SignedIn(desk.bus) as signed:
            actor = signed.log_in(*admin)
            if actor is None:
                return 1
            if action == "disable":
                return _report(
                    signed.dispatch(DisableOperator(name=args.name, actor=actor)),
                    f"disabled: {args.name}",
                )
            password = read_password(f"Password for {args.name}")
            if not password:
                print(
                    QCoreApplication.translate("Cli", "No password given; nothing was changed."),
                    file=sys.stderr,
                )
                return 2
            if action == "add":
                return _report(
                    signed.dispatch(
                        CreateOperator(
                            name=args.name, role=Role(args.role), password=password, actor=actor
                        )
                    ),
                    f"added: {args.name.strip().lower()} ({args.role})",
                )
            return _report(
                signed.dispatch(ResetPassword(name=args.name, password=password, actor=actor)),
                f"password reset: {args.name}",
            )
    finally:
        desk.close()
