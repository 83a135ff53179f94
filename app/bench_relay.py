"""`bench-relay`: the relay's throughput beside plain pika publishing the same messages
with confirms, and the latency from a payment's commit to a consumer, on a scratch
SQLite bank and the broker given (a fresh exchange and queue, deleted afterwards)."""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pika

from app.bench import bench_policy, open_customers, open_empty_drawer
from app.bootstrap import Desk, bootstrap
from app.relay import (
    Relay,
    load_cursor,
    message_properties,
    routing_key,
    save_cursor,
)
from app.relay_names import broker_url
from app.signing import SignedIn, hire_and_sign_in, sign_in_an_admin
from domain.eventstore.feed import EventFeed, StoredEvent
from domain.eventstore.unit_of_work import CommitGroup
from domain.operators.roles import TELLER
from domain.payments.commands import SubmitPayment
from domain.payments.kinds import CASH_DEPOSIT


def _teller_with_customer(desk: Desk) -> tuple[SignedIn, str, str, str]:
    """A teller logged in on the returned bus (every command carries its login session),
    with an open drawer and a customer to deposit to."""
    signed = SignedIn(desk.bus, desk="bench-relay")
    admin, _ = sign_in_an_admin(signed, desk.operators)
    teller = "benchrelay"
    hire_and_sign_in(signed, admin, teller, TELLER)
    session = open_empty_drawer(signed, desk.drawers, teller)
    customer = "BR000001"
    open_customers(signed, teller, customer)
    return signed, teller, session.drawer_account, customer


def _deposit(teller: str, drawer: str, customer: str, payment_id: str) -> SubmitPayment:
    # Confirmed as no duplicate: the same deposit again and again is the benchmark's point.
    return SubmitPayment(
        payment_id=payment_id,
        kind=CASH_DEPOSIT,
        debit_account=drawer,
        credit_account=customer,
        amount=1_000,
        currency="EUR",
        actor=teller,
        confirm_duplicate=True,
    )


def _channel(amqp_url: str, exchange: str, queue: str) -> pika.BlockingConnection:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.exchange_declare(exchange, exchange_type="topic", durable=True)
    channel.queue_declare(queue, durable=True)
    channel.queue_bind(queue, exchange, routing_key="#")
    return connection


def _plain_pika(amqp_url: str, exchange: str, stored: list[StoredEvent]) -> float:
    """The same messages, published the way the pika documentation shows: a
    BlockingChannel in confirm mode, each publish waiting for its confirm."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    started = time.perf_counter()
    for event in stored:
        channel.basic_publish(
            exchange, routing_key(event), event.payload.encode("utf-8"), message_properties(event)
        )
    elapsed = time.perf_counter() - started
    connection.close()
    return len(stored) / elapsed


def _latency(
    desk: Desk,
    signed: SignedIn,
    amqp_url: str,
    exchange: str,
    queue: str,
    payments: int,
    teller: str,
    drawer: str,
    customer: str,
) -> list[float]:
    """Post payments one at a time with the relay running; the time from each commit to
    its PaymentPosted reaching a consumer of the queue."""
    committed: dict[str, float] = {}
    received: dict[str, float] = {}
    consumer = _channel(amqp_url, exchange, queue)
    channel = consumer.channel()
    channel.queue_purge(queue)
    relay = Relay(
        desk.engine, amqp_url, exchange=exchange, name="bench-latency", say=lambda _line: None
    )
    # Starts where the log ends: only the payments below are timed.
    with EventFeed(desk.engine) as feed:
        head = feed.head()
    load_cursor(desk.engine, "bench-latency")
    save_cursor(desk.engine, "bench-latency", head)
    thread = threading.Thread(target=relay.run, daemon=True)
    thread.start()

    def post() -> None:
        for i in range(payments):
            payment_id = f"lat-{i}"
            signed.dispatch(_deposit(teller, drawer, customer, payment_id))
            committed[payment_id] = time.perf_counter()

    poster = threading.Thread(target=post)
    poster.start()
    for method, properties, body in channel.consume(queue, inactivity_timeout=30):
        if method is None:
            break
        channel.basic_ack(method.delivery_tag)
        if properties.type == "PaymentPosted":
            received[json.loads(body)["payment_id"]] = time.perf_counter()
            if len(received) == payments:
                break
    channel.cancel()
    poster.join()
    relay.stop()
    thread.join()
    consumer.close()
    return sorted(received[p] - committed[p] for p in committed if p in received)


def run_bench(amqp_url: str, events: int) -> dict[str, Any]:
    exchange = f"teller.bench.{uuid.uuid4().hex[:8]}"
    queue = f"{exchange}.all"
    with tempfile.TemporaryDirectory(prefix="teller-bench-relay-") as folder:
        desk = bootstrap(
            f"sqlite:///{Path(folder) / 'bench.db'}", start_worker=False, risk_policy=bench_policy()
        )
        admin = _channel(amqp_url, exchange, queue)
        try:
            signed, teller, drawer, customer = _teller_with_customer(desk)
            # Three events a payment; committed a hundred payments at a time.
            payments = max(1, events // 3)
            for first in range(0, payments, 100):
                with CommitGroup(desk.engine):
                    for i in range(first, min(first + 100, payments)):
                        signed.dispatch(_deposit(teller, drawer, customer, f"b-{i}"))
            with EventFeed(desk.engine) as feed:
                stored: list[StoredEvent] = []
                while page := feed.read(stored[-1].seq if stored else 0, 5000):
                    stored += page
            relay = Relay(
                desk.engine, amqp_url, exchange=exchange, name="bench", say=lambda _line: None
            )
            stats = relay.run(until_idle=True)
            relay_rate = stats.confirmed / stats.as_dict()["seconds"]
            admin.channel().queue_purge(queue)
            pika_rate = _plain_pika(amqp_url, exchange, stored)
            admin.channel().queue_purge(queue)
            latencies = _latency(
                desk, signed, amqp_url, exchange, queue, 200, teller, drawer, customer
            )
        finally:
            channel = admin.channel()
            channel.queue_delete(queue)
            channel.exchange_delete(exchange)
            admin.close()
            desk.close()
    return {
        "events": len(stored),
        "database": "sqlite",
        "relay_per_second": round(relay_rate, 1),
        "relay_batches": stats.batches,
        "plain_pika_confirms_per_second": round(pika_rate, 1),
        "ratio": round(relay_rate / pika_rate, 2),
        "latency_payments": len(latencies),
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1),
        "latency_p99_ms": round(
            latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1
        ),
    }


def run_bench_relay(amqp_url: str | None, events: int, *, as_json: bool) -> int:
    amqp_url = broker_url(amqp_url, "bench-relay: give the broker with --amqp URL or ${variable}")
    if amqp_url is None:
        return 2
    result = run_bench(amqp_url, events)
    if as_json:
        print(json.dumps(result))
    else:
        print(f"{result['events']} events, database: {result['database']}")
        print(
            f"  relay (batches, confirms)   {result['relay_per_second']:>8.0f} events/s "
            f"in {result['relay_batches']} batches"
        )
        print(
            f"  plain pika, confirm each    {result['plain_pika_confirms_per_second']:>8.0f}"
            f" events/s   ratio {result['ratio']:.2f}"
        )
        print(
            f"  commit -> consumer ({result['latency_payments']} payments)  "
            f"p50 {result['latency_p50_ms']:.1f} ms  p99 {result['latency_p99_ms']:.1f} ms"
        )
    return 0
