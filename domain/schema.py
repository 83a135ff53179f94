"""The database: typed SQLAlchemy 2 models. State tables plus the event log.

Every state table can be rebuilt from `events` alone (see domain.replay). Keys are
chosen so a rebuild yields identical rows: no surrogate ids from database sequences,
which can skip values after a rollback on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Account(Base):
    __tablename__ = "accounts"

    account_id: Mapped[str] = mapped_column(String(34), primary_key=True)
    holder_name: Mapped[str] = mapped_column(String(140))
    # customer, drawer, vault, clearing, suspense, over_short
    kind: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    # How far below zero a customer account may go, in minor units. 0: no overdraft.
    overdraft_limit: Mapped[int] = mapped_column(BigInteger, default=0)
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)
    # The account's IBAN when it has one (checked with mod 97 when opened), else ''.
    iban: Mapped[str] = mapped_column(String(34), default="", server_default="")

    __table_args__ = (
        Index("ix_accounts_holder_name", "holder_name"),
        {"sqlite_with_rowid": False},
    )


class Balance(Base):
    """Running totals per account, as TigerBeetle keeps them: debits and credits, each
    posted and pending. What an account holds follows from its normal side."""

    __tablename__ = "balances"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.account_id"), primary_key=True
    )
    debits_posted: Mapped[int] = mapped_column(BigInteger, default=0)
    credits_posted: Mapped[int] = mapped_column(BigInteger, default=0)
    debits_pending: Mapped[int] = mapped_column(BigInteger, default=0)
    credits_pending: Mapped[int] = mapped_column(BigInteger, default=0)

    # Rows keyed by text: without a rowid SQLite keeps one b-tree instead of two,
    # fewer pages to write per commit. Other databases ignore the option.
    __table_args__ = ({"sqlite_with_rowid": False},)


class Payment(Base):
    __tablename__ = "payments"

    payment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16))
    debit_account: Mapped[str] = mapped_column(ForeignKey("accounts.account_id"))
    credit_account: Mapped[str] = mapped_column(ForeignKey("accounts.account_id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reference: Mapped[str] = mapped_column(String(140), default="")
    operator: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    business_date: Mapped[date] = mapped_column(Date)
    # Fingerprint of what was asked, so a reused payment id with other content is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    # The event that last changed this payment: the journal's order.
    seq: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer)
    # Lifecycle (domain.states, migration 0004): a transfer to another bank names its
    # beneficiary; a reversal and its original name each other; risk reasons and flags
    # and the supervisor's decision are kept for the approvals screen and the auditor.
    beneficiary_bank: Mapped[str] = mapped_column(String(11), default="", server_default="")
    beneficiary_account: Mapped[str] = mapped_column(String(34), default="", server_default="")
    beneficiary_name: Mapped[str] = mapped_column(String(140), default="", server_default="")
    reverses_payment_id: Mapped[str] = mapped_column(String(36), default="", server_default="")
    reversed_by: Mapped[str] = mapped_column(String(36), default="", server_default="")
    risk_flags: Mapped[str] = mapped_column(String(200), default="", server_default="")
    risk_reasons: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
    decision_note: Mapped[str] = mapped_column(String(200), default="", server_default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (
        Index("ix_payments_business_date_seq", "business_date", "seq"),
        # Risk rules look back a few minutes per account (velocity, duplicates).
        Index("ix_payments_debit_created", "debit_account", "created_at"),
        Index("ix_payments_duplicate", "debit_account", "credit_account", "amount",
              "created_at"),
        Index("ix_payments_status", "status"),
        {"sqlite_with_rowid": False},
    )


class Posting(Base):
    """One leg of a payment: an amount debited or credited to one account."""

    __tablename__ = "postings"

    payment_id: Mapped[str] = mapped_column(
        ForeignKey("payments.payment_id"), primary_key=True
    )
    leg: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.account_id"))
    direction: Mapped[str] = mapped_column(String(6))  # 'debit' or 'credit'
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    business_date: Mapped[date] = mapped_column(Date)
    # Sequence number of the event that wrote it: a global, gap-free order.
    seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_postings_account_id_seq", "account_id", "seq"),
        # A day's bookings, in booking order, for every report (domain.reports).
        Index("ix_postings_business_date_seq", "business_date", "seq"),
        {"sqlite_with_rowid": False},
    )


class StoredEvent(Base):
    """The event log. Auditors read it with plain SQL; `payload` is the event as JSON."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(64))
    aggregate_type: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(64))
    aggregate_version: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    operator: Mapped[str] = mapped_column(String(64))
    correlation_id: Mapped[str] = mapped_column(String(36))
    causation_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        # Optimistic concurrency: two writers cannot both append version N of one aggregate.
        UniqueConstraint(
            "aggregate_type", "aggregate_id", "aggregate_version", name="uq_events_aggregate"
        ),
    )


class ChainHead(Base):
    """The newest event's seq and hash, in one row.

    Appending locks this row, which serialises writers across desks so that the order
    of `seq` is the order of commit: a reader that catches up by `seq > last_seen`
    never misses an event committed late with a lower number.
    """

    __tablename__ = "event_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class BusinessDate(Base):
    """The bank's business dates: one open at a time; closing one opens the next."""

    __tablename__ = "business_dates"

    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    status: Mapped[str] = mapped_column(String(8))  # 'open' or 'closed'
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[int] = mapped_column(Integer)


class RiskTotal(Base):
    """A business date's running total per customer account or teller and currency,
    for the daily limits (domain.risk): counted when a payment passes its risk check
    (held or let through), taken back when it is declined or voided."""

    __tablename__ = "risk_totals"

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # 'account', 'teller'
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = ({"sqlite_with_rowid": False},)


class SettlementPosition(Base):
    """What the bank owes each other bank for one business date, net, per currency."""

    __tablename__ = "settlement_positions"

    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    bank_code: Mapped[str] = mapped_column(String(11), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    payments: Mapped[int] = mapped_column(Integer)


GENESIS_HASH = "0" * 64

# Typed as the Tables they are (the ORM declares `__table__` as a FromClause).
accounts = cast(Table, Account.__table__)
balances = cast(Table, Balance.__table__)
payments = cast(Table, Payment.__table__)
postings = cast(Table, Posting.__table__)
events = cast(Table, StoredEvent.__table__)
chain_head = cast(Table, ChainHead.__table__)
business_dates = cast(Table, BusinessDate.__table__)
settlement_positions = cast(Table, SettlementPosition.__table__)
risk_totals = cast(Table, RiskTotal.__table__)

# Tables that replay rebuilds and compares; feature modules append theirs on import.
STATE_TABLES: list[str] = ["accounts", "balances", "payments", "postings",
                           "business_dates", "settlement_positions", "risk_totals"]
