"""Appending to and reading the event log, with a hash chain over every event.

Each event's hash covers its canonical content and the previous event's hash, so
changing, inserting or deleting any stored event breaks the chain from there on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update

from domain.eventstore.driver import DriverStatement
from domain.eventstore.events import DomainEvent, canonical_json, event_from_row, payload_of
from domain.eventstore.tables import chain_head, events

HASHED_COLUMNS = (
    "seq",
    "event_id",
    "event_type",
    "aggregate_type",
    "aggregate_id",
    "aggregate_version",
    "occurred_at",
    "operator",
    "correlation_id",
    "causation_id",
    "payload",
    "prev_hash",
)


def utc_iso(moment: datetime) -> str:
    """One spelling of a moment, whatever the database hands back (SQLite drops the zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    m = moment.astimezone(UTC)
    if m.year < 1000:
        # strftime does not pad such a year; the stored spelling is strftime's.
        return m.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # strftime's spelling, built without it: it runs for every event hashed.
    return (
        f"{m.year}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
        f".{m.microsecond:06d}Z"
    )


def event_hash(row: Mapping[Any, Any]) -> str:
    content = {name: row[name] for name in HASHED_COLUMNS}
    content["occurred_at"] = utc_iso(row["occurred_at"])
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


_LOCK_HEAD = (
    select(chain_head.c.last_seq, chain_head.c.last_hash)
    .where(chain_head.c.id == 1)
    .with_for_update()
)
_MOVE_HEAD = DriverStatement(
    update(chain_head)
    .where(chain_head.c.id == 1)
    .values(last_seq=bindparam("new_seq"), last_hash=bindparam("new_hash"))
)
_INSERT_EVENT = DriverStatement(events.insert())
# Delivered at commit, and never for a transaction that rolls back: a wake-up for
# readers that follow the log (domain.eventstore.feed), not the events themselves.
_NOTIFY = DriverStatement(text("SELECT pg_notify('teller_events', :seq)"))


def lock_head(conn: Connection) -> tuple[int, str]:
    """Lock the chain head (shared by every writer) and read it: (last seq, last hash)."""
    head = conn.execute(_LOCK_HEAD).one()
    return head.last_seq, head.last_hash


class EventAppender:
    """Appends events within one transaction; takes the chain head's lock on first use,
    unless the writer took it already when its transaction began (`lock_head`).

    Rows are numbered and hashed at once but written together by `flush`, just before
    commit: one statement for all the events of a command, or of a commit group,
    instead of one each. Nothing in the writing transaction reads `events` back.
    """

    def __init__(self, conn: Connection, head: tuple[int, str] | None = None) -> None:
        self._conn = conn
        self._last_seq: int | None = None
        self._last_hash = ""
        if head is not None:
            self._last_seq, self._last_hash = head
        self._appended = False
        self._unwritten: list[dict[str, Any]] = []

    def append(self, event: DomainEvent) -> int:
        if self._last_seq is None:
            self._last_seq, self._last_hash = lock_head(self._conn)
        self._appended = True
        seq = self._last_seq + 1
        row: dict[str, Any] = {
            "seq": seq,
            "event_id": event.message_id,
            "event_type": type(event).__name__,
            "aggregate_type": event.aggregate_type,
            "aggregate_id": event.aggregate_id,
            "aggregate_version": event.aggregate_version,
            "occurred_at": event.occurred_at,
            "operator": event.actor,
            "correlation_id": event.correlation,
            "causation_id": event.causation_id,
            "payload": canonical_json(payload_of(event)),
            "prev_hash": self._last_hash,
        }
        row["hash"] = event_hash(row)
        self._unwritten.append(row)
        self._last_seq, self._last_hash = seq, row["hash"]
        return seq

    def flush(self) -> None:
        """Write the appended events and move the chain head past them (before commit)."""
        if self._unwritten:
            _INSERT_EVENT(self._conn, self._unwritten)
            self._unwritten = []
            if self._conn.dialect.name == "postgresql":
                _NOTIFY(self._conn, {"seq": str(self._last_seq)})
        if self._appended:
            _MOVE_HEAD(self._conn, {"new_seq": self._last_seq, "new_hash": self._last_hash})


def read_events(
    conn: Connection, after_seq: int = 0, batch: int = 1000
) -> Iterator[tuple[int, DomainEvent]]:
    """Every stored event after `after_seq`, in order, paged by seq."""
    last = after_seq
    while True:
        rows = conn.execute(
            select(events).where(events.c.seq > last).order_by(events.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            yield (
                row.seq,
                event_from_row(
                    row.event_type,
                    row.payload,
                    event_id=row.event_id,
                    operator=row.operator,
                    correlation_id=row.correlation_id,
                    causation_id=row.causation_id,
                    occurred_at=row.occurred_at,
                ),
            )
        last = rows[-1].seq


def who_did_it(
    conn: Connection, aggregate_type: str, aggregate_id: str, event_types: Sequence[str]
) -> str | None:
    """ "by OPERATOR at HH:MM:SS UTC on DATE" for the latest of `event_types` stored for
    the aggregate, or None: the second of two desks doing the same thing is told who
    was first, and when."""
    row = conn.execute(
        select(events.c.operator, events.c.occurred_at)
        .where(
            events.c.aggregate_type == aggregate_type,
            events.c.aggregate_id == aggregate_id,
            events.c.event_type.in_(list(event_types)),
        )
        .order_by(events.c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else by_whom(row.operator, row.occurred_at)


def by_whom(operator: str, moment: datetime) -> str:
    """One spelling of who did something and when, for the sentences that tell a second
    desk it came too late."""
    return f"by {operator} at {moment:%H:%M:%S} UTC on {moment:%Y-%m-%d}"
