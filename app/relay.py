"""The event relay: every stored event to a RabbitMQ topic exchange, at least once, in order.

The `events` table is the outbox: an event is stored in the same transaction as the
change it records, numbered by a gap-free `seq` in commit order. The relay reads the
events after its cursor (domain.eventstore.feed), publishes them with publisher confirms,
and moves its cursor (table `relay_cursor`, same database) only past events the broker
has confirmed, in `seq` order. A crash at any moment re-sends some events; none is ever
skipped. Consumers deduplicate by `message_id` (the event id).

One relay per database and cursor name: on PostgreSQL it holds a session advisory lock
(no long transaction, released by the server when the process dies); on SQLite an
exclusive `flock` on a file beside the database (released by the kernel on death).
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pika
import pika.exceptions
from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    MetaData,
    String,
    Table,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from app.cli_language import QCoreApplication
from app.relay_names import DEFAULT_CURSOR, DEFAULT_EXCHANGE, broker_url
from domain.eventstore.feed import EventFeed, StoredEvent
from domain.kernel.utc import UtcDateTime

relay_metadata = MetaData()
relay_cursor = Table(
    "relay_cursor",
    relay_metadata,
    Column("name", String(64), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)


class BrokerTrouble(RuntimeError):
    """The broker refused (nack) or did not confirm in time: resend from the cursor."""


# -- the message ---------------------------------------------------------------------------


def routing_key(event: StoredEvent) -> str:
    return f"{event.aggregate_type}.{event.event_type}"


def message_properties(event: StoredEvent) -> pika.BasicProperties:
    """Everything but the payload rides in the headers: with them a consumer can
    recompute the event's hash and check it chains to the one before."""
    return pika.BasicProperties(
        content_type="application/json",
        content_encoding="utf-8",
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=event.event_id,
        correlation_id=event.correlation_id,
        type=event.event_type,
        app_id="teller-desk",
        timestamp=int(datetime.fromisoformat(event.occurred_at).timestamp()),
        headers={
            "seq": event.seq,
            "event_type": event.event_type,
            "aggregate_type": event.aggregate_type,
            "aggregate_id": event.aggregate_id,
            "aggregate_version": event.aggregate_version,
            "occurred_at": event.occurred_at,
            "operator": event.operator,
            "correlation_id": event.correlation_id,
            "causation_id": event.causation_id,
            "prev_hash": event.prev_hash,
            "hash": event.hash,
        },
    )


# -- confirms ------------------------------------------------------------------------------


class ConfirmingChannel:
    """A channel in confirm mode that can have many messages in flight.

    pika's BlockingChannel in confirm mode waits for each message's confirm before the
    next publish: one round trip per event. Here the confirm callback is registered on
    the channel underneath (`_impl`, pika 1.x), so a whole batch is written at once and
    its confirms (often one `multiple` ack) are collected afterwards.
    """

    def __init__(self, connection: pika.BlockingConnection, exchange: str) -> None:
        self.connection = connection
        self.channel = connection.channel()
        self.exchange = exchange
        self._next_tag = 1
        self._pending: collections.OrderedDict[int, bool] = collections.OrderedDict()
        self._nacked = False
        selected: list[bool] = []
        self.channel._impl.confirm_delivery(
            ack_nack_callback=self._on_confirm, callback=lambda _frame: selected.append(True)
        )
        while not selected:
            connection.process_data_events(time_limit=0.1)
        self.channel.exchange_declare(exchange, exchange_type="topic", durable=True)

    def _on_confirm(self, frame: Any) -> None:
        method = frame.method
        if isinstance(method, pika.spec.Basic.Nack):
            self._nacked = True
        tags = (
            [tag for tag in self._pending if tag <= method.delivery_tag]
            if method.multiple
            else [method.delivery_tag]
        )
        for tag in tags:
            if tag in self._pending:
                self._pending[tag] = True
        # A confirm on the channel underneath is no event to BlockingConnection: queue
        # one, so that process_data_events returns now rather than at the timer.
        self.connection.add_callback_threadsafe(lambda: None)

    def publish(self, event: StoredEvent) -> None:
        # Written to the connection's buffer only; wait_for_confirms sends the batch.
        self.channel._impl.basic_publish(
            self.exchange,
            routing_key(event),
            event.payload.encode("utf-8"),
            message_properties(event),
        )
        self._pending[self._next_tag] = False
        self._next_tag += 1

    def wait_for_confirms(self, timeout: float) -> None:
        """Return once every published message is confirmed; raise if one was refused."""
        deadline = time.monotonic() + timeout
        # Wakes the wait below should no confirm ever come.
        timer = self.connection.call_later(timeout, lambda: None)
        while True:
            for tag, done in list(self._pending.items()):
                if not done:
                    break
                del self._pending[tag]
            if self._nacked:
                raise BrokerTrouble("the broker refused a message (nack)")
            if not self._pending:
                self.connection.remove_timeout(timer)
                return
            if time.monotonic() > deadline:
                raise BrokerTrouble(f"no confirm within {timeout:.0f} s")
            # None: return as soon as the broker has said something (a confirm).
            self.connection.process_data_events(time_limit=None)


# -- the single-relay lock ---------------------------------------------------------------


class RelayLock:
    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.name = name
        self._pg: Any = None
        self._file: IO[str] | None = None

    def try_acquire(self) -> bool:
        if self.engine.dialect.name == "postgresql":
            raw = self.engine.raw_connection()
            conn = raw.driver_connection
            raw.detach()
            assert conn is not None
            conn.autocommit = True
            got = conn.execute(
                "SELECT pg_try_advisory_lock(hashtext(%s))", (f"teller.relay:{self.name}",)
            ).fetchone()[0]
            if got:
                self._pg = conn
            else:
                conn.close()
            return bool(got)
        database = self.engine.url.database
        if not database or database == ":memory:":
            return True
        lock_file = Path(f"{database}.relay-{self.name}.lock").open("w")  # noqa: SIM115
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.close()
            return False
        lock_file.write(f"{os.getpid()}\n")
        lock_file.flush()
        self._file = lock_file
        return True

    def still_held(self) -> bool:
        """False when the PostgreSQL session that held the lock is gone (the server
        restarted): another relay may have taken over, so this one must stop."""
        if self._pg is None:
            return True
        try:
            self._pg.execute("SELECT 1")
            return True
        except Exception:
            return False

    def release(self) -> None:
        if self._pg is not None:
            with contextlib.suppress(Exception):
                self._pg.close()
            self._pg = None
        if self._file is not None:
            self._file.close()
            self._file = None


# -- the relay -----------------------------------------------------------------------------


@dataclass
class RelayStats:
    published: int = 0
    confirmed: int = 0
    batches: int = 0
    reconnects: int = 0
    lock_lost: bool = False
    cursor: int = 0
    head: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def lag(self) -> int:
        return max(0, self.head - self.cursor)

    def as_dict(self) -> dict[str, Any]:
        seconds = time.monotonic() - self.started
        return {
            "published": self.published,
            "confirmed": self.confirmed,
            "batches": self.batches,
            "reconnects": self.reconnects,
            "cursor": self.cursor,
            "head": self.head,
            "lag": self.lag,
            "seconds": round(seconds, 3),
            "per_second": round(self.confirmed / seconds, 1) if seconds > 0 else 0.0,
        }


def load_cursor(engine: Engine, name: str) -> int:
    with engine.begin() as conn:
        found = conn.execute(
            select(relay_cursor.c.last_seq).where(relay_cursor.c.name == name)
        ).scalar()
        if found is None:
            conn.execute(
                relay_cursor.insert().values(name=name, last_seq=0, updated_at=datetime.now(UTC))
            )
            return 0
        return int(found)


def save_cursor(engine: Engine, name: str, seq: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(relay_cursor)
            .where(relay_cursor.c.name == name)
            .values(last_seq=seq, updated_at=datetime.now(UTC))
        )


class Relay:
    def __init__(
        self,
        engine: Engine,
        amqp_url: str,
        *,
        exchange: str = DEFAULT_EXCHANGE,
        name: str = DEFAULT_CURSOR,
        batch: int = 500,
        confirm_timeout: float = 30,
        max_backoff: float = 10,
        status: Callable[[RelayStats, bool], None] | None = None,
        say: Callable[[str], None] | None = None,
        lock: RelayLock | None = None,
    ) -> None:
        self.engine = engine
        self.amqp_url = amqp_url
        self.exchange = exchange
        self.name = name
        self.batch = batch
        self.confirm_timeout = confirm_timeout
        self.max_backoff = max_backoff
        self.status = status
        self.say = say or (lambda line: print(line, file=sys.stderr, flush=True))
        self.stats = RelayStats()
        self.lock = lock
        self._channel: ConfirmingChannel | None = None
        self._broker_down_since: float | None = None
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def run(self, *, until_idle: bool = False) -> RelayStats:
        with EventFeed(self.engine) as feed:
            self.stats.cursor = load_cursor(self.engine, self.name)
            self.stats.head = feed.head()
            backoff = 0.25
            last_status = 0.0
            while not self._stop:
                if self.lock is not None and not self.lock.still_held():
                    self.say(
                        QCoreApplication.translate(
                            "Cli",
                            "relay: lost the database lock (the server restarted?); "
                            "stopping so that two relays never publish at once",
                        )
                    )
                    self.stats.lock_lost = True
                    break
                try:
                    caught_up = self._step(feed)
                    backoff = 0.25
                except (pika.exceptions.AMQPError, BrokerTrouble, OSError) as trouble:
                    self._broker_lost(trouble)
                    time.sleep(backoff)
                    backoff = min(backoff * 2, self.max_backoff)
                    continue
                except DBAPIError as trouble:
                    self.say(
                        QCoreApplication.translate(
                            "Cli", "relay: the database failed ({trouble}); retrying"
                        ).format(trouble=repr(trouble.orig))
                    )
                    time.sleep(backoff)
                    backoff = min(backoff * 2, self.max_backoff)
                    continue
                now = time.monotonic()
                if self.status is not None and (caught_up or now - last_status >= 1):
                    self.status(self.stats, caught_up)
                    last_status = now
                if caught_up:
                    if until_idle:
                        break
                    if feed.wait(self.stats.cursor, timeout=1.0):
                        self.stats.head = max(self.stats.head, self.stats.cursor + 1)
            self._close_broker()
        return self.stats

    def _step(self, feed: EventFeed) -> bool:
        """Publish one batch and move the cursor past it. True: nothing left to send."""
        page = feed.read(self.stats.cursor, limit=self.batch)
        if not page:
            self.stats.head = feed.head()
            return self.stats.head <= self.stats.cursor
        channel = self._connected()
        for event in page:
            channel.publish(event)
        self.stats.published += len(page)
        channel.wait_for_confirms(self.confirm_timeout)
        # Only now, and only in seq order: a crash before this line sends the batch again.
        save_cursor(self.engine, self.name, page[-1].seq)
        self.stats.cursor = page[-1].seq
        self.stats.confirmed += len(page)
        self.stats.batches += 1
        self.stats.head = max(self.stats.head, self.stats.cursor)
        if len(page) < self.batch:
            self.stats.head = feed.head()
        return False

    def _connected(self) -> ConfirmingChannel:
        if self._channel is None:
            params = pika.URLParameters(self.amqp_url)
            # Backpressure: a broker short of memory or disk blocks publishers. Wait that
            # out for a while (the batch stays unconfirmed, the cursor stays put), then
            # drop the connection and come back through the reconnect path.
            params.blocked_connection_timeout = 120
            params.heartbeat = 30
            connection = pika.BlockingConnection(params)
            connection.add_on_connection_blocked_callback(
                lambda *_: self.say(
                    QCoreApplication.translate(
                        "Cli",
                        "relay: the broker is blocking publishers (memory or disk alarm); waiting",
                    )
                )
            )
            connection.add_on_connection_unblocked_callback(
                lambda *_: self.say(
                    QCoreApplication.translate("Cli", "relay: the broker accepts publishers again")
                )
            )
            self._channel = ConfirmingChannel(connection, self.exchange)
            if self._broker_down_since is not None:
                down = time.monotonic() - self._broker_down_since
                self.say(
                    QCoreApplication.translate(
                        "Cli", "relay: broker back after {seconds} s; resuming after seq {seq}"
                    ).format(seconds=f"{down:.1f}", seq=self.stats.cursor)
                )
                self._broker_down_since = None
        return self._channel

    def _broker_lost(self, trouble: Exception) -> None:
        self._close_broker()
        if self._broker_down_since is None:
            # Said once per outage, not once per attempt.
            self._broker_down_since = time.monotonic()
            self.stats.reconnects += 1
            self.say(
                QCoreApplication.translate(
                    "Cli",
                    "relay: lost the broker ({trouble}); reconnecting with backoff, resuming "
                    "after seq {seq}",
                ).format(trouble=f"{type(trouble).__name__}: {trouble}", seq=self.stats.cursor)
            )

    def _close_broker(self) -> None:
        if self._channel is not None:
            with contextlib.suppress(Exception):
                self._channel.connection.close()
            self._channel = None


# -- the command ---------------------------------------------------------------------------


def terminal_status(stream: IO[str]) -> Callable[[RelayStats, bool], None]:
    """A status line rewritten in place on a terminal; a log line every 10 s otherwise."""
    tty = stream.isatty()
    last_line = [0.0]

    def show(stats: RelayStats, caught_up: bool) -> None:
        numbers = stats.as_dict()
        line = QCoreApplication.translate(
            "Cli", "relay: cursor {cursor}  lag {lag}  {rate} events/s  confirmed {confirmed}"
        ).format(
            cursor=stats.cursor,
            lag=stats.lag,
            rate=f"{numbers['per_second']:.0f}",
            confirmed=stats.confirmed,
        ) + (QCoreApplication.translate("Cli", "  (caught up)") if caught_up else "")
        if tty:
            stream.write("\r" + line.ljust(78))
            stream.flush()
        elif time.monotonic() - last_line[0] >= 10:
            last_line[0] = time.monotonic()
            print(line, file=stream, flush=True)

    return show


def run_relay(
    db_url: str,
    amqp_url: str | None,
    *,
    exchange: str,
    name: str,
    batch: int,
    until_idle: bool,
    as_json: bool,
    standby: bool,
) -> int:
    from app.database import make_engine

    # pika logs every failed connection attempt at ERROR; the relay says once itself.
    logging.getLogger("pika").setLevel(logging.CRITICAL)
    amqp_url = broker_url(
        amqp_url,
        QCoreApplication.translate("Cli", "relay: give the broker with --amqp URL or ${variable}"),
    )
    if amqp_url is None:
        return 2
    engine = make_engine(db_url)
    lock = RelayLock(engine, name)
    if not lock.try_acquire():
        if not standby:
            print(
                QCoreApplication.translate(
                    "Cli",
                    "relay: another relay '{name}' is running on this database; not "
                    "starting a second (use --standby to wait for it)",
                ).format(name=name),
                file=sys.stderr,
            )
            return 3
        print(
            QCoreApplication.translate(
                "Cli", "relay: another relay '{name}' holds the lock; standing by"
            ).format(name=name),
            file=sys.stderr,
        )
        while not lock.try_acquire():
            time.sleep(1)
    relay = Relay(
        engine,
        amqp_url,
        exchange=exchange,
        name=name,
        batch=batch,
        status=None if as_json else terminal_status(sys.stderr),
        lock=lock,
    )
    # systemd stops a service with SIGTERM: finish the batch in hand, then leave.
    signal.signal(signal.SIGTERM, lambda *_: relay.stop())
    try:
        stats = relay.run(until_idle=until_idle)
    except KeyboardInterrupt:
        stats = relay.stats
    finally:
        lock.release()
        engine.dispose()
    if as_json:
        print(json.dumps(stats.as_dict()))
    else:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(
            QCoreApplication.translate(
                "Cli",
                "relayed {count} events to {exchange} in {batches} batches; "
                "cursor at seq {cursor}, lag {lag}",
            ).format(
                count=stats.confirmed,
                exchange=exchange,
                batches=stats.batches,
                cursor=stats.cursor,
                lag=stats.lag,
            )
        )
    return 4 if stats.lock_lost else 0
