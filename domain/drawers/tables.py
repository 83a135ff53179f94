"""The drawer sessions table."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.eventstore.tables import STATE_TABLES, Base
from domain.kernel.utc import UtcDateTime


class DrawerSession(Base):
    __tablename__ = "drawer_sessions"

    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    teller: Mapped[str] = mapped_column(String(32))
    drawer_account: Mapped[str] = mapped_column(String(34))
    currency: Mapped[str] = mapped_column(String(3))
    state: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_seq: Mapped[int] = mapped_column(BigInteger)
    # Counts are JSON lists of [denomination in minor units, pieces].
    opening_counts: Mapped[str | None] = mapped_column(Text, nullable=True)
    opening_expected: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    opening_counted: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    opening_approved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closing_counts: Mapped[str | None] = mapped_column(Text, nullable=True)
    closing_expected: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    closing_counted: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    counted_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closing_approved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    closed_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


drawer_sessions = cast(Table, DrawerSession.__table__)
STATE_TABLES.append("drawer_sessions")
