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
class _OfBusinessDate(DomainEvent):
    aggregate_type: ClassVar[str] = "business_date"
    aggregate_key: ClassVar[str] = "business_date"
    business_date: str  # ISO date


@dataclass(frozen=True, kw_only=True)
class BusinessDateOpened(_OfBusinessDate):
    """The bank opened `business_date`: what is booked from now on is booked on it."""


@dataclass(frozen=True, kw_only=True)
class BusinessDateClosed(_OfBusinessDate):
    """The day was closed; `positions` is the settlement batch's net per counterparty
    bank and currency."""

    next_date: str
    positions: list[Position]
