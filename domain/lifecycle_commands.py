"""Commands of a payment's life after it is keyed, and of the business date."""

from __future__ import annotations

from dataclasses import dataclass

from bus import Command


@dataclass(frozen=True, kw_only=True)
class ApprovePayment(Command):
    """A supervisor lets a held payment go on. Never the payment's maker."""

    payment_id: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DeclinePayment(Command):
    """A supervisor refuses a held payment; `reason` is required."""

    payment_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class VoidPayment(Command):
    """Release the funds reserved by a transfer to another bank before settlement."""

    payment_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class ExpireReservations(Command):
    """Void every reservation whose timeout has run out (at start and periodically)."""


@dataclass(frozen=True, kw_only=True)
class ReversePayment(Command):
    """Undo a posted or settled payment with a new, compensating payment `reversal_id`
    (made by the dialog when it opens, so a second Enter reverses nothing twice)."""

    payment_id: str
    reversal_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class OpenBusinessDate(Command):
    business_date: str  # ISO date


@dataclass(frozen=True, kw_only=True)
class CloseBusinessDate(Command):
    """Settle with other banks, close the open business date and open the next.

    `business_date` is the date the closer means to close (ISO); a run that finds it
    already closed by someone else is refused rather than closing the next one. Empty:
    whichever date is open."""

    business_date: str = ""
