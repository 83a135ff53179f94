"""Stored events of an account: opened, status changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.eventstore.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class AccountOpened(DomainEvent):
    aggregate_type: ClassVar[str] = "account"
    aggregate_key: ClassVar[str] = "account_id"
    account_id: str
    holder_name: str
    kind: str
    currency: str
    overdraft_limit: int
    iban: str = ""


@dataclass(frozen=True, kw_only=True)
class AccountStatusChanged(DomainEvent):
    aggregate_type: ClassVar[str] = "account"
    aggregate_key: ClassVar[str] = "account_id"
    account_id: str
    frozen: bool
    closed: bool
