"""`stream-check`: read a queue bound to the events exchange and prove the stream whole.

What a downstream system must check of what it receives: `seq` contiguous from where it
started, a message seen before (same `message_id`) skipped, and every event chaining to
the one before by hash (and its own hash matching its content, recomputed from the
headers and the body). Messages are acknowledged after they are checked.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pika

from app.cli_language import QCoreApplication
from domain.eventstore.store import event_hash


@dataclass
class StreamCheck:
    received: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    gaps: int = 0
    missing: int = 0
    out_of_order: int = 0
    duplicates: int = 0
    chain_ok: bool = True
    hashes_ok: bool = True
    seqs: list[int] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)
    _last_hash: str | None = None

    def take(self, message_id: str, headers: dict[str, Any], body: bytes) -> bool:
        """Check one message; False when it is a duplicate to skip."""
        self.received += 1
        seq = int(headers["seq"])
        if message_id in self._seen or (self.last_seq is not None and seq <= self.last_seq):
            if message_id not in self._seen:
                self.out_of_order += 1
            self.duplicates += 1
            return False
        self._seen.add(message_id)
        if self.last_seq is None:
            self.first_seq = seq
        elif seq != self.last_seq + 1:
            self.gaps += 1
            self.missing += seq - self.last_seq - 1
            self.chain_ok = False
        elif headers["prev_hash"] != self._last_hash:
            self.chain_ok = False
        if recomputed_hash(message_id, headers, body) != headers["hash"]:
            self.hashes_ok = False
        self.last_seq = seq
        self._last_hash = headers["hash"]
        self.seqs.append(seq)
        return True

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "unique": len(self.seqs),
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "gaps": self.gaps,
            "missing": self.missing,
            "duplicates": self.duplicates,
            "chain_ok": self.chain_ok,
            "hashes_ok": self.hashes_ok,
        }


def recomputed_hash(message_id: str, headers: dict[str, Any], body: bytes) -> str:
    return event_hash(
        {
            "seq": int(headers["seq"]),
            "event_id": message_id,
            "event_type": headers["event_type"],
            "aggregate_type": headers["aggregate_type"],
            "aggregate_id": headers["aggregate_id"],
            "aggregate_version": int(headers["aggregate_version"]),
            "occurred_at": datetime.fromisoformat(headers["occurred_at"]),
            "operator": headers["operator"],
            "correlation_id": headers["correlation_id"],
            "causation_id": headers["causation_id"],
            "payload": body.decode("utf-8"),
            "prev_hash": headers["prev_hash"],
        }
    )


def _text_headers(headers: dict[str, Any]) -> dict[str, Any]:
    # AMQP field tables may hand strings back as bytes.
    return {
        key: value.decode("utf-8") if isinstance(value, bytes) else value
        for key, value in headers.items()
    }


def check_queue(
    amqp_url: str,
    queue: str,
    *,
    exchange: str = "teller.events",
    bind: bool = False,
    idle_seconds: float | None = 2.0,
    expect_last: int | None = None,
    result: StreamCheck | None = None,
) -> StreamCheck:
    """Consume `queue` until it stays empty for `idle_seconds` (None: until interrupted),
    or until `expect_last` has been seen."""
    result = result or StreamCheck()
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        channel.queue_declare(queue, durable=True)
        if bind:
            channel.exchange_declare(exchange, exchange_type="topic", durable=True)
            channel.queue_bind(queue, exchange, routing_key="#")
        channel.basic_qos(prefetch_count=1000)
        for method, properties, body in channel.consume(queue, inactivity_timeout=idle_seconds):
            if method is None:
                break
            result.take(properties.message_id, _text_headers(properties.headers or {}), body)
            channel.basic_ack(method.delivery_tag)
            if expect_last is not None and (result.last_seq or 0) >= expect_last:
                break
        channel.cancel()
    finally:
        if connection.is_open:
            connection.close()
    return result


def run_stream_check(
    amqp_url: str | None,
    queue: str,
    *,
    exchange: str,
    bind: bool,
    until_idle: bool,
    idle_seconds: float,
    as_json: bool,
) -> int:
    from app.relay_names import broker_url

    amqp_url = broker_url(
        amqp_url,
        QCoreApplication.translate(
            "Cli", "stream-check: give the broker with --amqp URL or ${variable}"
        ),
    )
    if amqp_url is None:
        return 2
    result = StreamCheck()
    with contextlib.suppress(KeyboardInterrupt):
        check_queue(
            amqp_url,
            queue,
            exchange=exchange,
            bind=bind,
            idle_seconds=idle_seconds if until_idle else None,
            result=result,
        )
    whole = result.gaps == 0 and result.chain_ok and result.hashes_ok
    if as_json:
        print(json.dumps(result.as_dict()))
    else:
        print(
            QCoreApplication.translate(
                "Cli",
                "received {received} messages ({duplicates} duplicates skipped): seq "
                "{first}..{last}, gaps {gaps} ({missing} events missing), hash chain {chain}",
            ).format(
                received=result.received,
                duplicates=result.duplicates,
                first=result.first_seq,
                last=result.last_seq,
                gaps=result.gaps,
                missing=result.missing,
                chain=QCoreApplication.translate("Cli", "intact")
                if result.chain_ok and result.hashes_ok
                else QCoreApplication.translate("Cli", "BROKEN"),
            )
        )
    return 0 if whole else 1
