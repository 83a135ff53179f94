"""The declarative base and the tables of the event store: `events`, its chain head,
and the business date every unit of work reads.

Each context declares its own tables on this Base; STATE_TABLES lists those replay
rebuilds and compares (contexts append theirs on import).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from domain.kernel.utc import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class StoredEvent(Base):
    """The event log. Auditors read it with plain SQL; `payload` is the event as JSON."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(64))
    aggregate_type: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(64))
    aggregate_version: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    operator: Mapped[str] = mapped_column(String(64))
    correlation_id: Mapped[str] = mapped_column(String(36))
    causation_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        # Optimistic concurrency: two writers cannot both append version N of one aggregate.
        UniqueConstraint(
            "aggregate_type", "aggregate_id", "aggregate_version", name="uq_events_aggregate"
        ),
    )


class ChainHead(Base):
    """The newest event's seq and hash, in one row.

    Appending locks this row, which serialises writers across desks so that the order
    of `seq` is the order of commit: a reader that catches up by `seq > last_seen`
    never misses an event committed late with a lower number.
    """

    __tablename__ = "event_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class BusinessDate(Base):
    """The bank's business dates: one open at a time; closing one opens the next."""

    __tablename__ = "business_dates"

    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    status: Mapped[str] = mapped_column(String(8))  # 'open' or 'closed'
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer)


GENESIS_HASH = "0" * 64


events = cast(Table, StoredEvent.__table__)


chain_head = cast(Table, ChainHead.__table__)


business_dates = cast(Table, BusinessDate.__table__)


# Tables that replay rebuilds and compares; feature modules append theirs on import.
STATE_TABLES: list[str] = [
    "accounts",
    "balances",
    "payments",
    "postings",
    "business_dates",
    "settlement_positions",
    "risk_totals",
]
