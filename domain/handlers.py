"""Command handlers: plain functions that decide, record events, and return them.

Each runs inside one unit of work. A broken rule raises Rejection (the bus reports it
and the transaction is rolled back); every state change goes through uow.record, which
stores the event and applies it in the same transaction.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, or_, select

from bus import Event, Message, Rejection
from domain import accounts as kinds
from domain.accounts import Totals, available_balance, effect_on_balance
from domain.commands import ChangeAccountStatus, OpenAccount, SubmitPayment
from domain.events import (
    AccountOpened,
    AccountStatusChanged,
    canonical_json,
)
from domain.iban import is_valid_iban, normalise_iban
from domain.money import CURRENCY_EXPONENTS, format_minor, max_minor_units
from domain.operators import (
    MAY_MANAGE_ACCOUNTS,
    MAY_OPEN_CUSTOMER_ACCOUNTS,
    require_role,
)
from domain.schema import accounts, balances, payments
from domain.unit_of_work import UnitOfWork

UnitOfWorkFactory = Callable[[], UnitOfWork]

CASH_DEPOSIT = "cash_deposit"
CASH_WITHDRAWAL = "cash_withdrawal"
TRANSFER = "transfer"
INTERBANK = "interbank_transfer"
REVERSAL = "reversal"

# Which kinds of account each payment kind moves money between: (debit side, credit side).
PAYMENT_KINDS: dict[str, tuple[str, str]] = {
    CASH_DEPOSIT: (kinds.DRAWER, kinds.CUSTOMER),
    CASH_WITHDRAWAL: (kinds.CUSTOMER, kinds.DRAWER),
    TRANSFER: (kinds.CUSTOMER, kinds.CUSTOMER),
    INTERBANK: (kinds.CUSTOMER, kinds.CLEARING),
}

MAX_REFERENCE = 140  # the width of payments.reference
MAX_PAYMENT_ID = 36  # a UUID's text
ACCOUNT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,33}$")


def caused_by(message: Message) -> dict[str, Any]:
    """The envelope of an event caused by `message`."""
    return {
        "actor": message.actor,
        "correlation_id": message.correlation,
        "causation_id": message.message_id,
    }


# -- accounts -----------------------------------------------------------------------------


def open_account(command: OpenAccount, new_uow: UnitOfWorkFactory) -> Sequence[Event]:
    if not ACCOUNT_ID.match(command.account_id):
        raise Rejection(
            "account_id_invalid",
            "Account numbers are 1 to 34 letters, digits and dashes",
            "account_id",
        )
    if not command.holder_name.strip() or len(command.holder_name) > 140:
        raise Rejection("holder_name_invalid", "Give the holder's name (1-140 characters)",
                        "holder_name")
    if command.kind not in kinds.KINDS:
        raise Rejection("account_kind_unknown", f"Unknown account kind {command.kind!r}", "kind")
    if command.currency not in CURRENCY_EXPONENTS:
        raise Rejection("unknown_currency", f"Unknown currency {command.currency!r}", "currency")
    if command.overdraft_limit < 0:
        raise Rejection("overdraft_negative", "An overdraft limit cannot be negative",
                        "overdraft_limit")
    iban = normalise_iban(command.iban) if isinstance(command.iban, str) else None
    if iban is None or (iban and not is_valid_iban(iban)):
        raise Rejection("iban_invalid", "Not a valid IBAN: check the country code, the two "
                        "check digits and the account part", "iban")
    with new_uow() as uow:
        # Tellers open customers' accounts; the bank's own cash and clearing accounts are
        # a supervisor's business.
        require_role(uow.conn, command.actor, MAY_OPEN_CUSTOMER_ACCOUNTS
                     if command.kind == kinds.CUSTOMER else MAY_MANAGE_ACCOUNTS,
                     f"open a {command.kind} account")
        exists = uow.conn.execute(
            select(accounts.c.account_id).where(accounts.c.account_id == command.account_id)
        ).first()
        if exists:
            raise Rejection("account_exists", f"Account {command.account_id} already exists",
                            "account_id")
        if iban:
            owner = uow.conn.execute(
                select(accounts.c.account_id).where(accounts.c.iban == iban)).scalar()
            if owner is not None:
                raise Rejection("iban_in_use", f"IBAN {iban} belongs to account {owner}",
                                "iban")
        uow.record(
            AccountOpened(
                account_id=command.account_id,
                holder_name=command.holder_name.strip(),
                kind=command.kind,
                currency=command.currency,
                overdraft_limit=command.overdraft_limit,
                iban=iban,
                aggregate_version=1,
                **caused_by(command),
            )
        )
    return uow.recorded


def change_account_status(
    command: ChangeAccountStatus, new_uow: UnitOfWorkFactory
) -> Sequence[Event]:
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_MANAGE_ACCOUNTS,
                     "freeze, unfreeze or close accounts")
        row = uow.conn.execute(
            select(accounts.c.version, accounts.c.closed).where(
                accounts.c.account_id == command.account_id
            )
        ).first()
        if row is None:
            raise Rejection("unknown_account", f"No account {command.account_id}", "account_id")
        if row.closed and not command.closed:
            raise Rejection("account_closed", "A closed account cannot be reopened", "closed")
        uow.record(
            AccountStatusChanged(
                account_id=command.account_id,
                frozen=command.frozen,
                closed=command.closed,
                aggregate_version=row.version + 1,
                **caused_by(command),
            )
        )
    return uow.recorded


# -- payments -----------------------------------------------------------------------------


def request_hash(command: SubmitPayment) -> str:
    asked: dict[str, Any] = {
        "kind": command.kind,
        "debit_account": command.debit_account,
        "credit_account": command.credit_account,
        "amount": command.amount,
        "currency": command.currency,
        "reference": command.reference,
    }
    if command.beneficiary_bank or command.beneficiary_account or command.beneficiary_name:
        asked["beneficiary"] = [command.beneficiary_bank, command.beneficiary_account,
                                command.beneficiary_name]
    return hashlib.sha256(canonical_json(asked).encode("utf-8")).hexdigest()


def check_amount(command: SubmitPayment) -> None:
    if command.currency not in CURRENCY_EXPONENTS:
        raise Rejection("unknown_currency", f"Unknown currency {command.currency!r}", "amount")
    if command.amount <= 0:
        code = "amount_zero" if command.amount == 0 else "amount_negative"
        raise Rejection(code, "The amount must be more than zero", "amount")
    limit = max_minor_units(command.currency)
    if command.amount > limit:
        raise Rejection(
            "amount_too_large",
            f"Amounts above {format_minor(limit, command.currency)} {command.currency} "
            "are refused",
            "amount",
        )


EARLIER_SUBMISSION = select(payments.c.request_hash, payments.c.status).where(
    payments.c.payment_id == bindparam("payment_id")
)
ACCOUNTS_WITH_BALANCES = (
    select(accounts, balances)
    .join(balances, balances.c.account_id == accounts.c.account_id)
    .where(or_(accounts.c.account_id == bindparam("first"),
               accounts.c.account_id == bindparam("second")))
    .order_by(accounts.c.account_id)
    # On PostgreSQL this locks both balances, in a fixed order: two desks debiting one
    # account queue up, neither can overdraw it, and they cannot deadlock.
    .with_for_update(of=balances)
)


def check_account(account: Any, *, field: str, wanted_kind: str, direction: str,
                  amount: int, currency: str, payment_kind: str) -> None:
    """Refuse a leg the account cannot take: wrong kind, closed, frozen, other currency,
    or (for cash and customers) not enough available to give."""
    account_id = account.account_id
    if account.kind != wanted_kind:
        raise Rejection(
            "wrong_account_kind",
            f"Account {account_id} is a {account.kind} account; "
            f"a {payment_kind.replace('_', ' ')} needs a {wanted_kind} account here",
            field,
        )
    if account.closed:
        raise Rejection("account_closed", f"Account {account_id} is closed", field)
    if account.frozen:
        raise Rejection("account_frozen", f"Account {account_id} is frozen", field)
    if account.currency != currency:
        raise Rejection(
            "currency_mismatch",
            f"Account {account_id} holds {account.currency}, not {currency}",
            field,
        )
    check_funds(account, field=field, direction=direction, amount=amount, currency=currency)


def check_funds(account: Any, *, field: str, direction: str, amount: int,
                currency: str) -> None:
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
                "insufficient_funds",
                f"Not enough {what} on {account.account_id}: "
                f"{format_minor(available, currency)} {currency} available",
                field,
            )


def two_legs(debit_account: str, credit_account: str, amount: int) -> list[dict[str, Any]]:
    return [
        {"leg": 1, "account_id": debit_account, "direction": "debit", "amount": amount},
        {"leg": 2, "account_id": credit_account, "direction": "credit", "amount": amount},
    ]
