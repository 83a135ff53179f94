"""Stored events of an account: opened, status changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.eventstore.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class AccountOpened(DomainEvent):
    aggregate_type: ClassVar[str] = "account"
    account_id: str
    holder_name: str
    kind: str
    currency: str
    overdraft_limit: int
    iban: str = ""

    @property
    def aggregate_id(self) -> str:
        return self.account_id


@dataclass(frozen=True, kw_only=True)
class AccountStatusChanged(DomainEvent):
    aggregate_type: ClassVar[str] = "account"
    account_id: str
    frozen: bool
    closed: bool

    @property
    def aggregate_id(self) -> str:
        return self.account_id
