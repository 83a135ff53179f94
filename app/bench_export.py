"""Benchmarks for reports and history at scale (figures, not pass/fail tests).

`python main.py bench-export [--payments N]` builds a scratch database with the app's own
migrations, then fills it directly with sqlite3 `executemany`: N payments (cash deposits
from one drawer to one customer, spread over 100 business dates) with their 2N postings,
and 100,000 customer accounts with generated names. That data bypasses the bus and the
event log on purpose: putting a million payments through the handlers would take minutes
and measure the posting path, which `python main.py bench` already does. Nothing here
reads the events table, so the shortcut changes no figure below.

Each measurement runs in a fresh Python process, so its peak RSS is its own:
- csv_app: our CSV export of all N payments (domain.reporting.exports) against
- csv_raw: plain sqlite3 + csv.writer over the same rows (no formatting at all);
- history: AccountWindow of the account with N postings, from construction until the
  first page is painted (widget.grab()), offscreen;
- lookup: loading the account directory and answering typed searches among 100,000.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HOT = "10000000"
DRAWER = "DRAWER-bench"
DAYS = 100
FIRST_DAY = date(2026, 1, 1)
CUSTOMERS = 100_000
# The demo's customer names and a few more, so that 100,000 holders repeat less often.
MORE_FIRST = ["Amir", "Bea", "Carlos", "Dmitri"]
MORE_LAST = ["Okafor", "Tanaka", "Haddad", "Larsen", "Moreau", "Petrov", "Sato", "Yilmaz"]


def peak_rss_mb() -> float:
    """Peak resident memory of this process. Linux keeps getrusage's ru_maxrss across
    fork+exec, so a child would report its parent's peak; VmHWM belongs to the process
    image and starts afresh at exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_database(path: Path, payments: int, customers: int = CUSTOMERS) -> None:
    # Imported here: the measuring children import only what their phase needs.
    from app.database import make_engine, upgrade
    from app.demo import FIRST, LAST

    first, last = [*FIRST, *MORE_FIRST], [*LAST, *MORE_LAST]
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    opened = "2026-01-01 08:00:00.000000"
    rng = random.Random(5)
    conn.executemany(
        "INSERT INTO accounts (account_id, holder_name, kind, currency, overdraft_limit, "
        "frozen, closed, opened_at, version) VALUES (?, ?, ?, 'EUR', 0, 0, 0, ?, 1)",
        [
            (DRAWER, "Cash drawer of bench", "drawer", opened),
            (HOT, "Hot Account Holder", "customer", opened),
        ]
        + [
            (str(HOT_NUMBER + i), f"{rng.choice(first)} {rng.choice(last)}", "customer", opened)
            for i in range(1, customers + 1)
        ],
    )
    amount = 1_234
    per_day = max(1, payments // DAYS)
    # The day after the last one with payments is open: exports may end on it.
    conn.execute(
        "INSERT INTO business_dates VALUES (?, 'open', ?, NULL, 1)",
        ((FIRST_DAY + timedelta(days=DAYS)).isoformat(), opened),
    )

    def payment_rows() -> Any:
        for i in range(payments):
            day = FIRST_DAY + timedelta(days=min(DAYS - 1, i // per_day))
            moment = datetime(day.year, day.month, day.day, 8) + timedelta(
                seconds=(i % per_day) * 28_800 // per_day
            )
            yield (
                str(uuid.UUID(int=i + 1)),
                "cash_deposit",
                "posted",
                DRAWER,
                HOT,
                amount,
                "EUR",
                f"bench {i}",
                "teller1",
                moment.isoformat(sep=" ", timespec="microseconds"),
                day.isoformat(),
                "0" * 64,
                i + 1,
                1,
            )

    # Columns named: the lifecycle's columns (migration 0004) keep their defaults.
    conn.executemany(
        "INSERT INTO payments (payment_id, kind, status, debit_account, "
        "credit_account, amount, currency, reference, operator, created_at, "
        "business_date, request_hash, seq, version) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        payment_rows(),
    )
    conn.execute(
        "INSERT INTO postings SELECT payment_id, 1, debit_account, 'debit', amount, currency, "
        "business_date, seq FROM payments"
    )
    conn.execute(
        "INSERT INTO postings SELECT payment_id, 2, credit_account, 'credit', amount, "
        "currency, business_date, seq FROM payments"
    )
    conn.execute("INSERT INTO balances SELECT account_id, 0, 0, 0, 0 FROM accounts")
    conn.execute(
        "UPDATE balances SET debits_posted = ? WHERE account_id = ?", (amount * payments, DRAWER)
    )
    conn.execute(
        "UPDATE balances SET credits_posted = ? WHERE account_id = ?", (amount * payments, HOT)
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


HOT_NUMBER = int(HOT)


# -- measurements, each in its own process -----------------------------------------------


def measure_csv_app(db: Path, out: Path) -> dict[str, Any]:
    from app.database import make_engine
    from domain.reporting.exports import ExportRequest, run_export

    engine = make_engine(f"sqlite:///{db}")
    request = ExportRequest("csv", FIRST_DAY, FIRST_DAY + timedelta(days=DAYS), out)
    started = time.perf_counter()
    summary = run_export(engine, request)
    return {
        "seconds": time.perf_counter() - started,
        "rows": summary.rows,
        "bytes": out.stat().st_size,
        "peak_rss_mb": peak_rss_mb(),
    }


RAW_QUERY = (
    "SELECT payment_id, business_date, created_at, kind, status, debit_account, "
    "credit_account, amount, currency, operator, reference FROM payments "
    "WHERE business_date >= ? AND business_date <= ? ORDER BY business_date, seq"
)


def measure_csv_raw(db: Path, out: Path) -> dict[str, Any]:
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    cursor = conn.execute(
        RAW_QUERY, (FIRST_DAY.isoformat(), (FIRST_DAY + timedelta(days=DAYS)).isoformat())
    )
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([d[0] for d in cursor.description])
        writer.writerows(cursor)
    conn.close()
    return {
        "seconds": time.perf_counter() - started,
        "bytes": out.stat().st_size,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_history(db: Path) -> dict[str, Any]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.database import make_engine
    from domain.reporting.account_book import AccountBook
    from domain.reporting.history import HistoryFilter
    from ui.account_view import AccountWindow

    app = QApplication.instance() or QApplication([])
    engine = make_engine(f"sqlite:///{db}")
    book = AccountBook(engine)
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    window = AccountWindow(book, HOT)
    window.show()
    image = window.grab()
    first_paint = time.perf_counter() - started
    image.save(str(db.with_name("history.png")))
    rows = window.model.rowCount()
    # Scroll down 50 pages as a user holding Page Down would, then measure one more page.
    for _ in range(50):
        window.model.fetchMore(window.model.index(-1, -1))
    started = time.perf_counter()
    window.model.fetchMore(window.model.index(-1, -1))
    page_51 = time.perf_counter() - started
    # A rare text, an amount range and a date range, all filtered by the database.
    timings = {}
    for name, filters in (
        ("filter_text_rare", HistoryFilter(text="bench 999999")),
        ("filter_amount_none", HistoryFilter(min_amount=5_000)),
        ("filter_last_day", HistoryFilter(date_from=FIRST_DAY + timedelta(days=DAYS - 1))),
        ("filter_first_day", HistoryFilter(date_to=FIRST_DAY)),
        ("oldest_first", HistoryFilter(newest_first=False)),
    ):
        started = time.perf_counter()
        window.model.set_filters(filters)
        timings[name + "_ms"] = round((time.perf_counter() - started) * 1000, 1)
    app.processEvents()
    window.close()
    return {
        "first_paint_ms": round(first_paint * 1000, 1),
        "rows_loaded": rows,
        "page_51_ms": round(page_51 * 1000, 2),
        **timings,
        "peak_rss_mb_before_window": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_lookup(db: Path) -> dict[str, Any]:
    from app.database import make_engine
    from domain.ledger.lookup import AccountDirectory

    directory = AccountDirectory(make_engine(f"sqlite:///{db}"))
    started = time.perf_counter()
    directory.refresh()
    load = time.perf_counter() - started
    typed = [
        "1",
        "10",
        "1005",
        "100512",
        "1005 12",
        "a",
        "an",
        "ann",
        "anna",
        "anna m",
        "anna mul",
        "muller",
        "garcia",
        "z",
        "zoe o",
        "schmit",
        "rosi",
        "okafr",
        "qqqq",
        "xavier silva",
    ]
    keystrokes: list[float] = []
    search_all: list[float] = []
    for text in typed:
        started = time.perf_counter()
        directory.find(text)
        keystrokes.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        directory.search(text)
        search_all.append((time.perf_counter() - started) * 1000)
    keystrokes.sort()
    search_all.sort()
    return {
        "accounts": len(directory),
        "load_ms": round(load * 1000, 1),
        "find_p50_ms": round(keystrokes[len(keystrokes) // 2], 2),
        "find_max_ms": round(keystrokes[-1], 2),
        "search_with_balances_p50_ms": round(search_all[len(search_all) // 2], 2),
        "search_with_balances_max_ms": round(search_all[-1], 2),
        "peak_rss_mb": peak_rss_mb(),
    }


MEASUREMENTS = {
    "csv_app": measure_csv_app,
    "csv_raw": measure_csv_raw,
    "history": measure_history,
    "lookup": measure_lookup,
}


def _in_child(name: str, db: Path, out: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, "-m", "app.bench_export", name, str(db)]
    if out is not None:
        command.append(str(out))
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_export_benchmark(
    payments: int = 1_000_000, keep: str | None = None, customers: int = CUSTOMERS
) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="teller-bench-export-"))
    try:
        db = folder / "bench.db"
        started = time.perf_counter()
        build_database(db, payments, customers)
        figures: dict[str, Any] = {
            "payments": payments,
            "customers": customers,
            "build_seconds": round(time.perf_counter() - started, 1),
        }
        figures["csv_raw"] = _in_child("csv_raw", db, folder / "raw.csv")
        figures["csv_app"] = _in_child("csv_app", db, folder / "app.csv")
        figures["csv_ratio"] = round(
            figures["csv_app"]["seconds"] / figures["csv_raw"]["seconds"], 2
        )
        figures["history"] = _in_child("history", db)
        figures["lookup"] = _in_child("lookup", db)
        if keep:
            shutil.copy(db, keep)
            shutil.copy(folder / "history.png", Path(keep).with_suffix(".png"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def print_report(figures: dict[str, Any]) -> None:
    app, raw = figures["csv_app"], figures["csv_raw"]
    print(
        f"{figures['payments']:,} payments, 2 postings each, one account holding all "
        f"credits; {figures['customers']:,} customers (data built in "
        f"{figures['build_seconds']} s, directly with sqlite3)"
    )
    print(
        f"  CSV, our export:      {app['seconds']:.2f} s  peak RSS {app['peak_rss_mb']:.0f} MB"
        f"  ({app['rows']:,} rows, {app['bytes'] / 1e6:.0f} MB)"
    )
    print(f"  CSV, sqlite3 + csv:   {raw['seconds']:.2f} s  peak RSS {raw['peak_rss_mb']:.0f} MB")
    print(f"  ratio ours / plain:   {figures['csv_ratio']:.2f}")
    history = figures["history"]
    print(
        f"  history of the {figures['payments']:,}-posting account: first paint "
        f"{history['first_paint_ms']} ms, "
        f"{history['rows_loaded']} rows loaded, peak RSS {history['peak_rss_mb']:.0f} MB "
        f"(Qt and imports alone {history['peak_rss_mb_before_window']:.0f} MB)"
    )
    print(
        f"    page 51: {history['page_51_ms']} ms; filters: "
        + ", ".join(
            f"{k[:-3]} {v} ms" for k, v in history.items() if k.startswith(("filter_", "oldest_"))
        )
    )
    lookup = figures["lookup"]
    print(
        f"  lookup among {lookup['accounts']:,} accounts: load {lookup['load_ms']} ms, "
        f"per keystroke p50 {lookup['find_p50_ms']} ms / max {lookup['find_max_ms']} ms; "
        f"with balances p50 {lookup['search_with_balances_p50_ms']} ms / max "
        f"{lookup['search_with_balances_max_ms']} ms; peak RSS {lookup['peak_rss_mb']:.0f} MB"
    )


def _child_main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("measure", choices=sorted(MEASUREMENTS))
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    args = parser.parse_args(argv)
    function = MEASUREMENTS[args.measure]
    result = function(args.db, args.out) if args.out else function(args.db)  # type: ignore[operator]
    print(json.dumps(result))


if __name__ == "__main__":
    _child_main(sys.argv[1:])
