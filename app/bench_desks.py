"""Many desks on one database: N desk processes posting on the same accounts.

Each desk is a process of its own with the whole path a desk has (worker thread, group
commit, bus, handlers, one transaction per group), keying cash deposits and transfers on
a few customer accounts every desk shares, so their writes meet on the same rows. The
run reports payments/s in total and per desk, latency from submit to result, failed
commands (must be 0), and afterwards, from the stored events, any acknowledged payment
that is missing (lost) or stored twice (doubled). Beside it, in the same run: plain
psycopg (or sqlite3) with as many connections, one insert and two balance updates per
commit, at the same durability.

Two loads per desk count:
- saturated: each desk keeps `window` payments in flight, as a desk does when payments
  queue up (the worker then commits them in groups): payments/s and latency;
- offered: Poisson arrivals at 80 % of the saturated rate: latency at a load the
  branch can carry.

    python -m app.bench_desks desk URL INDEX DESKS TELLER TAG SECONDS RATE WINDOW
runs one desk (the benchmark starts these; it prints one JSON line at the end).
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from app.bench import bench_policy, expect_done, open_empty_drawer
from app.bootstrap import bootstrap
from app.database import make_engine
from app.signing import SignedIn, hire_and_sign_in, sign_in_an_admin
from bus import CommandFailed, CommandRejected, Event
from domain.drawers.sessions import drawer_account_id
from domain.eventstore.tables import events
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.operators.roles import SUPERVISOR, TELLER
from domain.payments.commands import SubmitPayment
from domain.payments.events import PaymentAlreadyPosted, PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT, TRANSFER

ROOT = Path(__file__).resolve().parents[1]
SHARED_ACCOUNTS = 4
DEFAULT_DESKS = (1, 4, 8)


# -- the commands: built here only ---------------------------------------------------------


def shared_accounts(tag: str) -> list[str]:
    return [f"BS{tag}{j}" for j in range(SHARED_ACCOUNTS)]


def setup_commands(tag: str, supervisor: str) -> Iterator[Any]:
    """The customer accounts every desk posts on. The tellers and their drawer sessions
    are made by `prepare` (their passwords and session ids come from there)."""
    for account_id in shared_accounts(tag):
        # An overdraft no benchmark reaches: transfers are never refused for funds,
        # whichever desk's deposit lands first.
        yield OpenAccount(
            account_id=account_id,
            holder_name="Bench",
            kind=kinds.CUSTOMER,
            currency="EUR",
            overdraft_limit=10**12,
            actor=supervisor,
        )


def teller_name(tag: str, index: int) -> str:
    return f"bd{tag}t{index}"


def payment(tag: str, index: int, desks: int, number: int) -> SubmitPayment:
    """Desk `index`'s `number`th payment: deposits from its drawer and transfers between
    the shared accounts, alternately. Amounts are unique in the run (the duplicate rule
    then has no reason to ask for a confirmation) and stay under every limit."""
    teller = teller_name(tag, index)
    accounts = shared_accounts(tag)
    unique = number * desks + index
    first = accounts[number % len(accounts)]
    if number % 2 == 0:
        return SubmitPayment(
            payment_id=f"{tag}-{index}-{number}",
            kind=CASH_DEPOSIT,
            debit_account=drawer_account_id(teller),
            credit_account=first,
            amount=100 + unique,
            currency="EUR",
            actor=teller,
        )
    second = accounts[(number + 1 + index) % len(accounts)]
    if second == first:
        second = accounts[(number + 2) % len(accounts)]
    return SubmitPayment(
        payment_id=f"{tag}-{index}-{number}",
        kind=TRANSFER,
        debit_account=first,
        credit_account=second,
        amount=100 + unique,
        currency="EUR",
        actor=teller,
    )


def prepare(
    url: str, tag: str, desks: int, admin: tuple[str, str] | None
) -> tuple[dict[str, str], tuple[str, str]]:
    """The bank every desk posts on; returns each teller's password, with which the
    desk processes log their tellers in (every command carries its login session), and
    the admin who hired them (made on an empty database, and kept for the next run)."""
    desk = bootstrap(url, start_worker=False, risk_policy=bench_policy())
    try:
        with SignedIn(desk.bus, desk="bench") as signed:
            admin = sign_in_an_admin(signed, desk.operators, admin)
            supervisor = f"bd{tag}sup"
            hire_and_sign_in(signed, admin[0], supervisor, SUPERVISOR)
            for command in setup_commands(tag, supervisor):
                expect_done(signed.dispatch(command))
            passwords = {}
            for index in range(desks):
                teller = teller_name(tag, index)
                passwords[teller] = hire_and_sign_in(signed, admin[0], teller, TELLER)
                open_empty_drawer(signed, desk.drawers, teller)
            return passwords, admin
    finally:
        desk.close()


# -- one desk (a process of its own) ------------------------------------------------------


class _Desk:
    def __init__(self, url: str, index: int, desks: int, tag: str) -> None:
        self.index, self.desks, self.tag = index, desks, tag
        self.desk = bootstrap(url, migrate=False, risk_policy=bench_policy())
        self.signed = SignedIn(self.desk.bus, desk=f"bench-desk-{index}")
        self.lock = threading.Lock()
        self.done = threading.Condition(self.lock)
        self.submitted: dict[str, float] = {}
        self.latencies: list[float] = []
        self.acked: list[str] = []
        self.rejected: list[str] = []
        self.failed: list[str] = []
        self.outstanding = 0
        self.number = 0
        for event_type in (PaymentPosted, PaymentAlreadyPosted, CommandRejected, CommandFailed):
            self.desk.bus.subscribe(event_type, self._on_result)

    def _on_result(self, event: Event) -> None:
        with self.lock:
            started = self.submitted.pop(event.causation_id, None)
            if started is None:
                return
            self.latencies.append((time.perf_counter() - started) * 1000)
            if isinstance(event, PaymentPosted | PaymentAlreadyPosted):
                self.acked.append(event.payment_id)
            elif isinstance(event, CommandRejected):
                self.rejected.append(event.reason)
            else:
                assert isinstance(event, CommandFailed)
                self.failed.append(event.error)
            self.outstanding -= 1
            self.done.notify_all()

    def _submit(self) -> None:
        command = self.signed.stamp(payment(self.tag, self.index, self.desks, self.number))
        self.number += 1
        with self.lock:
            self.submitted[command.message_id] = time.perf_counter()
            self.outstanding += 1
        self.desk.worker.submit(command)

    def saturated(self, seconds: float, window: int) -> float:
        started = time.perf_counter()
        deadline = started + seconds
        while time.perf_counter() < deadline:
            with self.lock:
                while self.outstanding >= window:
                    self.done.wait()
            self._submit()
        return self._drain(started)

    def offered(self, seconds: float, rate: float) -> float:
        started = time.perf_counter()
        deadline = started + seconds
        due = started
        rng = random.Random(self.index)
        while True:
            due += rng.expovariate(rate)
            if due >= deadline:
                break
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            self._submit()
        return self._drain(started)

    def _drain(self, started: float) -> float:
        with self.lock:
            while self.outstanding:
                self.done.wait()
        return time.perf_counter() - started

    def report(self, elapsed: float) -> dict[str, Any]:
        return {
            "index": self.index,
            "elapsed": elapsed,
            "acked": self.acked,
            "rejected": self.rejected,
            "failed": self.failed,
            "latencies_ms": [round(x, 3) for x in self.latencies],
            "retries": self.desk.bus.retries,
            "groups": self.desk.worker.groups_committed,
        }


def desk_main(argv: list[str]) -> int:
    url, index, desks, tag = argv[0], int(argv[1]), int(argv[2]), argv[3]
    seconds, rate, window = float(argv[4]), float(argv[5]), int(argv[6])
    desk = _Desk(url, index, desks, tag)
    try:
        with desk.signed:
            # The teller's password comes first on standard input (never on the command line).
            if desk.signed.log_in(teller_name(tag, index), sys.stdin.readline().strip()) is None:
                return 1
            print("ready", flush=True)
            sys.stdin.readline()  # "go": every desk starts at once, after all have connected
            elapsed = desk.offered(seconds, rate) if rate > 0 else desk.saturated(seconds, window)
            print(json.dumps(desk.report(elapsed)), flush=True)
    finally:
        desk.desk.close()
    return 0


# -- the run ------------------------------------------------------------------------------


def run_desks(
    url: str,
    desks: int,
    seconds: float,
    *,
    rate: float = 0.0,
    window: int = 16,
    admin: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """Start `desks` desk processes on `url`, let them post for `seconds`, check the
    stored events against what each was told. `rate`: Poisson arrivals per desk per
    second (0: saturated, `window` in flight per desk)."""
    tag = secrets.token_hex(3)
    # `admin`: the one the first run of a benchmark made, for the runs after it.
    admin = admin if admin is not None else []
    passwords, made = prepare(url, tag, desks, admin[0] if admin else None)
    admin[:] = [made]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.bench_desks",
                "desk",
                url,
                str(index),
                str(desks),
                tag,
                str(seconds),
                str(rate),
                str(window),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for index in range(desks)
    ]
    reports: list[dict[str, Any]] = []
    try:
        for index, process in enumerate(processes):
            assert process.stdin is not None
            process.stdin.write(passwords[teller_name(tag, index)] + "\n")
            process.stdin.flush()
        for process in processes:
            assert process.stdout is not None
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("a benchmark desk did not start")
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        for process in processes:
            assert process.stdout is not None
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(
                    f"a benchmark desk ended without a report (exit {process.wait()})"
                )
            reports.append(json.loads(line))
    finally:
        for process in processes:
            if process.poll() is None and process.stdin is not None:
                process.stdin.close()
            process.wait(60)
    acked = [pid for report in reports for pid in report["acked"]]
    stored = _stored_payments(make_engine(url), tag)
    latencies = sorted(x for report in reports for x in report["latencies_ms"])
    elapsed = max(report["elapsed"] for report in reports)
    return {
        "desks": desks,
        "payments": len(acked),
        "payments_per_second": round(len(acked) / elapsed, 1),
        "per_desk": [round(len(r["acked"]) / r["elapsed"], 1) for r in reports],
        "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(_percentile(latencies, 0.99), 2) if latencies else None,
        "failed": sum(len(r["failed"]) for r in reports),
        "rejected": sum(len(r["rejected"]) for r in reports),
        "first_failure": next((r["failed"][0] for r in reports if r["failed"]), None),
        "lost": len(set(acked) - set(stored)),
        "doubled": sum(1 for count in stored.values() if count > 1)
        + (len(acked) - len(set(acked))),
        "retries": sum(r["retries"] for r in reports),
        "commit_groups": sum(r["groups"] for r in reports),
    }


def _percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def _stored_payments(engine: Engine, tag: str) -> Counter[str]:
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(events.c.aggregate_id).where(
                    events.c.event_type == "PaymentPosted", events.c.aggregate_id.like(f"{tag}-%")
                )
            )
            return Counter(row.aggregate_id for row in rows)
    finally:
        engine.dispose()


# -- the plain baselines ------------------------------------------------------------------


def _plain_runner(connect: Any, begin: str, connections: int, seconds: float) -> float:
    """`connections` threads, each on its own connection: one payment per commit (an
    insert and two balance updates on shared rows). Payments per second in total."""
    counts = [0] * connections
    deadline = time.perf_counter() + seconds

    def run(slot: int) -> None:
        conn = connect()
        cursor = conn.cursor()
        number = 0
        while time.perf_counter() < deadline:
            cursor.execute(begin)
            cursor.execute(
                "INSERT INTO plain_payments VALUES (%s, 'a', 'b', 100)".replace(
                    "%s", "?" if isinstance(conn, sqlite3.Connection) else "%s"
                ),
                (f"{slot}-{number}",),
            )
            cursor.execute("UPDATE plain_balances SET amount = amount - 100 WHERE account = 'a'")
            cursor.execute("UPDATE plain_balances SET amount = amount + 100 WHERE account = 'b'")
            cursor.execute("COMMIT")
            number += 1
        counts[slot] = number
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


_PLAIN_SCHEMA = (
    "CREATE TABLE plain_balances (account TEXT PRIMARY KEY, amount BIGINT)",
    "CREATE TABLE plain_payments (id TEXT PRIMARY KEY, debit TEXT, credit TEXT, amount BIGINT)",
    "INSERT INTO plain_balances VALUES ('a', 0), ('b', 0)",
)


def plain_sqlite3(folder: Path, connections: int, seconds: float) -> float:
    """WAL, synchronous=FULL: the durability the desk's SQLite engine has."""
    path = folder / f"plain-{secrets.token_hex(3)}.db"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    setup = connect()
    for statement in _PLAIN_SCHEMA:
        setup.execute(statement)
    setup.close()
    return _plain_runner(connect, "BEGIN IMMEDIATE", connections, seconds)


def plain_psycopg(url: str, connections: int, seconds: float) -> float:
    """The server's own durability (fsync, synchronous_commit as configured), as the desk."""
    import psycopg
    from sqlalchemy.engine import make_url

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    table_suffix = secrets.token_hex(3)

    def connect() -> Any:
        conn = psycopg.connect(dsn, autocommit=True)
        conn.execute(f"SET search_path TO plain_{table_suffix}")
        return conn

    with psycopg.connect(dsn, autocommit=True) as setup:
        setup.execute(f"CREATE SCHEMA plain_{table_suffix}")
        setup.execute(f"SET search_path TO plain_{table_suffix}")
        for statement in _PLAIN_SCHEMA:
            setup.execute(statement)
    try:
        return _plain_runner(connect, "BEGIN", connections, seconds)
    finally:
        with psycopg.connect(dsn, autocommit=True) as setup:
            setup.execute(f"DROP SCHEMA plain_{table_suffix} CASCADE")


# -- a throwaway PostgreSQL ---------------------------------------------------------------


def find_pg_bin() -> Path | None:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(Path(out.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


@contextmanager
def throwaway_postgres(folder: Path) -> Iterator[str]:
    """A PostgreSQL server of the benchmark's own, on a Unix socket in `folder`, with the
    defaults' durability (fsync on, synchronous_commit on). As root it runs as the
    postgres user, the way .ci/run starts one."""
    pg_bin = find_pg_bin()
    assert pg_bin is not None
    data, sock = folder / "pgdata", folder / "pgsock"
    data.mkdir()
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        for path in (data, sock):
            shutil.chown(path, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = 5400 + random.randrange(90)
    subprocess.run(
        [
            *as_user,
            str(pg_bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_user,
            str(pg_bin / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(folder / "pg.log"),
            "-o",
            f"-c listen_addresses='' -c unix_socket_directories={sock} -p {port} "
            "-c max_connections=200",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}&port={port}"
    finally:
        subprocess.run(
            [*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
        )


# -- everything, as `python main.py bench --desks` runs it ----------------------------------


def run_desks_benchmark(
    url: str | None,
    desk_counts: tuple[int, ...] = DEFAULT_DESKS,
    seconds: float = 10.0,
    offered: bool = True,
) -> Iterator[dict[str, Any]]:
    """One result per desk count. Without `url`: a PostgreSQL server of its own if one is
    installed, else a SQLite file."""
    with tempfile.TemporaryDirectory(prefix="teller-desks-") as name:
        folder = Path(name)
        if url is None and find_pg_bin() is not None:
            with throwaway_postgres(folder) as pg_url:
                yield from _all_counts(pg_url, folder, desk_counts, seconds, offered)
        else:
            url = url or f"sqlite:///{folder / 'desks.db'}"
            yield from _all_counts(url, folder, desk_counts, seconds, offered)


def _all_counts(
    url: str, folder: Path, desk_counts: tuple[int, ...], seconds: float, offered: bool
) -> Iterator[dict[str, Any]]:
    database = url.split(":", 1)[0].split("+", 1)[0]
    engine = make_engine(url)
    from app.database import upgrade

    upgrade(engine)
    engine.dispose()
    admin: list[tuple[str, str]] = []
    for desks in desk_counts:
        result = {"database": database, **run_desks(url, desks, seconds, admin=admin)}
        plain = (
            plain_psycopg(url, desks, seconds)
            if database == "postgresql"
            else plain_sqlite3(folder, desks, seconds)
        )
        result["plain_per_second"] = round(plain, 1)
        result["ratio"] = round(result["payments_per_second"] / plain, 3)
        if offered and result["payments_per_second"] > 0:
            rate = 0.8 * result["payments_per_second"]
            at80 = run_desks(url, desks, seconds, rate=rate / desks, admin=admin)
            result |= {
                "offered_per_second": round(rate, 1),
                "p50_ms_at_80": at80["p50_ms"],
                "p99_ms_at_80": at80["p99_ms"],
                "failed_at_80": at80["failed"],
                "lost_at_80": at80["lost"],
                "doubled_at_80": at80["doubled"],
            }
        yield result


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "desk":
        sys.exit(desk_main(sys.argv[2:]))
    sys.exit("usage: python -m app.bench_desks desk URL INDEX DESKS TAG SECONDS RATE WINDOW")
