"""Stored events of the business date: opened, closed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from domain.eventstore.events import DomainEvent


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
    bank: {"bank_code", "currency", "amount", "payments"}."""

    next_date: str
    positions: list[dict[str, Any]]
