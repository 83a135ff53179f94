"""Rebuild every state table from `events` alone, and compare with the live tables."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import zip_longest
from typing import Any, cast

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.sql.dml import UpdateBase

import domain.catalog  # noqa: F401  every event type and projection
from domain.eventstore.driver import DriverStatement
from domain.eventstore.events import event_from_row
from domain.eventstore.projections import apply_event, write_held
from domain.eventstore.scan import (
    CAUSATION,
    CORRELATION,
    EVENT_ID,
    EVENT_TYPE,
    OCCURRED_AT,
    OPERATOR,
    PAYLOAD,
    SEQ,
    event_rows,
    occurred_at,
)
from domain.eventstore.store import utc_iso
from domain.eventstore.tables import STATE_TABLES, Base, chain_head
from domain.eventstore.unit_of_work import snapshot


@dataclass(frozen=True)
class Difference:
    table: str
    key: tuple[Any, ...]
    live: tuple[Any, ...] | None
    rebuilt: tuple[Any, ...] | None

    def __str__(self) -> str:
        return f"{self.table} {self.key}: live {self.live} != rebuilt {self.rebuilt}"


def scratch_engine(path: str) -> Engine:
    """A throwaway SQLite file: fast, since losing it to a crash costs nothing."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def fast(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=OFF")
        dbapi_connection.execute("PRAGMA journal_mode=OFF")
        dbapi_connection.execute("PRAGMA cache_size=-131072")  # 128 MiB: indexes stay in memory

    Base.metadata.create_all(engine)
    return engine


class _DriverWriter:
    """What projections see as their connection while the replay rebuilds: the
    statements they run repeatedly (module-level INSERT/UPDATE objects) are compiled
    once and sent to sqlite3 directly, at once and in order. Anything else (a SELECT,
    a statement built per call, one with defaults computed in Python) goes through
    SQLAlchemy on the same connection, so it sees every write before it."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._raw: Any = conn.connection.driver_connection
        self._dialect = conn.dialect
        self._statements: dict[int, DriverStatement] = {}
        self._seen: dict[int, Any] = {}

    @property
    def dialect(self) -> Any:
        return self._dialect

    def _driver_statement(self, statement: Any) -> DriverStatement | None:
        ident = id(statement)
        found = self._statements.get(ident)
        if found is not None:
            return found
        if not isinstance(statement, UpdateBase) or ident not in self._seen:
            # Seen once: may be built per call. The object is kept, so its id is not reused.
            if len(self._seen) > 512:
                self._seen.clear()
            self._seen[ident] = statement
            return None
        found = self._statements[ident] = DriverStatement(statement)
        return found

    def exec_driver_sql(self, sql: str, parameters: Any = ()) -> Any:
        # Statements already compiled for the driver (domain.eventstore.driver) go
        # straight to it, in order with the rest.
        if isinstance(parameters, list):
            return self._raw.executemany(sql, parameters)
        return self._raw.execute(sql, parameters)

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        first = parameters[0] if isinstance(parameters, list) and parameters else parameters
        driver = self._driver_statement(statement) if isinstance(first, Mapping) else None
        # As a connection, the writer sends what the driver can run alone to sqlite3 (its
        # cursor has the rowcount projections read from a write) through exec_driver_sql.
        as_connection = cast(Connection, self)
        if driver is None or not driver.runs_alone(as_connection, first):
            return self._conn.execute(statement, parameters)
        return driver(as_connection, parameters)


def rebuild(
    source: Engine,
    target: Engine,
    batch: int = 20_000,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Apply every stored event of `source` to the empty state tables of `target`.
    `on_progress(done, total)` is told after each batch of events."""
    count = 0
    with snapshot(source) as reader:
        total = reader.execute(select(chain_head.c.last_seq).where(chain_head.c.id == 1)).scalar()
        conn = target.connect()
        try:
            conn.begin()
            writer = _DriverWriter(conn)
            # Projections take a Connection; the writer speaks the part of it they use.
            as_connection = cast(Connection, writer)
            for rows in event_rows(reader, batch=batch):
                for row in rows:
                    stored = event_from_row(
                        row[EVENT_TYPE],
                        row[PAYLOAD],
                        event_id=row[EVENT_ID],
                        operator=row[OPERATOR],
                        correlation_id=row[CORRELATION],
                        causation_id=row[CAUSATION],
                        occurred_at=occurred_at(row[OCCURRED_AT]),
                    )
                    apply_event(as_connection, stored, row[SEQ])
                count += len(rows)
                write_held(as_connection)
                conn.commit()
                conn.begin()
                if on_progress is not None:
                    on_progress(count, max(total or 0, count))
            conn.commit()
        finally:
            conn.close()
    return count


def _normalised(row: Any) -> tuple[Any, ...]:
    return tuple(utc_iso(v) if isinstance(v, datetime) else v for v in row)


def _same_as_stored(live: Engine, rebuilt: Engine, query: Any) -> bool:
    """Both SQLite files hold the table as the very same stored values (read as the
    driver gives them, a batch at a time): then they are equal as the application
    reads them too. Anything else is left to the row-by-row comparison, which names
    the difference."""
    if live.dialect.name != "sqlite" or rebuilt.dialect.name != "sqlite":
        return False
    sql = str(query.compile(dialect=live.dialect))
    with snapshot(live) as a, rebuilt.connect() as b:
        left = a.connection.driver_connection.execute(sql)  # type: ignore[union-attr]
        right = b.connection.driver_connection.execute(sql)  # type: ignore[union-attr]
        while True:
            lrows, rrows = left.fetchmany(20_000), right.fetchmany(20_000)
            if lrows != rrows:
                return False
            if not lrows:
                return True


def differences(
    live: Engine, rebuilt: Engine, on_progress: Callable[[int, int], None] | None = None
) -> Iterator[Difference]:
    """The first difference of each state table; `on_progress(tables done, tables)`."""
    for done, name in enumerate(STATE_TABLES, 1):
        table = Base.metadata.tables[name]
        key_columns = list(table.primary_key.columns)
        key_positions = [list(table.columns).index(c) for c in key_columns]
        query = select(table).order_by(*key_columns)
        if _same_as_stored(live, rebuilt, query):
            if on_progress is not None:
                on_progress(done, len(STATE_TABLES))
            continue
        # The results are closed explicitly: leaving them at the first difference would
        # otherwise leave PostgreSQL's server-side cursors open (a ResourceWarning).
        with (
            snapshot(live) as a,
            rebuilt.connect() as b,
            a.execution_options(yield_per=2000).execute(query) as live_rows,
            b.execution_options(yield_per=2000).execute(query) as rebuilt_rows,
        ):
            for left, right in zip_longest(live_rows, rebuilt_rows):
                if left == right and left is not None:
                    continue  # equal as read: no need to spell the moments alike
                lrow = _normalised(left) if left is not None else None
                rrow = _normalised(right) if right is not None else None
                if lrow != rrow:
                    some = lrow if lrow is not None else rrow
                    assert some is not None
                    yield Difference(name, tuple(some[i] for i in key_positions), lrow, rrow)
                    break
        if on_progress is not None:
            on_progress(done, len(STATE_TABLES))
