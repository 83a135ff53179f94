"""Stored events of an account: opened, status changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.eventstore.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class _OfAccount(DomainEvent):
    aggregate_type: ClassVar[str] = "account"
    aggregate_key: ClassVar[str] = "account_id"
    account_id: str


@dataclass(frozen=True, kw_only=True)
class AccountOpened(_OfAccount):
    holder_name: str
    kind: str
    currency: str
    overdraft_limit: int
    iban: str = ""


@dataclass(frozen=True, kw_only=True)
class AccountStatusChanged(_OfAccount):
    frozen: bool
    closed: bool
