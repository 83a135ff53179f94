"""The read side of exported reports: payments of a period, account statements, the
teller journal. Rows are streamed (never fetched all at once), so a million payments
cost the memory of one batch.

One business day means one thing in every report: a payment belongs to the business
date on which it was booked, which is the date its postings carry (posted, settled at the
close, or a reversal, itself a payment). When it was keyed is a separate column. A payment
that never booked (held, reserved, rejected, declined, voided) is in no day's journal; the
approvals queue and the audit trail show it. Each row's status is what its booking made it
(posted or settled): a later reversal is a row of its own day, so a closed day's journal
never changes.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    select,
    type_coerce,
)

from domain.eventstore.tables import business_dates
from domain.kernel.records import from_attributes
from domain.ledger.accounts import DEBIT_NORMAL
from domain.ledger.queries import JournalEntry, journal_entry
from domain.ledger.tables import accounts, postings
from domain.payments import states
from domain.payments.kinds import PaymentKind
from domain.payments.tables import payments

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
    kind: PaymentKind
    direction: str  # 'debit' or 'credit' on this account
    amount: int
    counterparty: str
    reference: str
    operator: str
    # For statements that name the other side (camt.053): who and what it is.
    counterparty_kind: str = ""
    counterparty_name: str = ""
    counterparty_iban: str = ""
    beneficiary_bank: str = ""
    beneficiary_account: str = ""
    beneficiary_name: str = ""
    reverses_payment_id: str = ""
    reversed_kind: str = ""  # the kind of the payment a reversal reverses

    @property
    def credit_minus_debit(self) -> int:
        return self.amount if self.direction == "credit" else -self.amount


@dataclass(frozen=True)
class AccountHeader:
    account_id: str
    holder_name: str
    kind: str
    currency: str
    iban: str = ""

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


# A payment's first leg: every booked payment has one, and its business date is the day
# the payment was booked.
booking = postings.alias("booking")
_BOOKED = payments.join(
    booking, and_(booking.c.payment_id == payments.c.payment_id, booking.c.leg == 1)
)
# What the booking made the payment; a reversal booked later is a row of its own day.
AS_BOOKED = case(
    (
        payments.c.status == states.REVERSED,
        case(
            (payments.c.beneficiary_bank != "", literal(states.SETTLED)),
            else_=literal(states.POSTED),
        ),
    ),
    else_=payments.c.status,
)

_PAYMENT_COLUMNS = (
    payments.c.payment_id,
    booking.c.business_date,
    payments.c.created_at,
    payments.c.kind,
    AS_BOOKED.label("status"),
    payments.c.debit_account,
    payments.c.credit_account,
    payments.c.amount,
    payments.c.currency,
    payments.c.operator,
    payments.c.reference,
    payments.c.reverses_payment_id,
)


def _payments_query(scope: ReportScope, columns: tuple[Any, ...] = _PAYMENT_COLUMNS) -> Select[Any]:
    query = (
        select(*columns)
        .select_from(_BOOKED)
        .where(
            booking.c.business_date >= scope.date_from,
            booking.c.business_date <= scope.date_to,
        )
    )
    if scope.account_id is not None:
        # Through postings, so payments with more than two legs (clearing, fees) are found
        # by any account they touch, and the (account_id, seq) index does the work.
        touching = select(postings.c.payment_id).where(postings.c.account_id == scope.account_id)
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
    if scope.account_id is None and scope.teller is None:
        # A booking leg's payment always exists (foreign key): the (date, seq) index alone
        # counts them, without visiting each payment (a sixth of a big export's time).
        only_bookings = select(func.count()).where(
            booking.c.leg == 1,
            booking.c.business_date >= scope.date_from,
            booking.c.business_date <= scope.date_to,
        )
        return int(conn.execute(only_bookings).scalar_one())
    counted = _payments_query(scope, (func.count(),))
    return int(conn.execute(counted).scalar_one())


# SQLite keeps dates as ISO text; reading them as text skips parsing a million datetimes
# only to print them again.
_PAYMENT_COLUMNS_AS_STORED = (
    payments.c.payment_id,
    type_coerce(booking.c.business_date, String),
    type_coerce(payments.c.created_at, String),
    *_PAYMENT_COLUMNS[3:],
)
# Business dates only move forward and a posting's seq is its commit order, so the
# booking's (date, seq) is the order in which the ledger booked them, and never changes.
_BOOKING_ORDER = (booking.c.business_date, booking.c.seq)


def payment_rows(
    conn: Connection, scope: ReportScope, dates_as_stored: bool = False
) -> Generator[Row[Any], None, None]:
    """Rows in `_PAYMENT_COLUMNS` order, by business date booked then booking order. With
    `dates_as_stored` on SQLite, the two dates come as the text SQLite keeps:
    'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC)."""
    columns = (
        _PAYMENT_COLUMNS_AS_STORED
        if dates_as_stored and conn.dialect.name == "sqlite"
        else _PAYMENT_COLUMNS
    )
    query = _payments_query(scope, columns).order_by(*_BOOKING_ORDER)
    yield from _streamed(conn, query)


def payment_batches(
    conn: Connection, scope: ReportScope, dates_as_stored: bool = False
) -> Generator[Sequence[Any], None, None]:
    """`payment_rows` a list at a time: a million-row export pays the result's
    per-row fetch once per batch instead. With `dates_as_stored` on SQLite the rows are
    the driver's plain tuples."""
    columns = (
        _PAYMENT_COLUMNS_AS_STORED
        if dates_as_stored and conn.dialect.name == "sqlite"
        else _PAYMENT_COLUMNS
    )
    query = _payments_query(scope, columns).order_by(*_BOOKING_ORDER)
    if columns is _PAYMENT_COLUMNS_AS_STORED:
        # Text and integers only: no column has a result processor, so the driver's own
        # tuples are the rows, without a Row built around each.
        with conn.execute(query) as result:
            cursor = result.cursor
            while batch := cursor.fetchmany(BATCH):
                yield batch
        return
    with conn.execution_options(yield_per=BATCH).execute(query) as result:
        yield from result.partitions()


def payment_lines(conn: Connection, scope: ReportScope) -> Generator[JournalEntry, None, None]:
    columns = (
        payments.c.payment_id,
        booking.c.business_date.label("booked_date"),
        payments.c.business_date,
        *_PAYMENT_COLUMNS[2:],
        booking.c.seq,
    )
    for row in _streamed(conn, _payments_query(scope, columns).order_by(*_BOOKING_ORDER)):
        yield journal_entry(row)


def open_business_date(conn: Connection) -> date | None:
    """The open business date; None before the bank opened its first."""
    found: date | None = conn.execute(
        select(business_dates.c.business_date).where(business_dates.c.status == "open")
    ).scalar()
    return found


def account_header(conn: Connection, account_id: str) -> AccountHeader | None:
    row = conn.execute(
        select(
            accounts.c.account_id,
            accounts.c.holder_name,
            accounts.c.kind,
            accounts.c.currency,
            accounts.c.iban,
        ).where(accounts.c.account_id == account_id)
    ).first()
    return AccountHeader(*row) if row else None


_CREDIT_MINUS_DEBIT = case(
    (postings.c.direction == "credit", postings.c.amount), else_=-postings.c.amount
)


def credit_minus_debit_before(conn: Connection, account_id: str, day: date) -> int:
    """Credits minus debits of every posting on the account before `day`."""
    total = conn.execute(
        select(func.coalesce(func.sum(_CREDIT_MINUS_DEBIT), 0)).where(
            postings.c.account_id == account_id, postings.c.business_date < day
        )
    ).scalar_one()
    return int(total)


def statement_entries(
    conn: Connection, account_id: str, date_from: date, date_to: date
) -> Generator[StatementEntry, None, None]:
    debit_side, credit_side = accounts.alias("debit_side"), accounts.alias("credit_side")
    original = payments.alias("original")
    query = (
        select(
            postings.c.payment_id,
            postings.c.business_date,
            payments.c.created_at,
            payments.c.kind,
            postings.c.direction,
            postings.c.amount,
            payments.c.debit_account,
            payments.c.credit_account,
            payments.c.reference,
            payments.c.operator,
            payments.c.beneficiary_bank,
            payments.c.beneficiary_account,
            payments.c.beneficiary_name,
            payments.c.reverses_payment_id,
            debit_side.c.kind.label("debit_kind"),
            debit_side.c.holder_name.label("debit_name"),
            debit_side.c.iban.label("debit_iban"),
            credit_side.c.kind.label("credit_kind"),
            credit_side.c.holder_name.label("credit_name"),
            credit_side.c.iban.label("credit_iban"),
            original.c.kind.label("reversed_kind"),
        )
        .join(payments, payments.c.payment_id == postings.c.payment_id)
        .join(debit_side, debit_side.c.account_id == payments.c.debit_account)
        .join(credit_side, credit_side.c.account_id == payments.c.credit_account)
        .outerjoin(original, original.c.payment_id == payments.c.reverses_payment_id)
        .where(
            postings.c.account_id == account_id,
            postings.c.business_date >= date_from,
            postings.c.business_date <= date_to,
        )
        .order_by(postings.c.seq, postings.c.payment_id, postings.c.leg)
    )
    for row in _streamed(conn, query):
        # The other side of the entry: the credited account for a debit, and so on.
        other = "credit" if row.direction == "debit" else "debit"
        if getattr(row, f"{other}_account") == account_id:
            other = row.direction
        yield from_attributes(
            StatementEntry,
            row,
            counterparty=getattr(row, f"{other}_account"),
            counterparty_kind=getattr(row, f"{other}_kind"),
            counterparty_name=getattr(row, f"{other}_name"),
            counterparty_iban=getattr(row, f"{other}_iban") or "",
            beneficiary_bank=row.beneficiary_bank or "",
            beneficiary_account=row.beneficiary_account or "",
            beneficiary_name=row.beneficiary_name or "",
            reverses_payment_id=row.reverses_payment_id or "",
            reversed_kind=row.reversed_kind or "",
        )


def count_postings(conn: Connection, account_id: str | None, date_from: date, date_to: date) -> int:
    query = (
        select(func.count())
        .select_from(postings)
        .where(postings.c.business_date >= date_from, postings.c.business_date <= date_to)
    )
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


def period_sums(conn: Connection, account_id: str, date_from: date, date_to: date) -> PeriodSums:
    is_credit = postings.c.direction == "credit"
    row = conn.execute(
        select(
            func.coalesce(func.sum(case((is_credit, postings.c.amount), else_=0)), 0),
            func.coalesce(func.sum(case((is_credit, 1), else_=0)), 0),
            func.coalesce(func.sum(case((is_credit, 0), else_=postings.c.amount)), 0),
            func.coalesce(func.sum(case((is_credit, 0), else_=1)), 0),
        ).where(
            postings.c.account_id == account_id,
            postings.c.business_date >= date_from,
            postings.c.business_date <= date_to,
        )
    ).one()
    return PeriodSums(*(int(value) for value in row))


def accounts_with_postings(conn: Connection, date_from: date, date_to: date) -> list[str]:
    """Accounts that moved in the period: one statement each when no account is named."""
    return list(
        conn.execute(
            select(postings.c.account_id)
            .where(postings.c.business_date >= date_from, postings.c.business_date <= date_to)
            .distinct()
            .order_by(postings.c.account_id)
        ).scalars()
    )


def business_day_number(conn: Connection, day: date) -> int:
    """How many business dates the bank has opened up to `day`: the statement of a day
    gets the same number every time it is made, and the next day's is one more."""
    return int(
        conn.execute(
            select(func.count())
            .select_from(business_dates)
            .where(business_dates.c.business_date <= day)
        ).scalar_one()
    )


def operator_exists(engine: Engine, name: str) -> bool:
    """Someone who keyed payments, or an operator the bank created."""
    from domain.operators.tables import operators  # feature table, kept out of domain.schema

    with engine.connect() as conn:
        if conn.execute(select(operators.c.name).where(operators.c.name == name)).first():
            return True
        return (
            conn.execute(
                select(payments.c.payment_id).where(payments.c.operator == name).limit(1)
            ).first()
            is not None
        )


def account_exists(engine: Engine, account_id: str) -> bool:
    with engine.connect() as conn:
        return account_header(conn, account_id) is not None
