"""Rebuild every state table from `events` alone, and compare with the live tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import zip_longest
from typing import Any

from sqlalchemy import Engine, create_engine, event, select

import domain.catalog  # noqa: F401  every event type and projection
from domain.eventstore.projections import apply_event, write_held
from domain.eventstore.store import read_events, utc_iso
from domain.eventstore.tables import STATE_TABLES, Base
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

    Base.metadata.create_all(engine)
    return engine


def rebuild(source: Engine, target: Engine, batch: int = 2000) -> int:
    """Apply every stored event of `source` to the empty state tables of `target`."""
    count = 0
    with source.connect() as reader:
        conn = target.connect()
        try:
            conn.begin()
            for seq, stored in read_events(reader):
                apply_event(conn, stored, seq)
                count += 1
                if count % batch == 0:
                    write_held(conn)
                    conn.commit()
                    conn.begin()
            write_held(conn)
            conn.commit()
        finally:
            conn.close()
    return count


def _normalised(row: Any) -> tuple[Any, ...]:
    return tuple(utc_iso(v) if isinstance(v, datetime) else v for v in row)


def differences(live: Engine, rebuilt: Engine) -> Iterator[Difference]:
    for name in STATE_TABLES:
        table = Base.metadata.tables[name]
        key_columns = list(table.primary_key.columns)
        key_positions = [list(table.columns).index(c) for c in key_columns]
        query = select(table).order_by(*key_columns)
        # The results are closed explicitly: leaving them at the first difference would
        # otherwise leave PostgreSQL's server-side cursors open (a ResourceWarning).
        with (
            snapshot(live) as a,
            rebuilt.connect() as b,
            a.execution_options(yield_per=2000).execute(query) as live_rows,
            b.execution_options(yield_per=2000).execute(query) as rebuilt_rows,
        ):
            for left, right in zip_longest(live_rows, rebuilt_rows):
                lrow = _normalised(left) if left is not None else None
                rrow = _normalised(right) if right is not None else None
                if lrow != rrow:
                    some = lrow if lrow is not None else rrow
                    assert some is not None
                    yield Difference(name, tuple(some[i] for i in key_positions), lrow, rrow)
                    break
