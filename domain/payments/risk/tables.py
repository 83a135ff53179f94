"""Running totals the daily risk limits read."""

from __future__ import annotations

from datetime import date
from typing import cast

from sqlalchemy import (
    BigInteger,
    Date,
    String,
    Table,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.eventstore.tables import Base


class RiskTotal(Base):
    """A business date's running total per customer account or teller and currency,
    for the daily limits (domain.payments.risk.rules): counted when a payment passes its risk check
    (held or let through), taken back when it is declined or voided."""

    __tablename__ = "risk_totals"

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # 'account', 'teller'
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = ({"sqlite_with_rowid": False},)


risk_totals = cast(Table, RiskTotal.__table__)
