"""ISO 20022 camt.053.001.02 bank-to-customer statements, one `Stmt` per account.

Balances and entries carry no sign in camt: each has a credit/debit indicator. A balance
is credits minus debits of the account's postings (CRDT when not negative), so for every
statement opening + credits - debits = closing, whatever kind the account is. The opening
and closing balances come from aggregate queries first, because the schema puts them
before the entries; the entries are then streamed one element at a time.

What a back office checks, and how this file answers:
- one default namespace, declared once on `Document` (each element is serialised without
  a namespace of its own, under the root that declares it);
- `Stmt/Id` is the account and the period, so it differs across periods; `ElctrncSeqNb`
  is the number of business dates opened up to the period's end (the statement of a day
  always gets the same number, the next day's is one more); `CreDtTm` and the period
  bounds carry their time zone (UTC);
- a period that ends on the open business date gets an interim booked balance (`ITBD`),
  never a closing one (`CLBD`): the day may still move;
- every entry has the ISO bank transaction code (`BkTxCd/Domn`, see BANK_TRANSACTION_CODES)
  beside the proprietary one (the payment kind), the payment id as `EndToEndId`, and a
  reversal `RvslInd` true with the reversed payment's reference (`Refs/Prtry`, type
  `RVSL`);
- the other side is named only when it is a customer's account (IBAN when it has one) or,
  for a transfer to another bank, the beneficiary with their account and bank (BIC); the
  bank's own drawers, vault and clearing accounts are never shown as counterparties.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from sqlalchemy import Connection

from domain.kernel.iban import is_valid_iban, normalise_iban
from domain.kernel.money import format_minor
from domain.ledger import accounts as account_kinds
from domain.reporting.exports.common import (
    ExportError,
    ExportRefusal,
    ExportRequest,
    ExportSummary,
    Ticker,
    TickerFactory,
)
from domain.reporting.exports.text import xml_safe
from domain.reporting.reports import (
    AccountHeader,
    StatementEntry,
    account_header,
    accounts_with_postings,
    business_day_number,
    count_postings,
    credit_minus_debit_before,
    open_business_date,
    period_sums,
    statement_entries,
)

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
SCHEMA_FILE = "camt.053.001.02.xsd"
REVERSAL = "reversal"

# Payment kind -> ISO external bank transaction code (domain, family, sub-family), from
# the ISO 20022 ExternalBankTransactionDomain/Family/SubFamily code lists. A transfer
# between accounts is issued (ICDT) for the account debited and received (RCDT) for the
# one credited; a reversal carries the code of the payment it reverses, seen from the
# side that payment booked. The bank's own cash movements (over/short, vault) are
# miscellaneous credit or debit operations.
BANK_TRANSACTION_CODES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    # kind: (code of the debit entry, code of the credit entry)
    "cash_deposit": (("PMNT", "CNTR", "CDPT"), ("PMNT", "CNTR", "CDPT")),
    "cash_withdrawal": (("PMNT", "CNTR", "CWDL"), ("PMNT", "CNTR", "CWDL")),
    "transfer": (("PMNT", "ICDT", "BOOK"), ("PMNT", "RCDT", "BOOK")),
    "interbank_transfer": (("PMNT", "ICDT", "DMCT"), ("PMNT", "ICDT", "DMCT")),
}
_OTHER = (("PMNT", "MDOP", "OTHR"), ("PMNT", "MCOP", "OTHR"))
_BIC = re.compile(r"^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$")


def bank_transaction_code(
    kind: str, direction: str, reversed_kind: str = ""
) -> tuple[str, str, str]:
    if kind == REVERSAL:
        kind = reversed_kind
        direction = "credit" if direction == "debit" else "debit"
    debit, credit = BANK_TRANSACTION_CODES.get(kind, _OTHER)
    return debit if direction == "debit" else credit


def _sub(
    parent: etree._Element, name: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, name, attributes)
    if text is not None:
        # Stored text from before the domain refused control characters still exports.
        element.text = xml_safe(text)
    return element


def _el(name: str, text: str | None = None) -> etree._Element:
    # No namespace of its own: serialised under the root, which declares the default one.
    element = etree.Element(name)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _amount(parent: etree._Element, name: str, minor: int, currency: str) -> None:
    _sub(parent, name, format_minor(abs(minor), currency, grouping=False), Ccy=currency)


def _indicator(credit_minus_debit: int) -> str:
    return "CRDT" if credit_minus_debit >= 0 else "DBIT"


def short_ref(payment_id: str) -> str:
    """camt references hold 35 characters; a 36-character UUID loses its dashes."""
    return payment_id if len(payment_id) <= 35 else payment_id.replace("-", "")[:35]


def statement_id(account_id: str, date_from: date, date_to: date) -> str:
    """Unique per account and period, within the 35 characters allowed."""
    text = f"{account_id}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
    if len(text) <= 35:
        return text
    digest = hashlib.sha256(account_id.encode()).hexdigest()[:17]
    return f"{digest}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"


def _balance(code: str, credit_minus_debit: int, currency: str, day: date) -> etree._Element:
    balance = _el("Bal")
    _sub(_sub(_sub(balance, "Tp"), "CdOrPrtry"), "Cd", code)
    _amount(balance, "Amt", credit_minus_debit, currency)
    _sub(balance, "CdtDbtInd", _indicator(credit_minus_debit))
    _sub(_sub(balance, "Dt"), "Dt", day.isoformat())
    return balance


def _account_id(parent: etree._Element, account_id: str, iban: str) -> None:
    identification = _sub(parent, "Id")
    if iban:
        _sub(identification, "IBAN", iban)
    else:
        _sub(_sub(identification, "Othr"), "Id", account_id[:34])


def _account(header: AccountHeader, bank_name: str) -> etree._Element:
    account = _el("Acct")
    _account_id(account, header.account_id, header.iban)
    _sub(account, "Ccy", header.currency)
    _sub(_sub(account, "Ownr"), "Nm", header.holder_name[:140])
    _sub(_sub(_sub(account, "Svcr"), "FinInstnId"), "Nm", bank_name[:140])
    return account


def _write(out: BinaryIO, element: etree._Element) -> None:
    out.write(etree.tostring(element, encoding="UTF-8"))


def _write_statement(
    out: BinaryIO,
    conn: Connection,
    header: AccountHeader,
    request: ExportRequest,
    created: str,
    still_open: bool,
    ticker: Ticker,
    summary: ExportSummary,
) -> None:
    currency = header.currency
    opening = credit_minus_debit_before(conn, header.account_id, request.date_from)
    sums = period_sums(conn, header.account_id, request.date_from, request.date_to)
    closing = opening + sums.credits - sums.debits
    out.write(b"<Stmt>")
    _write(out, _el("Id", statement_id(header.account_id, request.date_from, request.date_to)))
    _write(out, _el("ElctrncSeqNb", str(business_day_number(conn, request.date_to))))
    _write(out, _el("CreDtTm", created))
    period = _el("FrToDt")
    _sub(period, "FrDtTm", f"{request.date_from.isoformat()}T00:00:00+00:00")
    _sub(period, "ToDtTm", f"{request.date_to.isoformat()}T23:59:59+00:00")
    _write(out, period)
    _write(out, _account(header, request.bank_name))
    _write(out, _balance("OPBD", opening, currency, request.date_from))
    # The open day may still move: its balance is interim, never a closing one.
    _write(out, _balance("ITBD" if still_open else "CLBD", closing, currency, request.date_to))
    summary_element = _el("TxsSummry")
    all_entries = _sub(summary_element, "TtlNtries")
    _sub(all_entries, "NbOfNtries", str(sums.credit_count + sums.debit_count))
    _sub(all_entries, "Sum", format_minor(sums.credits + sums.debits, currency, grouping=False))
    _sub(
        all_entries,
        "TtlNetNtryAmt",
        format_minor(abs(sums.credits - sums.debits), currency, grouping=False),
    )
    _sub(all_entries, "CdtDbtInd", _indicator(sums.credits - sums.debits))
    for name, count, total in (
        ("TtlCdtNtries", sums.credit_count, sums.credits),
        ("TtlDbtNtries", sums.debit_count, sums.debits),
    ):
        part = _sub(summary_element, name)
        _sub(part, "NbOfNtries", str(count))
        _sub(part, "Sum", format_minor(total, currency, grouping=False))
    _write(out, summary_element)
    written = 0
    with contextlib.closing(
        statement_entries(conn, header.account_id, request.date_from, request.date_to)
    ) as rows:
        for entry in rows:
            _write(out, _entry(entry, currency, request.bank_name))
            written += entry.credit_minus_debit
            summary.rows += 1
            ticker.advance()
    out.write(b"</Stmt>")
    if opening + written != closing:
        # One read transaction sees one ledger: a mismatch is a bug, not a race.
        raise RuntimeError(
            f"statement of {header.account_id} does not add up: {opening} + {written} != {closing}"
        )
    summary.totals[currency] = summary.totals.get(currency, 0) + written
    summary.balances[header.account_id] = (opening, closing)


def _party(parent: etree._Element, role: str, name: str, account_id: str, iban: str) -> None:
    """`Dbtr`/`DbtrAcct` or `Cdtr`/`CdtrAcct`."""
    if name:
        _sub(_sub(parent, role), "Nm", name[:140])
    if account_id or iban:
        _account_id(_sub(parent, f"{role}Acct"), account_id, iban)


def _entry(entry: StatementEntry, currency: str, bank_name: str) -> etree._Element:
    reference = short_ref(entry.payment_id)
    is_reversal = entry.kind == REVERSAL
    element = _el("Ntry")
    _sub(element, "NtryRef", reference)
    _amount(element, "Amt", entry.amount, currency)
    _sub(element, "CdtDbtInd", "CRDT" if entry.direction == "credit" else "DBIT")
    if is_reversal:
        _sub(element, "RvslInd", "true")
    _sub(element, "Sts", "BOOK")
    _sub(_sub(element, "BookgDt"), "Dt", entry.business_date.isoformat())
    _sub(_sub(element, "ValDt"), "Dt", entry.business_date.isoformat())
    _sub(element, "AcctSvcrRef", reference)
    code = _sub(element, "BkTxCd")
    domain_code, family, sub_family = bank_transaction_code(
        entry.kind, entry.direction, entry.reversed_kind
    )
    domain = _sub(code, "Domn")
    _sub(domain, "Cd", domain_code)
    family_element = _sub(domain, "Fmly")
    _sub(family_element, "Cd", family)
    _sub(family_element, "SubFmlyCd", sub_family)
    proprietary = _sub(code, "Prtry")
    _sub(proprietary, "Cd", entry.kind[:35])
    _sub(proprietary, "Issr", bank_name[:35])
    details = _sub(_sub(element, "NtryDtls"), "TxDtls")
    refs = _sub(details, "Refs")
    _sub(refs, "AcctSvcrRef", reference)
    _sub(refs, "EndToEndId", reference)
    if is_reversal and entry.reverses_payment_id:
        reversed_ref = _sub(refs, "Prtry")
        _sub(reversed_ref, "Tp", "RVSL")
        _sub(reversed_ref, "Ref", short_ref(entry.reverses_payment_id))
    # The other side: the account debited for a credit entry (Dbtr), credited for a
    # debit entry (Cdtr).
    role = "Cdtr" if entry.direction == "debit" else "Dbtr"
    parties = etree.Element("RltdPties")
    agents = None
    if entry.beneficiary_bank and entry.counterparty_kind == account_kinds.CLEARING:
        # A transfer to another bank: the clearing account is ours; the beneficiary is
        # the real other side.
        iban = normalise_iban(entry.beneficiary_account)
        valid = is_valid_iban(iban)
        _party(
            parties,
            role,
            entry.beneficiary_name,
            "" if valid else entry.beneficiary_account[:34],
            iban if valid else "",
        )
        agents = etree.Element("RltdAgts")
        institution = _sub(_sub(agents, f"{role}Agt"), "FinInstnId")
        bank = entry.beneficiary_bank.upper()
        if _BIC.match(bank):
            _sub(institution, "BIC", bank)
        else:
            _sub(_sub(institution, "Othr"), "Id", entry.beneficiary_bank[:35])
    elif entry.counterparty_kind == account_kinds.CUSTOMER:
        _party(parties, role, entry.counterparty_name, entry.counterparty, entry.counterparty_iban)
    if len(parties):
        details.append(parties)
    if agents is not None:
        details.append(agents)
    if entry.reference:
        _sub(_sub(details, "RmtInf"), "Ustrd", entry.reference[:140])
    note = f"payment {entry.payment_id}"
    if is_reversal and entry.reverses_payment_id:
        note += f"; reverses payment {entry.reverses_payment_id}"
    _sub(details, "AddtlTxInf", note[:500])
    return element


def write(
    conn: Connection, request: ExportRequest, path: Path, new_ticker: TickerFactory
) -> ExportSummary:
    ticker = new_ticker(
        count_postings(conn, request.account_id, request.date_from, request.date_to)
    )
    summary = ExportSummary(request.format, path)
    account_ids = (
        [request.account_id]
        if request.account_id is not None
        else accounts_with_postings(conn, request.date_from, request.date_to)
    )
    if not account_ids:
        # The schema wants at least one statement; an empty message would be invalid.
        raise ExportError(
            f"No account moved between {request.date_from.isoformat()} and "
            f"{request.date_to.isoformat()}: name an --account for a "
            "statement without entries",
            "account_id",
            ExportRefusal.NOTHING_MOVED,
            {"start": request.date_from.isoformat(), "end": request.date_to.isoformat()},
        )
    today = open_business_date(conn)
    still_open = today is not None and request.date_to >= today
    now = datetime.now(UTC).replace(microsecond=0)
    created = now.isoformat()  # with its zone: +00:00
    with path.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f'<Document xmlns="{NS}"><BkToCstmrStmt>'.encode())
        group = _el("GrpHdr")
        _sub(group, "MsgId", f"TD{now:%Y%m%d%H%M%S}{uuid.uuid4().hex[:12]}")
        _sub(group, "CreDtTm", created)
        _write(out, group)
        for account_id in account_ids:
            header = account_header(conn, account_id)
            assert header is not None, account_id
            _write_statement(out, conn, header, request, created, still_open, ticker, summary)
        out.write(b"</BkToCstmrStmt></Document>\n")
    ticker.finish()
    return summary
