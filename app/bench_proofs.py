"""Benchmark rows for the proofs and the long reports, each beside its raw limit
measured in the same run (issue #14's row format; `rows()` is what `bench --json` prints).

The event log is a real one: accounts opened and
`payments` cash deposits posted, appended at the driver level with the app's own hash chain
(`EventAppender`) and applied by the app's own projections, in one transaction. Putting
them through the handlers would take minutes and measure the posting path, which
`python main.py bench` does; `verify` and `replay --check` read only what is stored.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

Progress = Callable[[int, int], None]

RAW_VERIFY_WHAT = (
    "plain sqlite3 reading the same event rows and hashing them (canonical JSON + sha256, "
    "chain and hash compared)"
)


def build_event_log(path: Path, payments: int, on_progress: Progress | None = None) -> str:
    """A SQLite ledger: a drawer, 1,000 customers and `payments` cash deposits posted on
    the open business date, all as stored events with their projections; returns its URL."""
    from sqlalchemy import Connection, select

    from app.bootstrap import bootstrap
    from domain.eventstore.projections import apply_event
    from domain.eventstore.store import EventAppender, lock_head
    from domain.eventstore.tables import business_dates
    from domain.ledger.accounts import Direction
    from domain.ledger.events import AccountOpened
    from domain.payments.events import PaymentPosted
    from domain.payments.kinds import PaymentKind
    from domain.reporting.replay import _DriverWriter

    url = f"sqlite:///{path}"
    desk = bootstrap(url, start_worker=False)
    try:
        with desk.engine.connect() as conn:
            # The app's SQLite connections leave BEGIN to the writer (app.database).
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            day = conn.execute(
                select(business_dates.c.business_date).where(business_dates.c.status == "open")
            ).scalar_one()
            appender = EventAppender(conn, lock_head(conn))
            writer = cast(Connection, _DriverWriter(conn))
            drawer = "DRAWER-BENCH"
            customers = [str(20_000_000 + i) for i in range(1_000)]
            for number, holder, kind in [(drawer, "Cash drawer of bench", "drawer")] + [
                (c, f"Customer {c}", "customer") for c in customers
            ]:
                opened = AccountOpened(
                    actor="admin",
                    aggregate_version=1,
                    account_id=number,
                    holder_name=holder,
                    kind=kind,
                    currency="EUR",
                    overdraft_limit=10**15 if kind == "drawer" else 0,
                )
                apply_event(writer, opened, appender.append(opened))
            appender.flush()
            appender = EventAppender(conn, lock_head(conn))
            moment = datetime.now(UTC)
            for i in range(payments):
                amount = 100 + i % 9_900
                credit = customers[i % len(customers)]
                event = PaymentPosted(
                    actor="teller1",
                    aggregate_version=1,
                    occurred_at=moment + timedelta(microseconds=i),
                    payment_id=str(uuid.UUID(int=(1 << 100) + i)),
                    kind=PaymentKind.CASH_DEPOSIT,
                    debit_account=drawer,
                    credit_account=credit,
                    amount=amount,
                    currency="EUR",
                    reference=f"bench {i}",
                    business_date=day.isoformat(),
                    request_hash=hashlib.sha256(str(i).encode()).hexdigest(),
                    postings=[
                        {
                            "leg": 1,
                            "account_id": drawer,
                            "direction": Direction.DEBIT,
                            "amount": amount,
                        },
                        {
                            "leg": 2,
                            "account_id": credit,
                            "direction": Direction.CREDIT,
                            "amount": amount,
                        },
                    ],
                )
                apply_event(writer, event, appender.append(event))
                if (i + 1) % 20_000 == 0:
                    appender.flush()
                    appender = EventAppender(conn, lock_head(conn))
                    if on_progress is not None:
                        on_progress(i + 1, payments)
            appender.flush()
            conn.commit()
    finally:
        desk.close()
    return url


def raw_verify_seconds(path: Path) -> tuple[float, int]:
    """The limit: sqlite3 alone reads every event and recomputes its hash."""
    from domain.eventstore.scan import COLUMNS

    names = COLUMNS[:-1]
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    prev, count = "0" * 64, 0
    for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM events ORDER BY seq"):
        content = dict(zip(names, row, strict=False))
        moment = row[6]
        content["occurred_at"] = f"{moment[:10]}T{moment[11:]}Z"
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        if digest != row[12] or row[11] != prev:
            raise AssertionError(f"event {row[0]} does not verify")
        prev, count = digest, count + 1
    conn.close()
    return time.perf_counter() - started, count


def verify_seconds(url: str) -> float:
    from app.database import make_engine
    from domain.reporting.audit import verify

    engine = make_engine(url, read_only=True)
    started = time.perf_counter()
    faults = verify(engine)
    took = time.perf_counter() - started
    engine.dispose()
    assert not faults, faults
    return took


def replay_seconds(url: str) -> float:
    from app.database import make_engine
    from domain.reporting.replay import differences, rebuild, scratch_engine

    live = make_engine(url, read_only=True)
    with tempfile.TemporaryDirectory(prefix="teller-bench-replay-") as folder:
        started = time.perf_counter()
        scratch = scratch_engine(str(Path(folder) / "rebuilt.db"))
        rebuild(live, scratch)
        found = list(differences(live, scratch))
        took = time.perf_counter() - started
        scratch.dispose()
    live.dispose()
    assert not found, found[:3]
    return took


def _significant(value: float, digits: int) -> float:
    # Figures from microseconds to minutes: a fixed number of decimals would make a small
    # one's ratio disagree with its own figure and limit.
    return float(f"{value:.{digits}g}")


def _row(
    row: str, what: str, figure: float, unit: str, limit: float | None, limit_what: str, **more: Any
) -> dict[str, Any]:
    goal = more.pop("goal", None)
    factor = more.pop("factor", None)
    ratio = None if limit is None or limit == 0 else _significant(figure / limit, 3)
    return {
        "row": row,
        "what": what,
        "figure": _significant(figure, 4),
        "unit": unit,
        "limit": None if limit is None else _significant(limit, 4),
        "limit_what": limit_what,
        "ratio": ratio,
        "goal": goal,
        "met": None if ratio is None or factor is None else ratio <= factor,
        **more,
    }


def proof_rows(payments: int = 30_000, on_progress: Progress | None = None) -> list[dict[str, Any]]:
    folder = Path(tempfile.mkdtemp(prefix="teller-bench-proofs-"))
    try:
        db = folder / "proofs.db"
        built = time.perf_counter()
        build_event_log(db, payments, on_progress)
        built_s = time.perf_counter() - built
        url = f"sqlite:///{db}"
        raw_s, count = raw_verify_seconds(db)
        verify_s = verify_seconds(url)
        replay_s = replay_seconds(url)
        size = {"events": count, "payments_added": payments, "build_s": round(built_s, 1)}
        return [
            _row(
                "verify",
                f"`verify` over {count:,} events (ledger sums and the whole hash chain)",
                verify_s,
                "s",
                raw_s,
                RAW_VERIFY_WHAT,
                goal="<= 2x",
                factor=2.0,
                **size,
            ),
            _row(
                "replay_check",
                f"`replay --check`: rebuild every table from {count:,} events and compare",
                replay_s,
                "s",
                raw_s,
                RAW_VERIFY_WHAT,
                goal="<= 3x",
                factor=3.0,
                **size,
            ),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def eod_seconds(path: Path) -> tuple[float, list[str]]:
    """Close the business date of `path` as a supervisor would (the CloseBusinessDate
    command, through the bus): seconds, and the names of the events it produced."""
    from app.bootstrap import bootstrap
    from app.signing import SignedIn, hire_and_sign_in, sign_in_an_admin
    from domain.business_day.commands import CloseBusinessDate
    from domain.operators.roles import SUPERVISOR

    desk = bootstrap(f"sqlite:///{path}", start_worker=False)
    try:
        assert desk.lifecycle is not None
        signed = SignedIn(desk.bus)
        admin, _ = sign_in_an_admin(signed, desk.operators)
        hire_and_sign_in(signed, admin, "super1", SUPERVISOR)
        day = desk.lifecycle.business_date()
        assert day is not None
        started = time.perf_counter()
        results = signed.dispatch(CloseBusinessDate(actor="super1", business_date=day.isoformat()))
        took = time.perf_counter() - started
        signed.log_out_all()
    finally:
        desk.close()
    return took, [type(r).__name__ for r in results]


def eod_row(payments: int = 100_000, on_progress: Progress | None = None) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="teller-bench-eod-"))
    try:
        db = folder / "eod.db"
        build_event_log(db, payments, on_progress)
        took, produced = eod_seconds(db)
        assert "BusinessDateClosed" in produced, produced
        return _row(
            "eod_100k",
            f"end of day (CloseBusinessDate through the bus) with {payments:,} payments "
            "posted on the day",
            took,
            "s",
            None,
            "none: reported only",
            goal="report",
            payments=payments,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def export_rows(payments: int = 200_000, accounts: int = 100_000) -> list[dict[str, Any]]:
    """CSV export, history first paint and lookup, from app.bench_export (each measured
    in a process of its own on data built with sqlite3 directly)."""
    from app.bench_export import run_export_benchmark

    figures = run_export_benchmark(payments, customers=accounts)
    app, raw = figures["csv_app"], figures["csv_raw"]
    history, lookup = figures["history"], figures["lookup"]
    return [
        _row(
            "csv_export",
            f"CSV export of {payments:,} payments",
            app["seconds"],
            "s",
            raw["seconds"],
            "plain sqlite3 + csv.writer over the same rows and columns",
            goal="<= 1.3x",
            factor=1.3,
            payments=payments,
        ),
        _row(
            "history_first_paint",
            f"account history of {payments:,} postings: window built to first page painted",
            history["first_paint_ms"],
            "ms",
            None,
            "none: must not get slower than 33 ms (issue #14, 1,000,000 postings)",
            goal="<= 33 ms at 1,000,000 postings",
            postings=payments,
        ),
        _row(
            "lookup_per_keystroke",
            f"account lookup per keystroke among {lookup['accounts']:,} accounts (p50)",
            lookup["find_p50_ms"],
            "ms",
            None,
            "none: must not get slower than 0.12 ms (issue #14, 100,000 accounts)",
            goal="<= 0.12 ms at 100,000 accounts",
            accounts=lookup["accounts"],
            max_ms=lookup["find_max_ms"],
        ),
    ]


def rows(
    payments: int = 30_000,
    export_payments: int = 200_000,
    accounts: int = 100_000,
    eod_payments: int = 100_000,
    *,
    on_progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Every row this module measures, sizes as given (a quick run passes smaller ones).
    The issue's sizes: about 91,000 events, 1,000,000 payments exported, 100,000 accounts,
    100,000 payments at end of day; the defaults are smaller where building takes long."""
    return [
        *proof_rows(payments, on_progress),
        *export_rows(export_payments, accounts),
        eod_row(eod_payments, on_progress),
    ]


if __name__ == "__main__":
    import sys

    if sys.argv[1] == "build":
        print(build_event_log(Path(sys.argv[2]), int(sys.argv[3])))
    else:
        from app.progress import progress

        sizes = [int(n) for n in sys.argv[1:]]
        with progress("bench proofs", unit=" payments") as tick:
            found = rows(*sizes, on_progress=tick)
        for row in found:
            print(json.dumps(row))
