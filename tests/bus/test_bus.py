"""The bus's promises: one handler per command, every subscriber hears every event in
order, failures become events instead of escaping, and the worker runs commands one at
a time off the caller's thread, committing queued payments in groups."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import Desk, bootstrap
from bus import (
    BusWorker,
    Command,
    CommandFailed,
    CommandRejected,
    Event,
    MessageBus,
    Rejection,
    SubscriberFailed,
)
from domain.eventstore.tables import events
from domain.eventstore.unit_of_work import UnitOfWork
from domain.kernel.money import AmountRefusal
from domain.ledger.accounts import Direction
from domain.ledger.events import AccountOpened
from domain.ledger.tables import accounts
from domain.operators.commands import LogIn
from domain.operators.events import LoginSucceeded
from domain.payments.events import (
    PaymentAlreadyPosted,
    PaymentCreated,
    PaymentPosted,
    PaymentRiskChecked,
)
from domain.payments.kinds import PaymentKind
from domain.reporting.audit import verify
from domain.reporting.replay import differences, rebuild, scratch_engine
from helpers import ALICE, BOB, DRAWER, open_account, open_drawer
from staff import PASSWORDS
from tests.domain.support import cash_deposit

# -- test messages --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Ping(Command):
    number: int = 0


@dataclass(frozen=True, kw_only=True)
class Ponged(Event):
    number: int


@dataclass(frozen=True, kw_only=True)
class Noted(Event):
    name: str


@dataclass(frozen=True, kw_only=True)
class Shouted(Noted):
    """A subclass: subscribers of Noted hear it too."""


def pong(command: Ping) -> Sequence[Event]:
    return [Ponged(number=command.number, actor=command.actor, causation_id=command.message_id)]


def listen(bus: MessageBus, event_type: type[Event] = Event) -> list[Event]:
    heard: list[Event] = []
    bus.subscribe(event_type, heard.append)
    return heard


def broken(message: str) -> Callable[[Event], None]:
    """A subscriber (a view that went away, say) that fails on every event."""

    def broken_view(event: Event) -> None:
        raise RuntimeError(message)

    return broken_view


# -- commands and their handlers ------------------------------------------------------


def test_a_command_type_takes_exactly_one_handler() -> None:
    bus = MessageBus()
    bus.handle_command(Ping, pong)
    with pytest.raises(ValueError, match="Ping already has a handler"):
        bus.handle_command(Ping, pong)


def test_a_command_without_handler_is_a_wiring_error_not_a_silent_no_op() -> None:
    with pytest.raises(LookupError, match="no handler for Ping"):
        MessageBus().dispatch(Ping())


def test_handler_results_are_returned_and_published_to_subscribers() -> None:
    bus = MessageBus()
    bus.handle_command(Ping, pong)
    heard = listen(bus, Ponged)
    results = bus.dispatch(Ping(number=7, actor="teller1"))
    assert results == heard
    [ponged] = heard
    assert isinstance(ponged, Ponged)
    assert (ponged.number, ponged.actor) == (7, "teller1")


def test_dispatch_can_hold_results_back_for_a_commit_group() -> None:
    bus = MessageBus()
    bus.handle_command(Ping, pong)
    heard = listen(bus)
    results = bus.dispatch(Ping(number=1), publish=False)
    assert [type(e) for e in results] == [Ponged]
    assert heard == []


def test_a_rule_violation_becomes_command_rejected_naming_the_field() -> None:
    bus = MessageBus()

    def refuse(command: Ping) -> Sequence[Event]:
        raise Rejection(AmountRefusal.ZERO, "The amount must be more than zero", "amount")

    bus.handle_command(Ping, refuse)
    heard = listen(bus)
    command = Ping(actor="teller1")
    results = bus.dispatch(command)

    assert results == heard
    [rejected] = results
    assert isinstance(rejected, CommandRejected)
    assert (rejected.command_type, rejected.reason_code, rejected.field) == (
        "Ping",
        "amount_zero",
        "amount",
    )
    assert rejected.reason == "The amount must be more than zero"
    # Traceable to the keystroke that caused it.
    assert rejected.command_id == command.message_id
    assert rejected.causation_id == command.message_id
    assert rejected.correlation_id == command.message_id
    assert rejected.actor == "teller1"


def test_a_crashing_handler_becomes_command_failed_and_the_bus_serves_the_next_command(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = MessageBus()

    def crash_on_odd(command: Ping) -> Sequence[Event]:
        if command.number % 2:
            raise ZeroDivisionError("a bug")
        return pong(command)

    bus.handle_command(Ping, crash_on_odd)
    heard = listen(bus)
    with caplog.at_level(logging.ERROR, logger="bus.message_bus"):
        bus.dispatch(Ping(number=1))
    bus.dispatch(Ping(number=2))

    failed, served = heard
    assert isinstance(failed, CommandFailed)
    assert failed.command_type == "Ping"
    assert failed.error == "ZeroDivisionError: a bug"
    assert isinstance(served, Ponged) and served.number == 2
    assert "handler for Ping failed" in caplog.text  # the bug is logged for a developer


# -- subscribers ----------------------------------------------------------------------


def test_subscribing_to_a_base_class_hears_every_subclass_once() -> None:
    bus = MessageBus()
    every_event = listen(bus, Event)
    notes = listen(bus, Noted)
    shouts = listen(bus, Shouted)
    note, shout, other = Noted(name="n"), Shouted(name="s"), Ponged(number=1)
    for event in (note, shout, other):
        bus.publish(event)
    assert every_event == [note, shout, other]
    assert notes == [note, shout]
    assert shouts == [shout]


def test_unsubscribing_stops_delivery() -> None:
    bus = MessageBus()
    heard: list[Event] = []
    unsubscribe = bus.subscribe(Noted, heard.append)
    before = Noted(name="before")
    bus.publish(before)
    unsubscribe()
    bus.publish(Noted(name="after"))
    assert heard == [before]


def test_a_failing_subscriber_does_not_stop_the_next_one_and_is_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = MessageBus()
    bus.subscribe(Noted, broken("view went away"))
    later = listen(bus, Noted)
    failures = listen(bus, SubscriberFailed)
    event = Noted(name="payment posted", actor="teller1")
    with caplog.at_level(logging.ERROR, logger="bus.message_bus"):
        bus.publish(event)

    assert later == [event]
    [failure] = failures
    assert isinstance(failure, SubscriberFailed)
    assert failure.event_type == "Noted"
    assert failure.event_id == event.message_id
    assert failure.subscriber.endswith("broken_view")
    assert failure.error == "RuntimeError: view went away"
    assert failure.causation_id == event.message_id
    assert failure.actor == "teller1"
    assert "view went away" in caplog.text


def test_a_failing_failure_subscriber_does_not_loop_forever(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = MessageBus()
    bus.subscribe(Event, broken("no"))
    heard = listen(bus)
    with caplog.at_level(logging.CRITICAL, logger="bus.message_bus"):
        bus.publish(Noted(name="x"))
    assert [type(e) for e in heard] == [Noted, SubscriberFailed]


def test_events_published_by_a_subscriber_reach_everyone_after_the_current_event() -> None:
    bus = MessageBus()
    seen: list[tuple[str, str]] = []

    def first(event: Noted) -> None:
        seen.append(("first", event.name))
        if event.name == "outer":
            bus.publish(Noted(name="inner"))

    def second(event: Noted) -> None:
        seen.append(("second", event.name))

    bus.subscribe(Noted, first)
    bus.subscribe(Noted, second)
    bus.publish(Noted(name="outer"))
    assert seen == [
        ("first", "outer"),
        ("second", "outer"),
        ("first", "inner"),
        ("second", "inner"),
    ]


# -- the worker thread ----------------------------------------------------------------


def test_the_worker_runs_handlers_on_its_own_thread_one_at_a_time_in_order() -> None:
    bus = MessageBus()
    lock = threading.Lock()
    running = 0
    most_at_once = 0
    handled: list[tuple[int, int]] = []

    def handler(command: Ping) -> Sequence[Event]:
        nonlocal running, most_at_once
        with lock:
            running += 1
            most_at_once = max(most_at_once, running)
        # Some work that gives other threads the chance to overlap, were they allowed.
        sum(range(2_000))
        handled.append((threading.get_ident(), command.number))
        with lock:
            running -= 1
        return []

    bus.handle_command(Ping, handler)
    worker = BusWorker(bus).start()
    try:

        def submit_many(first: int) -> None:
            for number in range(first, first + 100):
                worker.submit(Ping(number=number))

        submitters = [threading.Thread(target=submit_many, args=(n * 1000,)) for n in range(4)]
        for thread in submitters:
            thread.start()
        for thread in submitters:
            thread.join()
        assert worker.wait_idle(timeout=30)
    finally:
        worker.stop()

    assert len(handled) == 400
    assert {ident for ident, _ in handled} == {worker.thread.ident}
    assert worker.thread.ident != threading.get_ident()
    assert most_at_once == 1
    numbers = [number for _, number in handled]
    for first in (0, 1000, 2000, 3000):  # each submitter's commands ran in its order
        theirs = [n for n in numbers if first <= n < first + 1000]
        assert theirs == list(range(first, first + 100))


def test_the_worker_keeps_serving_after_a_handler_or_a_call_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = MessageBus()

    def handler(command: Ping) -> Sequence[Event]:
        if command.number == 1:
            raise RuntimeError("bug")
        return pong(command)

    def broken_call() -> None:
        raise RuntimeError("call failed")

    bus.handle_command(Ping, handler)
    heard = listen(bus)
    worker = BusWorker(bus).start()
    try:
        with caplog.at_level(logging.CRITICAL):
            worker.submit(Ping(number=1))
            worker.call(broken_call)
            worker.submit(Ping(number=2))
            assert worker.wait_idle(timeout=30)
    finally:
        worker.stop()
    assert [type(e) for e in heard] == [CommandFailed, Ponged]
    assert not worker.thread.is_alive()


# -- group commit on a real desk ------------------------------------------------------


@pytest.fixture
def running_desk(db_url: str) -> Iterator[Desk]:
    """A desk whose worker thread is running, as in the application."""
    desk = bootstrap(db_url)
    try:
        open_drawer(desk.bus, DRAWER)
        open_account(desk.bus, ALICE)
        open_account(desk.bus, BOB)
        yield desk
    finally:
        desk.close()


def submit_together(desk: Desk, commands: Sequence[Command]) -> None:
    """Queue all commands while the worker is busy, so it finds them waiting together."""
    gate = threading.Event()
    desk.worker.call(lambda: gate.wait(timeout=30))
    for command in commands:
        desk.worker.submit(command)
    gate.set()
    assert desk.worker.wait_idle(timeout=60)


def replay_differences(desk: Desk, tmp_path: Path) -> list[str]:
    scratch = scratch_engine(str(tmp_path / "rebuilt.db"))
    try:
        rebuild(desk.engine, scratch)
        return [str(d) for d in differences(desk.engine, scratch)]
    finally:
        scratch.dispose()


def answers_by_command(heard: list[Event]) -> dict[str, type[Event]]:
    return {event.causation_id: type(event) for event in heard}


def test_queued_payments_are_committed_in_a_group_and_all_posted(
    running_desk: Desk, tmp_path: Path
) -> None:
    desk = running_desk
    heard = listen(desk.bus)
    commands = [cash_deposit(f"group-{i}", amount=100 + i) for i in range(50)]

    submit_together(desk, commands)

    assert desk.worker.groups_committed >= 1
    assert desk.worker.largest_group == 50
    answers = answers_by_command(heard)
    assert [answers[c.message_id] for c in commands] == [PaymentPosted] * 50
    # Results are published in the order the commands were submitted.
    posted_ids = [e.payment_id for e in heard if isinstance(e, PaymentPosted)]
    assert posted_ids == [c.payment_id for c in commands]
    alice = desk.queries.account(ALICE)
    assert alice is not None and alice.posted == sum(100 + i for i in range(50))
    assert desk.queries.count("payments") == 50
    assert verify(desk.engine) == []
    assert replay_differences(desk, tmp_path) == []


def test_a_login_queued_among_payments_runs_outside_their_commit_group(
    running_desk: Desk,
) -> None:
    """Checking a password takes ~170 ms of Argon2: it must not hold a group's write lock."""
    desk = running_desk
    heard = listen(desk.bus)
    before = [cash_deposit(f"before-{i}", amount=100 + i) for i in range(5)]
    after = [cash_deposit(f"after-{i}", amount=200 + i) for i in range(5)]
    login = LogIn(name="teller1", password=PASSWORDS["teller1"], desk="second desk")

    submit_together(desk, [*before, login, *after])

    # The five before it in one group, the login alone, the five after it in another.
    assert desk.worker.largest_group == 5
    answers = answers_by_command(heard)
    assert answers[login.message_id] is LoginSucceeded
    assert [answers[c.message_id] for c in before + after] == [PaymentPosted] * 10


def test_a_payment_submitted_twice_in_one_group_posts_once(running_desk: Desk) -> None:
    desk = running_desk
    heard = listen(desk.bus)
    first, again = cash_deposit("same-form", 2_500), cash_deposit("same-form", 2_500)

    submit_together(desk, [cash_deposit("other", 100), first, again])

    answers = answers_by_command(heard)
    assert answers[first.message_id] is PaymentPosted
    assert answers[again.message_id] is PaymentAlreadyPosted
    assert desk.worker.groups_committed == 1
    assert desk.queries.count("payments") == 2
    alice = desk.queries.account(ALICE)
    assert alice is not None and alice.posted == 2_600
    assert verify(desk.engine) == []


@dataclass(frozen=True, kw_only=True)
class OpenGhostThenCrash(Command):
    """A command whose (buggy) handler writes, then fails."""


@dataclass(frozen=True, kw_only=True)
class PostToNowhere(Command):
    """A command whose write the database itself refuses half-way (foreign keys)."""


@dataclass(frozen=True, kw_only=True)
class QueryMissingTable(Command):
    """A command that fails on a database error before writing anything."""


def wire_faulty_commands(desk: Desk) -> None:
    def open_ghost_then_crash(command: OpenGhostThenCrash) -> Sequence[Event]:
        with UnitOfWork(desk.engine) as uow:
            uow.record(
                AccountOpened(
                    account_id="GHOST",
                    holder_name="Ghost",
                    kind="customer",
                    currency="EUR",
                    overdraft_limit=0,
                    aggregate_version=1,
                )
            )
            raise RuntimeError("crashed after writing")

    def post_to_nowhere(command: PostToNowhere) -> Sequence[Event]:
        with UnitOfWork(desk.engine) as uow:
            uow.record(
                PaymentPosted(
                    payment_id="nowhere",
                    kind=PaymentKind.TRANSFER,
                    debit_account="NO-SUCH-1",
                    credit_account="NO-SUCH-2",
                    amount=1,
                    currency="EUR",
                    reference="",
                    business_date="2024-01-02",
                    request_hash="x" * 64,
                    aggregate_version=1,
                    postings=[
                        {
                            "leg": 1,
                            "account_id": "NO-SUCH-1",
                            "direction": Direction.DEBIT,
                            "amount": 1,
                        },
                        {
                            "leg": 2,
                            "account_id": "NO-SUCH-2",
                            "direction": Direction.CREDIT,
                            "amount": 1,
                        },
                    ],
                )
            )
        return uow.recorded

    def query_missing_table(command: QueryMissingTable) -> Sequence[Event]:
        from sqlalchemy import text

        with UnitOfWork(desk.engine) as uow:
            uow.conn.execute(text("SELECT * FROM no_such_table"))
        return []

    desk.bus.handle_command(OpenGhostThenCrash, open_ghost_then_crash)
    desk.bus.handle_command(PostToNowhere, post_to_nowhere)
    desk.bus.handle_command(QueryMissingTable, query_missing_table)


@pytest.mark.parametrize("position", ["first", "between"])
@pytest.mark.parametrize("faulty", [OpenGhostThenCrash, PostToNowhere, QueryMissingTable])
def test_one_failing_command_in_a_group_costs_only_itself(
    running_desk: Desk,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    faulty: type[Command],
    position: str,
) -> None:
    desk = running_desk
    wire_faulty_commands(desk)
    heard = listen(desk.bus)
    before, bad, after = cash_deposit("before", 300), faulty(), cash_deposit("after", 400)
    group = [bad, before, after] if position == "first" else [before, bad, after]

    with caplog.at_level(logging.CRITICAL):
        submit_together(desk, group)

    answers = answers_by_command(heard)
    assert answers == {
        before.message_id: PaymentPosted,
        bad.message_id: CommandFailed,
        after.message_id: PaymentPosted,
    }
    # Each answer was given once: nothing reported from the abandoned group. A payment's
    # answer is its three events: created, risk-checked, posted.
    lifecycle = [PaymentCreated, PaymentRiskChecked, PaymentPosted]
    assert sorted((e.causation_id, type(e).__name__) for e in heard) == sorted(
        [(bad.message_id, "CommandFailed")]
        + [(c.message_id, t.__name__) for c in (before, after) for t in lifecycle]
    )
    alice = desk.queries.account(ALICE)
    assert alice is not None and alice.posted == 700
    with desk.engine.connect() as conn:
        assert (
            conn.execute(
                select(accounts.c.account_id).where(accounts.c.account_id == "GHOST")
            ).all()
            == []
        )
        stored = conn.execute(
            select(events.c.aggregate_id, events.c.event_type).order_by(events.c.seq)
        ).all()
        assert [tuple(row) for row in stored[-6:]] == [
            (payment, t.__name__) for payment in ("before", "after") for t in lifecycle
        ]
    assert verify(desk.engine) == []
    assert replay_differences(desk, tmp_path) == []
