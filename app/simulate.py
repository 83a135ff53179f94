"""A day at the counter, simulated, against the real desk.

Customers arrive as a seeded Poisson process and queue for C tellers whose service
times are exponential: a discrete-event simulation in simulated minutes, measured
against the M/M/c prediction (domain.flow.queues). Every served customer then keys a
real payment through a desk's bus worker and handlers (app.bootstrap), in simulated-time
order and paced to the wall clock by `speed`; the desk's clock reads the simulated time,
so the stored events carry the simulated day and the Flow screen and `staffing
--from-events` read it like any other day. A few customers bring a deposit above the
teller's limit: it is held, and one simulated supervisor decides each in turn.

The bus worker is a queue of its own: commands arrive, one thread serves them in order.
Its wait and service are measured exactly (a marker runs on the worker just before each
command) and set against M/M/1. The marker keeps the worker from grouping commands into
one commit, so the simulation measures the one-at-a-time path.
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.bench import bench_policy, open_empty_drawer
from app.bootstrap import Desk, bootstrap
from app.signing import SignedIn, hire_and_sign_in, sign_in_an_admin
from bus import Command, CommandFailed, CommandRejected, Event, new_id
from domain.drawers.sessions import drawer_account_id
from domain.flow import queues
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.operators.roles import SUPERVISOR, TELLER
from domain.payments.commands import ApprovePayment, DeclinePayment, SubmitPayment
from domain.payments.events import PaymentDeclined, PaymentHeld, PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT

CURRENCY = "EUR"
PERCENTILES = (50, 80, 90, 95)


@dataclass(frozen=True)
class Customer:
    arrived: float
    started: float
    finished: float
    teller: int

    @property
    def wait(self) -> float:
        return self.started - self.arrived


def simulate_counter(
    desks: int, arrival_rate: float, service_rate: float, minutes: float, rng: random.Random
) -> list[Customer]:
    """FCFS with `desks` tellers for customers arriving in [0, minutes); everyone who
    arrived is served (the queue drains after closing)."""
    customers: list[Customer] = []
    free = [(0.0, k) for k in range(desks)]  # (free from, teller)
    t = rng.expovariate(arrival_rate)
    while t < minutes:
        free_at, teller = heapq.heappop(free)
        started = max(t, free_at)
        finished = started + rng.expovariate(service_rate)
        customers.append(Customer(t, started, finished, teller))
        heapq.heappush(free, (finished, teller))
        t += rng.expovariate(arrival_rate)
    return customers


def _overlap(start: float, end: float, horizon: float) -> float:
    return max(0.0, min(end, horizon) - max(start, 0.0))


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1)]


def counter_figures(
    customers: list[Customer], desks: int, arrival_rate: float, service_rate: float, minutes: float
) -> dict[str, Any]:
    """Measured over [0, minutes) beside the M/M/c prediction: utilisation is busy time
    over C·T, the mean queue is the time-average number waiting, the waits are those of
    everyone who arrived."""
    predicted = queues.mmc(arrival_rate, service_rate, desks)
    waits = sorted(c.wait for c in customers)
    busy = sum(_overlap(c.started, c.finished, minutes) for c in customers)
    queued = sum(_overlap(c.arrived, c.started, minutes) for c in customers)
    figures: dict[str, Any] = {
        "desks": desks,
        "arrival_rate_per_min": arrival_rate,
        "service_rate_per_min": service_rate,
        "minutes": minutes,
        "arrived": len(customers),
        "measured_arrival_rate_per_min": len(customers) / minutes,
        "measured_utilisation": busy / (desks * minutes),
        "predicted_utilisation": predicted.utilisation,
        "measured_probability_of_waiting": (
            sum(1 for w in waits if w > 0) / len(waits) if waits else 0.0
        ),
        "predicted_probability_of_waiting": predicted.probability_of_waiting,
        "measured_mean_wait_min": statistics.fmean(waits) if waits else 0.0,
        "predicted_mean_wait_min": predicted.mean_wait,
        "measured_mean_queue": queued / minutes,
        "predicted_mean_queue": predicted.mean_queue,
    }
    for p in PERCENTILES:
        figures[f"measured_wait_p{p}_min"] = _percentile(waits, p)
        figures[f"predicted_wait_p{p}_min"] = (
            queues.wait_quantile(arrival_rate, service_rate, desks, p / 100)
            if predicted.stable
            else math.inf
        )
    return figures


class SimulatedClock:
    """The desk's clock during a simulation: set on the worker thread just before each
    command, so every stored event carries the simulated moment of its command."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self._now = start

    def set_minutes(self, minutes: float) -> None:
        self._now = self.start + timedelta(minutes=minutes)

    def __call__(self) -> datetime:
        return self._now


@dataclass
class _BusLog:
    """Wall-clock moments of each command: submitted, started on the worker, answered."""

    submitted: dict[str, float] = field(default_factory=dict)
    started: dict[str, float] = field(default_factory=dict)
    answered: dict[str, float] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: threading.Event = field(default_factory=threading.Event)
    expected: int = 0

    def on_result(self, event: Event) -> None:
        key = event.causation_id
        if key not in self.submitted or key in self.answered:
            return
        self.answered[key] = time.perf_counter()
        if isinstance(event, CommandRejected | CommandFailed):
            self.failures.append(str(getattr(event, "reason", event)))
            self.outcomes[key] = "refused"
        elif isinstance(event, PaymentHeld):
            self.outcomes[key] = "held"
        else:
            self.outcomes[key] = "done"
        if len(self.answered) >= self.expected:
            self.done.set()


def bus_figures(log: _BusLog) -> dict[str, Any]:
    """The worker as an M/M/1 queue: λ commands per second submitted, μ = 1/mean
    service, the measured mean wait (started - submitted) beside ρ/(μ - λ)."""
    keys = [k for k in log.submitted if k in log.started and k in log.answered]
    if len(keys) < 2:
        return {"bus_commands": len(keys)}
    first = min(log.submitted[k] for k in keys)
    last = max(log.submitted[k] for k in keys)
    arrival = (len(keys) - 1) / (last - first) if last > first else math.inf
    services = [log.answered[k] - log.started[k] for k in keys]
    waits = [log.started[k] - log.submitted[k] for k in keys]
    service_rate = 1 / statistics.fmean(services)
    predicted = (
        queues.mm1(arrival, service_rate)
        if math.isfinite(arrival)
        else queues.mm1(service_rate, service_rate)
    )
    return {
        "bus_commands": len(keys),
        "bus_arrival_rate_per_s": arrival,
        "bus_service_rate_per_s": service_rate,
        "bus_utilisation": arrival / service_rate,
        "bus_measured_mean_wait_ms": statistics.fmean(waits) * 1000,
        "bus_predicted_mean_wait_ms": predicted.mean_wait * 1000,
        "bus_measured_mean_service_ms": statistics.fmean(services) * 1000,
    }


@dataclass
class _Bank:
    tellers: list[str]
    drawers: list[str]
    supervisor: str
    customers: list[str]
    signed: SignedIn


def _open_bank(desk: Desk, desks: int, tag: str) -> _Bank:
    """C tellers with counted drawers, a supervisor, and customer accounts."""

    signed = SignedIn(desk.bus, desk="simulate")

    def send(command: Command) -> None:
        for result in signed.dispatch(command):
            if isinstance(result, CommandRejected | CommandFailed):
                raise RuntimeError(f"setting up the simulated bank: {result}")

    tellers = [f"sim{tag}t{k + 1}" for k in range(desks)]
    supervisor = f"sim{tag}sup"
    admin, _ = sign_in_an_admin(signed, desk.operators)
    for name, role in [*((t, TELLER) for t in tellers), (supervisor, SUPERVISOR)]:
        hire_and_sign_in(signed, admin, name, role)
    drawers = []
    for teller in tellers:
        open_empty_drawer(signed, desk.drawers, teller)
        drawers.append(drawer_account_id(teller))
    customers = [f"S{tag}{i:03d}" for i in range(40)]
    for number in customers:
        send(
            OpenAccount(
                account_id=number,
                holder_name=f"Customer {number[-3:]}",
                kind=kinds.CUSTOMER,
                currency=CURRENCY,
                actor=tellers[0],
            )
        )
    return _Bank(tellers, drawers, supervisor, customers, signed)


def _local_morning() -> datetime:
    """08:00 local time today, as UTC: the simulated day opens then."""
    local = datetime.now().astimezone()
    return local.replace(hour=8, minute=0, second=0, microsecond=0).astimezone(UTC)


def run_simulation(
    *,
    desks: int,
    arrival_rate: float,
    service_rate: float,
    minutes: float,
    speed: float,
    seed: int,
    url: str | None = None,
    held_share: float = 0.02,
    approval_minutes: float = 4.0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Simulate, drive the desk with every served customer's payment, and measure."""
    rng = random.Random(seed)
    customers = simulate_counter(desks, arrival_rate, service_rate, minutes, rng)
    figures = counter_figures(customers, desks, arrival_rate, service_rate, minutes)
    # A scratch database needs no durability: in memory-backed /dev/shm where there is one.
    scratch_root = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="teller-sim-", dir=scratch_root) as folder:
        db = url or f"sqlite:///{Path(folder) / 'simulation.db'}"
        figures |= _drive_desk(
            db,
            customers,
            rng,
            speed=speed,
            held_share=held_share,
            approval_minutes=approval_minutes,
            progress=progress,
        )
        figures["database"] = "scratch sqlite" if url is None else db.split(":", 1)[0]
    figures["seed"] = seed
    figures["speed"] = speed
    return figures


def _drive_desk(
    url: str,
    customers: list[Customer],
    rng: random.Random,
    *,
    speed: float,
    held_share: float,
    approval_minutes: float,
    progress: Callable[[str], None] | None,
) -> dict[str, Any]:
    clock = SimulatedClock(_local_morning())
    desk = bootstrap(url, risk_policy=bench_policy(), clock=clock)
    try:
        tag = str(time.time_ns())[-6:]
        bank = _open_bank(desk, len({c.teller for c in customers}) or 1, tag)
        # (simulated minute, order, command): payments at the end of service; held ones
        # decided by one supervisor, first come first served, exponential decision times.
        plan: list[tuple[float, int, Command]] = []
        supervisor_free = 0.0
        for i, c in enumerate(sorted(customers, key=lambda c: c.finished)):
            large = rng.random() < held_share
            amount = rng.randrange(1_100_000, 2_000_000) if large else rng.randrange(1_000, 200_000)
            payment_id = new_id()
            teller = bank.tellers[c.teller % len(bank.tellers)]
            plan.append(
                (
                    c.finished,
                    2 * i,
                    SubmitPayment(
                        payment_id=payment_id,
                        kind=CASH_DEPOSIT,
                        debit_account=bank.drawers[c.teller % len(bank.drawers)],
                        credit_account=rng.choice(bank.customers),
                        amount=amount,
                        currency=CURRENCY,
                        reference="simulated customer",
                        confirm_duplicate=True,
                        actor=teller,
                    ),
                )
            )
            if large:
                decided = max(c.finished, supervisor_free) + rng.expovariate(1 / approval_minutes)
                supervisor_free = decided
                decision: Command = (
                    DeclinePayment(
                        payment_id=payment_id,
                        reason="customer could not show where the cash came from",
                        actor=bank.supervisor,
                    )
                    if rng.random() < 0.2
                    else ApprovePayment(
                        payment_id=payment_id, note="source of funds shown", actor=bank.supervisor
                    )
                )
                plan.append((decided, 2 * i + 1, decision))
        plan = [(at, order, bank.signed.stamp(command)) for at, order, command in plan]
        plan.sort(key=lambda item: (item[0], item[1]))

        log = _BusLog(expected=len(plan))
        for event_type in (
            PaymentPosted,
            PaymentHeld,
            PaymentDeclined,
            CommandRejected,
            CommandFailed,
        ):
            desk.bus.subscribe(event_type, log.on_result)
        wall_start = time.perf_counter()
        for n, (minute, _, command) in enumerate(plan):
            if speed > 0:
                due = wall_start + minute * 60 / speed
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)

            def mark(key: str = command.message_id, at: float = minute) -> None:
                clock.set_minutes(at)
                log.started[key] = time.perf_counter()

            log.submitted[command.message_id] = time.perf_counter()
            desk.worker.call(mark)
            desk.worker.submit(command)
            if progress and n and n % 2000 == 0:
                progress(f"{n} of {len(plan)} commands submitted")
        if not log.done.wait(timeout=600):
            raise RuntimeError("the desk did not answer every simulated command")
        wall = time.perf_counter() - wall_start
        outcomes = list(log.outcomes.values())
        served = sum(
            1
            for m, _, c in plan
            if isinstance(c, SubmitPayment) and log.outcomes.get(c.message_id) in ("done", "held")
        )
        return {
            "served": served,
            "payments_held": outcomes.count("held"),
            "commands_refused": len(log.failures),
            "first_refusal": log.failures[0] if log.failures else "",
            "wall_seconds": wall,
            **bus_figures(log),
        }
    finally:
        desk.close()
