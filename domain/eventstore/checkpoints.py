"""A signed checkpoint of the chain head, recorded in the chain itself.

The signature is made outside the domain with the bank's private key (app.checkpoints);
its handler and `verify --checkpoints`' proof are domain.reporting.checkpoints. The event
is declared here, below the catalog, so that every replay knows it; it keeps a
copy in the journal, so the events say when and over which head the bank signed.
It changes no state table: a checkpoint is evidence, not a balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import Connection

from bus import Command
from domain.eventstore.events import DomainEvent
from domain.eventstore.projections import projects


@dataclass(frozen=True, kw_only=True)
class SignedHead:
    """The chain head at `seq` (whose hash is `hash`), as the bank signed it."""

    seq: int
    hash: str
    business_date: str  # ISO date, the business date open when it was signed
    signed_at: str  # UTC, ISO 8601
    signature: str  # base64 Ed25519 over the canonical payload
    key_fingerprint: str


@dataclass(frozen=True, kw_only=True)
class RecordCheckpoint(SignedHead, Command):
    """Record that the bank signed the chain head."""


@dataclass(frozen=True, kw_only=True)
class CheckpointSigned(SignedHead, DomainEvent):
    aggregate_type: ClassVar[str] = "checkpoint"
    aggregate_key: ClassVar[str] = "seq"


@projects(CheckpointSigned)
def _checkpoint_signed(conn: Connection, event: CheckpointSigned, seq: int) -> None:
    """Nothing to project: the event itself is the record."""
