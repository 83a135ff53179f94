"""Drawer commands: start a session, count opening and closing cash, close, move cash."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bus import Command
from domain.operators.commands import Approval
from domain.payments.kinds import PaymentKind

Counts = list[list[int]]

# Which way cash moves between the vault and a drawer: the kind of the payment moving it.
CashMoveDirection = Literal[PaymentKind.VAULT_TO_DRAWER, PaymentKind.DRAWER_TO_VAULT]


@dataclass(frozen=True, kw_only=True)
class StartDrawerSession(Command):
    session_id: str
    currency: str = "EUR"


@dataclass(frozen=True, kw_only=True)
class CountOpeningCash(Command):
    session_id: str
    counts: Counts
    approval: Approval | None = None


@dataclass(frozen=True, kw_only=True)
class CountClosingCash(Command):
    """The blind count: the teller enters what is there before seeing what should be."""

    session_id: str
    counts: Counts


@dataclass(frozen=True, kw_only=True)
class CloseDrawer(Command):
    session_id: str
    approval: Approval | None = None


@dataclass(frozen=True, kw_only=True)
class MoveCash(Command):
    """Cash between the vault and a drawer; the vault side needs a supervisor."""

    session_id: str
    payment_id: str
    direction: CashMoveDirection
    amount: int
    approval: Approval | None = None
