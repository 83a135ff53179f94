"""Account command handlers: each decides, then records its events in one unit of work."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select

from bus import Event, Rejection
from domain.eventstore.unit_of_work import UnitOfWork
from domain.kernel.envelope import caused_by
from domain.kernel.iban import is_valid_iban, normalise_iban
from domain.kernel.money import CURRENCY_EXPONENTS, AmountRefusal
from domain.ledger import accounts as kinds
from domain.ledger.commands import ChangeAccountStatus, OpenAccount
from domain.ledger.events import AccountOpened, AccountStatusChanged
from domain.ledger.refusals import LedgerRefusal
from domain.ledger.rules import ACCOUNT_ID
from domain.ledger.tables import accounts
from domain.operators.handlers import require_role
from domain.operators.permissions import MAY_MANAGE_ACCOUNTS, MAY_OPEN_CUSTOMER_ACCOUNTS

UnitOfWorkFactory = Callable[[], UnitOfWork]


def open_account(command: OpenAccount, new_uow: UnitOfWorkFactory) -> Sequence[Event]:
    if not ACCOUNT_ID.match(command.account_id):
        raise Rejection(
            LedgerRefusal.ACCOUNT_ID_INVALID,
            "Account numbers are 1 to 34 letters, digits and dashes",
            "account_id",
        )
    if not command.holder_name.strip() or len(command.holder_name) > 140:
        raise Rejection(
            LedgerRefusal.HOLDER_NAME_INVALID,
            "Give the holder's name (1-140 characters)",
            "holder_name",
        )
    if command.kind not in kinds.KINDS:
        raise Rejection(
            LedgerRefusal.ACCOUNT_KIND_UNKNOWN, f"Unknown account kind {command.kind!r}", "kind"
        )
    if command.currency not in CURRENCY_EXPONENTS:
        raise Rejection(
            AmountRefusal.UNKNOWN_CURRENCY, f"Unknown currency {command.currency!r}", "currency"
        )
    if command.overdraft_limit < 0:
        raise Rejection(
            LedgerRefusal.OVERDRAFT_NEGATIVE,
            "An overdraft limit cannot be negative",
            "overdraft_limit",
        )
    iban = normalise_iban(command.iban) if isinstance(command.iban, str) else None
    if iban is None or (iban and not is_valid_iban(iban)):
        raise Rejection(
            LedgerRefusal.IBAN_INVALID,
            "Not a valid IBAN: check the country code, the two check digits and the account part",
            "iban",
        )
    with new_uow() as uow:
        # Tellers open customers' accounts; the bank's own cash and clearing accounts are
        # a supervisor's business.
        require_role(
            uow.conn,
            command.actor,
            MAY_OPEN_CUSTOMER_ACCOUNTS if command.kind == kinds.CUSTOMER else MAY_MANAGE_ACCOUNTS,
            f"open a {command.kind} account",
        )
        exists = uow.conn.execute(
            select(accounts.c.account_id).where(accounts.c.account_id == command.account_id)
        ).first()
        if exists:
            raise Rejection(
                LedgerRefusal.ACCOUNT_EXISTS,
                f"Account {command.account_id} already exists",
                "account_id",
            )
        if iban:
            owner = uow.conn.execute(
                select(accounts.c.account_id).where(accounts.c.iban == iban)
            ).scalar()
            if owner is not None:
                raise Rejection(
                    LedgerRefusal.IBAN_IN_USE, f"IBAN {iban} belongs to account {owner}", "iban"
                )
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
        require_role(
            uow.conn, command.actor, MAY_MANAGE_ACCOUNTS, "freeze, unfreeze or close accounts"
        )
        row = uow.conn.execute(
            select(accounts.c.version, accounts.c.closed).where(
                accounts.c.account_id == command.account_id
            )
        ).first()
        if row is None:
            raise Rejection(
                LedgerRefusal.UNKNOWN_ACCOUNT, f"No account {command.account_id}", "account_id"
            )
        if row.closed and not command.closed:
            raise Rejection(
                LedgerRefusal.ACCOUNT_CLOSED, "A closed account cannot be reopened", "closed"
            )
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
