"""Account kinds and what their balances mean.

Postings are debits and credits. Which of the two makes an account grow depends on its
normal side: the cash in a drawer or the vault is the bank's asset (debit-normal); what
a customer holds is the bank's debt to them (credit-normal), as are the clearing and
suspense accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

CUSTOMER = "customer"
DRAWER = "drawer"
VAULT = "vault"
CLEARING = "clearing"
SUSPENSE = "suspense"
OVER_SHORT = "over_short"

KINDS = (CUSTOMER, DRAWER, VAULT, CLEARING, SUSPENSE, OVER_SHORT)
DEBIT_NORMAL = frozenset({DRAWER, VAULT})
# Cash cannot go below zero, nor a customer below their overdraft limit. The bank's
# clearing, suspense and over/short accounts may run either way.
BOUNDED = frozenset({CUSTOMER, DRAWER, VAULT})


class Direction(StrEnum):
    """The side of a posting, as the postings table and every leg store it."""

    DEBIT = "debit"
    CREDIT = "credit"


class Leg(TypedDict):
    """One posting of a payment, as PaymentPosted.postings and the reserved, voided and
    settled legs store it."""

    leg: int
    account_id: str
    direction: Direction
    amount: int


@dataclass(frozen=True)
class Totals:
    debits_posted: int
    credits_posted: int
    debits_pending: int
    credits_pending: int


def posted_balance(kind: str, totals: Totals) -> int:
    if kind in DEBIT_NORMAL:
        return totals.debits_posted - totals.credits_posted
    return totals.credits_posted - totals.debits_posted


def pending_outflow(kind: str, totals: Totals) -> int:
    return totals.credits_pending if kind in DEBIT_NORMAL else totals.debits_pending


def available_balance(kind: str, totals: Totals, overdraft_limit: int) -> int:
    return posted_balance(kind, totals) - pending_outflow(kind, totals) + overdraft_limit


def effect_on_balance(kind: str, direction: Direction, amount: int) -> int:
    """How a posting of `amount` in `direction` changes the account's balance."""
    grows = (direction == Direction.DEBIT) == (kind in DEBIT_NORMAL)
    return amount if grows else -amount
