"""ISO 20022 camt.053.001.02 bank-to-customer statements, one `Stmt` per account.

Balances and entries carry no sign in camt: each has a credit/debit indicator. A balance
is credits minus debits of the account's postings (CRDT when not negative), so for every
statement opening + credits - debits = closing, whatever kind the account is. The file is
written element by element (lxml's incremental writer) so a long period stays small in
memory; the opening and closing balances come from aggregate queries first, because the
schema puts them before the entries.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree
from sqlalchemy import Connection

from domain.exports.common import (
    ExportError,
    ExportRequest,
    ExportSummary,
    Ticker,
    TickerFactory,
)
from domain.money import format_minor
from domain.reports import (
    AccountHeader,
    account_header,
    accounts_with_postings,
    count_postings,
    credit_minus_debit_before,
    period_sums,
    statement_entries,
)

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
SCHEMA_FILE = "camt.053.001.02.xsd"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None,
         **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _q(name), attributes)
    if text is not None:
        element.text = text
    return element


def _el(name: str, text: str | None = None) -> etree._Element:
    # The default namespace on each written subtree keeps prefixes out of the file.
    element = etree.Element(_q(name), nsmap={None: NS})
    if text is not None:
        element.text = text
    return element


def _amount(parent: etree._Element, name: str, minor: int, currency: str) -> None:
    _sub(parent, name, format_minor(abs(minor), currency, grouping=False), Ccy=currency)


def _indicator(credit_minus_debit: int) -> str:
    return "CRDT" if credit_minus_debit >= 0 else "DBIT"


def short_ref(payment_id: str) -> str:
    """camt references hold 35 characters; a 36-character UUID loses its dashes."""
    return payment_id if len(payment_id) <= 35 else payment_id.replace("-", "")[:35]


def _balance(code: str, credit_minus_debit: int, currency: str, day: date) -> etree._Element:
    balance = _el("Bal")
    _sub(_sub(_sub(balance, "Tp"), "CdOrPrtry"), "Cd", code)
    _amount(balance, "Amt", credit_minus_debit, currency)
    _sub(balance, "CdtDbtInd", _indicator(credit_minus_debit))
    _sub(_sub(balance, "Dt"), "Dt", day.isoformat())
    return balance


def _account(header: AccountHeader, bank_name: str) -> etree._Element:
    account = _el("Acct")
    _sub(_sub(_sub(account, "Id"), "Othr"), "Id", header.account_id)
    _sub(account, "Ccy", header.currency)
    _sub(_sub(account, "Ownr"), "Nm", header.holder_name[:140])
    _sub(_sub(_sub(account, "Svcr"), "FinInstnId"), "Nm", bank_name[:140])
    return account


def _write_statement(xf: etree.xmlfile, conn: Connection, header: AccountHeader,
                     request: ExportRequest, created: str, ticker: Ticker,
                     summary: ExportSummary) -> None:
    currency = header.currency
    opening = credit_minus_debit_before(conn, header.account_id, request.date_from)
    sums = period_sums(conn, header.account_id, request.date_from, request.date_to)
    closing = opening + sums.credits - sums.debits
    with xf.element(_q("Stmt")):
        xf.write(_el("Id", f"{header.account_id[:26]}-{request.date_to:%Y%m%d}"))
        xf.write(_el("CreDtTm", created))
        period = _el("FrToDt")
        _sub(period, "FrDtTm", f"{request.date_from.isoformat()}T00:00:00")
        _sub(period, "ToDtTm", f"{request.date_to.isoformat()}T23:59:59")
        xf.write(period)
        xf.write(_account(header, request.bank_name))
        xf.write(_balance("OPBD", opening, currency, request.date_from))
        xf.write(_balance("CLBD", closing, currency, request.date_to))
        summary_element = _el("TxsSummry")
        all_entries = _sub(summary_element, "TtlNtries")
        _sub(all_entries, "NbOfNtries", str(sums.credit_count + sums.debit_count))
        _sub(all_entries, "Sum",
             format_minor(sums.credits + sums.debits, currency, grouping=False))
        _sub(all_entries, "TtlNetNtryAmt",
             format_minor(abs(sums.credits - sums.debits), currency, grouping=False))
        _sub(all_entries, "CdtDbtInd", _indicator(sums.credits - sums.debits))
        for name, count, total in (("TtlCdtNtries", sums.credit_count, sums.credits),
                                   ("TtlDbtNtries", sums.debit_count, sums.debits)):
            part = _sub(summary_element, name)
            _sub(part, "NbOfNtries", str(count))
            _sub(part, "Sum", format_minor(total, currency, grouping=False))
        xf.write(summary_element)
        written = 0
        with contextlib.closing(statement_entries(conn, header.account_id,
                                                  request.date_from, request.date_to)) as rows:
            for entry in rows:
                xf.write(_entry(entry.payment_id, entry.amount, entry.direction, currency,
                                entry.business_date, entry.kind, entry.counterparty,
                                entry.reference, request.bank_name))
                written += entry.credit_minus_debit
                summary.rows += 1
                ticker.advance()
    if opening + written != closing:
        # One read transaction sees one ledger: a mismatch is a bug, not a race.
        raise RuntimeError(f"statement of {header.account_id} does not add up: "
                           f"{opening} + {written} != {closing}")
    summary.totals[currency] = summary.totals.get(currency, 0) + written
    summary.balances[header.account_id] = (opening, closing)


def _entry(payment_id: str, amount: int, direction: str, currency: str, day: date,
           kind: str, counterparty: str, reference: str, bank_name: str) -> etree._Element:
    entry = _el("Ntry")
    _sub(entry, "NtryRef", short_ref(payment_id))
    _amount(entry, "Amt", amount, currency)
    _sub(entry, "CdtDbtInd", "CRDT" if direction == "credit" else "DBIT")
    _sub(entry, "Sts", "BOOK")
    _sub(_sub(entry, "BookgDt"), "Dt", day.isoformat())
    _sub(_sub(entry, "ValDt"), "Dt", day.isoformat())
    _sub(entry, "AcctSvcrRef", short_ref(payment_id))
    code = _sub(_sub(entry, "BkTxCd"), "Prtry")
    _sub(code, "Cd", kind[:35])
    _sub(code, "Issr", bank_name[:35])
    details = _sub(_sub(entry, "NtryDtls"), "TxDtls")
    _sub(_sub(details, "Refs"), "AcctSvcrRef", short_ref(payment_id))
    parties = _sub(details, "RltdPties")
    side = "CdtrAcct" if direction == "debit" else "DbtrAcct"
    _sub(_sub(_sub(_sub(parties, side), "Id"), "Othr"), "Id", counterparty[:34])
    if reference:
        _sub(_sub(details, "RmtInf"), "Ustrd", reference[:140])
    _sub(details, "AddtlTxInf", f"payment {payment_id}")
    return entry


def write(conn: Connection, request: ExportRequest, path: Path,
          new_ticker: TickerFactory) -> ExportSummary:
    ticker = new_ticker(count_postings(conn, request.account_id, request.date_from,
                                       request.date_to))
    summary = ExportSummary(request.format, path)
    account_ids = ([request.account_id] if request.account_id is not None
                   else accounts_with_postings(conn, request.date_from, request.date_to))
    if not account_ids:
        # The schema wants at least one statement; an empty message would be invalid.
        raise ExportError(f"No account moved between {request.date_from.isoformat()} and "
                          f"{request.date_to.isoformat()}: name an --account for a "
                          "statement without entries", "account_id")
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    created = now.isoformat()
    with etree.xmlfile(str(path), encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(_q("Document"), nsmap={None: NS}), xf.element(_q("BkToCstmrStmt")):
            group = _el("GrpHdr")
            _sub(group, "MsgId", f"TD{now:%Y%m%d%H%M%S}{uuid.uuid4().hex[:12]}")
            _sub(group, "CreDtTm", created)
            xf.write(group)
            for account_id in account_ids:
                header = account_header(conn, account_id)
                assert header is not None, account_id
                _write_statement(xf, conn, header, request, created, ticker, summary)
    ticker.finish()
    return summary
