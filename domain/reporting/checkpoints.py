"""Signed checkpoints: the proof that the stored chain passes through every chain head
the bank signed.

The chain's hashes alone prove nothing against someone who can write the database: they
can change an event, recompute every later hash and rebuild the tables. A checkpoint,
signed with a private key kept outside the database, fixes the hash at one seq; a
history rewritten before it no longer reaches the signed hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Engine, select

from bus import Event, Rejection
from domain.eventstore.checkpoints import CheckpointSigned, RecordCheckpoint
from domain.eventstore.events import canonical_json
from domain.eventstore.tables import events
from domain.eventstore.unit_of_work import UnitOfWork, snapshot
from domain.kernel.envelope import caused_by
from domain.kernel.records import from_attributes
from domain.operators.permissions import SYSTEM
from domain.operators.refusals import OperatorRefusal
from domain.reporting.audit import Fault

PAYLOAD_FIELDS = ("seq", "hash", "business_date", "signed_at")


class CheckpointRefusal(StrEnum):
    """Why a checkpoint is not recorded: a stable code the desk translates (ui.messages)."""

    # The signed hash is not the one stored at that seq: the signature is of another history.
    CHECKPOINT_MISMATCH = "checkpoint_mismatch"


def fingerprint(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def signed_bytes(payload: dict[str, Any]) -> bytes:
    """What the signature covers: the payload as canonical JSON."""
    return canonical_json({name: payload[name] for name in PAYLOAD_FIELDS}).encode("utf-8")


@dataclass(frozen=True)
class Checkpoint:
    name: str  # the file it came from
    payload: dict[str, Any]
    signature: bytes
    key_fingerprint: str

    def document(self) -> dict[str, Any]:
        return {
            "payload": self.payload,
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "public_key_fingerprint": self.key_fingerprint,
        }


def read_checkpoints(folder: Path) -> tuple[list[Checkpoint], list[Fault]]:
    """Every `checkpoint-*.json` under `folder` (sub-folders too: one per end of day),
    and a fault for each file that is not a checkpoint at all."""
    found: list[Checkpoint] = []
    faults: list[Fault] = []
    for path in sorted(folder.rglob("checkpoint-*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            payload = document["payload"]
            if not isinstance(payload.get("seq"), int) or not all(
                isinstance(payload.get(k), str) for k in PAYLOAD_FIELDS[1:]
            ):
                raise ValueError("payload fields")
            found.append(
                Checkpoint(
                    path.name,
                    payload,
                    base64.b64decode(document["signature"], validate=True),
                    str(document.get("public_key_fingerprint", "")),
                )
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            faults.append(Fault("checkpoint", f"{path.name} is not a readable checkpoint"))
    found.sort(key=lambda c: c.payload["seq"])
    return found, faults


def checkpoint_faults(
    engine: Engine, checkpoints: Iterable[Checkpoint], public_key: Ed25519PublicKey
) -> Iterator[Fault]:
    """A fault for each checkpoint that is forged, and for the first one the stored
    chain does not pass through (the chain itself is `audit.chain_faults`'s proof)."""
    genuine: list[Checkpoint] = []
    for checkpoint in checkpoints:
        try:
            public_key.verify(checkpoint.signature, signed_bytes(checkpoint.payload))
        except InvalidSignature:
            yield Fault(
                "checkpoint",
                f"{checkpoint.name} (seq {checkpoint.payload['seq']}) is forged or was "
                "altered: its signature does not match the bank's public key "
                f"{fingerprint(public_key)[:16]}",
            )
            continue
        genuine.append(checkpoint)
    with snapshot(engine) as conn:
        for checkpoint in genuine:
            seq, signed = checkpoint.payload["seq"], checkpoint.payload["hash"]
            stored = conn.execute(select(events.c.hash).where(events.c.seq == seq)).scalar()
            when = checkpoint.payload["signed_at"]
            if stored is None:
                yield Fault(
                    "checkpoint",
                    f"the events end before checkpoint seq {seq} (signed {when}): "
                    "signed events are missing",
                )
                return
            if stored != signed:
                yield Fault(
                    "checkpoint",
                    f"the events were rewritten before checkpoint seq {seq} (signed {when}, "
                    f"business date {checkpoint.payload['business_date']}): stored hash "
                    f"{stored}, signed hash {signed}",
                )
                return


def folder_faults(
    engine: Engine, folder: Path, public_key: Ed25519PublicKey
) -> tuple[list[Fault], int]:
    """Every checkpoint file under `folder` against the stored chain: the faults (an
    unreadable, forged or unmatched checkpoint; none found at all) and how many were read."""
    found, faults = read_checkpoints(folder)
    if not found and not faults:
        faults.append(Fault("checkpoint", f"no checkpoint-*.json under {folder}"))
    faults += checkpoint_faults(engine, found, public_key)
    return faults, len(found)


def record_checkpoint(
    command: RecordCheckpoint, new_uow: Callable[[], UnitOfWork]
) -> Sequence[Event]:
    # Only the maintenance actor records checkpoints (domain.door.sessions.SYSTEM_JOBS):
    # a logged-in operator has no business writing the bank's signatures into the journal.
    if command.actor != SYSTEM:
        raise Rejection(
            OperatorRefusal.FORBIDDEN, "Only the bank's checkpoint job records checkpoints"
        )
    with new_uow() as uow:
        stored = uow.conn.execute(select(events.c.hash).where(events.c.seq == command.seq)).scalar()
        # A checkpoint of a head this database never had would be a false record.
        if stored != command.hash:
            raise Rejection(
                CheckpointRefusal.CHECKPOINT_MISMATCH,
                f"The stored event at seq {command.seq} does not have the signed hash",
                "hash",
            )
        uow.record(
            # It records what the command says was signed, field for field.
            from_attributes(CheckpointSigned, command, aggregate_version=1, **caused_by(command))
        )
        return uow.recorded
