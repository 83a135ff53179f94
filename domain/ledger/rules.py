"""The ledger's rules for a posting: the account exists and is open, funds suffice, two legs."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import bindparam, or_, select

from bus import Rejection
from domain.kernel.money import format_minor
from domain.ledger import accounts as kinds
from domain.ledger.accounts import Direction, Leg, Totals, available_balance, effect_on_balance
from domain.ledger.refusals import LedgerRefusal
from domain.ledger.tables import accounts, balances

ACCOUNT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,33}$")


ACCOUNTS_WITH_BALANCES = (
    select(accounts, balances)
    .join(balances, balances.c.account_id == accounts.c.account_id)
    .where(
        or_(
            accounts.c.account_id == bindparam("first"),
            accounts.c.account_id == bindparam("second"),
        )
    )
    .order_by(accounts.c.account_id)
    # On PostgreSQL this locks both balances, in a fixed order: two desks debiting one
    # account queue up, neither can overdraw it, and they cannot deadlock.
    .with_for_update(of=balances)
)


def check_account(
    account: Any,
    *,
    field: str,
    wanted_kind: str,
    direction: Direction,
    amount: int,
    currency: str,
    payment_kind: str,
) -> None:
    """Refuse a leg the account cannot take: wrong kind, closed, frozen, other currency,
    or (for cash and customers) not enough available to give."""
    account_id = account.account_id
    if account.kind != wanted_kind:
        raise Rejection(
            LedgerRefusal.WRONG_ACCOUNT_KIND,
            f"Account {account_id} is a {account.kind} account; "
            f"a {payment_kind.replace('_', ' ')} needs a {wanted_kind} account here",
            field,
        )
    if account.closed:
        raise Rejection(LedgerRefusal.ACCOUNT_CLOSED, f"Account {account_id} is closed", field)
    if account.frozen:
        raise Rejection(LedgerRefusal.ACCOUNT_FROZEN, f"Account {account_id} is frozen", field)
    if account.currency != currency:
        raise Rejection(
            LedgerRefusal.CURRENCY_MISMATCH,
            f"Account {account_id} holds {account.currency}, not {currency}",
            field,
        )
    check_funds(account, field=field, direction=direction, amount=amount, currency=currency)


def check_funds(
    account: Any, *, field: str, direction: Direction, amount: int, currency: str
) -> None:
    change = effect_on_balance(account.kind, direction, amount)
    if change < 0 and account.kind in kinds.BOUNDED:
        totals = Totals(
            account.debits_posted,
            account.credits_posted,
            account.debits_pending,
            account.credits_pending,
        )
        available = available_balance(account.kind, totals, account.overdraft_limit)
        if available + change < 0:
            what = "cash in the drawer" if account.kind != kinds.CUSTOMER else "funds"
            raise Rejection(
                LedgerRefusal.INSUFFICIENT_FUNDS,
                f"Not enough {what} on {account.account_id}: "
                f"{format_minor(available, currency)} {currency} available",
                field,
            )


def two_legs(debit_account: str, credit_account: str, amount: int) -> list[Leg]:
    return [
        {"leg": 1, "account_id": debit_account, "direction": Direction.DEBIT, "amount": amount},
        {"leg": 2, "account_id": credit_account, "direction": Direction.CREDIT, "amount": amount},
    ]
