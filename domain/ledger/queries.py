"""The read side: plain data for screens and reports, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Row, and_, func, or_, select

from domain.kernel.records import from_attributes
from domain.ledger.accounts import Totals, available_balance, pending_outflow, posted_balance
from domain.ledger.tables import accounts, balances, postings
from domain.payments import states
from domain.payments.kinds import PaymentTerms
from domain.payments.tables import payments


@dataclass(frozen=True)
class AccountView:
    account_id: str
    holder_name: str
    kind: str
    currency: str
    frozen: bool
    closed: bool
    overdraft_limit: int
    posted: int
    pending: int
    available: int

    @property
    def status(self) -> str:
        if self.closed:
            return "closed"
        return "frozen" if self.frozen else "active"


@dataclass(frozen=True, kw_only=True)
class JournalEntry(PaymentTerms):
    seq: int
    created_at: datetime
    business_date: date
    status: states.PaymentState
    reference: str
    operator: str
    # The business date it was keyed on; `business_date` is the one it was booked on
    # (the same, or later for a payment held for approval or settled at the close).
    keyed_date: date | None = None


_ACCOUNT_COLUMNS = select(
    accounts,
    balances.c.debits_posted,
    balances.c.credits_posted,
    balances.c.debits_pending,
    balances.c.credits_pending,
).join(balances, balances.c.account_id == accounts.c.account_id)


def _account_view(row: Row[Any]) -> AccountView:
    totals = Totals(row.debits_posted, row.credits_posted, row.debits_pending, row.credits_pending)
    return from_attributes(
        AccountView,
        row,
        posted=posted_balance(row.kind, totals),
        pending=pending_outflow(row.kind, totals),
        available=available_balance(row.kind, totals, row.overdraft_limit),
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# A payment's first leg carries the business date it was booked on (domain.reporting.reports).
_booking = postings.alias("booking")
WITH_BOOKING = select(payments, _booking.c.business_date.label("booked_date")).select_from(
    payments.outerjoin(
        _booking, and_(_booking.c.payment_id == payments.c.payment_id, _booking.c.leg == 1)
    )
)


def journal_entry(row: Row[Any]) -> JournalEntry:
    """A JournalEntry of a `payments` row; `booked_date`, the business date of its first
    leg, is None (or absent) while it is not booked."""
    booked = getattr(row, "booked_date", None)
    return from_attributes(
        JournalEntry,
        row,
        business_date=booked or row.business_date,
        keyed_date=row.business_date,
    )


class LedgerQueries:
    """Read-only questions the screens ask. Each call is one short read transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def account(self, account_id: str) -> AccountView | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                # Normalised as commands' account numbers are (domain.door.validation).
                _ACCOUNT_COLUMNS.where(accounts.c.account_id == account_id.strip().upper())
            ).first()
        return _account_view(row) if row else None

    def search_accounts(
        self, text: str, limit: int = 20, kind: str | None = "customer"
    ) -> list[AccountView]:
        """Accounts whose number starts with `text` or whose holder's name contains it."""
        text = text.strip()
        if not text:
            return []
        pattern = _escape_like(text.lower())
        query = _ACCOUNT_COLUMNS.where(
            or_(
                accounts.c.account_id.like(f"{_escape_like(text)}%", escape="\\"),
                func.lower(accounts.c.holder_name).like(f"%{pattern}%", escape="\\"),
            )
        )
        if kind is not None:
            query = query.where(accounts.c.kind == kind)
        with self._engine.connect() as conn:
            rows = conn.execute(query.order_by(accounts.c.account_id).limit(limit)).all()
        return [_account_view(row) for row in rows]

    def accounts_of_kind(self, kind: str) -> list[AccountView]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                _ACCOUNT_COLUMNS.where(accounts.c.kind == kind).order_by(accounts.c.account_id)
            ).all()
        return [_account_view(row) for row in rows]

    def journal(self, business_date: date | None = None, limit: int = 1000) -> list[JournalEntry]:
        """Payments, newest first; of one business date when given: those booked on it,
        and those keyed on it that have not booked (held, reserved, rejected...), so the
        teller sees what they keyed. A payment held on one day and approved on the next
        belongs to the next, as in every report."""
        if business_date is None:
            query = WITH_BOOKING.order_by(payments.c.seq.desc()).limit(limit)
            with self._engine.connect() as conn:
                return [journal_entry(row) for row in conn.execute(query)]
        booked = (
            select(payments, _booking.c.business_date.label("booked_date"))
            .select_from(
                payments.join(
                    _booking,
                    and_(_booking.c.payment_id == payments.c.payment_id, _booking.c.leg == 1),
                )
            )
            .where(_booking.c.business_date == business_date)
            .order_by(payments.c.seq.desc())
            .limit(limit)
        )
        unbooked = (
            select(payments)
            .where(
                payments.c.business_date == business_date,
                payments.c.status.not_in(sorted(states.MONEY_MOVED)),
            )
            .order_by(payments.c.seq.desc())
            .limit(limit)
        )
        with self._engine.connect() as conn:
            entries = [journal_entry(row) for row in conn.execute(booked)]
            entries += [journal_entry(row) for row in conn.execute(unbooked)]
        entries.sort(key=lambda entry: entry.seq, reverse=True)
        return entries[:limit]

    def payment(self, payment_id: str) -> JournalEntry | None:
        with self._engine.connect() as conn:
            row = conn.execute(WITH_BOOKING.where(payments.c.payment_id == payment_id)).first()
        return journal_entry(row) if row else None

    def count(self, table: str) -> int:
        from domain.eventstore.tables import Base

        with self._engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(Base.metadata.tables[table])
                ).scalar_one()
            )
