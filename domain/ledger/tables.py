"""The ledger's tables: accounts, balances, postings."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.eventstore.tables import Base
from domain.kernel.utc import UtcDateTime


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
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
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

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.account_id"), primary_key=True)
    debits_posted: Mapped[int] = mapped_column(BigInteger, default=0)
    credits_posted: Mapped[int] = mapped_column(BigInteger, default=0)
    debits_pending: Mapped[int] = mapped_column(BigInteger, default=0)
    credits_pending: Mapped[int] = mapped_column(BigInteger, default=0)

    # Rows keyed by text: without a rowid SQLite keeps one b-tree instead of two,
    # fewer pages to write per commit. Other databases ignore the option.
    __table_args__ = ({"sqlite_with_rowid": False},)


class Posting(Base):
    """One leg of a payment: an amount debited or credited to one account."""

    __tablename__ = "postings"

    payment_id: Mapped[str] = mapped_column(ForeignKey("payments.payment_id"), primary_key=True)
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
        # A day's bookings, in booking order, for every report (domain.reporting.reports).
        Index("ix_postings_business_date_seq", "business_date", "seq"),
        {"sqlite_with_rowid": False},
    )


# Typed as the Tables they are (the ORM declares `__table__` as a FromClause).
accounts = cast(Table, Account.__table__)


balances = cast(Table, Balance.__table__)


postings = cast(Table, Posting.__table__)
