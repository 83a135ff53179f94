"""An account's history, page by page, and one payment's full story.

Pages are keyset-paginated on the (account_id, seq) index: a page starts after the last
row of the previous one, so the millionth row costs what the first does and nothing
ever loads the whole history. Filters and the order are applied by the database.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Row, and_, func, inspect, literal, or_, select, tuple_
from sqlalchemy import column as sql_column
from sqlalchemy.sql.expression import ColumnClause

from domain.eventstore.tables import events
from domain.kernel.money import CURRENCY_EXPONENTS, format_minor
from domain.kernel.records import from_attributes
from domain.ledger.accounts import effect_on_balance
from domain.ledger.queries import WITH_BOOKING, JournalEntry, journal_entry
from domain.ledger.tables import accounts, postings
from domain.payments.kinds import PaymentKind
from domain.payments.states import PaymentState
from domain.payments.tables import payments

PAGE_SIZE = 200


@dataclass(frozen=True)
class HistoryFilter:
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    # Inclusive bounds on the posting's amount, in minor units.
    min_amount: int | None = None
    max_amount: int | None = None
    # Matched against the reference, the payment id and the other account.
    text: str = ""
    newest_first: bool = True


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the next page starts after this posting."""

    seq: int
    payment_id: str
    leg: int


@dataclass(frozen=True)
class HistoryRow:
    payment_id: str
    leg: int
    seq: int
    business_date: date
    created_at: datetime
    kind: PaymentKind
    status: PaymentState
    direction: str
    amount: int
    currency: str
    # What the posting did to the balance as the holder reads it: + in, - out.
    change: int
    counterparty: str
    reference: str
    operator: str

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.seq, self.payment_id, self.leg)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class HistoryQuery:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def page(
        self,
        account_id: str,
        filters: HistoryFilter,
        after: Cursor | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[HistoryRow]:
        key = tuple_(postings.c.seq, postings.c.payment_id, postings.c.leg)
        query = (
            select(
                postings.c.payment_id,
                postings.c.leg,
                postings.c.seq,
                postings.c.business_date,
                payments.c.created_at,
                payments.c.kind,
                payments.c.status,
                postings.c.direction,
                postings.c.amount,
                postings.c.currency,
                payments.c.debit_account,
                payments.c.credit_account,
                payments.c.reference,
                payments.c.operator,
                accounts.c.kind.label("acct"),
            )
            .join(payments, payments.c.payment_id == postings.c.payment_id)
            .join(accounts, accounts.c.account_id == postings.c.account_id)
            .where(postings.c.account_id == account_id)
        )
        if after is not None:
            bound = tuple_(literal(after.seq), literal(after.payment_id), literal(after.leg))
            query = query.where(key < bound if filters.newest_first else key > bound)
        if filters.date_from is not None:
            query = query.where(postings.c.business_date >= filters.date_from)
        if filters.date_to is not None:
            query = query.where(postings.c.business_date <= filters.date_to)
        if filters.kind:
            query = query.where(payments.c.kind == filters.kind)
        if filters.min_amount is not None:
            query = query.where(postings.c.amount >= filters.min_amount)
        if filters.max_amount is not None:
            query = query.where(postings.c.amount <= filters.max_amount)
        text = filters.text.strip()
        if text:
            pattern = f"%{_escape_like(text.lower())}%"
            prefix = f"{_escape_like(text)}%"
            query = query.where(
                or_(
                    func.lower(payments.c.reference).like(pattern, escape="\\"),
                    payments.c.payment_id.like(prefix, escape="\\"),
                    and_(
                        postings.c.direction == "debit",
                        payments.c.credit_account.like(prefix, escape="\\"),
                    ),
                    and_(
                        postings.c.direction == "credit",
                        payments.c.debit_account.like(prefix, escape="\\"),
                    ),
                )
            )
        order = (
            (postings.c.seq.desc(), postings.c.payment_id.desc(), postings.c.leg.desc())
            if filters.newest_first
            else (postings.c.seq, postings.c.payment_id, postings.c.leg)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(query.order_by(*order).limit(limit)).all()
        return [_history_row(row, account_id) for row in rows]


def _history_row(row: Row[Any], account_id: str) -> HistoryRow:
    counterparty = row.credit_account if row.direction == "debit" else row.debit_account
    return from_attributes(
        HistoryRow,
        row,
        change=effect_on_balance(row.acct, row.direction, row.amount),
        counterparty=counterparty if counterparty != account_id else "",
    )


# -- one payment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventLine:
    seq: int
    occurred_at: datetime
    operator: str
    event_type: str
    what: str  # the line in English (the command line, tests)
    # The same line's parts, for a screen to say in its own language: (field, value).
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PostingLine:
    leg: int
    account_id: str
    direction: str
    amount: int
    currency: str


@dataclass(frozen=True)
class PaymentLink:
    relation: str  # "Reverses" or "Reversed by"
    payment_id: str


@dataclass(frozen=True)
class PaymentDetail:
    payment: JournalEntry
    events: list[EventLine]
    postings: list[PostingLine]
    links: list[PaymentLink]


# Column names a reversal may be linked by. The ledger of this branch has none; a
# column of one of these names pointing at the original payment is shown when present.
REVERSAL_LINK_COLUMNS = ("reverses_payment_id", "original_payment_id", "reversal_of", "reverses")
_PLAIN_FIELDS_HIDDEN = {"postings", "legs", "request_hash", "aggregate_version"}


def _words(event_type: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", event_type).lower().capitalize()


def event_fields(payload: dict[str, Any], subject: str = "") -> tuple[tuple[str, str], ...]:
    """What a teller reads of an event: its fields without the bookkeeping (and without
    the id of the payment the line is shown under), an amount with its currency."""
    fields = dict(payload)
    if isinstance(fields.get("amount"), int) and fields.get("currency") in CURRENCY_EXPONENTS:
        currency = fields.pop("currency")
        fields["amount"] = f"{format_minor(fields['amount'], currency)} {currency}"
    return tuple(
        (name, str(value))
        for name, value in fields.items()
        if name not in _PLAIN_FIELDS_HIDDEN and value not in ("", None, [], {}) and value != subject
    )


def describe_event(event_type: str, payload: dict[str, Any], subject: str = "") -> str:
    """One line in English: the event and its fields."""
    shown = [f"{name.replace('_', ' ')} {value}" for name, value in event_fields(payload, subject)]
    return f"{_words(event_type)}: " + ", ".join(shown) if shown else _words(event_type)


class PaymentDetailQuery:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._link_column: str | bool | None = False  # False: not looked up yet

    def _reversal_column(self) -> str | None:
        if self._link_column is False:
            names = {column["name"] for column in inspect(self._engine).get_columns("payments")}
            self._link_column = next((n for n in REVERSAL_LINK_COLUMNS if n in names), None)
        return self._link_column  # type: ignore[return-value]

    def detail(self, payment_id: str) -> PaymentDetail | None:
        link_column = self._reversal_column()
        with self._engine.connect() as conn:
            # With the date it was booked: the business date every report gives it.
            row = conn.execute(WITH_BOOKING.where(payments.c.payment_id == payment_id)).first()
            if row is None:
                return None
            event_rows = conn.execute(
                select(
                    events.c.seq,
                    events.c.occurred_at,
                    events.c.operator,
                    events.c.event_type,
                    events.c.payload,
                )
                .where(events.c.aggregate_type == "payment", events.c.aggregate_id == payment_id)
                .order_by(events.c.seq)
            ).all()
            legs = conn.execute(
                select(
                    postings.c.leg,
                    postings.c.account_id,
                    postings.c.direction,
                    postings.c.amount,
                    postings.c.currency,
                )
                .where(postings.c.payment_id == payment_id)
                .order_by(postings.c.leg)
            ).all()
            links: list[PaymentLink] = []
            if link_column is not None:
                # By name, so it works whether or not this branch's model declares it.
                link: ColumnClause[Any] = sql_column(link_column)
                original = conn.execute(
                    select(link).select_from(payments).where(payments.c.payment_id == payment_id)
                ).scalar()
                if original:
                    links.append(PaymentLink("Reverses", str(original)))
                links += [
                    PaymentLink("Reversed by", later)
                    for later in conn.execute(
                        select(payments.c.payment_id).where(link == payment_id)
                    ).scalars()
                ]
        return PaymentDetail(
            payment=journal_entry(row),
            events=[
                EventLine(
                    e.seq,
                    e.occurred_at,
                    e.operator,
                    e.event_type,
                    describe_event(e.event_type, payload, payment_id),
                    event_fields(payload, payment_id),
                )
                for e in event_rows
                for payload in (json.loads(e.payload),)
            ],
            postings=[PostingLine(*leg) for leg in legs],
            links=links,
        )
