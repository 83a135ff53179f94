"""Password rules, hashing (argon2) and checking."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    select,
    update,
)

from bus import Rejection
from domain.operators.policy import SecurityPolicy
from domain.operators.refusals import OperatorRefusal
from domain.operators.tables import audit_keys, credentials, operators

NAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


MIN_PASSWORD = 8


MAX_PASSWORD = 256


LOGIN_FAILED = (
    "Login failed: the name or password was not accepted, or the name is "
    "locked for a while after too many attempts."
)


UNKNOWN_NAME_KEY = "unknown_login_names"


# Built once: every command looks its operator up, and building a statement per call
# costs more than running it on SQLite.
_OPERATOR = select(operators).where(operators.c.name == bindparam("name"))


def _operator_row(conn: Connection, name: str) -> Any:
    return conn.execute(_OPERATOR, {"name": name}).first()


class PasswordRefused(Rejection):
    """A password was wrong (or its owner locked or disabled). Unlike other rejections
    this must leave a trace - the failed attempt counts towards a lockout - so the
    handler is wrapped by `counts_failed_passwords`, which records it in a transaction
    of its own after the command's own transaction was rolled back."""

    def __init__(
        self,
        name: str,
        reason: str,
        purpose: str,
        desk: str,
        message: str,
        field: str | None = None,
    ) -> None:
        super().__init__(OperatorRefusal.CREDENTIALS_REFUSED, message, field)
        self.name = name
        self.why = reason
        self.purpose = purpose
        self.desk = desk


def check_password_rules(name: str, password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Rejection(
            OperatorRefusal.PASSWORD_WEAK,
            f"A password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters",
            "password",
        )
    if name.lower() in password.lower():
        raise Rejection(
            OperatorRefusal.PASSWORD_WEAK, "A password must not contain the name", "password"
        )


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
    # A matched password's new hash when the Argon2 settings were raised since its hash
    # was made: computed here, stored by `settle_password` in the short write.
    rehashed: str | None = None


_LOCKED_ROW = _OPERATOR.with_for_update()


def judge_password(
    conn: Connection, policy: SecurityPolicy, typed_name: str, password: str, now: datetime
) -> Judged:
    """Argon2 on a plain read connection; the same work whether the name exists or not.
    A name locked or disabled now has no guess judged: the decoy hash is checked."""
    name = normalise_name(typed_name)
    row = _operator_row(conn, name) if NAME.match(name) else None
    stored = None
    if (
        row is not None
        and not row.disabled
        and not (row.locked_until is not None and row.locked_until > now)
    ):
        stored = conn.execute(
            select(credentials.c.password_hash).where(credentials.c.name == name)
        ).scalar()
    try:
        # Hash at most MAX_PASSWORD characters (no one can make Argon2 chew megabytes);
        # anything longer cannot be a password we stored.
        policy.hasher.verify(stored or policy.decoy_hash, password[:MAX_PASSWORD])
        matched = stored is not None and len(password) <= MAX_PASSWORD
    except (VerificationError, VerifyMismatchError, InvalidHashError):
        matched = False
    rehashed = None
    if matched and stored is not None and policy.hasher.check_needs_rehash(stored):
        rehashed = policy.hasher.hash(password)
    return Judged(typed_name, name, matched, rehashed)


def settle_password(
    conn: Connection,
    judged: Judged,
    *,
    purpose: str,
    desk: str,
    now: datetime,
    message: str = LOGIN_FAILED,
    field: str | None = None,
) -> Any:
    """In the write transaction: the operator's row (locked against other logins) when
    the judged password was right and they may log in now; otherwise PasswordRefused."""
    row = (
        conn.execute(_LOCKED_ROW, {"name": judged.name}).first()
        if NAME.match(judged.name)
        else None
    )
    if row is None:
        raise PasswordRefused(judged.typed, "unknown_name", purpose, desk, message, field)
    if row.disabled:
        raise PasswordRefused(row.name, "disabled", purpose, desk, message, field)
    if row.locked_until is not None and row.locked_until > now:
        raise PasswordRefused(row.name, "locked", purpose, desk, message, field)
    if not judged.matched:
        raise PasswordRefused(row.name, "bad_password", purpose, desk, message, field)
    if judged.rehashed is not None:
        conn.execute(
            update(credentials)
            .where(credentials.c.name == row.name)
            .values(password_hash=judged.rehashed, changed_at=now)
        )
    return row


def store_password(
    conn: Connection, policy: SecurityPolicy, name: str, password: str, now: datetime
) -> None:
    hashed = policy.hasher.hash(password)
    done = conn.execute(
        update(credentials)
        .where(credentials.c.name == name)
        .values(password_hash=hashed, changed_at=now)
    )
    if done.rowcount == 0:
        conn.execute(
            credentials.insert(), {"name": name, "password_hash": hashed, "changed_at": now}
        )


def unknown_name(conn: Connection, typed: str) -> str:
    """What is kept of a name that is no operator's: it may be a password typed into the
    name field, so only a keyed hash (HMAC-SHA256 under this database's own key, which
    is not in the events) - equal for equal names, so an auditor sees repeats."""
    key = conn.execute(
        select(audit_keys.c.secret).where(audit_keys.c.name == UNKNOWN_NAME_KEY)
    ).scalar()
    if key is None:
        key = secrets.token_hex(32)
        conn.execute(audit_keys.insert(), {"name": UNKNOWN_NAME_KEY, "secret": key})
    digest = hmac.new(
        bytes.fromhex(key), normalise_name(typed).encode("utf-8"), hashlib.sha256
    ).hexdigest()
    return f"hmac:{digest[:24]}"


def read(engine: Engine) -> Any:
    """A plain read connection: no write lock, no transaction left open."""
    return engine.connect()
