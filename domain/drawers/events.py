"""Stored events of a drawer session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.drawers.commands import Counts
from domain.eventstore.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class _OfDrawerSession(DomainEvent):
    """The events of one drawer session."""

    aggregate_type: ClassVar[str] = "drawer_session"
    aggregate_key: ClassVar[str] = "session_id"
    session_id: str


@dataclass(frozen=True, kw_only=True)
class DrawerSessionStarted(_OfDrawerSession):
    teller: str
    drawer_account: str
    currency: str


@dataclass(frozen=True, kw_only=True)
class _CashCounted(_OfDrawerSession):
    """The drawer's cash was counted (`counts`: [denomination, pieces] pairs) against
    what it should hold."""

    counts: Counts
    counted: int
    expected: int
    difference: int


@dataclass(frozen=True, kw_only=True)
class DrawerOpened(_CashCounted):
    approved_by: str


@dataclass(frozen=True, kw_only=True)
class DrawerCounted(_CashCounted):
    """The closing count."""


@dataclass(frozen=True, kw_only=True)
class DrawerClosed(_OfDrawerSession):
    difference: int
    approved_by: str
