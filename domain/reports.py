"""The read side of exported reports: payments of a period, account statements, the
teller journal. Rows are streamed (never fetched all at once), so a million payments
cost the memory of one batch.

Queries use only what every branch of the ledger keeps: `payments`, `postings` and
`accounts`. Statuses other than "posted" (pending, reversed, ...) are reported as they
are stored; a statement counts postings, which are what moved the balance.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Select,
    String,
    case,
    func,
    select,
    type_coerce,
)

from domain.accounts import DEBIT_NORMAL
from domain.queries import JournalEntry, _journal_entry
from domain.schema import accounts, payments, postings

BATCH = 5000


@dataclass(frozen=True)
class ReportScope:
    """Which payments a report covers: business dates from..to inclusive, optionally only
    those touching one account or keyed by one teller."""

    date_from: date
    date_to: date
    account_id: str | None = None
    teller: str | None = None


@dataclass(frozen=True)
class StatementEntry:
    payment_id: str
    business_date: date
    created_at: datetime
    kind: str
    direction: str  # 'debit' or 'credit' on this account
    amount: int
    counterparty: str
    reference: str
    operator: str

    @property
    def credit_minus_debit(self) -> int:
        return self.amount if self.direction == "credit" else -self.amount


@dataclass(frozen=True)
class AccountHeader:
    account_id: str
    holder_name: str
    kind: str
    currency: str

    @property
    def debit_normal(self) -> bool:
        return self.kind in DEBIT_NORMAL

    def balance_of(self, credit_minus_debit: int) -> int:
        """The balance as the account's holder reads it (cash in a drawer grows by debits)."""
        return -credit_minus_debit if self.debit_normal else credit_minus_debit


@dataclass
class Totals:
    """Counts and sums per currency, for report footers and reconciliation."""

    count: int = 0
    by_currency: dict[str, int] = field(default_factory=dict)

    def add(self, amount: int, currency: str) -> None:
        self.count += 1
        self.by_currency[currency] = self.by_currency.get(currency, 0) + amount


_PAYMENT_COLUMNS = (
    payments.c.payment_id, payments.c.business_date, payments.c.created_at, payments.c.kind,
    payments.c.status, payments.c.debit_account, payments.c.credit_account,
    payments.c.amount, payments.c.currency, payments.c.operator, payments.c.reference,
)


def _payments_query(scope: ReportScope,
                    columns: tuple[Any, ...] = _PAYMENT_COLUMNS) -> Select[Any]:
    query = select(*columns).where(
        payments.c.business_date >= scope.date_from,
        payments.c.business_date <= scope.date_to,
    )
    if scope.account_id is not None:
        # Through postings, so payments with more than two legs (clearing, fees) are found
        # by any account they touch, and the (account_id, seq) index does the work.
        touching = select(postings.c.payment_id).where(
            postings.c.account_id == scope.account_id)
        query = query.where(payments.c.payment_id.in_(touching))
    if scope.teller is not None:
        query = query.where(payments.c.operator == scope.teller)
    return query


def _streamed(conn: Connection, query: Select[Any]) -> Generator[Row[Any], None, None]:
    """Rows fetched a batch at a time (a server-side cursor on PostgreSQL). Callers that
    may stop early wrap the generator in contextlib.closing, so the cursor is closed at
    once rather than whenever the generator is collected."""
    with conn.execution_options(yield_per=BATCH).execute(query) as result:
        yield from result


def count_payments(conn: Connection, scope: ReportScope) -> int:
    counted = _payments_query(scope, (func.count(),))
    return int(conn.execute(counted).scalar_one())


# SQLite keeps dates as ISO text; reading them as text skips parsing a million datetimes
# only to print them again.
_PAYMENT_COLUMNS_AS_STORED = (
    payments.c.payment_id, type_coerce(payments.c.business_date, String),
    type_coerce(payments.c.created_at, String), *_PAYMENT_COLUMNS[3:],
)


def payment_rows(conn: Connection, scope: ReportScope,
                 dates_as_stored: bool = False) -> Generator[Row[Any], None, None]:
    """Rows in `_PAYMENT_COLUMNS` order, by business date then posting order. With
    `dates_as_stored` on SQLite, the two dates come as the text SQLite keeps:
    'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC)."""
    columns = (_PAYMENT_COLUMNS_AS_STORED if dates_as_stored and conn.dialect.name == "sqlite"
               else _PAYMENT_COLUMNS)
    query = _payments_query(scope, columns).order_by(payments.c.business_date,
                                                     payments.c.seq)
    yield from _streamed(conn, query)


def payment_lines(conn: Connection, scope: ReportScope) -> Generator[JournalEntry, None, None]:
    query = _payments_query(scope, tuple(payments.c)).order_by(payments.c.business_date,
                                                               payments.c.seq)
    for row in _streamed(conn, query):
        yield _journal_entry(row)


def account_header(conn: Connection, account_id: str) -> AccountHeader | None:
    row = conn.execute(
        select(accounts.c.account_id, accounts.c.holder_name, accounts.c.kind,
               accounts.c.currency).where(accounts.c.account_id == account_id)
    ).first()
    return AccountHeader(*row) if row else None


_CREDIT_MINUS_DEBIT = case(
    (postings.c.direction == "credit", postings.c.amount), else_=-postings.c.amount)


def credit_minus_debit_before(conn: Connection, account_id: str, day: date) -> int:
    """Credits minus debits of every posting on the account before `day`."""
    total = conn.execute(
        select(func.coalesce(func.sum(_CREDIT_MINUS_DEBIT), 0)).where(
            postings.c.account_id == account_id, postings.c.business_date < day)
    ).scalar_one()
    return int(total)


def statement_entries(conn: Connection, account_id: str, date_from: date,
                      date_to: date) -> Generator[StatementEntry, None, None]:
    query = (
        select(postings.c.payment_id, postings.c.business_date, payments.c.created_at,
               payments.c.kind, postings.c.direction, postings.c.amount,
               payments.c.debit_account, payments.c.credit_account, payments.c.reference,
               payments.c.operator)
        .join(payments, payments.c.payment_id == postings.c.payment_id)
        .where(postings.c.account_id == account_id,
               postings.c.business_date >= date_from, postings.c.business_date <= date_to)
        .order_by(postings.c.seq, postings.c.payment_id, postings.c.leg)
    )
    for row in _streamed(conn, query):
        counterparty = row.credit_account if row.direction == "debit" else row.debit_account
        if counterparty == account_id:
            counterparty = row.debit_account if row.direction == "debit" else row.credit_account
        yield StatementEntry(
            payment_id=row.payment_id, business_date=row.business_date,
            created_at=row.created_at, kind=row.kind, direction=row.direction,
            amount=row.amount, counterparty=counterparty, reference=row.reference,
            operator=row.operator)


def count_postings(conn: Connection, account_id: str | None, date_from: date,
                   date_to: date) -> int:
    query = select(func.count()).select_from(postings).where(
        postings.c.business_date >= date_from, postings.c.business_date <= date_to)
    if account_id is not None:
        query = query.where(postings.c.account_id == account_id)
    return int(conn.execute(query).scalar_one())


@dataclass(frozen=True)
class PeriodSums:
    """Credits and debits of one account over a period, with counts."""

    credits: int
    credit_count: int
    debits: int
    debit_count: int


def period_sums(conn: Connection, account_id: str, date_from: date,
                date_to: date) -> PeriodSums:
    is_credit = postings.c.direction == "credit"
    row = conn.execute(
        select(
            func.coalesce(func.sum(case((is_credit, postings.c.amount), else_=0)), 0),
            func.coalesce(func.sum(case((is_credit, 1), else_=0)), 0),
            func.coalesce(func.sum(case((is_credit, 0), else_=postings.c.amount)), 0),
            func.coalesce(func.sum(case((is_credit, 0), else_=1)), 0),
        ).where(postings.c.account_id == account_id, postings.c.business_date >= date_from,
                postings.c.business_date <= date_to)
    ).one()
    return PeriodSums(*(int(value) for value in row))


def accounts_with_postings(conn: Connection, date_from: date, date_to: date) -> list[str]:
    """Accounts that moved in the period: one statement each when no account is named."""
    return list(conn.execute(
        select(postings.c.account_id).where(
            postings.c.business_date >= date_from, postings.c.business_date <= date_to)
        .distinct().order_by(postings.c.account_id)
    ).scalars())


def account_exists(engine: Engine, account_id: str) -> bool:
    with engine.connect() as conn:
        return account_header(conn, account_id) is not None
