"""The relay against a real RabbitMQ broker, with real faults: SIGKILL of the relay while
desks post, the broker's application stopped and started mid-stream, several desks on
PostgreSQL. A consumer in the test reads a queue bound to the exchange and checks what a
downstream system must (app.stream_check): every event, once, in seq order."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pika
import pytest

from app.bootstrap import bootstrap
from app.stream_check import StreamCheck, _text_headers
from domain.eventstore.feed import EventFeed
from helpers import open_account
from staff import hire, open_session

ROOT = Path(__file__).resolve().parents[2]
DESK = Path(__file__).with_name("relay_desk.py")
NODE_ENV = "TELLER_TEST_AMQP_NODE"

# One test stops the broker's application: the others must not be publishing meanwhile,
# so every test of the broker runs in one test process, one after another.
pytestmark = pytest.mark.xdist_group("broker")


class Stream:
    """A durable queue bound to a fresh exchange, read by the test as a downstream
    system would: everything it receives goes through StreamCheck."""

    def __init__(self, amqp_url: str) -> None:
        self.amqp_url = amqp_url
        self.exchange = f"teller.test.{uuid.uuid4().hex[:8]}"
        self.queue = f"{self.exchange}.all"
        self.check = StreamCheck()
        self.payment_ids: set[str] = set()
        self.operators: list[str] = []
        self._connect()
        self.channel.exchange_declare(self.exchange, exchange_type="topic", durable=True)
        self.channel.queue_declare(self.queue, durable=True)
        self.channel.queue_bind(self.queue, self.exchange, routing_key="#")

    def _connect(self) -> None:
        self.connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        self.channel = self.connection.channel()
        self.channel.basic_qos(prefetch_count=200)

    def read(
        self, count: int | None = None, *, until_seq: int | None = None, idle: float = 20.0
    ) -> None:
        """Take `count` messages, or up to the event `until_seq`; stop early when the
        queue stays empty for `idle` seconds."""
        messages = self.channel.consume(self.queue, inactivity_timeout=idle)
        for taken, (method, properties, body) in enumerate(messages, start=1):
            if method is None:
                break
            if self.check.take(
                properties.message_id, _text_headers(properties.headers or {}), body
            ):
                payload = json.loads(body)
                self.payment_ids.add(payload.get("payment_id", ""))
                self.operators.append(_text_headers(properties.headers)["operator"])
            self.channel.basic_ack(method.delivery_tag)
            if count is not None and taken >= count:
                break
            if until_seq is not None and (self.check.last_seq or 0) >= until_seq:
                break
        self.channel.cancel()

    def reconnect(self) -> None:
        """After the broker restarted: the test's own connection went with it."""
        with contextlib.suppress(pika.exceptions.AMQPError):
            self.connection.close()
        self.connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        self.channel = self.connection.channel()
        self.channel.basic_qos(prefetch_count=200)

    def close(self) -> None:
        try:
            if not self.connection.is_open:
                self.reconnect()
            self.channel.queue_delete(self.queue)
            self.channel.exchange_delete(self.exchange)
            self.connection.close()
        except pika.exceptions.AMQPError:
            pass


@pytest.fixture
def stream(amqp_url: str) -> Iterator[Stream]:
    opened = Stream(amqp_url)
    yield opened
    opened.close()


def prepare_bank(url: str, tellers: dict[str, str]) -> None:
    """Staff, an open drawer per teller and a customer each, before the desks start."""
    desk = bootstrap(url, start_worker=False)
    try:
        hire(desk.bus)
        for teller, customer in tellers.items():
            open_session(desk.bus, teller)
            open_account(desk.bus, customer, actor=teller)
    finally:
        desk.close()


def start_desk(
    url: str, teller: str, customer: str, count: int, run: str = "1"
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(DESK), url, teller, customer, str(count), run],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_relay(url: str, amqp_url: str, exchange: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            url,
            "relay",
            "--amqp",
            amqp_url,
            "--exchange",
            exchange,
            "--json",
            "--batch",
            "50",
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return out


def stored_head(url: str) -> int:
    desk = bootstrap(url, migrate=False, start_worker=False)
    try:
        with EventFeed(desk.engine) as feed:
            return feed.head()
    finally:
        desk.close()


def assert_whole(stream: Stream, head: int) -> None:
    check = stream.check
    assert (check.first_seq, check.last_seq) == (1, head), check.as_dict()
    assert check.seqs == list(range(1, head + 1))
    assert check.gaps == 0 and check.missing == 0
    assert check.chain_ok and check.hashes_ok
    assert check.received == head + check.duplicates
    # The refused withdrawals wrote nothing, so nothing of them left the bank.
    assert not any(pid.startswith("refused-") for pid in stream.payment_ids)
    assert any(pid.startswith("dep-") for pid in stream.payment_ids)


def test_sigkill_at_random_moments_loses_no_event(
    tmp_path: Path, stream: Stream, amqp_url: str
) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    prepare_bank(url, {"teller1": "20000001"})
    desk = start_desk(url, "teller1", "20000001", 300)
    rng = random.Random(12)
    kills = 0
    for _ in range(4):
        relay = start_relay(url, amqp_url, stream.exchange)
        stream.read(rng.randrange(20, 150))
        relay.send_signal(signal.SIGKILL)
        relay.communicate()
        kills += relay.returncode == -signal.SIGKILL
    assert kills == 4
    assert finish(desk).strip() == "finished"
    report = json.loads(finish(start_relay(url, amqp_url, stream.exchange, "--until-idle")))
    head = stored_head(url)
    stream.read(until_seq=head, idle=5)
    print(
        f"\nSIGKILL x{kills}: stored {head}, received {stream.check.received}, "
        f"duplicates {stream.check.duplicates}, gaps {stream.check.gaps}; last relay "
        f"confirmed {report['confirmed']}"
    )
    assert report["lag"] == 0 and report["cursor"] == head
    assert_whole(stream, head)


def test_the_broker_restarting_mid_stream_loses_no_event(
    tmp_path: Path, stream: Stream, amqp_url: str
) -> None:
    node = os.environ.get(NODE_ENV)
    if not node:
        pytest.skip(f"set {NODE_ENV} to the test broker's node name to restart it")
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    prepare_bank(url, {"teller1": "20000001"})
    desk = start_desk(url, "teller1", "20000001", 100)
    relay = start_relay(url, amqp_url, stream.exchange)
    try:
        stream.read(60)
        subprocess.run(
            ["rabbitmqctl", "-n", node, "stop_app"], check=True, capture_output=True, timeout=60
        )
        assert finish(desk).strip() == "finished"
        # The desk goes on while the broker is away; the relay finds it gone.
        assert finish(start_desk(url, "teller1", "20000001", 200, "2")).strip() == "finished"
        subprocess.run(
            ["rabbitmqctl", "-n", node, "start_app"], check=True, capture_output=True, timeout=60
        )
        stream.reconnect()
        head = stored_head(url)
        stream.read(until_seq=head, idle=30)
    finally:
        relay.send_signal(signal.SIGTERM)
    out, err = relay.communicate(timeout=120)
    assert relay.returncode == 0, err
    report = json.loads(out)
    assert err.count("relay: lost the broker") == report["reconnects"]
    assert err.count("relay: broker back after") == report["reconnects"]
    print(err)
    print(
        f"\nbroker restart: stored {head}, received {stream.check.received}, duplicates "
        f"{stream.check.duplicates}, gaps {stream.check.gaps}; relay reconnected "
        f"{report['reconnects']} time(s)"
    )
    assert report["reconnects"] >= 1
    assert report["cursor"] == head
    assert_whole(stream, head)


def test_a_second_relay_on_the_same_database_is_refused(
    tmp_path: Path, stream: Stream, amqp_url: str
) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    prepare_bank(url, {"teller1": "20000001"})
    first = start_relay(url, amqp_url, stream.exchange)
    try:
        stream.read(until_seq=stored_head(url))
        second = start_relay(url, amqp_url, stream.exchange, "--until-idle")
        _, err = second.communicate(timeout=60)
    finally:
        first.send_signal(signal.SIGTERM)
        finish(first)
    assert second.returncode == 3
    assert "another relay 'rabbitmq' is running on this database" in err


@pytest.mark.postgres
def test_several_desks_on_postgres_make_one_stream_in_seq_order(
    pg_url: str, stream: Stream, amqp_url: str
) -> None:
    prepare_bank(pg_url, {"teller1": "20000001", "teller2": "20000002"})
    relay = start_relay(pg_url, amqp_url, stream.exchange)
    try:
        desks = [
            start_desk(pg_url, "teller1", "20000001", 120),
            start_desk(pg_url, "teller2", "20000002", 120),
        ]
        for desk in desks:
            assert finish(desk).strip() == "finished"
        head = stored_head(pg_url)
        stream.read(until_seq=head)
    finally:
        relay.send_signal(signal.SIGTERM)
    report = json.loads(finish(relay))
    assert report["cursor"] == head
    assert_whole(stream, head)
    # Both desks' payments are in the one stream, interleaved as they committed.
    switches = sum(a != b for a, b in zip(stream.operators, stream.operators[1:], strict=False))
    assert {"teller1", "teller2"} <= set(stream.operators)
    assert switches > 2
