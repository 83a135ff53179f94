"""`python main.py [--db URL] [SUBCOMMAND]`; without a subcommand the desk opens."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_language import QCoreApplication, use_language
from app.events_cli import add_parser as add_events_parser
from app.export_cli import add_parsers as add_export_parsers
from app.export_cli import run_bench_command, run_export_command
from app.flow_cli import add_parsers as add_flow_parsers
from app.operators_cli import add_parsers as add_user_parsers
from app.receipt_cli import add_parser as add_receipt_parser
from app.relay_cli import COMMANDS as RELAY_COMMANDS
from app.relay_cli import add_parsers as add_relay_parsers
from app.relay_cli import run as run_relay_command
from app.settings import DB_URL_ENV, database_url

if TYPE_CHECKING:
    from sqlalchemy import Engine


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="teller-desk",
        description="Teller Desk: payments at the counter, kept in a double-entry ledger.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"SQLAlchemy database URL (default: ${DB_URL_ENV}, else a SQLite file in "
        "the user's data directory)",
    )
    parser.add_argument(
        "--teller",
        default="teller1",
        help="the demo's teller, and the name offered at the login (default: teller1)",
    )
    parser.add_argument(
        "--lang",
        default=None,
        metavar="zh_CN|en",
        help="the language of the desk, of the command line's messages and of exported PDFs "
        "(default: for the desk, the operator's last choice; else the system locale's)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    init = sub.add_parser(
        "init",
        help="create or upgrade the database; on a new one, create "
        "the first admin (password asked at a terminal, else read from "
        "$TELLER_ADMIN_PASSWORD)",
    )
    init.add_argument("--admin-name", default="admin", help="name of the first admin")
    demo = sub.add_parser("demo", help="add a demo bank: customers, a drawer, payments")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--accounts", type=int, default=20, help="customer accounts to open")
    demo.add_argument("--payments", type=int, default=200, help="payments to submit")
    verify = sub.add_parser(
        "verify",
        help="prove the ledger balances and the event chain is intact (read-only: a copy "
        "on a read-only file or filesystem will do)",
    )
    verify.add_argument(
        "--checkpoints",
        metavar="DIR",
        type=Path,
        help="also prove the chain passes through every signed checkpoint-*.json under DIR",
    )
    verify.add_argument(
        "--public-key",
        metavar="FILE",
        type=Path,
        help="the bank's public key (PEM) for --checkpoints (default: this user's key)",
    )
    checkpoint = sub.add_parser(
        "checkpoint",
        help="sign the chain head with the bank's key and write checkpoint-SEQ.json; "
        "with --public-key, print the public key instead",
    )
    checkpoint.add_argument("--dir", default=Path("."), type=Path, help="where to write it")
    checkpoint.add_argument("--public-key", action="store_true", help="export the public key (PEM)")
    checkpoint.add_argument("--out", type=Path, help="with --public-key: the file to write")
    add_user_parsers(sub)
    replay = sub.add_parser("replay", help="rebuild the state tables from the events")
    replay.add_argument(
        "--check",
        action="store_true",
        required=True,
        help="rebuild in a scratch database and compare with the live tables",
    )
    eod = sub.add_parser(
        "eod",
        help="end of day: settle with other banks, close the "
        "business date, open the next (a supervisor's task)",
    )
    eod.add_argument(
        "--supervisor",
        required=True,
        help="the supervisor who closes the day (an operator of that role)",
    )
    eod.add_argument(
        "--report-dir",
        default=".",
        type=Path,
        help="where to write settlement-YYYY-MM-DD.csv (default: here)",
    )
    sub.add_parser(
        "expire-reservations", help="void transfers to other banks whose reservation timed out"
    )
    bench = sub.add_parser(
        "bench",
        help="posting benchmark against plain sqlite3; with "
        "--desks, many desk processes on one database",
    )
    bench.add_argument(
        "--rows",
        default="posting,glass,proofs",
        metavar="GROUP[,GROUP...]",
        help="which rows to measure: posting (one per commit, group commit, offered "
        "load), glass (Enter -> painted, start-up), proofs (verify, replay, CSV export, "
        "history, lookup, end of day); default all",
    )
    # How much each group of rows measures: (option, default, what it counts).
    for option, default, what in (
        ("--payments", 2000, "posting: payments each way"),
        ("--gui-payments", 200, "glass: payments keyed at the form"),
        ("--events", 30_000, "proofs: payments in the event log that verify and replay read"),
        ("--export-payments", 200_000, "proofs: payments exported"),
        ("--accounts", 100_000, "proofs: accounts for the lookup"),
        ("--eod-payments", 100_000, "proofs: payments at end of day"),
    ):
        bench.add_argument(option, type=int, default=default, help=f"{what} ({default})")
    bench.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object a line: one per row (with --desks: per desk count)",
    )
    bench.add_argument(
        "--desks",
        nargs="?",
        const="1,4,8",
        metavar="N[,N...]",
        help="run N desk processes on one database (--db, else a PostgreSQL "
        "server of the benchmark's own if one is installed, else a SQLite "
        "file), for each N given (default 1,4,8)",
    )
    bench.add_argument(
        "--seconds",
        type=float,
        default=10.0,
        help="with --desks: how long each load runs (default 10)",
    )
    bench.add_argument(
        "--no-offered",
        action="store_true",
        help="with --desks: skip the run at 80 %% of the measured rate",
    )
    bench.add_argument(
        "--gui",
        action="store_true",
        help="the same as --rows glass: Enter -> the journal row painted, and start-up "
        "to the login window (each beside its raw limit)",
    )
    bench.add_argument(
        "--on-db",
        action="store_true",
        help="run on --db / $TELLER_DB_URL instead of a scratch SQLite file",
    )
    add_export_parsers(sub)
    add_flow_parsers(sub)
    add_relay_parsers(sub)
    add_events_parser(sub)
    add_receipt_parser(sub)
    return parser


# Every command's messages follow --lang, but the desk's and `receipt`'s, which set their
# own (the desk remembers the operator's choice; a receipt is in the customer's language).
OWN_LANGUAGE = (None, "receipt")
# Commands that may make widgets (a plot, the desk measured offscreen).
DRAWING = ("bench", "bench-export", "simulate")


def _is_text(argument: str) -> bool:
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    command = args.command
    # The commands' messages in --lang's language (the desk and `receipt` set their own).
    if command not in OWN_LANGUAGE and use_language(args.lang, command in DRAWING) is None:
        return 2
    # A byte sequence that is not UTF-8 reaches Python as lone surrogates, which no file,
    # database or terminal takes: refuse it here, plainly, before any command meets it.
    unreadable = [arg for arg in (sys.argv[1:] if argv is None else argv) if not _is_text(arg)]
    if unreadable:
        print(
            QCoreApplication.translate(
                "Cli", "{argument} is not UTF-8 text; nothing was done"
            ).format(argument=ascii(unreadable[0])),
            file=sys.stderr,
        )
        return 2
    if command is None:
        from app.gui import run_gui

        return run_gui(database_url(args.db), teller=args.teller, language=args.lang)
    if command == "bench":
        return _bench(args)
    if command == "receipt":
        from app.receipt_cli import run_receipt

        return run_receipt(args)
    if command == "export":
        return run_export_command(args)
    if command == "bench-export":
        return run_bench_command(args)
    if command in ("staffing", "simulate"):
        from app.flow_cli import run_simulate, run_staffing

        # The simulator uses a scratch database unless --db names one.
        if command == "simulate":
            return run_simulate(args, args.db)
        return run_staffing(args, database_url(args.db) if args.from_events else None)
    if command in RELAY_COMMANDS:
        return run_relay_command(args)
    url = database_url(args.db)
    if command == "init":
        from app.operators_cli import init

        return init(url, args.admin_name)
    if command == "user":
        from app.operators_cli import user

        return user(url, args)
    if command == "demo":
        return _demo(url, args)
    if command == "verify":
        return _verify(url, args.checkpoints, args.public_key)
    if command == "checkpoint":
        from app.checkpoints import run_checkpoint

        return run_checkpoint(url, args)
    if command == "events":
        from app.events_cli import run_events

        return run_events(url, args)
    if command == "replay":
        return _replay(url)
    if command in ("eod", "expire-reservations"):
        from app.end_of_day import run_eod, run_expiry

        return run_eod(url, args) if command == "eod" else run_expiry(url)
    raise AssertionError(command)


def _demo(url: str, args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from app.bootstrap import bootstrap
    from app.demo import run_demo
    from app.progress import progress
    from app.signing import admin_credentials

    today = date.today()
    # A new bank opens yesterday, so the demo plays a whole day, closes it and leaves
    # today's date open: the desk then keys on the calendar's date.
    desk = bootstrap(url, start_worker=False, first_business_date=today - timedelta(days=1))
    try:
        admin = admin_credentials() if desk.operators.any_exist() else None
        if admin is None and desk.operators.any_exist():
            return 2
        with progress("demo", args.payments, unit=" payments") as tick:
            report = run_demo(
                desk.bus,
                desk.queries,
                seed=args.seed,
                customers=args.accounts,
                payments=args.payments,
                teller=args.teller,
                staff=desk.operators,
                drawers=desk.drawers,
                lifecycle=desk.lifecycle,
                today=today,
                risk=desk.risk_policy,
                admin=admin,
                on_progress=tick,
            )
    finally:
        desk.close()
    print(QCoreApplication.translate("Cli", "demo bank in {url}").format(url=url))
    print("\n".join(report.lines()))
    return 0


def _read_only(url: str) -> Engine | None:
    """The database opened for reading only, at this program's schema; None after
    saying why not."""
    from app.database import NotADatabase, make_engine, require_current_schema

    try:
        engine = make_engine(url, read_only=True)
        require_current_schema(engine)
    except NotADatabase as exc:
        print(
            QCoreApplication.translate("Cli", "cannot check {url}: {reason}").format(
                url=url, reason=exc
            ),
            file=sys.stderr,
        )
        return None
    return engine


def _verify(url: str, checkpoints: Path | None, public_key: Path | None) -> int:
    from app.progress import progress
    from domain.reporting.audit import verify

    engine = _read_only(url)
    if engine is None:
        return 2
    with progress("verify", unit=" events") as tick:
        faults = verify(engine, on_progress=tick)
    proved = 0
    if checkpoints is not None:
        from app.checkpoints import NoSigningKey, load_public_key
        from domain.reporting.checkpoints import folder_faults

        try:
            key = load_public_key(public_key)
        except (NoSigningKey, OSError, ValueError) as exc:
            print(
                QCoreApplication.translate("Cli", "cannot check the checkpoints: {reason}").format(
                    reason=exc
                ),
                file=sys.stderr,
            )
            return 2
        found_faults, proved = folder_faults(engine, checkpoints, key)
        faults += found_faults
    engine.dispose()
    if faults:
        print(
            QCoreApplication.translate("Cli", "FAILED: {fault}").format(fault=faults[0]),
            file=sys.stderr,
        )
        for fault in faults[1:]:
            print(
                QCoreApplication.translate("Cli", "  also: {fault}").format(fault=fault),
                file=sys.stderr,
            )
        return 1
    print(
        QCoreApplication.translate(
            "Cli",
            "verified: every currency's postings sum to zero, every balance matches its "
            "postings, the event chain is intact",
        )
        + (
            QCoreApplication.translate(
                "Cli", ", and it passes through {count} signed checkpoints"
            ).format(count=proved)
            if proved
            else ""
        )
    )
    return 0


def _replay(url: str) -> int:
    from app.progress import progress
    from domain.eventstore.tables import STATE_TABLES
    from domain.reporting.replay import differences, rebuild, scratch_engine

    live = _read_only(url)
    if live is None:
        return 2
    with tempfile.TemporaryDirectory(prefix="teller-replay-") as folder:
        scratch = scratch_engine(str(Path(folder) / "rebuilt.db"))
        with progress("replay", unit=" events") as tick:
            count = rebuild(live, scratch, on_progress=tick)
        with progress("compare", len(STATE_TABLES), unit=" tables") as tick:
            found = list(differences(live, scratch, on_progress=tick))
        scratch.dispose()
    live.dispose()
    if found:
        print(
            QCoreApplication.translate(
                "Cli", "FAILED: rebuilt from {count} events, the tables differ"
            ).format(count=count),
            file=sys.stderr,
        )
        for difference in found:
            print(f"  {difference}", file=sys.stderr)
        return 1
    print(
        QCoreApplication.translate("Cli", "replayed {count} events: {tables} match").format(
            count=count, tables=", ".join(STATE_TABLES)
        )
    )
    return 0


def _bench(args: argparse.Namespace) -> int:
    if args.desks:
        return _bench_desks(args)
    from app.bench_table import GROUPS, Sizes, as_json, as_line, measure
    from app.progress import progress

    groups = ["glass"] if args.gui else [g.strip() for g in args.rows.split(",") if g.strip()]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown or not groups:
        print(
            QCoreApplication.translate(
                "Cli", "--rows takes {groups} separated by commas, not {given}"
            ).format(groups=", ".join(GROUPS), given=repr(args.rows)),
            file=sys.stderr,
        )
        return 2
    sizes = Sizes(
        payments=args.payments,
        gui_payments=args.gui_payments,
        events=args.events,
        export_payments=args.export_payments,
        accounts=args.accounts,
        eod_payments=args.eod_payments,
    )

    def shown(row: dict[str, Any]) -> None:
        print(as_json(row) if args.json else as_line(row), flush=True)

    with progress("bench", len(groups), unit=" groups", quiet=args.json) as tick:
        measure(
            groups,
            sizes,
            database_url(args.db) if args.on_db else None,
            on_row=shown,
            on_progress=tick,
        )
    return 0


def _bench_desks(args: argparse.Namespace) -> int:
    from app.bench_desks import run_desks_benchmark

    try:
        counts = tuple(int(n) for n in args.desks.split(","))
    except ValueError:
        print(
            QCoreApplication.translate(
                "Cli", "--desks takes numbers separated by commas, not {given}"
            ).format(given=repr(args.desks)),
            file=sys.stderr,
        )
        return 2
    if not counts or min(counts) < 1:
        print(
            QCoreApplication.translate("Cli", "--desks takes numbers of 1 or more"),
            file=sys.stderr,
        )
        return 2
    url = args.db or os.environ.get(DB_URL_ENV) or None
    failed = 0
    if not args.json:
        print(
            f"{'desks':>5} {'database':<10} {'paym/s':>8} {'per desk':>9} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'failed':>6} {'lost':>4} {'dbl':>4} {'plain/s':>8} "
            f"{'ratio':>6} {'p99@80%':>8}"
        )
    for result in run_desks_benchmark(url, counts, args.seconds, offered=not args.no_offered):
        failed += result["failed"] + result["lost"] + result["doubled"]
        if args.json:
            print(json.dumps(result), flush=True)
            continue
        per_desk = result["payments_per_second"] / result["desks"]
        at80 = result.get("p99_ms_at_80")
        print(
            f"{result['desks']:>5} {result['database']:<10} "
            f"{result['payments_per_second']:>8.1f} {per_desk:>9.1f} "
            f"{result['p50_ms'] or 0:>8.1f} {result['p99_ms'] or 0:>8.1f} "
            f"{result['failed']:>6} {result['lost']:>4} {result['doubled']:>4} "
            f"{result['plain_per_second']:>8.1f} {result['ratio']:>6.2f} "
            f"{'-' if at80 is None else f'{at80:.1f}':>8}",
            flush=True,
        )
    return 1 if failed else 0
