"""Cash drawer sessions: opening -> open -> closing -> closed; counts by denomination,
the over/short settlement, vault moves, and the handlers that record them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import (
    Connection,
    bindparam,
    select,
)

from bus import Command, Event, Rejection
from bus.messages import utc_now
from domain.drawers.commands import (
    CloseDrawer,
    CountClosingCash,
    CountOpeningCash,
    Counts,
    MoveCash,
    StartDrawerSession,
)
from domain.drawers.events import DrawerClosed, DrawerCounted, DrawerOpened, DrawerSessionStarted
from domain.drawers.refusals import DrawerRefusal
from domain.drawers.tables import drawer_sessions
from domain.eventstore.store import who_did_it
from domain.kernel.envelope import caused_by
from domain.kernel.money import AmountRefusal, format_minor
from domain.kernel.refusals import Refusal
from domain.ledger import accounts as kinds
from domain.ledger.accounts import Totals, available_balance, posted_balance
from domain.ledger.events import AccountOpened
from domain.ledger.refusals import LedgerRefusal
from domain.ledger.tables import accounts, balances
from domain.operators.commands import Approval
from domain.operators.events import OverrideGranted
from domain.operators.handlers import UowFactory, grant_override, require_role
from domain.operators.permissions import MAY_APPROVE, MAY_POST_PAYMENTS
from domain.operators.policy import Clock, SecurityPolicy
from domain.payments.events import PaymentPosted
from domain.payments.kinds import PaymentKind
from domain.payments.posting import Order, posted, request_hash_of
from domain.payments.tables import payments


class DrawerState(StrEnum):
    """A drawer session's state, as the drawer_sessions table stores it."""

    OPENING = "opening"
    OPEN = "open"
    CLOSING = "closing"
    CLOSED = "closed"


OPENING = DrawerState.OPENING


OPEN = DrawerState.OPEN


CLOSING = DrawerState.CLOSING


CLOSED = DrawerState.CLOSED


CASH_OVER = PaymentKind.CASH_OVER


CASH_SHORT = PaymentKind.CASH_SHORT


# A vault move's direction is the kind of the payment that moves the cash.
VAULT_TO_DRAWER: Final = PaymentKind.VAULT_TO_DRAWER


DRAWER_TO_VAULT: Final = PaymentKind.DRAWER_TO_VAULT

MAX_PIECES = 1_000_000


def drawer_account_id(teller: str) -> str:
    # Upper case, as every account number is once it passes domain.door.validation.
    return f"DRAWER-{teller}".upper()[:34]


def vault_account_id(currency: str) -> str:
    return f"VAULT-{currency}"


def over_short_account_id(currency: str) -> str:
    return f"OVERSHORT-{currency}"


def check_counts(policy: SecurityPolicy, currency: str, counts: Counts) -> tuple[Counts, int]:
    """Counts as stored (largest denomination first, zeros left out) and their total."""
    allowed = policy.denominations.get(currency)
    if not allowed:
        raise Rejection(
            DrawerRefusal.NO_DENOMINATIONS, f"No denominations are set up for {currency}", "counts"
        )
    seen: dict[int, int] = {}
    for pair in counts:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
        ):
            raise Rejection(
                DrawerRefusal.COUNT_INVALID,
                "Each count is a denomination and a number of pieces",
                "counts",
            )
        denomination, pieces = pair
        if denomination not in allowed:
            raise Rejection(
                DrawerRefusal.DENOMINATION_UNKNOWN,
                f"{format_minor(denomination, currency)} is not a {currency} note or coin here",
                "counts",
            )
        if not 0 <= pieces <= MAX_PIECES:
            raise Rejection(
                DrawerRefusal.COUNT_INVALID,
                f"Pieces must be between 0 and {MAX_PIECES:,}",
                "counts",
            )
        if denomination in seen:
            raise Rejection(
                DrawerRefusal.COUNT_INVALID, "A denomination was counted twice", "counts"
            )
        seen[denomination] = pieces
    stored = [[d, seen[d]] for d in sorted(seen, reverse=True) if seen[d]]
    return stored, sum(d * n for d, n in stored)


def _worked_session(conn: Connection, session_id: str, actor: str) -> Any:
    """The drawer session a command works on, if `actor` may work it: its own teller,
    or a supervisor."""
    session = conn.execute(
        select(drawer_sessions).where(drawer_sessions.c.session_id == session_id)
    ).first()
    if session is None:
        raise Rejection(DrawerRefusal.UNKNOWN_DRAWER_SESSION, "No such drawer session")
    role = require_role(conn, actor, MAY_POST_PAYMENTS, "work a cash drawer")
    if session.teller != actor and role not in MAY_APPROVE:
        raise Rejection(
            DrawerRefusal.NOT_YOUR_DRAWER,
            f"This drawer session belongs to {session.teller}; only they or a "
            "supervisor can count or close it",
        )
    return session


def _drawer_balance(conn: Connection, account_id: str) -> tuple[int, int]:
    """(posted balance, available) of a cash account."""
    row = conn.execute(
        select(accounts.c.kind, accounts.c.overdraft_limit, balances)
        .join(balances, balances.c.account_id == accounts.c.account_id)
        .where(accounts.c.account_id == account_id)
    ).one()
    totals = Totals(row.debits_posted, row.credits_posted, row.debits_pending, row.credits_pending)
    return (
        posted_balance(row.kind, totals),
        available_balance(row.kind, totals, row.overdraft_limit),
    )


_ACTIVE_SESSION_OF_DRAWER = select(drawer_sessions.c.teller, drawer_sessions.c.state).where(
    drawer_sessions.c.drawer_account == bindparam("drawer"), drawer_sessions.c.state != CLOSED
)


def require_open_drawer(
    conn: Connection, actor: str, drawer_account: str, field_name: str | None = None
) -> None:
    """Cash moves only through a drawer whose session is open, in its teller's hands."""
    session = conn.execute(_ACTIVE_SESSION_OF_DRAWER, {"drawer": drawer_account}).first()
    check_open_drawer(session, actor, drawer_account, field_name)


# The active session of the drawer bound as "drawer", as two scalar columns, for a
# handler that reads them in the one statement it reads all it decides on.
ACTIVE_DRAWER_TELLER = (
    _ACTIVE_SESSION_OF_DRAWER.with_only_columns(drawer_sessions.c.teller).limit(1).scalar_subquery()
)
ACTIVE_DRAWER_STATE = (
    _ACTIVE_SESSION_OF_DRAWER.with_only_columns(drawer_sessions.c.state).limit(1).scalar_subquery()
)


def check_open_drawer(
    session: Any, actor: str, drawer_account: str, field_name: str | None = None
) -> None:
    """require_open_drawer on the drawer's active session (`teller`, `state`; None if
    there is none)."""
    if session is None or session.state == OPENING:
        raise Rejection(
            DrawerRefusal.DRAWER_NOT_OPEN,
            f"Drawer {drawer_account} is not open: count the opening cash first (Drawer menu)",
            field_name,
        )
    if session.state == CLOSING:
        raise Rejection(
            DrawerRefusal.DRAWER_CLOSING,
            f"Drawer {drawer_account} is being closed and accepts nothing more",
            field_name,
        )
    if session.teller != actor:
        raise Rejection(
            DrawerRefusal.NOT_YOUR_DRAWER,
            f"Drawer {drawer_account} is open for {session.teller}, not for you",
            field_name,
        )


def _ensure_account(
    uow: Any, command: Command, account_id: str, kind: str, holder: str, currency: str
) -> None:
    row = uow.conn.execute(
        select(accounts.c.currency, accounts.c.kind).where(accounts.c.account_id == account_id)
    ).first()
    if row is None:
        uow.record(
            AccountOpened(
                account_id=account_id,
                holder_name=holder,
                kind=kind,
                currency=currency,
                overdraft_limit=0,
                aggregate_version=1,
                **caused_by(command),
            )
        )
    elif row.currency != currency or row.kind != kind:
        raise Rejection(
            DrawerRefusal.CASH_ACCOUNT_MISMATCH,
            f"Account {account_id} is a {row.currency} {row.kind} account, "
            f"not a {currency} {kind} account",
        )


def _payment(
    uow: Any,
    command: Command,
    payment_id: str,
    kind: PaymentKind,
    debit: str,
    credit: str,
    amount: int,
    currency: str,
    reference: str,
) -> PaymentPosted:
    """The bank's own cash move, posted in one step (no risk rules, no approval queue)."""
    order = Order(
        payment_id=payment_id,
        kind=kind,
        debit_account=debit,
        credit_account=credit,
        amount=amount,
        currency=currency,
        reference=reference,
        business_date=uow.business_date(),
        request_hash=request_hash_of(kind, debit, credit, amount, currency, reference),
    )
    return posted(order, version=1, now=None, envelope=caused_by(command))


def _settle_difference(
    uow: Any,
    command: Command,
    policy: SecurityPolicy,
    session: Any,
    difference: int,
    stage: str,
    approval: Approval | None,
    now: datetime,
) -> str:
    """Decide on a count's difference (override beyond tolerance), then post it to the
    over/short account. Returns who approved, or ''."""
    currency = session.currency
    override: OverrideGranted | None = None
    tolerance = policy.tolerance(currency)
    if abs(difference) > tolerance:
        what = "over" if difference > 0 else "short"
        shown = f"{format_minor(abs(difference), currency)} {currency}"
        override = grant_override(
            uow.conn,
            policy,
            command,
            approval,
            action="drawer_difference",
            subject=session.session_id,
            now=now,
            detail=f"{stage} count of {session.drawer_account} {what} by {shown}",
            why=f"The count is {what} by {shown}, more than the "
            f"{format_minor(tolerance, currency)} {currency} tolerance: a supervisor "
            "must approve (F9)",
        )
    # Decided; now write.
    if override is not None:
        uow.record(override)
    if difference:
        over_short = over_short_account_id(currency)
        _ensure_account(
            uow, command, over_short, kinds.OVER_SHORT, f"Cash over/short {currency}", currency
        )
        drawer = session.drawer_account
        debit, credit, kind = (
            (drawer, over_short, CASH_OVER) if difference > 0 else (over_short, drawer, CASH_SHORT)
        )
        payment_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"drawer:{session.session_id}:{stage}"))
        uow.record(
            _payment(
                uow,
                command,
                payment_id,
                kind,
                debit,
                credit,
                abs(difference),
                currency,
                f"{stage} count difference, drawer session {session.session_id[:8]}",
            )
        )
    return override.approver if override is not None else ""


def start_drawer_session(
    command: StartDrawerSession, new_uow: UowFactory, policy: SecurityPolicy
) -> Sequence[Event]:
    if command.currency not in policy.denominations:
        raise Rejection(
            DrawerRefusal.NO_DENOMINATIONS,
            f"No denominations are set up for {command.currency}",
            "currency",
        )
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_POST_PAYMENTS, "work a cash drawer")
        active = uow.conn.execute(
            select(drawer_sessions.c.session_id, drawer_sessions.c.state).where(
                drawer_sessions.c.teller == command.actor, drawer_sessions.c.state != CLOSED
            )
        ).first()
        if active is not None:
            raise Rejection(
                DrawerRefusal.DRAWER_SESSION_ACTIVE,
                f"You already have a drawer session that is {active.state}: "
                "continue it or close it first",
            )
        if uow.conn.execute(
            select(drawer_sessions.c.session_id).where(
                drawer_sessions.c.session_id == command.session_id
            )
        ).first():
            raise Rejection(DrawerRefusal.DRAWER_SESSION_EXISTS, "This drawer session id is taken")
        drawer = drawer_account_id(command.actor)
        _ensure_account(
            uow, command, drawer, kinds.DRAWER, f"Cash drawer of {command.actor}", command.currency
        )
        uow.record(
            DrawerSessionStarted(
                session_id=command.session_id,
                teller=command.actor,
                drawer_account=drawer,
                currency=command.currency,
                aggregate_version=1,
                **caused_by(command),
            )
        )
    return uow.recorded


def _cash_count(
    conn: Connection, policy: SecurityPolicy, session: Any, typed: Counts
) -> dict[str, Any]:
    """A count's fields as its event stores them (DrawerOpened, DrawerCounted): the
    counts as stored, their total, the drawer's balance they should match, the difference."""
    counts, counted = check_counts(policy, session.currency, typed)
    expected, _ = _drawer_balance(conn, session.drawer_account)
    return {
        "counts": counts,
        "counted": counted,
        "expected": expected,
        "difference": counted - expected,
    }


def count_opening_cash(
    command: CountOpeningCash, new_uow: UowFactory, policy: SecurityPolicy, clock: Clock = utc_now
) -> Sequence[Event]:
    with new_uow() as uow:
        session = _worked_session(uow.conn, command.session_id, command.actor)
        if session.state != OPENING:
            raise Rejection(
                DrawerRefusal.DRAWER_NOT_OPENING, f"This drawer session is {session.state}"
            )
        count = _cash_count(uow.conn, policy, session, command.counts)
        approved_by = _settle_difference(
            uow, command, policy, session, count["difference"], "opening", command.approval, clock()
        )
        uow.record(
            DrawerOpened(
                session_id=session.session_id,
                **count,
                approved_by=approved_by,
                aggregate_version=session.version + 1,
                **caused_by(command),
            )
        )
    return uow.recorded


def count_closing_cash(
    command: CountClosingCash, new_uow: UowFactory, policy: SecurityPolicy
) -> Sequence[Event]:
    with new_uow() as uow:
        session = _worked_session(uow.conn, command.session_id, command.actor)
        if session.state not in (OPENING, OPEN):
            raise Rejection(
                DrawerRefusal.DRAWER_NOT_OPEN,
                _already(uow.conn, session.session_id, "counted", "DrawerCounted")
                if session.state == CLOSING
                else _already(uow.conn, session.session_id, "closed", "DrawerClosed")
                if session.state == CLOSED
                else f"This drawer session is {session.state}",
            )
        uow.record(
            DrawerCounted(
                session_id=session.session_id,
                **_cash_count(uow.conn, policy, session, command.counts),
                aggregate_version=session.version + 1,
                **caused_by(command),
            )
        )
    return uow.recorded


def _already(conn: Any, session_id: str, done: str, event_type: str) -> str:
    """What a second desk is told when another got there first, and who it was."""
    who = who_did_it(conn, "drawer_session", session_id, [event_type])
    return f"This drawer session was {done} already" + (f" ({done} {who})" if who else "")


def close_drawer(
    command: CloseDrawer, new_uow: UowFactory, policy: SecurityPolicy, clock: Clock = utc_now
) -> Sequence[Event]:
    with new_uow() as uow:
        session = _worked_session(uow.conn, command.session_id, command.actor)
        if session.state != CLOSING:
            raise Rejection(
                DrawerRefusal.DRAWER_NOT_COUNTED,
                "Count the cash first; the drawer closes on its count"
                if session.state != CLOSED
                else _already(uow.conn, session.session_id, "closed", "DrawerClosed"),
            )
        difference = session.closing_counted - session.closing_expected
        approved_by = _settle_difference(
            uow, command, policy, session, difference, "closing", command.approval, clock()
        )
        uow.record(
            DrawerClosed(
                session_id=session.session_id,
                difference=difference,
                approved_by=approved_by,
                aggregate_version=session.version + 1,
                **caused_by(command),
            )
        )
    return uow.recorded


def move_cash(
    command: MoveCash, new_uow: UowFactory, policy: SecurityPolicy, clock: Clock = utc_now
) -> Sequence[Event]:
    if command.direction not in (VAULT_TO_DRAWER, DRAWER_TO_VAULT):
        raise Rejection(
            DrawerRefusal.DIRECTION_UNKNOWN, "Move cash from the vault or to the vault", "direction"
        )
    if command.amount <= 0:
        raise Rejection(AmountRefusal.NOT_POSITIVE, "The amount must be more than zero", "amount")
    with new_uow() as uow:
        session = _worked_session(uow.conn, command.session_id, command.actor)
        if session.state != OPEN:
            raise Rejection(
                DrawerRefusal.DRAWER_NOT_OPEN, f"This drawer session is {session.state}"
            )
        if uow.conn.execute(
            select(payments.c.payment_id).where(payments.c.payment_id == command.payment_id)
        ).first():
            raise Rejection(Refusal.PAYMENT_ID_REUSED, "This cash move was posted already")
        currency = session.currency
        vault = vault_account_id(currency)
        source = vault if command.direction == VAULT_TO_DRAWER else session.drawer_account
        vault_exists = uow.conn.execute(
            select(accounts.c.account_id).where(accounts.c.account_id == vault)
        ).first()
        available = _drawer_balance(uow.conn, source)[1] if (source != vault or vault_exists) else 0
        if command.amount > available:
            where = "the vault" if source == vault else "the drawer"
            raise Rejection(
                LedgerRefusal.INSUFFICIENT_FUNDS,
                f"Not enough cash in {where}: {format_minor(available, currency)} "
                f"{currency} available",
                "amount",
            )
        shown = f"{format_minor(command.amount, currency)} {currency}"
        override = grant_override(
            uow.conn,
            policy,
            command,
            command.approval,
            action="vault_move",
            subject=command.payment_id,
            now=clock(),
            detail=f"{command.direction.replace('_', ' ')} {shown}, {session.drawer_account}",
            why="Cash to or from the vault needs a supervisor's approval",
        )
        uow.record(override)
        _ensure_account(uow, command, vault, kinds.VAULT, f"Vault {currency}", currency)
        debit, credit = (
            (session.drawer_account, vault)
            if command.direction == VAULT_TO_DRAWER
            else (vault, session.drawer_account)
        )
        uow.record(
            _payment(
                uow,
                command,
                command.payment_id,
                command.direction,
                debit,
                credit,
                command.amount,
                currency,
                f"approved by {override.approver}",
            )
        )
    return uow.recorded
