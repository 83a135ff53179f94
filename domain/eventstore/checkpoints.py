"""A signed checkpoint of the chain head, recorded in the chain itself.

The signature is made outside the domain with the bank's private key (app.checkpoints)
and proved by `verify --checkpoints` (domain.reporting.checkpoints); the event keeps a
copy in the journal, so the events say when and over which head the bank signed.
It changes no state table: a checkpoint is evidence, not a balance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import Connection, select

from bus import Command, Event, Rejection
from domain.eventstore.events import DomainEvent
from domain.eventstore.projections import projects
from domain.eventstore.tables import events
from domain.eventstore.unit_of_work import UnitOfWork
from domain.kernel.envelope import caused_by


@dataclass(frozen=True, kw_only=True)
class RecordCheckpoint(Command):
    """Record that the bank signed the chain head at `seq` (whose hash is `hash`)."""

    seq: int
    hash: str
    business_date: str  # ISO date, the business date open when it was signed
    signed_at: str  # UTC, ISO 8601
    signature: str  # base64 Ed25519 over the canonical payload
    key_fingerprint: str


@dataclass(frozen=True, kw_only=True)
class CheckpointSigned(DomainEvent):
    aggregate_type: ClassVar[str] = "checkpoint"
    seq: int
    hash: str
    business_date: str
    signed_at: str
    signature: str
    key_fingerprint: str

    @property
    def aggregate_id(self) -> str:
        return str(self.seq)


@projects(CheckpointSigned)
def _checkpoint_signed(conn: Connection, event: CheckpointSigned, seq: int) -> None:
    """Nothing to project: the event itself is the record."""


def record_checkpoint(
    command: RecordCheckpoint, new_uow: Callable[[], UnitOfWork]
) -> Sequence[Event]:
    with new_uow() as uow:
        stored = uow.conn.execute(select(events.c.hash).where(events.c.seq == command.seq)).scalar()
        # A checkpoint of a head this database never had would be a false record.
        if stored != command.hash:
            raise Rejection(
                "checkpoint_mismatch",
                f"The stored event at seq {command.seq} does not have the signed hash",
                "hash",
            )
        uow.record(
            CheckpointSigned(
                seq=command.seq,
                hash=command.hash,
                business_date=command.business_date,
                signed_at=command.signed_at,
                signature=command.signature,
                key_fingerprint=command.key_fingerprint,
                aggregate_version=1,
                **caused_by(command),
            )
        )
        return uow.recorded
