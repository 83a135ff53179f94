"""Cash drawer sessions: opening -> open -> closing -> closed, as Odoo's POS and the
commercial teller systems keep them.

A teller starts a session (opening), counts the cash in the drawer by denomination
(open), takes and pays out cash through the drawer's account, moves cash to and from
the vault with a supervisor's approval, and at the end counts again blind (closing):
the expected total is shown only once the count is in. Closing posts the difference to
the cash over/short account; beyond the tolerance it takes a supervisor's override.
A session that was never opened (the desk died after login) can be counted and closed
the same way, so nothing is left half-open for good.

Every cash posting on a drawer account happens inside one of its sessions, so a
session's movements are exactly the drawer's postings between its first and last event.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, cast

from sqlalchemy import (
    BigInteger,
    Connection,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    Text,
    and_,
    bindparam,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from bus import Command, Event, Rejection
from bus.messages import utc_now
from domain import accounts as kinds
from domain.accounts import Totals, available_balance, posted_balance
from domain.events import AccountOpened, DomainEvent, PaymentPosted, canonical_json
from domain.money import format_minor
from domain.operators import (
    MAY_APPROVE,
    MAY_POST_PAYMENTS,
    Approval,
    Clock,
    OverrideGranted,
    SecurityPolicy,
    UowFactory,
    aware,
    caused_by,
    grant_override,
    require_role,
)
from domain.projections import projects
from domain.schema import STATE_TABLES, Base, accounts, balances, events, payments, postings

OPENING = "opening"
OPEN = "open"
CLOSING = "closing"
CLOSED = "closed"

CASH_OVER = "cash_over"
CASH_SHORT = "cash_short"
VAULT_TO_DRAWER = "vault_to_drawer"
DRAWER_TO_VAULT = "drawer_to_vault"
MAX_PIECES = 1_000_000


def drawer_account_id(teller: str) -> str:
    # Upper case, as every account number is once it passes domain.validation.
    return f"DRAWER-{teller}".upper()[:34]


def vault_account_id(currency: str) -> str:
    return f"VAULT-{currency}"


def over_short_account_id(currency: str) -> str:
    return f"OVERSHORT-{currency}"


# -- table --------------------------------------------------------------------------------


class DrawerSession(Base):
    __tablename__ = "drawer_sessions"

    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    teller: Mapped[str] = mapped_column(String(32))
    drawer_account: Mapped[str] = mapped_column(String(34))
    currency: Mapped[str] = mapped_column(String(3))
    state: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_seq: Mapped[int] = mapped_column(BigInteger)
    # Counts are JSON lists of [denomination in minor units, pieces].
    opening_counts: Mapped[str | None] = mapped_column(Text, nullable=True)
    opening_expected: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    opening_counted: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    opening_approved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closing_counts: Mapped[str | None] = mapped_column(Text, nullable=True)
    closing_expected: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    closing_counted: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    counted_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closing_approved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


drawer_sessions = cast(Table, DrawerSession.__table__)
STATE_TABLES.append("drawer_sessions")

Counts = list[list[int]]


# -- commands -----------------------------------------------------------------------------


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
    direction: str  # vault_to_drawer or drawer_to_vault
    amount: int
    approval: Approval | None = None


# -- events -------------------------------------------------------------------------------


class _InSession:
    """Mixed into the events of one drawer session (a DomainEvent subclass would be
    registered as a stored type of its own)."""

    aggregate_type: ClassVar[str] = "drawer_session"
    session_id: str

    @property
    def aggregate_id(self) -> str:
        return self.session_id


@dataclass(frozen=True, kw_only=True)
class DrawerSessionStarted(_InSession, DomainEvent):
    session_id: str
    teller: str
    drawer_account: str
    currency: str


@dataclass(frozen=True, kw_only=True)
class DrawerOpened(_InSession, DomainEvent):
    session_id: str
    counts: Counts
    counted: int
    expected: int
    difference: int
    approved_by: str


@dataclass(frozen=True, kw_only=True)
class DrawerCounted(_InSession, DomainEvent):
    session_id: str
    counts: Counts
    counted: int
    expected: int
    difference: int


@dataclass(frozen=True, kw_only=True)
class DrawerClosed(_InSession, DomainEvent):
    session_id: str
    difference: int
    approved_by: str


# -- projections --------------------------------------------------------------------------


def _set(conn: Connection, session_id: str, **values: Any) -> None:
    conn.execute(update(drawer_sessions)
                 .where(drawer_sessions.c.session_id == session_id).values(**values))


@projects(DrawerSessionStarted)
def _started(conn: Connection, event: DrawerSessionStarted, seq: int) -> None:
    conn.execute(drawer_sessions.insert(), {
        "session_id": event.session_id, "teller": event.teller,
        "drawer_account": event.drawer_account, "currency": event.currency,
        "state": OPENING, "started_at": event.occurred_at, "started_seq": seq,
        "version": event.aggregate_version,
    })


@projects(DrawerOpened)
def _opened(conn: Connection, event: DrawerOpened, seq: int) -> None:
    _set(conn, event.session_id, state=OPEN, opening_counts=canonical_json(event.counts),
         opening_expected=event.expected, opening_counted=event.counted,
         opening_approved_by=event.approved_by or None, version=event.aggregate_version)


@projects(DrawerCounted)
def _counted(conn: Connection, event: DrawerCounted, seq: int) -> None:
    _set(conn, event.session_id, state=CLOSING, closing_counts=canonical_json(event.counts),
         closing_expected=event.expected, closing_counted=event.counted,
         counted_by=event.actor, version=event.aggregate_version)


@projects(DrawerClosed)
def _closed(conn: Connection, event: DrawerClosed, seq: int) -> None:
    _set(conn, event.session_id, state=CLOSED, closed_by=event.actor,
         closing_approved_by=event.approved_by or None, closed_at=event.occurred_at,
         closed_seq=seq, version=event.aggregate_version)


# -- rules --------------------------------------------------------------------------------


def check_counts(policy: SecurityPolicy, currency: str, counts: Counts) -> tuple[Counts, int]:
    """Counts as stored (largest denomination first, zeros left out) and their total."""
    allowed = policy.denominations.get(currency)
    if not allowed:
        raise Rejection("no_denominations",
                        f"No denominations are set up for {currency}", "counts")
    seen: dict[int, int] = {}
    for pair in counts:
        if (not isinstance(pair, list | tuple) or len(pair) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)):
            raise Rejection("count_invalid", "Each count is a denomination and a number of "
                            "pieces", "counts")
        denomination, pieces = pair
        if denomination not in allowed:
            raise Rejection("denomination_unknown",
                            f"{format_minor(denomination, currency)} is not a {currency} "
                            "note or coin here", "counts")
        if not 0 <= pieces <= MAX_PIECES:
            raise Rejection("count_invalid",
                            f"Pieces must be between 0 and {MAX_PIECES:,}", "counts")
        if denomination in seen:
            raise Rejection("count_invalid", "A denomination was counted twice", "counts")
        seen[denomination] = pieces
    stored = [[d, seen[d]] for d in sorted(seen, reverse=True) if seen[d]]
    return stored, sum(d * n for d, n in stored)


def _session(conn: Connection, session_id: str) -> Any:
    row = conn.execute(select(drawer_sessions)
                       .where(drawer_sessions.c.session_id == session_id)).first()
    if row is None:
        raise Rejection("unknown_drawer_session", "No such drawer session")
    return row


def _require_session_operator(conn: Connection, actor: str, session: Any) -> str:
    role = require_role(conn, actor, MAY_POST_PAYMENTS, "work a cash drawer")
    if session.teller != actor and role not in MAY_APPROVE:
        raise Rejection("not_your_drawer",
                        f"This drawer session belongs to {session.teller}; only they or a "
                        "supervisor can count or close it")
    return role


def _drawer_balance(conn: Connection, account_id: str) -> tuple[int, int]:
    """(posted balance, available) of a cash account."""
    row = conn.execute(
        select(accounts.c.kind, accounts.c.overdraft_limit, balances)
        .join(balances, balances.c.account_id == accounts.c.account_id)
        .where(accounts.c.account_id == account_id)
    ).one()
    totals = Totals(row.debits_posted, row.credits_posted, row.debits_pending,
                    row.credits_pending)
    return (posted_balance(row.kind, totals),
            available_balance(row.kind, totals, row.overdraft_limit))


_ACTIVE_SESSION_OF_DRAWER = (
    select(drawer_sessions.c.teller, drawer_sessions.c.state)
    .where(drawer_sessions.c.drawer_account == bindparam("drawer"),
           drawer_sessions.c.state != CLOSED)
)


def require_open_drawer(conn: Connection, actor: str, drawer_account: str,
                        field_name: str | None = None) -> None:
    """Cash moves only through a drawer whose session is open, in its teller's hands."""
    session = conn.execute(_ACTIVE_SESSION_OF_DRAWER, {"drawer": drawer_account}).first()
    if session is None or session.state == OPENING:
        raise Rejection("drawer_not_open",
                        f"Drawer {drawer_account} is not open: count the opening cash "
                        "first (Drawer menu)", field_name)
    if session.state == CLOSING:
        raise Rejection("drawer_closing",
                        f"Drawer {drawer_account} is being closed and accepts nothing more",
                        field_name)
    if session.teller != actor:
        raise Rejection("not_your_drawer",
                        f"Drawer {drawer_account} is open for {session.teller}, not for you",
                        field_name)


def _ensure_account(uow: Any, command: Command, account_id: str, kind: str,
                    holder: str, currency: str) -> None:
    row = uow.conn.execute(select(accounts.c.currency, accounts.c.kind)
                           .where(accounts.c.account_id == account_id)).first()
    if row is None:
        uow.record(AccountOpened(account_id=account_id, holder_name=holder, kind=kind,
                                 currency=currency, overdraft_limit=0, aggregate_version=1,
                                 **caused_by(command)))
    elif row.currency != currency or row.kind != kind:
        raise Rejection("cash_account_mismatch",
                        f"Account {account_id} is a {row.currency} {row.kind} account, "
                        f"not a {currency} {kind} account")


def _payment(uow: Any, command: Command, payment_id: str, kind: str, debit: str,
             credit: str, amount: int, currency: str, reference: str) -> PaymentPosted:
    asked = {"kind": kind, "debit_account": debit, "credit_account": credit,
             "amount": amount, "currency": currency, "reference": reference}
    return PaymentPosted(
        payment_id=payment_id, kind=kind, debit_account=debit, credit_account=credit,
        amount=amount, currency=currency, reference=reference,
        business_date=uow.business_date().isoformat(),
        request_hash=hashlib.sha256(canonical_json(asked).encode()).hexdigest(),
        postings=[
            {"leg": 1, "account_id": debit, "direction": "debit", "amount": amount},
            {"leg": 2, "account_id": credit, "direction": "credit", "amount": amount},
        ],
        aggregate_version=1, **caused_by(command))


def _settle_difference(uow: Any, command: Command, policy: SecurityPolicy, session: Any,
                       difference: int, stage: str, approval: Approval | None,
                       now: datetime) -> str:
    """Decide on a count's difference (override beyond tolerance), then post it to the
    over/short account. Returns who approved, or ''."""
    currency = session.currency
    override: OverrideGranted | None = None
    tolerance = policy.tolerance(currency)
    if abs(difference) > tolerance:
        what = "over" if difference > 0 else "short"
        shown = f"{format_minor(abs(difference), currency)} {currency}"
        override = grant_override(
            uow.conn, policy, command, approval, action="drawer_difference",
            subject=session.session_id, now=now,
            detail=f"{stage} count of {session.drawer_account} {what} by {shown}",
            why=f"The count is {what} by {shown}, more than the "
                f"{format_minor(tolerance, currency)} {currency} tolerance: a supervisor "
                "must approve (F9)")
    # Decided; now write.
    if override is not None:
        uow.record(override)
    if difference:
        over_short = over_short_account_id(currency)
        _ensure_account(uow, command, over_short, kinds.OVER_SHORT,
                        f"Cash over/short {currency}", currency)
        drawer = session.drawer_account
        debit, credit, kind = ((drawer, over_short, CASH_OVER) if difference > 0
                               else (over_short, drawer, CASH_SHORT))
        payment_id = str(uuid.uuid5(uuid.NAMESPACE_URL,
                                    f"drawer:{session.session_id}:{stage}"))
        uow.record(_payment(uow, command, payment_id, kind, debit, credit, abs(difference),
                            currency, f"{stage} count difference, drawer session "
                            f"{session.session_id[:8]}"))
    return override.approver if override is not None else ""


# -- handlers -----------------------------------------------------------------------------


def start_drawer_session(command: StartDrawerSession, new_uow: UowFactory,
                         policy: SecurityPolicy) -> Sequence[Event]:
    if command.currency not in policy.denominations:
        raise Rejection("no_denominations",
                        f"No denominations are set up for {command.currency}", "currency")
    with new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_POST_PAYMENTS, "work a cash drawer")
        active = uow.conn.execute(
            select(drawer_sessions.c.session_id, drawer_sessions.c.state)
            .where(drawer_sessions.c.teller == command.actor,
                   drawer_sessions.c.state != CLOSED)
        ).first()
        if active is not None:
            raise Rejection("drawer_session_active",
                            f"You already have a drawer session that is {active.state}: "
                            "continue it or close it first")
        if uow.conn.execute(select(drawer_sessions.c.session_id).where(
                drawer_sessions.c.session_id == command.session_id)).first():
            raise Rejection("drawer_session_exists", "This drawer session id is taken")
        drawer = drawer_account_id(command.actor)
        _ensure_account(uow, command, drawer, kinds.DRAWER, f"Cash drawer of {command.actor}",
                        command.currency)
        uow.record(DrawerSessionStarted(session_id=command.session_id, teller=command.actor,
                                        drawer_account=drawer, currency=command.currency,
                                        aggregate_version=1, **caused_by(command)))
    return uow.recorded


def count_opening_cash(command: CountOpeningCash, new_uow: UowFactory,
                       policy: SecurityPolicy, clock: Clock = utc_now) -> Sequence[Event]:
    with new_uow() as uow:
        session = _session(uow.conn, command.session_id)
        _require_session_operator(uow.conn, command.actor, session)
        if session.state != OPENING:
            raise Rejection("drawer_not_opening", f"This drawer session is {session.state}")
        counts, counted = check_counts(policy, session.currency, command.counts)
        expected, _ = _drawer_balance(uow.conn, session.drawer_account)
        approved_by = _settle_difference(uow, command, policy, session, counted - expected,
                                         "opening", command.approval, clock())
        uow.record(DrawerOpened(session_id=session.session_id, counts=counts,
                                counted=counted, expected=expected,
                                difference=counted - expected, approved_by=approved_by,
                                aggregate_version=session.version + 1, **caused_by(command)))
    return uow.recorded


def count_closing_cash(command: CountClosingCash, new_uow: UowFactory,
                       policy: SecurityPolicy) -> Sequence[Event]:
    with new_uow() as uow:
        session = _session(uow.conn, command.session_id)
        _require_session_operator(uow.conn, command.actor, session)
        if session.state not in (OPENING, OPEN):
            raise Rejection("drawer_not_open",
                            f"This drawer session is {session.state}; it was counted already"
                            if session.state == CLOSING else
                            f"This drawer session is {session.state}")
        counts, counted = check_counts(policy, session.currency, command.counts)
        expected, _ = _drawer_balance(uow.conn, session.drawer_account)
        uow.record(DrawerCounted(session_id=session.session_id, counts=counts,
                                 counted=counted, expected=expected,
                                 difference=counted - expected,
                                 aggregate_version=session.version + 1, **caused_by(command)))
    return uow.recorded


def close_drawer(command: CloseDrawer, new_uow: UowFactory, policy: SecurityPolicy,
                 clock: Clock = utc_now) -> Sequence[Event]:
    with new_uow() as uow:
        session = _session(uow.conn, command.session_id)
        _require_session_operator(uow.conn, command.actor, session)
        if session.state != CLOSING:
            raise Rejection("drawer_not_counted",
                            "Count the cash first; the drawer closes on its count"
                            if session.state != CLOSED else "This drawer is closed already")
        difference = session.closing_counted - session.closing_expected
        approved_by = _settle_difference(uow, command, policy, session, difference,
                                         "closing", command.approval, clock())
        uow.record(DrawerClosed(session_id=session.session_id, difference=difference,
                                approved_by=approved_by,
                                aggregate_version=session.version + 1, **caused_by(command)))
    return uow.recorded


def move_cash(command: MoveCash, new_uow: UowFactory, policy: SecurityPolicy,
              clock: Clock = utc_now) -> Sequence[Event]:
    if command.direction not in (VAULT_TO_DRAWER, DRAWER_TO_VAULT):
        raise Rejection("direction_unknown", "Move cash from the vault or to the vault",
                        "direction")
    if command.amount <= 0:
        raise Rejection("amount_not_positive", "The amount must be more than zero", "amount")
    with new_uow() as uow:
        session = _session(uow.conn, command.session_id)
        _require_session_operator(uow.conn, command.actor, session)
        if session.state != OPEN:
            raise Rejection("drawer_not_open", f"This drawer session is {session.state}")
        if uow.conn.execute(select(payments.c.payment_id)
                            .where(payments.c.payment_id == command.payment_id)).first():
            raise Rejection("payment_id_reused", "This cash move was posted already")
        currency = session.currency
        vault = vault_account_id(currency)
        source = vault if command.direction == VAULT_TO_DRAWER else session.drawer_account
        vault_exists = uow.conn.execute(select(accounts.c.account_id)
                                        .where(accounts.c.account_id == vault)).first()
        available = _drawer_balance(uow.conn, source)[1] if (
            source != vault or vault_exists) else 0
        if command.amount > available:
            where = "the vault" if source == vault else "the drawer"
            raise Rejection("insufficient_funds",
                            f"Not enough cash in {where}: {format_minor(available, currency)} "
                            f"{currency} available", "amount")
        shown = f"{format_minor(command.amount, currency)} {currency}"
        override = grant_override(
            uow.conn, policy, command, command.approval, action="vault_move",
            subject=command.payment_id, now=clock(),
            detail=f"{command.direction.replace('_', ' ')} {shown}, {session.drawer_account}",
            why="Cash to or from the vault needs a supervisor's approval")
        uow.record(override)
        _ensure_account(uow, command, vault, kinds.VAULT, f"Vault {currency}", currency)
        debit, credit = ((session.drawer_account, vault) if command.direction == VAULT_TO_DRAWER
                         else (vault, session.drawer_account))
        uow.record(_payment(uow, command, command.payment_id, command.direction, debit, credit,
                            command.amount, currency,
                            f"approved by {override.approver}"))
    return uow.recorded


# -- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawerSessionView:
    session_id: str
    teller: str
    drawer_account: str
    currency: str
    state: str
    started_at: datetime


@dataclass(frozen=True)
class CashMovement:
    seq: int
    at: datetime
    payment_id: str
    kind: str
    counterpart: str
    cash_in: int
    cash_out: int
    operator: str
    reference: str


@dataclass(frozen=True)
class DrawerReport:
    session: DrawerSessionView
    denominations: tuple[int, ...]
    opening_counts: dict[int, int]
    opening_expected: int | None
    opening_counted: int | None
    opening_approved_by: str
    movements: list[CashMovement]
    closing_counts: dict[int, int]
    expected: int | None  # None until the closing count is in: the count is blind
    counted: int | None
    counted_by: str
    closed_by: str
    closed_at: datetime | None
    approved_by: str
    overrides: list[dict[str, Any]] = field(default_factory=list)

    @property
    def difference(self) -> int | None:
        if self.expected is None or self.counted is None:
            return None
        return self.counted - self.expected


def _session_view(row: Any) -> DrawerSessionView:
    return DrawerSessionView(session_id=row.session_id, teller=row.teller,
                             drawer_account=row.drawer_account, currency=row.currency,
                             state=row.state, started_at=aware(row.started_at))


def open_drawer_sessions(conn: Connection, business_date: date | None = None
                         ) -> list[DrawerSessionView]:
    """Sessions not yet closed (opening, open or closing), oldest first.

    The end-of-day close calls this inside its own transaction: a non-empty answer
    means the day cannot close. With `business_date`, only those started on or before
    that (local) date are listed.
    """
    rows = conn.execute(select(drawer_sessions).where(drawer_sessions.c.state != CLOSED)
                        .order_by(drawer_sessions.c.started_seq)).all()
    found = [_session_view(row) for row in rows]
    if business_date is not None:
        found = [s for s in found if s.started_at.astimezone().date() <= business_date]
    return found


class DrawerQueries:
    def __init__(self, engine: Engine, policy: SecurityPolicy) -> None:
        self._engine = engine
        self.policy = policy

    def denominations(self, currency: str) -> tuple[int, ...]:
        return self.policy.denominations.get(currency, ())

    def tolerance(self, currency: str) -> int:
        return self.policy.tolerance(currency)

    def open_sessions(self) -> list[DrawerSessionView]:
        with self._engine.connect() as conn:
            return open_drawer_sessions(conn)

    def current_session(self, teller: str) -> DrawerSessionView | None:
        """The teller's session that is not closed yet, if any."""
        with self._engine.connect() as conn:
            row = conn.execute(select(drawer_sessions).where(
                drawer_sessions.c.teller == teller, drawer_sessions.c.state != CLOSED)).first()
        return _session_view(row) if row is not None else None

    def sessions(self, limit: int = 50) -> list[DrawerSessionView]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(drawer_sessions)
                                .order_by(drawer_sessions.c.started_seq.desc())
                                .limit(limit)).all()
        return [_session_view(row) for row in rows]

    def report(self, session_id: str) -> DrawerReport | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(drawer_sessions)
                               .where(drawer_sessions.c.session_id == session_id)).first()
            if row is None:
                return None
            last = row.closed_seq if row.closed_seq is not None else None
            condition = and_(postings.c.account_id == row.drawer_account,
                             postings.c.seq > row.started_seq)
            if last is not None:
                condition = and_(condition, postings.c.seq <= last)
            legs = conn.execute(
                select(postings.c.seq, postings.c.direction, postings.c.amount,
                       payments.c.payment_id, payments.c.kind, payments.c.created_at,
                       payments.c.debit_account, payments.c.credit_account,
                       payments.c.operator, payments.c.reference)
                .join(payments, payments.c.payment_id == postings.c.payment_id)
                .where(condition).order_by(postings.c.seq, postings.c.leg)
            ).all()
            within = [events.c.event_type == "OverrideGranted",
                      events.c.seq > row.started_seq]
            if last is not None:
                within.append(events.c.seq <= last)
            override_rows = conn.execute(
                select(events.c.payload).where(*within).order_by(events.c.seq)).all()
        movements = [CashMovement(
            seq=leg.seq, at=aware(leg.created_at), payment_id=leg.payment_id, kind=leg.kind,
            counterpart=leg.credit_account if leg.direction == "debit" else leg.debit_account,
            cash_in=leg.amount if leg.direction == "debit" else 0,
            cash_out=leg.amount if leg.direction == "credit" else 0,
            operator=leg.operator, reference=leg.reference) for leg in legs]
        payment_ids = {m.payment_id for m in movements}
        overrides = [o for o in (json.loads(r.payload) for r in override_rows)
                     if o["subject"] == session_id or o["subject"] in payment_ids]
        return DrawerReport(
            session=_session_view(row),
            denominations=self.denominations(row.currency),
            opening_counts=_counts(row.opening_counts),
            opening_expected=row.opening_expected, opening_counted=row.opening_counted,
            opening_approved_by=row.opening_approved_by or "",
            movements=movements, closing_counts=_counts(row.closing_counts),
            expected=row.closing_expected, counted=row.closing_counted,
            counted_by=row.counted_by or "", closed_by=row.closed_by or "",
            closed_at=aware(row.closed_at) if row.closed_at else None,
            approved_by=row.closing_approved_by or "", overrides=overrides)


def _counts(stored: str | None) -> dict[int, int]:
    return {int(d): int(n) for d, n in json.loads(stored)} if stored else {}
