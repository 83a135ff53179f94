"""Reading exports back as their readers would: the command line's exit code, a CSV's
rows, and a camt.053 statement validated against the ISO 20022 schema."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.cli import main
from reporting_data import Bank

REPO = Path(__file__).resolve().parents[3]
CAMT_XSD = REPO.parent / "shared" / "iso20022" / "camt.053.001.02.xsd"
NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}


def cli(bank: Bank, *args: str) -> int:
    """`python main.py export ARGS` on the bank's database; its exit code."""
    return main(["--db", str(bank.desk.engine.url), "export", *args])


def export_cli(bank: Bank, fmt: str, date_from: str, date_to: str, out: Path, *options: str) -> int:
    """The command line's export of `fmt` for a period into `out`, with more `options`."""
    return cli(
        bank, "--format", fmt, "--from", date_from, "--to", date_to, *options, "--out", str(out)
    )


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def camt_schema() -> etree.XMLSchema:
    if not CAMT_XSD.exists():
        pytest.skip(f"the ISO 20022 schema is not next to the repository at {CAMT_XSD}")
    return etree.XMLSchema(etree.parse(str(CAMT_XSD)))


def read_camt(path: Path) -> etree._ElementTree:
    """The document, valid against the schema (and against xmllint's reading of it)."""
    document = etree.parse(str(path))
    camt_schema().assertValid(document)
    if shutil.which("xmllint"):
        checked = subprocess.run(
            ["xmllint", "--noout", "--schema", str(CAMT_XSD), str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr
    return document


def signed(element: Any) -> Decimal:
    """An entry's or balance's amount, negative when it is a debit."""
    amount = Decimal(element.findtext("c:Amt", namespaces=NS))
    return amount if element.findtext("c:CdtDbtInd", namespaces=NS) == "CRDT" else -amount


def balances(stmt: Any) -> dict[str, Decimal]:
    """A statement's balances by type (OPBD, CLBD, ITBD)."""
    return {
        b.findtext("c:Tp/c:CdOrPrtry/c:Cd", namespaces=NS): signed(b)
        for b in stmt.findall("c:Bal", NS)
    }
