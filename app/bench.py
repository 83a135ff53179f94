"""The posting benchmark: our whole path against plain sqlite3 with the same settings.

Loads through the same path (worker thread -> bus -> handler -> one transaction with
payment, postings, balances, events -> result event):
- one at a time: each payment waits for the previous result, as at a single counter;
- queued: all submitted at once, as when many desks or a batch feed one ledger; the
  worker then commits waiting payments in groups. Its rate is the capacity;
- offered load: payments arriving at random (Poisson: exponential gaps, seeded) at 50, 80
  and 95 % of that capacity, the latency of each from submission to its answer.

`rows` gives them as the benchmark rows of `bench --json` (one dict per row).
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.bootstrap import Desk, bootstrap
from app.signing import SignedIn, hire_and_sign_in, sign_in_an_admin
from bus import CommandFailed, CommandRejected, Event, MessageBus, new_id
from domain.drawers.commands import CountOpeningCash, StartDrawerSession
from domain.drawers.queries import DrawerQueries, DrawerSessionView
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.operators.roles import TELLER
from domain.payments.commands import SubmitPayment
from domain.payments.events import PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT, TRANSFER
from domain.payments.risk.rules import RiskPolicy


class _Results:
    """Collects result events and the moment each payment's result arrived."""

    def __init__(self, desk: Desk) -> None:
        self.arrived: dict[str, float] = {}
        self.failures: list[Event] = []
        self.one = threading.Event()
        self.all = threading.Event()
        self.expected = 0
        for event_type in (PaymentPosted, CommandRejected, CommandFailed):
            desk.bus.subscribe(event_type, self._on_result)

    def _on_result(self, event: Event) -> None:
        if isinstance(event, CommandRejected | CommandFailed):
            self.failures.append(event)
        self.arrived[event.causation_id] = time.perf_counter()
        self.one.set()
        if len(self.arrived) >= self.expected:
            self.all.set()


def _payments(
    prefix: str,
    count: int,
    drawer: str,
    alice: str,
    bob: str,
    teller: str,
    session: str,
    first: int = 0,
) -> list[SubmitPayment]:
    commands = []
    for i in range(first, first + count):
        if i % 2 == 0:
            kind, debit, credit, amount = CASH_DEPOSIT, drawer, alice, 1_000 + i
        else:
            # Amounts differ so the duplicate rule has no reason to ask for a confirmation.
            kind, debit, credit, amount = TRANSFER, alice, bob, 500 + i
        commands.append(
            SubmitPayment(
                payment_id=f"{prefix}-{i}",
                kind=kind,
                debit_account=debit,
                credit_account=credit,
                amount=amount,
                currency="EUR",
                actor=teller,
                login_session=session,
            )
        )
    return commands


def _figures(
    prefix: str,
    commands: list[SubmitPayment],
    submitted: dict[str, float],
    results: _Results,
    elapsed: float,
) -> dict[str, float]:
    if results.failures:
        raise RuntimeError(f"benchmark payment failed: {results.failures[0]}")
    latencies = sorted(results.arrived[c.message_id] - submitted[c.message_id] for c in commands)
    return {
        f"{prefix}_per_second": len(commands) / elapsed,
        f"{prefix}_p50_ms": statistics.median(latencies) * 1000,
        f"{prefix}_p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def bench_policy() -> RiskPolicy:
    """The default rules, with limits no benchmark payment reaches: every rule still
    runs (its cost is measured), none holds a payment. Velocity keeps its limit of 10
    but looks back no time at all, so its query costs what it costs at a real counter
    (a handful of rows), not a scan of the thousands the benchmark keys in a minute."""
    return replace(
        RiskPolicy.load(), daily_account=10**9, daily_teller=10**9, velocity_window=timedelta(0)
    )


def expect_done(results: list[Event]) -> None:
    """A set-up step the desk refused or failed stops the benchmark: its figures would
    measure something else."""
    for event in results:
        if isinstance(event, CommandRejected | CommandFailed):
            raise RuntimeError(f"benchmark set-up failed: {event}")


def open_empty_drawer(
    bus: SignedIn | MessageBus, drawers: DrawerQueries, teller: str
) -> DrawerSessionView:
    """The teller's drawer session, started and counted empty: a benchmark teller keys
    cash payments through every check a real one meets."""
    expect_done(bus.dispatch(StartDrawerSession(session_id=new_id(), actor=teller)))
    session = drawers.current_session(teller)
    if session is None:
        raise RuntimeError(f"benchmark set-up failed: no drawer session for {teller}")
    expect_done(
        bus.dispatch(CountOpeningCash(session_id=session.session_id, counts=[], actor=teller))
    )
    return session


def open_customers(
    bus: SignedIn | MessageBus, teller: str, *account_ids: str, holder: str = "Bench"
) -> None:
    """Customer accounts in euros for the benchmark's payments, opened by `teller`."""
    for account_id in account_ids:
        account = OpenAccount(
            account_id=account_id,
            holder_name=holder,
            kind=kinds.CUSTOMER,
            currency="EUR",
            actor=teller,
        )
        expect_done(bus.dispatch(account))


# The offered loads, in % of the measured group-commit capacity.
OFFERED = (50, 80, 95)


def bench_app(url: str, payments: int) -> dict[str, float]:
    desk = bootstrap(url, risk_policy=bench_policy())
    try:
        results = _Results(desk)
        tag = str(time.time_ns())[-8:]
        # A teller of its own, with an open drawer: the bench goes through every check.
        teller = f"bench{tag}"
        signed = SignedIn(desk.bus, desk="bench")
        admin, _ = sign_in_an_admin(signed, desk.operators)
        hire_and_sign_in(signed, admin, teller, TELLER)
        session = open_empty_drawer(signed, desk.drawers, teller)
        drawer, alice, bob = session.drawer_account, f"BA{tag}", f"BB{tag}"
        open_customers(signed, teller, alice, bob)
        figures: dict[str, float] = {}

        def keyed(label: str, first: int) -> list[SubmitPayment]:
            return _payments(
                f"{tag}-{label}",
                payments,
                drawer,
                alice,
                bob,
                teller,
                signed.sessions[teller],
                first=first,
            )

        def queue_all(
            label: str, commands: list[SubmitPayment], rate: float | None = None, seed: int = 0
        ) -> dict[str, float]:
            """Hand every command to the worker without waiting for answers: at once,
            or at Poisson arrivals of `rate` a second; the figures once all answered."""
            gaps = random.Random(seed)
            results.expected = len(results.arrived) + len(commands)
            results.all.clear()
            submitted: dict[str, float] = {}
            started = due = time.perf_counter()
            for command in commands:
                if rate is not None:
                    due += gaps.expovariate(rate)
                    wait = due - time.perf_counter()
                    if wait > 0:
                        time.sleep(wait)
                submitted[command.message_id] = time.perf_counter()
                desk.worker.submit(command)
            results.all.wait()
            return _figures(label, commands, submitted, results, time.perf_counter() - started)

        # One at a time.
        commands = keyed("s", 0)
        submitted: dict[str, float] = {}
        started = time.perf_counter()
        for command in commands:
            results.one.clear()
            submitted[command.message_id] = time.perf_counter()
            desk.worker.submit(command)
            results.one.wait()
        figures |= _figures("serial", commands, submitted, results, time.perf_counter() - started)

        # Queued.
        groups_before = desk.worker.groups_committed
        figures |= queue_all("queued", keyed("q", payments))
        figures["queued_commit_groups"] = desk.worker.groups_committed - groups_before

        # Offered load: Poisson arrivals at a share of the capacity just measured.
        for number, share in enumerate(OFFERED, start=2):
            rate = share / 100 * figures["queued_per_second"]
            commands = keyed(f"o{share}", number * payments)
            figures |= queue_all(f"offered_{share}", commands, rate, seed=share)
            figures[f"offered_{share}_offered_per_second"] = rate
    finally:
        desk.close()
    return figures


def bench_raw_sqlite(path: Path, payments: int) -> float:
    """One payment per commit: one insert, two balance updates; WAL, synchronous=FULL."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE balances (account TEXT PRIMARY KEY, amount INTEGER)")
    conn.execute(
        "CREATE TABLE payments (id TEXT PRIMARY KEY, debit TEXT, credit TEXT, amount INTEGER)"
    )
    conn.executemany("INSERT INTO balances VALUES (?, 0)", [("a",), ("b",)])
    started = time.perf_counter()
    for i in range(payments):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO payments VALUES (?, 'a', 'b', 100)", (str(i),))
        conn.execute("UPDATE balances SET amount = amount - 100 WHERE account = 'a'")
        conn.execute("UPDATE balances SET amount = amount + 100 WHERE account = 'b'")
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return payments / elapsed


def run_benchmark(payments: int = 2000, url: str | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="teller-bench-") as folder:
        app_url = url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = bench_app(app_url, payments)
        raw = bench_raw_sqlite(Path(folder) / "raw.db", payments)
    result: dict[str, Any] = {
        "payments": payments,
        "database": "sqlite" if url is None else url.split(":", 1)[0],
        **{k: round(v, 3) for k, v in app.items()},
        "raw_sqlite3_per_second": round(raw, 1),
        "ratio_serial": round(app["serial_per_second"] / raw, 3),
        "ratio_queued": round(app["queued_per_second"] / raw, 3),
    }
    result["rows"] = rows_of(result)
    return result


def rows(payments: int = 2000, url: str | None = None) -> list[dict[str, Any]]:
    """The posting rows of `bench --json` (issue #14's row format), from one run."""
    rows_: list[dict[str, Any]] = run_benchmark(payments, url)["rows"]
    return rows_


def rows_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    raw = result["raw_sqlite3_per_second"]
    plain = "plain sqlite3, one insert and two updates per commit, WAL, synchronous=FULL"
    out: list[dict[str, Any]] = []
    for row, mode, what, goal in (
        ("one_per_commit", "serial", "payments posted one at a time, one commit each", 0.5),
        ("group_commit_capacity", "queued", "payments queued at once (group commit)", 2.0),
    ):
        figure = round(result[f"{mode}_per_second"], 1)
        ratio = figure / raw
        out.append(
            {
                "row": row,
                "what": f"{what}, {result['database']}",
                "figure": figure,
                "unit": "per_s",
                "limit": raw,
                "limit_what": plain,
                "ratio": round(ratio, 3),
                "goal": f">= {goal:g}x",
                "met": ratio >= goal,
                "p50_ms": round(result[f"{mode}_p50_ms"], 2),
                "p99_ms": round(result[f"{mode}_p99_ms"], 2),
                "payments": result["payments"],
            }
        )
    # A plain commit's time is the least any one payment can take.
    commit_ms = round(1000 / raw, 3)
    for share in OFFERED:
        p99 = round(result[f"offered_{share}_p99_ms"], 2)
        out.append(
            {
                "row": f"offered_{share}",
                "what": f"Poisson arrivals at {share} % of the group-commit capacity: "
                "p99 latency from submission to answer",
                "figure": p99,
                "unit": "ms",
                "limit": commit_ms,
                "limit_what": f"one commit of {plain}",
                "ratio": round(p99 / commit_ms, 3),
                "goal": "p99 < 20 ms" if share == 80 else "report",
                "met": p99 < 20 if share == 80 else None,
                "p50_ms": round(result[f"offered_{share}_p50_ms"], 2),
                "p99_ms": p99,
                "offered_per_s": round(result[f"offered_{share}_offered_per_second"], 1),
                "achieved_per_s": round(result[f"offered_{share}_per_second"], 1),
                "payments": result["payments"],
            }
        )
    return out
