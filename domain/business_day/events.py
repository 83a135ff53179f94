"""Stored events of the business date: opened, closed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypedDict

from domain.eventstore.events import DomainEvent


class Position(TypedDict):
    """The settlement batch's net with one counterparty bank in one currency, as
    BusinessDateClosed.positions stores it."""

    bank_code: str
    currency: str
    amount: int
    payments: int


@dataclass(frozen=True, kw_only=True)
class BusinessDateOpened(DomainEvent):
    aggregate_type: ClassVar[str] = "business_date"
    business_date: str

    @property
    def aggregate_id(self) -> str:
        return self.business_date


@dataclass(frozen=True, kw_only=True)
class BusinessDateClosed(DomainEvent):
    """The day was closed; `positions` is the settlement batch's net per counterparty
    bank and currency."""

    aggregate_type: ClassVar[str] = "business_date"
    business_date: str
    next_date: str
    positions: list[Position]

    @property
    def aggregate_id(self) -> str:
        return self.business_date
