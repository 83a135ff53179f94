"""The audit trail as an auditor reads it: stored events, newest first, filtered, paged,
and a check of the hash chain."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, Index, func, or_, select

from domain.eventstore.tables import chain_head, events
from domain.kernel.records import from_attributes
from domain.reporting.audit import chain_faults

# The audit screen filters by operator and type and pages by seq.
Index("ix_events_operator_seq", events.c.operator, events.c.seq)
Index("ix_events_event_type_seq", events.c.event_type, events.c.seq)


@dataclass(frozen=True)
class AuditFilter:
    operator: str = ""
    event_type: str = ""
    # Local calendar days, both included.
    date_from: date | None = None
    date_to: date | None = None
    account: str = ""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    occurred_at: datetime
    event_type: str
    operator: str
    aggregate_type: str
    aggregate_id: str
    payload: dict[str, Any]
    hash: str

    def body(self) -> str:
        envelope = {
            "seq": self.seq,
            "type": self.event_type,
            "operator": self.operator,
            "occurred_at": self.occurred_at.isoformat(),
            "aggregate": f"{self.aggregate_type} {self.aggregate_id}",
            "hash": self.hash,
        }
        return json.dumps(
            {**envelope, "payload": self.payload}, indent=2, ensure_ascii=False, sort_keys=False
        )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _conditions(flt: AuditFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if flt.operator.strip():
        found.append(events.c.operator == flt.operator.strip())
    if flt.event_type.strip():
        found.append(events.c.event_type == flt.event_type.strip())
    if flt.date_from is not None:
        found.append(events.c.occurred_at >= _local_midnight_utc(flt.date_from))
    if flt.date_to is not None:
        found.append(events.c.occurred_at < _local_midnight_utc(flt.date_to + timedelta(days=1)))
    account = flt.account.strip()
    if account:
        # An account appears in a payload as a quoted JSON string value.
        quoted = json.dumps(account, ensure_ascii=False)
        found.append(
            or_(
                events.c.aggregate_id == account,
                events.c.payload.like(f"%{_escape_like(quoted)}%", escape="\\"),
            )
        )
    return found


class ChainCheckCancelled(Exception):
    """The person who asked for the chain check stopped it."""


class AuditQueries:
    """`checkpoint_proof`: the faults of the bank's signed checkpoints against the stored
    chain (the composition root builds it from the checkpoint folder and the public key,
    which live outside the database); None where no folder is configured."""

    def __init__(
        self, engine: Engine, checkpoint_proof: Callable[[], list[str]] | None = None
    ) -> None:
        self._engine = engine
        self._checkpoint_proof = checkpoint_proof

    @property
    def checks_checkpoints(self) -> bool:
        return self._checkpoint_proof is not None

    def page(
        self, flt: AuditFilter, *, before_seq: int | None = None, limit: int = 100
    ) -> list[AuditEntry]:
        """Up to `limit` events matching `flt`, newest first, older than `before_seq`."""
        query = select(events).where(*_conditions(flt))
        if before_seq is not None:
            query = query.where(events.c.seq < before_seq)
        with self._engine.connect() as conn:
            rows = conn.execute(query.order_by(events.c.seq.desc()).limit(limit)).all()
        return [from_attributes(AuditEntry, row, payload=json.loads(row.payload)) for row in rows]

    def event_count(self) -> int:
        """How many events the log holds, as its chain head says (no scan)."""
        with self._engine.connect() as conn:
            last = conn.execute(select(chain_head.c.last_seq).where(chain_head.c.id == 1)).scalar()
        return int(last or 0)

    def count(self, flt: AuditFilter) -> int:
        with self._engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(events).where(*_conditions(flt))
                ).scalar_one()
            )

    def event_types(self) -> list[str]:
        return self._distinct(events.c.event_type)

    def operators(self) -> list[str]:
        return self._distinct(events.c.operator)

    def _distinct(self, column: ColumnElement[str]) -> list[str]:
        """Every value of `column` in the journal, in order: the filter's choices."""
        with self._engine.connect() as conn:
            return list(conn.execute(select(column).distinct().order_by(column)).scalars())

    def verify_chain(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[str]:
        """Every fault of the hash chain, and of the signed checkpoints it must pass
        through when a folder is configured, as sentences; empty when all hold.

        `progress(checked, total)` as it goes; when `cancelled()` turns true the check
        stops with ChainCheckCancelled (it only reads: nothing is left half done)."""
        total = self.event_count() if progress is not None else 0

        def on_batch(checked: int, _head: int) -> None:
            if cancelled is not None and cancelled():
                raise ChainCheckCancelled
            if progress is not None:
                progress(checked, total)

        on_batch(0, total)
        faults = [
            str(fault) for fault in chain_faults(self._engine, batch=5000, on_progress=on_batch)
        ]
        if progress is not None:
            progress(total, total)
        if self._checkpoint_proof is not None:
            faults += self._checkpoint_proof()
        return faults
