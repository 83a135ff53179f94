"""Operators and their credentials."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.eventstore.tables import STATE_TABLES, Base
from domain.kernel.utc import UtcDateTime


class Operator(Base):
    __tablename__ = "operators"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class OperatorCredential(Base):
    """Argon2id hashes. Not an event, not replayed: see the module's docstring."""

    __tablename__ = "operator_credentials"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditKey(Base):
    """Secrets of this database that must not be in the events (the key of the keyed hash
    of unknown login names). Not an event, not replayed, like operator_credentials."""

    __tablename__ = "audit_keys"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret: Mapped[str] = mapped_column(String(128))


class LoginSession(Base):
    """A login at a desk: opened by LoginSucceeded (or DeskUnlocked), closed by LoggedOut
    or DeskLocked. Every command names one (`login_session`); domain.door.sessions checks it.
    Rebuilt from the events like the other state tables."""

    __tablename__ = "login_sessions"

    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operator: Mapped[str] = mapped_column(String(32))
    desk: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # logout, locked (a supervisor may unlock it for its operator once), resumed
    closed_how: Mapped[str | None] = mapped_column(String(8), nullable=True)


# Typed as the Tables they are (the ORM declares `__table__` as a FromClause).
operators = cast(Table, Operator.__table__)


credentials = cast(Table, OperatorCredential.__table__)


login_sessions = cast(Table, LoginSession.__table__)


audit_keys = cast(Table, AuditKey.__table__)
STATE_TABLES.append("operators")
STATE_TABLES.append("login_sessions")
