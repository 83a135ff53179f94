"""The CSV export's bytes for awkward stored rows, against the format spelled out plainly:
the million-row loop takes shortcuts, and none of them may change a byte of the file."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.bench_export import build_database
from app.database import make_engine
from domain.kernel.money import format_minor
from domain.reporting.exports import ExportRequest, run_export
from domain.reporting.exports.csv_export import HEADER
from domain.reporting.exports.text import formula_safe

DAY = "2026-01-05"
# payment_id, kind, status, debit, credit, amount, currency, reference, operator,
# created_at as SQLite keeps it, beneficiary bank, reverses
AWKWARD = [
    ("p-plain", "cash_deposit", "posted", "DRAWER-bench", "10000000", 1_234, "EUR", "rent", "t1"),
    ("p-zero", "transfer", "posted", "10000001", "10000002", 0, "EUR", "", "t1"),
    ("p-cent", "transfer", "posted", "10000001", "10000002", 5, "EUR", "5 cents", "t1"),
    ("p-jpy", "transfer", "posted", "10000001", "10000002", 1_500, "JPY", "yen", "t1"),
    ("p-bhd", "transfer", "posted", "10000001", "10000002", 7, "BHD", "fils", "t1"),
    ("p-kwd", "transfer", "settled", "10000001", "10000002", 1_234_567, "KWD", "x", "t1"),
    ("p-neg", "correction", "posted", "10000001", "10000002", -250, "EUR", "minus", "t1"),
    ("p-negj", "correction", "posted", "10000001", "10000002", -3, "JPY", "m", "t1"),
    ("p-negb", "correction", "posted", "10000001", "10000002", -1_001, "BHD", "m", "t1"),
    ("=p-f1", "transfer", "posted", "10000001", "10000002", 100, "EUR", '=HYPERLINK("x")', "t1"),
    ("p-f2", "transfer", "posted", "10000001", "10000002", 100, "EUR", "@SUM(1+1)", "+t"),
    ("p-f3", "transfer", "posted", "10000001", "10000002", 100, "EUR", "-2+3", "t1"),
    ("p-f4", "transfer", "posted", "10000001", "10000002", 100, "EUR", "\tTAB", "t1"),
    ("p-f5", "transfer", "posted", "10000001", "10000002", 100, "EUR", "\rCR", "t1"),
    ("p-ctl", "transfer", "posted", "10000001", "10000002", 1, "EUR", "a\x1b[31m\x07\x0b", "t1"),
    ("p-nl", "transfer", "posted", "10000001", "10000002", 1, "EUR", 'line\nbreak, "q"', "t1"),
    ("p-uni", "transfer", "posted", "10000001", "10000002", 99, "EUR", "Müller 张伟 €", "t1"),
    ("p-rev", "transfer", "reversed", "10000001", "10000002", 4_200, "EUR", "back", "t1"),
    ("p-held", "transfer", "held", "10000001", "10000002", 300, "EUR", "on hold", "t1"),
]
# The payment a row says it reverses, by its id; the others reverse nothing.
REVERSES = {"p-rev": "=p-f1", "p-f3": "-x"}


def awkward_bank(path: Path) -> None:
    build_database(path, 0, customers=3)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for seq, (pid, kind, status, debit, credit, amount, currency, ref, op) in enumerate(
        AWKWARD, start=1
    ):
        reverses = REVERSES.get(pid, "")
        bank = "DEUTDEFF" if pid == "p-kwd" else ""
        conn.execute(
            "INSERT INTO payments (payment_id, kind, status, debit_account, credit_account, "
            "amount, currency, reference, operator, created_at, business_date, request_hash, "
            "seq, version, reverses_payment_id, beneficiary_bank) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (pid, kind, status, debit, credit, amount, currency, ref, op,
             f"{DAY} 09:00:{seq:02d}.{seq * 1111:06d}", DAY, "0" * 64, seq, 1, reverses, bank),
        )  # fmt: skip
        for leg, account, direction in ((1, debit, "debit"), (2, credit, "credit")):
            conn.execute(
                "INSERT INTO postings VALUES (?,?,?,?,?,?,?,?)",
                (pid, leg, account, direction, amount, currency, DAY, seq),
            )
    conn.execute("COMMIT")
    conn.close()


def plainly(neutralise: bool) -> bytes:
    """The file as the format describes it, one row at a time with the public helpers."""
    guard = formula_safe if neutralise else (lambda text: text)
    status_as_booked = {"reversed": "posted"}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(HEADER)
    for seq, (pid, kind, status, debit, credit, amount, currency, ref, op) in enumerate(
        AWKWARD, start=1
    ):
        reverses = REVERSES.get(pid, "")
        writer.writerow(
            (
                guard(pid),
                DAY,
                f"{DAY}T09:00:{seq:02d}.{seq * 1111:06d}Z",
                kind,
                status_as_booked.get(status, status),
                guard(debit),
                guard(credit),
                format_minor(amount, currency, grouping=False),
                currency,
                guard(op),
                guard(ref),
                guard(reverses),
            )
        )
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize("neutralise", [True, False], ids=["neutralised", "verbatim"])
def test_awkward_rows_export_byte_for_byte_as_the_format_says(
    tmp_path: Path, neutralise: bool
) -> None:
    db = tmp_path / "awkward.db"
    awkward_bank(db)
    engine = make_engine(f"sqlite:///{db}")
    day = date.fromisoformat(DAY)
    target = tmp_path / "out.csv"
    seen: list[tuple[int, int | None]] = []

    def progress(done: int, total: int | None) -> None:
        seen.append((done, total))

    try:
        summary = run_export(
            engine,
            ExportRequest("csv", day, day, target, neutralise_formulas=neutralise),
            progress,
        )
    finally:
        engine.dispose()
    assert target.read_bytes() == plainly(neutralise)
    assert summary.rows == len(AWKWARD)
    assert seen[-1] == (len(AWKWARD), len(AWKWARD))
    # Held payments moved no money; a reversal's booking did.
    assert summary.totals == {"EUR": 1_234 + 5 - 250 + 5 * 100 + 2 + 99 + 4_200,
                              "JPY": 1_500 - 3, "BHD": 7 - 1_001, "KWD": 1_234_567}  # fmt: skip
