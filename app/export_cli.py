"""`python main.py export ...` and `python main.py bench-export`: argument checks that
name the bad value, then the domain export."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from app.cli_language import QCoreApplication, pdf_words, refusal
from app.settings import bank_name, database_url


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="export payments or statements as csv, xlsx, pdf or camt053",
        description="csv/xlsx: one payment per row. pdf: an account statement with "
        "--account, else the teller journal per day. camt053: an ISO 20022 statement per "
        "account (the --account, else every account that moved in the period).",
    )
    export.add_argument("--format", required=True, metavar="FMT", help="csv, xlsx, pdf or camt053")
    export.add_argument(
        "--from",
        dest="date_from",
        required=True,
        metavar="DATE",
        help="first business date, YYYY-MM-DD",
    )
    export.add_argument(
        "--to",
        dest="date_to",
        required=True,
        metavar="DATE",
        help="last business date, YYYY-MM-DD (inclusive)",
    )
    export.add_argument("--account", metavar="ID", help="only payments touching this account")
    export.add_argument(
        "--teller", dest="only_teller", metavar="NAME", help="only payments keyed by this operator"
    )
    export.add_argument("--out", required=True, metavar="PATH", help="file to write")
    export.add_argument(
        "--bank-name", help="bank name on PDF and camt053 (default: $TELLER_BANK_NAME)"
    )
    export.add_argument(
        "--csv-formulas",
        choices=("neutralise", "raw"),
        default="neutralise",
        help="csv: 'neutralise' (default) puts an apostrophe before text a "
        "spreadsheet would run as a formula (=, +, -, @, tab, CR); 'raw' "
        "writes it as stored",
    )
    bench = sub.add_parser(
        "bench-export", help="export and history benchmarks on generated data (1M rows)"
    )
    bench.add_argument("--payments", type=int, default=1_000_000)
    bench.add_argument(
        "--accounts", type=int, default=100_000, help="customer accounts for the lookup benchmark"
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument(
        "--keep",
        metavar="PATH",
        help="keep the generated database here (and the history screenshot next to it, as .png)",
    )


def _parse_date(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(
            _fail(
                QCoreApplication.translate(
                    "Cli", "{option} {text} is not a date; write it as YYYY-MM-DD"
                ).format(option=option, text=repr(text))
            )
        ) from None


def _fail(message: str) -> int:
    print(
        QCoreApplication.translate("Cli", "export: {reason}; nothing was written").format(
            reason=message
        ),
        file=sys.stderr,
    )
    return 2


def run_export_command(args: argparse.Namespace) -> int:
    from app.database import is_initialised, make_engine
    from domain.reporting.exports import ExportCancelled, ExportError, ExportRequest, run_export

    try:
        date_from = _parse_date("--from", args.date_from)
        date_to = _parse_date("--to", args.date_to)
    except SystemExit as exit_code:
        return int(exit_code.code or 2)
    request = ExportRequest(
        format=args.format.lower(),
        date_from=date_from,
        date_to=date_to,
        out_path=Path(args.out).expanduser().absolute(),
        account_id=args.account,
        teller=args.only_teller,
        bank_name=bank_name(args.bank_name),
        neutralise_formulas=args.csv_formulas != "raw",
        words=pdf_words(),
    )
    from app.progress import progress

    engine = make_engine(database_url(args.db))
    try:
        if not is_initialised(engine):
            return _fail(
                QCoreApplication.translate(
                    "Cli", "the database has no ledger yet (run `python main.py init`)"
                )
            )
        with progress(f"export {request.format}", unit=" rows") as tick:
            summary = run_export(
                engine, request, progress=lambda done, total: tick(done, total or 0)
            )
    except ExportError as error:
        return _fail(refusal(error.code, error.message, error.details))
    except ExportCancelled:
        return _fail(QCoreApplication.translate("Cli", "cancelled"))
    except OSError as error:
        return _fail(
            QCoreApplication.translate("Cli", "cannot write {path}: {reason}").format(
                path=request.out_path, reason=error.strerror or error
            )
        )
    except Exception as error:  # the promise is one line and exit 2, whatever happened
        return _fail(
            QCoreApplication.translate("Cli", "the export failed ({error})").format(
                error=f"{type(error).__name__}: {error}"
            )
        )
    finally:
        engine.dispose()
    totals = ", ".join(f"{currency} {minor}" for currency, minor in sorted(summary.totals.items()))
    wrote = (
        QCoreApplication.translate("Cli", "wrote {count} entries to {path}")
        if request.format in ("pdf", "camt053") and request.account_id
        else QCoreApplication.translate("Cli", "wrote {count} rows to {path}")
    )
    print(
        wrote.format(count=summary.rows, path=summary.path)
        + (
            QCoreApplication.translate("Cli", " (totals in minor units: {totals})").format(
                totals=totals
            )
            if totals
            else ""
        )
    )
    return 0


def run_bench_command(args: argparse.Namespace) -> int:
    from app.bench_export import print_report, run_export_benchmark

    figures = run_export_benchmark(args.payments, keep=args.keep, customers=args.accounts)
    if args.json:
        print(json.dumps(figures))
    else:
        print_report(figures)
    return 0
