"""A feed of stored events in `seq` order, with a wake-up when new ones are committed.

For anything that follows the event log as it grows (the relay to a message broker, a
live view of events): read the events after the last `seq` seen, in pages, then wait
for more. The wake-up is only a hint: on PostgreSQL the writing transaction sends
`NOTIFY teller_events` (domain.eventstore.store), which arrives at commit and is lost while
nobody listens; on SQLite the feed looks at the chain head a few times a second. Either
way the reader catches up by `seq`, so a lost wake-up costs at most one wait.

`seq` order is commit order: appending locks the chain head until commit, so no event
with a lower `seq` can become visible after one with a higher `seq`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from bus import Event
from domain.eventstore.store import utc_iso
from domain.eventstore.tables import chain_head, events

NOTIFY_CHANNEL = "teller_events"
SQLITE_POLL_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of the event log, as stored: `payload` is the canonical JSON text that
    the hash covers, `occurred_at` its ISO 8601 spelling in UTC."""

    seq: int
    event_id: str
    event_type: str
    aggregate_type: str
    aggregate_id: str
    aggregate_version: int
    occurred_at: str
    operator: str
    correlation_id: str
    causation_id: str
    payload: str
    prev_hash: str
    hash: str


_COLUMNS = (
    events.c.seq,
    events.c.event_id,
    events.c.event_type,
    events.c.aggregate_type,
    events.c.aggregate_id,
    events.c.aggregate_version,
    events.c.occurred_at,
    events.c.operator,
    events.c.correlation_id,
    events.c.causation_id,
    events.c.payload,
    events.c.prev_hash,
    events.c.hash,
)
_HEAD = select(chain_head.c.last_seq).where(chain_head.c.id == 1)


@dataclass(frozen=True, kw_only=True)
class EventLogUnreachable(Event):
    """The desk cannot read the event log: the database went away (a server restart, a
    cut network). Not stored: it is this desk's own state, said once until it is back."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class EventLogReachable(Event):
    """The event log answers again; what was missed is read by seq."""


def read_after(conn: Connection, after_seq: int, limit: int = 500) -> list[StoredEvent]:
    """Up to `limit` events after `after_seq`, in order, stopping at the first hole in
    `seq` (there should be none; a reader that skipped one could never tell)."""
    rows = conn.execute(
        select(*_COLUMNS).where(events.c.seq > after_seq).order_by(events.c.seq).limit(limit)
    ).all()
    found: list[StoredEvent] = []
    expected = after_seq + 1
    for row in rows:
        if row.seq != expected:
            break
        values: dict[str, Any] = row._asdict()
        values["occurred_at"] = utc_iso(row.occurred_at)
        found.append(StoredEvent(**values))
        expected += 1
    return found


def head_seq(conn: Connection) -> int:
    """The `seq` of the newest committed event (0 on an empty log)."""
    return int(conn.execute(_HEAD).scalar() or 0)


class EventFeed:
    """Pages of events after a `seq`, and `wait` to sleep until more may have come.

    Listen first, then read, then wait: an event committed between the read and the
    wait has already queued its notification, so the wait returns at once.
    """

    def __init__(self, engine: Engine, *, poll_seconds: float = SQLITE_POLL_SECONDS) -> None:
        self.engine = engine
        self.poll_seconds = poll_seconds
        self._listener: Any = None
        self._postgres = engine.dialect.name == "postgresql"
        if self._postgres:
            self._listen()

    def read(self, after_seq: int, limit: int = 500) -> list[StoredEvent]:
        with self.engine.connect() as conn:
            return read_after(conn, after_seq, limit)

    def head(self) -> int:
        with self.engine.connect() as conn:
            return head_seq(conn)

    def wait(self, after_seq: int, timeout: float) -> bool:
        """Block until an event after `after_seq` may be committed, or `timeout` seconds
        pass. True: read again. False: nothing new was seen."""
        if self._postgres:
            return self._wait_for_notify(timeout)
        deadline = time.monotonic() + timeout
        while True:
            if self.head() > after_seq:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(self.poll_seconds, left))

    def close(self) -> None:
        if self._listener is not None:
            try:
                self._listener.close()
            finally:
                self._listener = None

    def __enter__(self) -> EventFeed:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _listen(self) -> None:
        # A connection of its own, outside the pool: it stays in autocommit, listening.
        raw = self.engine.raw_connection()
        listener = raw.driver_connection
        assert listener is not None
        raw.detach()
        listener.autocommit = True
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        self._listener = listener

    def _wait_for_notify(self, timeout: float) -> bool:
        try:
            if self._listener is None:
                self._listen()
                return True  # notifications were lost while not listening: read again
            woke = False
            for _notify in self._listener.notifies(timeout=timeout, stop_after=1):
                woke = True
            # Swallow the others that piled up: one read catches up with all of them.
            for _notify in self._listener.notifies(timeout=0):
                pass
            return woke
        except Exception:
            # The server went away or the connection broke: listen again next time and
            # let the reader catch up by seq meanwhile.
            self.close()
            time.sleep(min(timeout, 1.0))
            return True
