"""Every export format, read back by a reader nobody on this team wrote, reconciles with
the ledger; bad requests write nothing."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from domain.reporting.exports import ExportCancelled, ExportError, ExportRequest, run_export
from domain.reporting.exports.csv_export import HEADER
from reporting_data import (
    ANNA,
    AWKWARD_REFERENCE,
    BEN,
    CHEN,
    DAY1,
    DAY2,
    DAY3,
    DRAWER_1,
    DRAWER_2,
    Bank,
)
from tests.domain.reporting.export_support import (
    NS,
    balances,
    cli,
    csv_rows,
    export_cli,
    read_camt,
    signed,
)
from tests.domain.support import cash_deposit, posted


def export(
    bank: Bank,
    fmt: str,
    path: Path,
    date_from: date = DAY1,
    date_to: date = DAY3,
    progress=None,
    cancelled=None,
    **request,
):
    return run_export(
        bank.desk.engine,
        ExportRequest(fmt, date_from, date_to, path, **request),
        progress,
        cancelled,
    )


def posted_balance(bank: Bank, account_id: str) -> int:
    return posted(bank.desk, account_id)


def expected(bank: Bank, *, days=(DAY1, DAY2, DAY3), account=None, teller=None):
    return [
        p
        for p in bank.posted
        if date.fromisoformat(p.business_date) in days
        and (account is None or account in (p.debit_account, p.credit_account))
        and (teller is None or p.actor == teller)
    ]


# -- CSV ----------------------------------------------------------------------------------


def test_csv_has_one_row_per_payment_and_reconciles_with_the_ledger(three_day_bank, out):
    summary = export(three_day_bank, "csv", out / "payments.csv")
    raw = (out / "payments.csv").read_bytes()
    assert raw.startswith(
        b"payment_id,business_date,keyed_at,kind,status,debit_account,"
        b"credit_account,amount,currency,operator,reference,reverses\r\n"
    )
    with (out / "payments.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None
        assert tuple(reader.fieldnames[: len(HEADER)]) == HEADER
        rows = list(reader)
    assert [r["payment_id"] for r in rows] == [p.payment_id for p in three_day_bank.posted]
    assert summary.rows == len(rows) == 9
    total = sum(Decimal(r["amount"]) for r in rows)
    assert total == Decimal(sum(p.amount for p in three_day_bank.posted)) / 100
    awkward = next(r for r in rows if r["payment_id"] == "d2-1")
    assert awkward["reference"] == AWKWARD_REFERENCE  # commas, quotes, CJK survive
    assert (awkward["amount"], awkward["currency"], awkward["kind"]) == (
        "200.00",
        "EUR",
        "cash_withdrawal",
    )
    assert awkward["keyed_at"].endswith("Z") and awkward["business_date"] == "2026-03-03"
    coins = next(r for r in rows if r["payment_id"] == "d2-3")
    assert coins["amount"] == "0.99"


def test_csv_of_one_day_one_account_and_one_teller(three_day_bank, out):
    export(three_day_bank, "csv", out / "day2.csv", DAY2, DAY2, account_id=ANNA)
    ids = [row["payment_id"] for row in csv_rows(out / "day2.csv")]
    assert ids == [p.payment_id for p in expected(three_day_bank, days=(DAY2,), account=ANNA)]
    assert ids == ["d2-1", "d2-2"]
    export(three_day_bank, "csv", out / "teller2.csv", teller="teller2")
    rows = csv_rows(out / "teller2.csv")
    assert {row["operator"] for row in rows} == {"teller2"}
    assert [r["payment_id"] for r in rows] == [
        p.payment_id for p in expected(three_day_bank, teller="teller2")
    ]


# -- XLSX ---------------------------------------------------------------------------------


def test_xlsx_has_numeric_amounts_a_frozen_header_and_the_ledger_totals(three_day_bank, out):
    summary = export(three_day_bank, "xlsx", out / "payments.xlsx")
    book = openpyxl.load_workbook(out / "payments.xlsx")
    sheet = book["Payments"]
    assert tuple(cell.value for cell in sheet[1])[: len(HEADER)] == HEADER
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 36  # a payment id fits
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == summary.rows == 9
    amount_cell = sheet["H2"]
    assert amount_cell.data_type == "n" and "EUR" in amount_cell.number_format
    total = sum(Decimal(str(row[7])) for row in rows)
    assert total == Decimal(sum(p.amount for p in three_day_bank.posted)) / 100
    assert rows[3][10] == AWKWARD_REFERENCE
    totals = {row[0]: row[1:] for row in book["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals["EUR"][0] == 9
    assert Decimal(str(totals["EUR"][1])) == total


# -- PDF ----------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_pdf_statement_shows_opening_entries_and_closing_balance_of_the_ledger(three_day_bank, out):
    summary = export(
        three_day_bank,
        "pdf",
        out / "anna.pdf",
        DAY2,
        DAY3,
        account_id=ANNA,
        bank_name="Bank of Tests",
    )
    text = pdf_text(out / "anna.pdf")
    # Anna before day 2: +1,000.00 -123.45 = 876.55; ends at the ledger's balance.
    assert "Bank of Tests" in text and "Account statement" in text
    assert "Anna Müller" in text
    assert "Opening balance on 2026-03-03: 876.55 EUR" in text
    closing = posted_balance(three_day_bank, ANNA)
    assert closing == 87_655 - 20_000 + 7_501 + 30_000 - 4_444
    assert f"Closing balance on 2026-03-04: {closing / 100:,.2f} EUR" in text
    assert "Total debits: 2 entries, 244.44 EUR" in text
    assert "Total credits: 2 entries, 375.01 EUR" in text
    assert "Page 1 of 1" in text
    assert summary.rows == 4 and summary.balances[ANNA] == (87_655, closing)


def test_pdf_teller_journal_of_a_day_lists_its_payments_with_totals(three_day_bank, out):
    export(three_day_bank, "pdf", out / "journal.pdf", DAY2, DAY2, teller="teller2")
    text = pdf_text(out / "journal.pdf")
    assert "Teller journal" in text and "Business date 2026-03-03 · teller teller2" in text
    assert "transfer: 2 payments, 85.01 EUR" in text
    assert "Totals for the period: 85.01 EUR moved; 2 payments listed" in text
    assert "d2-2" in text and "d2-1" not in text  # teller1's payment is not in teller2's


def test_pdf_statement_shows_a_drawer_counterparty_whole_and_counts_one_entry(three_day_bank, out):
    """Day 1 for Anna: a cash deposit from teller1's drawer and one transfer out."""
    export(three_day_bank, "pdf", out / "anna.pdf", DAY1, DAY1, account_id=ANNA)
    text = pdf_text(out / "anna.pdf")
    assert DRAWER_1 in text and "DRAWER-TELL…" not in text
    assert "Total debits: 1 entry, 123.45 EUR" in text
    assert "Total credits: 1 entry, 1,000.00 EUR" in text
    assert "Page 1 of 1" in text


def test_pdf_journal_of_one_payment_says_payment_not_payments(three_day_bank, out):
    export(three_day_bank, "pdf", out / "journal.pdf", DAY1, DAY1, teller="teller2")
    text = pdf_text(out / "journal.pdf")
    assert "cash deposit: 1 payment, 500.00 EUR" in text
    assert "Totals for the period: 500.00 EUR moved; 1 payment listed" in text
    assert "Page 1 of 1" in text


def test_pdf_journal_totals_spilling_onto_a_page_of_their_own_have_no_column_headings(
    three_day_bank, out
):
    """One payment more at a time, until the day's totals start a page without rows."""
    for n in range(60):
        newest = f"bulk {n}"  # the day's last row
        three_day_bank.pay(f"bulk-{n}", "cash_deposit", DRAWER_1, BEN, 100 + n, reference=newest)
        export(three_day_bank, "pdf", out / "journal.pdf", DAY3, DAY3)
        last = pdf_text(out / "journal.pdf").split("\f")[-2]
        if newest not in last:
            break
    assert newest not in last and "Totals for the period" in last and "Page 2 of 2" in last
    assert "Keyed" not in last and "Reference" not in last, last


def test_pdf_journal_of_many_payments_numbers_every_page(three_day_bank, out):
    assert three_day_bank.desk.lifecycle.business_date() == DAY3
    for n in range(120):
        three_day_bank.pay(
            f"bulk-{n}", "cash_deposit", DRAWER_1, BEN, 100 + n, reference=f"bulk {n}"
        )
    export(three_day_bank, "pdf", out / "journal.pdf", DAY3, DAY3)
    text = pdf_text(out / "journal.pdf")
    pages = text.count("Page ")
    assert pages >= 3
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text


# -- camt.053 -----------------------------------------------------------------------------


def test_camt053_is_valid_and_opening_plus_entries_is_closing_is_ledger(three_day_bank, out):
    export(three_day_bank, "camt053", out / "anna.xml", DAY2, DAY3, account_id=ANNA)
    document = read_camt(out / "anna.xml")
    statements = document.findall(".//c:Stmt", NS)
    assert len(statements) == 1
    stmt = statements[0]
    assert stmt.findtext("c:Acct/c:Id/c:Othr/c:Id", namespaces=NS) == ANNA
    balance = balances(stmt)
    entries = [signed(e) for e in stmt.findall("c:Ntry", NS)]
    assert len(entries) == 4
    assert balance["OPBD"] == Decimal("876.55")
    # Day 3 is still open: its balance is interim (ITBD), never a closing one.
    assert "CLBD" not in balance
    assert balance["OPBD"] + sum(entries) == balance["ITBD"]
    assert balance["ITBD"] == Decimal(posted_balance(three_day_bank, ANNA)) / 100
    refs = [
        e.findtext("c:NtryDtls/c:TxDtls/c:RmtInf/c:Ustrd", namespaces=NS)
        for e in stmt.findall("c:Ntry", NS)
    ]
    assert AWKWARD_REFERENCE in refs


def test_camt053_without_account_has_one_valid_statement_per_account_that_moved(
    three_day_bank, out
):
    export(three_day_bank, "camt053", out / "all.xml")
    document = read_camt(out / "all.xml")
    by_account = {}
    for stmt in document.findall(".//c:Stmt", NS):
        balance = balances(stmt)
        entries = sum((signed(e) for e in stmt.findall("c:Ntry", NS)), Decimal(0))
        assert balance["OPBD"] == 0  # nothing before day 1
        assert balance["OPBD"] + entries == balance["ITBD"]
        by_account[stmt.findtext("c:Acct/c:Id/c:Othr/c:Id", namespaces=NS)] = balance["ITBD"]
    assert set(by_account) == {ANNA, BEN, CHEN, DRAWER_1, DRAWER_2}
    for account_id in (ANNA, BEN, CHEN):
        assert by_account[account_id] == Decimal(posted_balance(three_day_bank, account_id)) / 100
    # A drawer is debit-normal: its cash shows as a debit balance.
    assert by_account[DRAWER_1] == -Decimal(posted_balance(three_day_bank, DRAWER_1)) / 100
    assert sum(by_account.values()) == 0  # double entry: the ledger sums to zero


# -- bad input and cancel -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "csv", "--from", "2026-03-04", "--to", "2026-03-02"],
            "starts (2026-03-04) after it ends (2026-03-02)",
        ),
        (
            ["--format", "csv", "--from", "2026-02-30", "--to", "2026-03-02"],
            "--from '2026-02-30' is not a date",
        ),
        (
            ["--format", "csv", "--from", "yesterday", "--to", "2026-03-02"],
            "write it as YYYY-MM-DD",
        ),
        (
            ["--format", "csv", "--from", "2026-03-01", "--to", "2026-03-02", "--account", "404"],
            "No account 404",
        ),
        (
            ["--format", "docx", "--from", "2026-03-01", "--to", "2026-03-02"],
            "Unknown format 'docx': choose one of csv, xlsx, pdf, camt053",
        ),
    ],
)
def test_bad_requests_say_why_exit_non_zero_and_write_nothing(
    three_day_bank, out, capsys, args, message
):
    assert cli(three_day_bank, *args, "--out", str(out / "report.out")) != 0
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert list(out.iterdir()) == []


def test_unwritable_targets_are_refused(three_day_bank, out, capsys):
    blocker = out / "a-file"
    blocker.write_text("not a folder")
    assert (
        export_cli(three_day_bank, "csv", "2026-03-01", "2026-03-04", blocker / "report.csv") != 0
    )
    assert f"{blocker} is a file, not a folder" in capsys.readouterr().err
    assert export_cli(three_day_bank, "csv", "2026-03-01", "2026-03-04", out) != 0
    assert "is a folder" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["a-file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_a_read_only_folder_is_refused(three_day_bank, out, capsys):
    out.chmod(0o500)
    try:
        assert export_cli(three_day_bank, "csv", "2026-03-01", "2026-03-04", out / "r.csv") != 0
        assert "permission denied" in capsys.readouterr().err
    finally:
        out.chmod(0o700)
    assert list(out.iterdir()) == []


def test_command_line_export_prints_what_it_wrote(three_day_bank, out, capsys):
    assert (
        export_cli(
            three_day_bank, "csv", "2026-03-02", "2026-03-04", out / "t2.csv", "--teller", "teller2"
        )
        == 0
    )
    said = capsys.readouterr().out
    assert "wrote 4 rows" in said and str(out / "t2.csv") in said


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "camt053"])
def test_a_cancelled_export_leaves_the_old_file_and_no_partial_one(three_day_bank, out, fmt):
    assert three_day_bank.desk.lifecycle.business_date() == DAY3
    # Three progress steps' worth (a step is at least 100 rows): the cancel lands mid-file.
    for n in range(300):
        # Amounts differ: equal ones would be stopped as possible duplicates.
        three_day_bank.pay(
            f"bulk-{n}", "cash_deposit", DRAWER_1, BEN, 100 + n, reference=f"bulk {n}"
        )
    target = out / "report"
    target.write_text("yesterday's report")
    seen: list[tuple[int, int | None]] = []
    with pytest.raises(ExportCancelled):
        export(
            three_day_bank,
            fmt,
            target,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 1,
        )
    assert seen and seen[0][1] is not None and 0 < seen[0][0] < seen[0][1]
    assert [p.name for p in out.iterdir()] == ["report"]
    assert target.read_text() == "yesterday's report"


def test_export_request_errors_name_their_field(three_day_bank, out):
    with pytest.raises(ExportError) as raised:
        export(three_day_bank, "csv", out / "x.csv", DAY3, DAY1)
    assert raised.value.field == "date_from"


def test_export_benchmark_runs_and_reports_its_figures(capsys):
    """A small run of `bench-export`: the figures exist and describe what was measured."""
    assert main(["bench-export", "--payments", "3000", "--accounts", "500", "--json"]) == 0
    import json

    figures = json.loads(capsys.readouterr().out)
    assert figures["csv_app"]["rows"] == 3000
    assert figures["csv_app"]["bytes"] > figures["csv_raw"]["bytes"] * 0.9
    assert figures["csv_ratio"] > 0
    assert figures["history"]["rows_loaded"] == 200
    assert figures["lookup"]["accounts"] == 502


def test_a_quiet_period_still_exports_what_makes_sense(three_day_bank, out, capsys):
    quiet = date(2026, 1, 5)
    export(three_day_bank, "csv", out / "quiet.csv", quiet, quiet)
    assert (out / "quiet.csv").read_text(encoding="utf-8").count("\n") == 1  # header only
    export(three_day_bank, "pdf", out / "quiet.pdf", quiet, quiet)
    assert "No payments in this period." in pdf_text(out / "quiet.pdf")
    # A statement of an account with no entries is valid: balances, no Ntry.
    export(three_day_bank, "camt053", out / "anna.xml", quiet, quiet, account_id=ANNA)
    read_camt(out / "anna.xml")
    # Without an account there is no statement to make, and camt.053 needs one.
    assert export_cli(three_day_bank, "camt053", "2026-01-05", "2026-01-05", out / "none.xml") != 0
    assert "No account moved between 2026-01-05 and 2026-01-05" in capsys.readouterr().err
    assert not (out / "none.xml").exists()


# -- payments that never moved money --------------------------------------------------------


def test_a_held_payment_is_in_no_report_until_it_is_booked(three_day_bank, out):
    """A payment waiting for a supervisor has not moved money: no day's report lists it.
    Approved, it belongs to the day it was booked, with the time it was keyed."""
    from domain.payments.commands import ApprovePayment
    from domain.payments.events import PaymentHeld

    # Above the teller's limit for one payment: it waits for a supervisor.
    results = three_day_bank.desk.bus.dispatch(
        cash_deposit("held-1", 1_500_000, BEN, drawer=DRAWER_1)
    )
    assert isinstance(results[-1], PaymentHeld), results[-1]
    moved = Decimal(sum(p.amount for p in three_day_bank.posted)) / 100

    summary = export(three_day_bank, "csv", out / "all.csv")
    rows = csv_rows(out / "all.csv")
    assert "held-1" not in [r["payment_id"] for r in rows]
    assert Decimal(summary.totals["EUR"]) / 100 == moved

    export(three_day_bank, "xlsx", out / "all.xlsx")
    book = openpyxl.load_workbook(out / "all.xlsx")
    totals = {row[0]: row[1:] for row in book["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals["EUR"][0] == len(three_day_bank.posted)
    assert Decimal(str(totals["EUR"][1])) == moved

    three_day_bank.desk.bus.dispatch(ApprovePayment(payment_id="held-1", actor="super1"))
    export(three_day_bank, "csv", out / "after.csv", DAY3, DAY3)
    rows = csv_rows(out / "after.csv")
    assert [(r["status"], r["amount"]) for r in rows if r["payment_id"] == "held-1"] == [
        ("posted", "15000.00")
    ]
