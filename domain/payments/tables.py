"""The payments table, and the settlement positions end of day closes."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.eventstore.tables import Base
from domain.kernel.utc import UtcDateTime


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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    business_date: Mapped[date] = mapped_column(Date)
    # Fingerprint of what was asked, so a reused payment id with other content is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    # The event that last changed this payment: the journal's order.
    seq: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer)
    # Lifecycle (domain.payments.states, migration 0004): a transfer to another bank names its
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
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    __table_args__ = (
        Index("ix_payments_business_date_seq", "business_date", "seq"),
        # Risk rules look back a few minutes per account (velocity, duplicates).
        Index("ix_payments_debit_created", "debit_account", "created_at"),
        Index("ix_payments_duplicate", "debit_account", "credit_account", "amount", "created_at"),
        Index("ix_payments_status", "status"),
        {"sqlite_with_rowid": False},
    )


class SettlementPosition(Base):
    """What the bank owes each other bank for one business date, net, per currency."""

    __tablename__ = "settlement_positions"

    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    bank_code: Mapped[str] = mapped_column(String(11), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    payments: Mapped[int] = mapped_column(Integer)


payments = cast(Table, Payment.__table__)


settlement_positions = cast(Table, SettlementPosition.__table__)
