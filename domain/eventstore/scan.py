"""Reading the whole event log fast, for the proofs (`verify`, `replay --check`).

Rows come from the driver in large batches as plain tuples: no ORM rows, no type
processing. The hash is recomputed from those raw values and must spell exactly the
bytes `store.event_hash` hashes; anything the fast spelling cannot be sure of is handed
to `event_hash` itself, so a strange row is never judged by a shortcut.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Connection, text

from domain.eventstore.store import HASHED_COLUMNS, event_hash, utc_iso

# The hashed columns, then the stored hash: the order of every tuple `event_rows` yields.
COLUMNS = (*HASHED_COLUMNS, "hash")
SEQ, EVENT_ID, EVENT_TYPE = 0, 1, 2
OCCURRED_AT, OPERATOR, CORRELATION, CAUSATION, PAYLOAD = 6, 7, 8, 9, 10
PREV_HASH, HASH = 11, 12

_SELECT = text(f"SELECT {', '.join(COLUMNS)} FROM events WHERE seq > :after ORDER BY seq")


def event_rows(
    conn: Connection, after_seq: int = 0, batch: int = 20_000
) -> Iterator[Sequence[tuple[Any, ...]]]:
    """Batches of raw event rows after `after_seq`, in seq order, in `conn`'s transaction
    (a server-side cursor on PostgreSQL, so memory stays flat)."""
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(
        _SELECT, {"after": after_seq}
    )
    with result:
        for part in result.partitions(batch):
            yield [tuple(row) for row in part]


def _iso(moment: Any) -> str:
    # SQLite hands back SQLAlchemy's own spelling, "YYYY-MM-DD HH:MM:SS.ffffff" in UTC;
    # only that exact shape takes the shortcut.
    if type(moment) is str:
        if len(moment) == 26 and moment[10] == " " and moment[19] == ".":
            return f"{moment[:10]}T{moment[11:]}Z"
        return utc_iso(datetime.fromisoformat(moment))
    return utc_iso(moment)


def occurred_at(raw: Any) -> datetime:
    """The stored moment as the ORM returns it (domain.kernel.utc): aware, in UTC.
    SQLite's driver hands back the text, or a naive datetime, of a UTC moment."""
    moment: datetime = datetime.fromisoformat(raw) if isinstance(raw, str) else raw
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def row_hash(row: tuple[Any, ...]) -> str:
    """`event_hash` of a raw row from `event_rows`, spelled by hand (same bytes)."""
    seq, event_id, event_type, agg_type, agg_id, version = row[:6]
    q = encode_basestring  # raises TypeError for anything but text
    try:
        if type(seq) is not int or type(version) is not int:
            raise TypeError
        canonical = (
            f'{{"aggregate_id":{q(agg_id)},"aggregate_type":{q(agg_type)},'
            f'"aggregate_version":{version},"causation_id":{q(row[CAUSATION])},'
            f'"correlation_id":{q(row[CORRELATION])},"event_id":{q(event_id)},'
            f'"event_type":{q(event_type)},"occurred_at":"{_iso(row[OCCURRED_AT])}",'
            f'"operator":{q(row[OPERATOR])},"payload":{q(row[PAYLOAD])},'
            f'"prev_hash":{q(row[PREV_HASH])},"seq":{seq}}}'
        )
    except TypeError:
        return event_hash(
            dict(zip(COLUMNS, (*row[:6], occurred_at(row[6]), *row[7:]), strict=True))
        )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
