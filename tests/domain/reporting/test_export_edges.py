"""Exports that cannot be turned against their reader, that fail cleanly, that give a
payment one business day in every format, and camt.053 a back office accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from lxml import etree
from sqlalchemy import text

from bus import Event
from domain.business_day.commands import CloseBusinessDate
from domain.business_day.events import BusinessDateOpened
from domain.ledger.commands import OpenAccount
from domain.payments.commands import ApprovePayment, ReversePayment
from domain.payments.events import PaymentHeld, PaymentReserved, PaymentReversed
from domain.payments.kinds import INTERBANK, TRANSFER
from domain.reporting.exports import ExportRequest, run_export
from reporting_data import (
    ANNA,
    BEN,
    CHEN,
    DAY1,
    DAY2,
    DAY3,
    DRAWER_1,
    Bank,
    build_bank,
)
from tests.domain.reporting.export_support import (
    NS,
    REPO,
    balances,
    csv_rows,
    export_cli,
    read_camt,
    signed,
)
from tests.domain.support import cash_deposit, submission

FORMULA = '=HYPERLINK("http://x")'


# -- text a spreadsheet or an XML reader would trip over ----------------------------------


def test_formulas_are_plain_text_in_xlsx_and_csv_unless_asked_raw(three_day_bank, out, capsys):
    three_day_bank.pay("f-1", TRANSFER, ANNA, BEN, 1_250, reference=FORMULA)
    three_day_bank.pay("f-2", TRANSFER, BEN, ANNA, 100, reference="@SUM(1+1)")
    three_day_bank.pay("f-3", TRANSFER, ANNA, CHEN, 100, reference="-2+3")

    assert export_cli(three_day_bank, "csv", "2026-03-04", "2026-03-04", out / "safe.csv") == 0
    rows = {r["payment_id"]: r for r in csv_rows(out / "safe.csv")}
    assert rows["f-1"]["reference"] == "'" + FORMULA
    assert rows["f-2"]["reference"] == "'@SUM(1+1)"
    assert rows["f-3"]["reference"] == "'-2+3"
    assert rows["f-1"]["amount"] == "12.50"  # numbers are left alone

    assert (
        export_cli(
            three_day_bank,
            "csv",
            "2026-03-04",
            "2026-03-04",
            out / "raw.csv",
            "--csv-formulas",
            "raw",
        )
        == 0
    )
    assert {r["payment_id"]: r["reference"] for r in csv_rows(out / "raw.csv")}["f-1"] == FORMULA

    run_export(
        three_day_bank.desk.engine,
        ExportRequest("xlsx", DAY3, DAY3, out / "safe.xlsx", neutralise_formulas=False),
    )
    sheet = openpyxl.load_workbook(out / "safe.xlsx")["Payments"]
    cells = {row[0].value: row[10] for row in sheet.iter_rows(min_row=2)}
    # xlsx always: a string cell with the apostrophe, never a formula cell.
    assert cells["f-1"].data_type == "s" and cells["f-1"].value == "'" + FORMULA
    assert cells["f-3"].value == "'-2+3"


def store_control_characters(bank: Bank) -> None:
    """As data stored before the domain refused control characters would look: written
    straight into the tables (no NUL: PostgreSQL's text cannot hold it, so old data has
    none there either)."""
    with bank.desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE payments SET reference = :ref WHERE payment_id = 'd3-2'"),
            {"ref": "rent\x1b[31m\x07 March\x01\x0b"},
        )
        conn.execute(
            text("UPDATE accounts SET holder_name = :name WHERE account_id = :id"),
            {"name": "Anna\x0c Müller", "id": ANNA},
        )


def test_control_characters_already_stored_still_export_as_u_fffd(three_day_bank, out):
    store_control_characters(three_day_bank)
    engine = three_day_bank.desk.engine
    for fmt in ("csv", "xlsx", "pdf", "camt053"):
        run_export(engine, ExportRequest(fmt, DAY1, DAY3, out / f"all.{fmt}"))
    sheet = openpyxl.load_workbook(out / "all.xlsx")["Payments"]
    references = {row[0]: row[10] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert references["d3-2"] == "rent\ufffd[31m\ufffd March\ufffd\ufffd"
    document = read_camt(out / "all.camt053")
    assert "rent\ufffd[31m\ufffd March\ufffd\ufffd" in [
        e.text for e in document.iterfind(".//c:Ustrd", NS)
    ]
    owners = [e.text for e in document.iterfind(".//c:Acct/c:Ownr/c:Nm", NS)]
    assert "Anna\ufffd Müller" in owners
    # CSV holds any character: the reference is as stored.
    assert {r["payment_id"]: r["reference"] for r in csv_rows(out / "all.csv")}["d3-2"] == (
        "rent\x1b[31m\x07 March\x01\x0b"
    )


# -- failures: one line, exit 2, nothing left behind ---------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "camt053"])
def test_a_write_error_mid_export_is_one_line_exit_2_and_leaves_nothing(three_day_bank, out, fmt):
    """The file may not grow beyond 1,000 bytes (RLIMIT_FSIZE, as a full disk would stop
    it); the desk's open connection keeps SQLite's shared memory file as it is."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "from app.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    target = out / f"report.{fmt}"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "--db",
            str(three_day_bank.desk.engine.url),
            "export",
            "--format",
            fmt,
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-04",
            "--out",
            str(target),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"export: Could not write {target}: "), lines
    assert "File too large" in lines[0] or "too large" in lines[0].lower(), lines
    assert list(out.iterdir()) == []  # no file, no .part


def test_future_periods_unknown_tellers_and_paths_under_files_are_refused(
    three_day_bank, out, capsys
):
    assert (
        export_cli(
            three_day_bank, "camt053", "2099-01-01", "2099-01-31", out / "x.xml", "--account", ANNA
        )
        == 2
    )
    assert (
        "The period ends on 2099-01-31, after the open business date 2026-03-04"
        in capsys.readouterr().err
    )
    assert export_cli(three_day_bank, "csv", "2026-03-02", "2026-03-05", out / "x.csv") == 2
    assert "after the open business date 2026-03-04" in capsys.readouterr().err
    assert (
        export_cli(
            three_day_bank, "csv", "2026-03-02", "2026-03-04", out / "x.csv", "--teller", "nobody"
        )
        == 2
    )
    assert "No operator nobody" in capsys.readouterr().err
    blocker = out / "a-file"
    blocker.write_text("not a folder")
    assert (
        export_cli(three_day_bank, "csv", "2026-03-02", "2026-03-04", blocker / "deeper" / "x.csv")
        == 2
    )
    assert f"{blocker} is a file, not a folder" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["a-file"]


# -- one business day in every report --------------------------------------------------------

IRIS_IBAN = "DE89370400440532013000"
BENEFICIARY = {
    "beneficiary_bank": "COBADEFFXXX",
    "beneficiary_account": "GB29 NWBK 6016 1331 9268 19",
    "beneficiary_name": "Dana Okafor",
}


def close_day(bank: Bank, day: date) -> None:
    """`eod` as the supervisor runs it (the tellers close their drawers first); it settles
    the day's transfers to other banks and opens `day`."""
    bank.close_drawers()
    bank.clock[0] = day
    results = bank.desk.bus.dispatch(CloseBusinessDate(actor="super1"))
    assert isinstance(results[-1], BusinessDateOpened), results
    assert results[-1].business_date == day.isoformat(), results
    bank.open_drawers()


def open_with_iban(bank: Bank, account_id: str, holder_name: str, iban: str) -> Event:
    """A teller opens a customer's euro account with its IBAN; the bus's final answer."""
    return bank.desk.bus.dispatch(
        OpenAccount(
            account_id=account_id,
            holder_name=holder_name,
            kind="customer",
            currency="EUR",
            iban=iban,
            actor="teller1",
        )
    )[-1]


@pytest.fixture
def lifecycle_bank(db_url: str) -> Iterator[Bank]:
    """Three business dates (2026-03-02 to -04, then -05 and -06 as the bank goes on):
    - day A (03-05): `held` keyed above the teller's limit and left for the supervisor;
      `plain` posted; `away`, a transfer to another bank, reserved and settled at the close;
    - day B (03-06): `held` approved, `plain` reversed by `undo`, `next` posted;
    - day C (03-07): still open, `late` posted."""
    bank = build_bank(db_url)
    bus = bank.desk.bus
    try:
        open_with_iban(bank, "10000009", "Iris Iban", "de89 3704 0044 0532 0130 00")
        close_day(bank, date(2026, 3, 5))
        bank.pay("plain", TRANSFER, ANNA, "10000009", 5_000, reference="plain")
        held = bus.dispatch(
            cash_deposit("held", 1_500_000, BEN, drawer=DRAWER_1, reference="big cash")
        )
        assert isinstance(held[-1], PaymentHeld), held
        away = bus.dispatch(
            submission("away", INTERBANK, ANNA, "", 2_000, reference="invoice 7", **BENEFICIARY)
        )
        assert isinstance(away[-1], PaymentReserved), away
        close_day(bank, date(2026, 3, 6))
        assert bus.dispatch(ApprovePayment(payment_id="held", actor="super1"))
        undone = bus.dispatch(
            ReversePayment(
                payment_id="plain", reversal_id="undo", reason="keyed twice", actor="super1"
            )
        )
        assert any(isinstance(e, PaymentReversed) for e in undone), undone
        bank.pay("next", TRANSFER, BEN, CHEN, 700)
        close_day(bank, date(2026, 3, 7))
        bank.pay("late", TRANSFER, CHEN, ANNA, 300)
        yield bank
    finally:
        bank.desk.close()


DAY_A, DAY_B, DAY_C = date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7)


def csv_moves(rows: list[dict[str, str]]) -> dict[str, Decimal]:
    """Credits minus debits per account, from the CSV's payments."""
    moves: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        moves[row["debit_account"]] -= Decimal(row["amount"])
        moves[row["credit_account"]] += Decimal(row["amount"])
    return {k: v for k, v in moves.items() if v}


def ledger_moves(bank: Bank, day: date) -> dict[str, Decimal]:
    with bank.desk.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT account_id, SUM(CASE WHEN direction = 'credit' THEN amount ELSE -amount "
                "END) FROM postings WHERE business_date = :day GROUP BY account_id"
            ),
            {"day": day},
        ).all()
    return {account: Decimal(total) / 100 for account, total in rows if total}


def test_each_day_csv_reconciles_with_its_camt053_and_the_ledger(lifecycle_bank, out):
    bank = lifecycle_bank
    engine = bank.desk.engine
    ids: dict[date, list[str]] = {}
    for day in (DAY_A, DAY_B, DAY_C):
        run_export(engine, ExportRequest("csv", day, day, out / f"{day}.csv"))
        run_export(engine, ExportRequest("camt053", day, day, out / f"{day}.xml"))
        rows = csv_rows(out / f"{day}.csv")
        ids[day] = [r["payment_id"] for r in rows]
        assert {r["business_date"] for r in rows} == {day.isoformat()}
        statements: dict[str, Decimal] = {}
        document = read_camt(out / f"{day}.xml")
        for stmt in document.iterfind(".//c:Stmt", NS):
            account = stmt.findtext("c:Acct/c:Id/c:Othr/c:Id", namespaces=NS) or stmt.findtext(
                "c:Acct/c:Id/c:IBAN", namespaces=NS
            )
            balance = balances(stmt)
            closing = "ITBD" if day == DAY_C else "CLBD"
            assert set(balance) == {"OPBD", closing}
            entries = sum((signed(e) for e in stmt.findall("c:Ntry", NS)), Decimal(0))
            assert balance["OPBD"] + entries == balance[closing]
            if entries:
                statements["10000009" if account == IRIS_IBAN else account] = entries
        assert csv_moves(rows) == statements == ledger_moves(bank, day), day
    # Held on A, approved on B: B's. Settled at A's close: A's. Reversed on B: B's row.
    assert ids[DAY_A] == ["plain", "away"]
    assert ids[DAY_B] == ["held", "undo", "next"]
    assert ids[DAY_C] == ["late"]
    day_b = {r["payment_id"]: r for r in csv_rows(out / f"{DAY_B}.csv")}
    assert day_b["undo"]["reverses"] == "plain"
    assert day_b["held"]["keyed_at"] < day_b["next"]["keyed_at"]
    a_rows = {r["payment_id"]: r for r in csv_rows(out / f"{DAY_A}.csv")}
    # As booked that day: the reversal the next day does not rewrite it.
    assert (a_rows["plain"]["status"], a_rows["away"]["status"]) == ("posted", "settled")


def test_a_closed_days_journal_never_changes(db_url, out):
    bank = build_bank(db_url)
    try:
        engine = bank.desk.engine
        bus = bank.desk.bus
        held = bus.dispatch(cash_deposit("held", 1_500_000, BEN, drawer=DRAWER_1))
        assert isinstance(held[-1], PaymentHeld), held
        close_day(bank, date(2026, 3, 5))
        for fmt in ("csv", "pdf", "camt053"):
            run_export(engine, ExportRequest(fmt, DAY3, DAY3, out / f"before.{fmt}"))
        before = csv_rows(out / "before.csv")
        bus.dispatch(ApprovePayment(payment_id="held", actor="super1"))
        bus.dispatch(
            ReversePayment(
                payment_id="d3-1", reversal_id="undo-d3-1", reason="wrong account", actor="super1"
            )
        )
        run_export(engine, ExportRequest("csv", DAY3, DAY3, out / "after.csv"))
        run_export(engine, ExportRequest("camt053", DAY3, DAY3, out / "after.camt053"))
        assert csv_rows(out / "after.csv") == before
        entries = [
            [
                e.findtext("c:NtryRef", namespaces=NS)
                for e in etree.parse(str(out / name)).iterfind(".//c:Ntry", NS)
            ]
            for name in ("before.camt053", "after.camt053")
        ]
        assert entries[0] == entries[1]
        journal = bank.desk.queries.journal(date(2026, 3, 5))
        assert {e.payment_id for e in journal} == {"held", "undo-d3-1"}
        assert {e.business_date for e in journal} == {date(2026, 3, 5)}
        assert next(e for e in journal if e.payment_id == "held").keyed_date == DAY3
    finally:
        bank.desk.close()


# -- camt.053 that a back office accepts -----------------------------------------------------


def entry(document, payment_id: str, account: str):
    for stmt in document.iterfind(".//c:Stmt", NS):
        if account in (
            stmt.findtext("c:Acct/c:Id/c:Othr/c:Id", namespaces=NS),
            stmt.findtext("c:Acct/c:Id/c:IBAN", namespaces=NS),
        ):
            for ntry in stmt.iterfind("c:Ntry", NS):
                if (
                    ntry.findtext("c:NtryDtls/c:TxDtls/c:Refs/c:EndToEndId", namespaces=NS)
                    == payment_id
                ):
                    return ntry
    raise AssertionError(f"no entry {payment_id} on {account}")


def code(ntry) -> tuple[str, ...]:
    return tuple(
        ntry.findtext(path, namespaces=NS)
        for path in (
            "c:BkTxCd/c:Domn/c:Cd",
            "c:BkTxCd/c:Domn/c:Fmly/c:Cd",
            "c:BkTxCd/c:Domn/c:Fmly/c:SubFmlyCd",
            "c:BkTxCd/c:Prtry/c:Cd",
        )
    )


def test_camt053_for_a_back_office(lifecycle_bank, out):
    bank = lifecycle_bank
    run_export(bank.desk.engine, ExportRequest("camt053", DAY_A, DAY_B, out / "ab.xml"))
    raw = (out / "ab.xml").read_text(encoding="utf-8")
    assert raw.count("xmlns") == 1  # declared once, on Document
    document = read_camt(out / "ab.xml")
    assert document.getroot().tag == "{urn:iso:std:iso:20022:tech:xsd:camt.053.001.02}Document"
    for moment in document.iterfind(".//c:CreDtTm", NS):
        assert moment.text.endswith("+00:00")
    assert document.findtext(".//c:FrToDt/c:ToDtTm", namespaces=NS) == ("2026-03-06T23:59:59+00:00")

    undo = entry(document, "undo", IRIS_IBAN)
    assert undo.findtext("c:RvslInd", namespaces=NS) == "true"
    assert undo.findtext("c:NtryDtls/c:TxDtls/c:Refs/c:Prtry/c:Tp", namespaces=NS) == "RVSL"
    assert undo.findtext("c:NtryDtls/c:TxDtls/c:Refs/c:Prtry/c:Ref", namespaces=NS) == "plain"
    assert code(undo) == ("PMNT", "RCDT", "BOOK", "reversal")  # as the transfer it undoes
    plain = entry(document, "plain", ANNA)
    assert plain.find("c:RvslInd", NS) is None
    assert code(plain) == ("PMNT", "ICDT", "BOOK", "transfer")
    # The other side of a transfer between customers, by IBAN when it has one.
    assert (
        plain.findtext("c:NtryDtls/c:TxDtls/c:RltdPties/c:CdtrAcct/c:Id/c:IBAN", namespaces=NS)
        == IRIS_IBAN
    )
    assert (
        plain.findtext("c:NtryDtls/c:TxDtls/c:RltdPties/c:Cdtr/c:Nm", namespaces=NS) == "Iris Iban"
    )

    held = entry(document, "held", BEN)
    assert code(held) == ("PMNT", "CNTR", "CDPT", "cash_deposit")
    assert held.find("c:NtryDtls/c:TxDtls/c:RltdPties", NS) is None  # not the drawer
    away = entry(document, "away", ANNA)
    assert code(away) == ("PMNT", "ICDT", "DMCT", "interbank_transfer")
    parties = away.find("c:NtryDtls/c:TxDtls/c:RltdPties", NS)
    assert parties.findtext("c:Cdtr/c:Nm", namespaces=NS) == "Dana Okafor"
    assert parties.findtext("c:CdtrAcct/c:Id/c:IBAN", namespaces=NS) == "GB29NWBK60161331926819"
    assert (
        away.findtext("c:NtryDtls/c:TxDtls/c:RltdAgts/c:CdtrAgt/c:FinInstnId/c:BIC", namespaces=NS)
        == "COBADEFFXXX"
    )
    for account_id in ("DRAWER-", "CLEARING-"):
        assert not [
            e
            for e in document.iterfind(".//c:RltdPties//c:Id", NS)
            if (e.text or "").startswith(account_id)
        ]


def test_statement_ids_and_sequence_numbers_are_unique_per_account_and_period(lifecycle_bank, out):
    engine = lifecycle_bank.desk.engine
    seen: dict[str, tuple[str, str]] = {}
    for day in (DAY1, DAY2, DAY3, DAY_A, DAY_B):
        run_export(engine, ExportRequest("camt053", day, day, out / f"{day}.xml", account_id=ANNA))
        stmt = etree.parse(str(out / f"{day}.xml")).find(".//c:Stmt", NS)
        ident = stmt.findtext("c:Id", namespaces=NS)
        assert ident not in seen
        seen[ident] = (day.isoformat(), stmt.findtext("c:ElctrncSeqNb", namespaces=NS))
    assert [number for _, number in seen.values()] == ["1", "2", "3", "4", "5"]
    # The same statement made again keeps its id and number.
    run_export(engine, ExportRequest("camt053", DAY2, DAY2, out / "again.xml", account_id=ANNA))
    again = etree.parse(str(out / "again.xml")).find(".//c:Stmt", NS)
    assert seen[again.findtext("c:Id", namespaces=NS)] == ("2026-03-03", "2")


def test_an_invalid_iban_is_refused_at_opening(three_day_bank):
    from bus import CommandRejected

    answer = open_with_iban(three_day_bank, "10000010", "Wrong Digits", "DE88370400440532013000")
    assert isinstance(answer, CommandRejected) and answer.field == "iban", answer
    assert three_day_bank.desk.queries.account("10000010") is None
