"""A payment's life: keyed, risk-checked, held for a supervisor, posted or reserved,
settled, voided, reversed (domain.payments.states names the moves).

Every handler decides first (rules raise Rejection) and only then records its events,
so a commit group (domain.eventstore.unit_of_work) never has to undo a half-written command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select, true

from bus import Event, Rejection
from bus.messages import utc_now
from domain.drawers.sessions import ACTIVE_DRAWER_STATE, ACTIVE_DRAWER_TELLER, check_open_drawer
from domain.eventstore.driver import DriverQuery
from domain.eventstore.store import by_whom
from domain.eventstore.tables import events
from domain.eventstore.unit_of_work import UnitOfWork
from domain.kernel.envelope import caused_by
from domain.kernel.money import format_money
from domain.kernel.records import from_attributes
from domain.kernel.refusals import Refusal
from domain.ledger import accounts as kinds
from domain.ledger.accounts import Leg
from domain.ledger.events import AccountOpened
from domain.ledger.handlers import UnitOfWorkFactory
from domain.ledger.rules import ACCOUNTS_WITH_BALANCES, two_legs
from domain.ledger.tables import accounts, balances, postings
from domain.operators.events import OverrideGranted
from domain.operators.handlers import checked_role, grant_override, require_role
from domain.operators.permissions import ANY_ROLE, MAY_POST_PAYMENTS
from domain.operators.policy import SecurityPolicy
from domain.operators.refusals import OperatorRefusal
from domain.operators.roles import SUPERVISING, TELLER, Role
from domain.operators.tables import operators
from domain.payments import decisions, states
from domain.payments.commands import (
    ApprovePayment,
    DeclinePayment,
    ExpireReservations,
    ReversePayment,
    SubmitPayment,
    VoidPayment,
)
from domain.payments.events import (
    PaymentAlreadyPosted,
    PaymentApproved,
    PaymentDeclined,
    PaymentVoided,
)
from domain.payments.kinds import INTERBANK
from domain.payments.posting import Order, go
from domain.payments.refusals import PaymentRefusal
from domain.payments.risk.rules import (
    ALLOW,
    FACT_COLUMNS,
    HOLD,
    SINGLE_LIMIT,
    Candidate,
    RiskPolicy,
    RiskResult,
    approver_may,
    assess,
    fact_params,
    override_single_limit,
)
from domain.payments.rules import EARLIER_SUBMISSION, request_hash
from domain.payments.tables import payments

# The cash drawers still open, read inside the closing transaction (app.bootstrap hands
# in the drawer sessions' answer).
OpenDrawers = Callable[[Connection], list[str]]


def no_drawer_sessions_yet(conn: Connection) -> list[str]:
    """For a lifecycle run without cash drawers (a back office, some tests)."""
    return []


@dataclass(frozen=True)
class Lifecycle:
    """What the lifecycle's handlers are handed at wiring (app.bootstrap)."""

    new_uow: UnitOfWorkFactory
    policy: RiskPolicy
    open_drawers: OpenDrawers = no_drawer_sessions_yet
    clock: Callable[[], datetime] = field(default=utc_now)
    # Verifies a supervisor's name and password typed at the maker's desk.
    security: SecurityPolicy = field(default_factory=SecurityPolicy)
    # A business date may be closed before its calendar day has begun: for demos and
    # tests that play several days at once (app.settings, TELLER_ALLOW_FUTURE_DATES).
    close_ahead_of_calendar: bool = False


_PAYMENT = select(payments).where(payments.c.payment_id == bindparam("pid"))
_ACCOUNT_FOR_UPDATE = (
    select(accounts, balances)
    .join(balances, balances.c.account_id == accounts.c.account_id)
    .where(accounts.c.account_id == bindparam("acct"))
    .with_for_update(of=balances)
)
_LEGS = (
    select(postings.c.leg, postings.c.account_id, postings.c.direction, postings.c.amount)
    .where(postings.c.payment_id == bindparam("pid"))
    .order_by(postings.c.leg)
)


# -- submission ---------------------------------------------------------------------------


def _clearing_opened(
    lc: Lifecycle, uow: UnitOfWork, currency: str, command: SubmitPayment
) -> AccountOpened | None:
    """The clearing account of `currency`, to open with the first transfer out."""
    account_id = lc.policy.clearing_account(currency)
    exists = uow.conn.execute(
        select(accounts.c.account_id).where(accounts.c.account_id == account_id)
    ).first()
    if exists:
        return None
    return AccountOpened(
        account_id=account_id,
        holder_name=f"Interbank clearing {currency}",
        kind=kinds.CLEARING,
        currency=currency,
        overdraft_limit=0,
        aggregate_version=1,
        **caused_by(command),
    )


def _scalar(stmt: Any, label: str) -> Any:
    return stmt.limit(1).scalar_subquery().label(label)


_OPERATOR = select(operators.c.role).where(operators.c.name == bindparam("actor"))
_EARLIER = EARLIER_SUBMISSION
# What a submission decides on besides its accounts, in one statement: the actor's role,
# an earlier submission under the same id, the drawer's session when cash moves.
_FACTS = select(
    _scalar(_OPERATOR, "role"),
    _scalar(_OPERATOR.with_only_columns(operators.c.disabled), "disabled"),
    _scalar(_EARLIER.with_only_columns(payments.c.request_hash), "request_hash"),
    _scalar(_EARLIER.with_only_columns(payments.c.status), "status"),
    ACTIVE_DRAWER_TELLER.label("teller"),
    ACTIVE_DRAWER_STATE.label("state"),
    *FACT_COLUMNS,
).subquery("facts")
# Both accounts with their balances, locked (rules.ACCOUNTS_WITH_BALANCES).
_BOTH_ACCOUNTS = ACCOUNTS_WITH_BALANCES.with_only_columns(
    accounts, *(column for column in balances.c if column.key != "account_id")
).subquery("both")
# The facts and the accounts in one round trip, a payment being one of the writes that
# queue behind the chain head: one row of facts, beside each account found (or beside
# nothing, when neither exists).
_SUBMISSION_FACTS = DriverQuery(
    select(_FACTS, _BOTH_ACCOUNTS).select_from(_FACTS.outerjoin(_BOTH_ACCOUNTS, true()))
)


@dataclass(frozen=True)
class _Operator:
    role: str
    disabled: bool


@dataclass(frozen=True)
class _Earlier:
    request_hash: str
    status: str


@dataclass(frozen=True)
class _DrawerSession:
    teller: str
    state: str


def _earlier_answer(
    uow: UnitOfWork, command: SubmitPayment, fingerprint: str, earlier: Any = False
) -> list[Event] | None:
    """The answer to a payment id that was submitted before, or None if it is new.
    `earlier` is its row when the caller read it already (None: there is none)."""
    if earlier is False:
        earlier = uow.conn.execute(EARLIER_SUBMISSION, {"payment_id": command.payment_id}).first()
    if earlier is None:
        return None
    if earlier.request_hash != fingerprint:
        raise Rejection(
            Refusal.PAYMENT_ID_REUSED,
            "This payment id was already used for a different payment; "
            "clear the form and key it again",
        )
    return [
        PaymentAlreadyPosted(
            payment_id=command.payment_id,
            status=states.PaymentState(earlier.status),
            **caused_by(command),
        )
    ]


def submit_payment(command: SubmitPayment, lc: Lifecycle) -> Sequence[Event]:
    decisions.check_payment_id(command)
    fingerprint = request_hash(command)
    # The checks that need no database run first, but answer after the operator's
    # role and an earlier submission, as they always did.
    k: decisions.Keyed | None = None
    refused: Rejection | None = None
    try:
        k = decisions.keyed(command, lc.policy.clearing_account(command.currency), fingerprint)
    except Rejection as rejection:
        refused = rejection
    drawer_leg = k.drawer_leg if k is not None else None
    with lc.new_uow() as uow:
        business_date = uow.business_date()
        now = lc.clock()
        # Read with the writers' lock held (domain.eventstore.unit_of_work): a submission
        # of this payment id at another desk is committed and seen here, or not begun.
        rows = _SUBMISSION_FACTS(
            uow.conn,
            {
                "first": command.debit_account,
                "second": k.credit_account if k is not None else command.credit_account,
                "actor": command.actor,
                "payment_id": command.payment_id,
                "drawer": drawer_leg[0] if drawer_leg else None,
                **fact_params(
                    lc.policy,
                    debit_account=command.debit_account,
                    credit_account=k.credit_account if k is not None else command.credit_account,
                    amount=command.amount,
                    currency=command.currency,
                    operator=command.actor,
                    business_date=business_date,
                    now=now,
                ),
            },
        )
        facts = rows[0]
        role = checked_role(
            command.actor,
            None if facts.role is None else _Operator(facts.role, bool(facts.disabled)),
            MAY_POST_PAYMENTS,
            "post payments",
        )
        earlier = _earlier_answer(
            uow,
            command,
            fingerprint,
            None if facts.status is None else _Earlier(facts.request_hash, facts.status),
        )
        if earlier is not None:
            return earlier
        if refused is not None:
            raise refused
        assert k is not None
        opening = None
        if command.kind == INTERBANK:
            opening = _clearing_opened(lc, uow, command.currency, command)

        found = {row.account_id: row for row in rows if row.account_id is not None}
        decisions.check_accounts(k, found, opening.account_id if opening else None)
        if drawer_leg is not None:
            check_open_drawer(
                None if facts.state is None else _DrawerSession(facts.teller, facts.state),
                command.actor,
                *drawer_leg,
            )

        names = tuple(a.holder_name for a in found.values() if a.kind == kinds.CUSTOMER)
        if k.beneficiary:
            names += (k.beneficiary["name"],)
        candidate = Candidate(
            payment_id=command.payment_id,
            kind=command.kind,
            debit_account=command.debit_account,
            credit_account=k.credit_account,
            debit_is_customer=k.debit_kind == kinds.CUSTOMER,
            amount=command.amount,
            currency=command.currency,
            operator=command.actor,
            business_date=business_date,
            names=names,
            confirm_duplicate=command.confirm_duplicate,
        )
        risk = assess(uow.conn, lc.policy, role, candidate, now, facts)
        if command.confirm_duplicate:
            risk.decisions.append(
                {
                    "rule": "duplicate",
                    "decision": ALLOW,
                    "reason": "The teller confirmed a possible duplicate",
                }
            )
        override = _override_at_the_desk(lc, uow, command, risk, now)
        if override is not None:
            risk = override_single_limit(risk, override.approver)

        # Decided; from here on only writes.
        if opening is not None:
            uow.record(opening)
        if override is not None:
            uow.record(override)
        for event in decisions.submission(
            k,
            risk,
            business_date=business_date,
            now=now,
            envelope=caused_by(command),
            reservation_timeout=lc.policy.reservation_timeout,
        ):
            uow.record(event)
    return uow.recorded


def _override_at_the_desk(
    lc: Lifecycle, uow: UnitOfWork, command: SubmitPayment, risk: RiskResult, now: datetime
) -> OverrideGranted | None:
    """Four-eyes at the counter: above the maker's own limit, a supervisor standing by
    types name and password and the payment goes through now, instead of waiting in the
    approvals queue. Without an approval, a desk that offers overrides is answered
    `override_required` (nothing stored) so it can ask for one; other callers get the hold.
    """
    over_limit = [d for d in risk.decisions if d["rule"] == SINGLE_LIMIT and d["decision"] == HOLD]
    if not over_limit or (command.approval is None and not command.offer_override):
        return None
    return grant_override(
        uow.conn,
        lc.security,
        command,
        command.approval,
        action="amount_over_limit",
        subject=command.payment_id,
        now=now,
        detail=f"{command.kind} of {format_money(command.amount, command.currency)}",
        why=f"{over_limit[0]['reason']}: a supervisor must approve",
    )


# -- approvals ----------------------------------------------------------------------------


def _payment(uow: UnitOfWork, payment_id: str) -> Row[Any]:
    row = uow.conn.execute(_PAYMENT, {"pid": payment_id}).first()
    if row is None:
        raise Rejection(PaymentRefusal.UNKNOWN_PAYMENT, f"No payment {payment_id}", "payment_id")
    return row


# What a desk did to a payment, as the teller is told it: the decision, not the posting
# that followed it (an approval records PaymentApproved, then PaymentPosted).
_DECIDED = {
    "PaymentApproved": "approved",
    "PaymentDeclined": "declined",
    "PaymentReversed": "reversed",
    "PaymentVoided": "voided",
    "PaymentSettled": "settled",
    "PaymentRejected": "rejected",
}
_DONE = {**_DECIDED, "PaymentPosted": "posted"}
_LAST_DONE = (
    select(events.c.event_type, events.c.operator, events.c.occurred_at)
    .where(
        events.c.aggregate_type == "payment",
        events.c.aggregate_id == bindparam("pid"),
        events.c.event_type.in_(list(_DONE)),
    )
    .order_by(events.c.seq.desc())
)


def _require_move(uow: UnitOfWork, p: Row[Any], target: str) -> None:
    """states.require_move, and when another desk got there first, who did it and when:
    a second supervisor approving, a second reversal, is told so in a sentence."""
    try:
        states.require_move(p.status, target, p.payment_id)
    except Rejection as refused:
        done = uow.conn.execute(_LAST_DONE, {"pid": p.payment_id}).all()
        if not done:
            raise
        last = next((row for row in done if row.event_type in _DECIDED), done[0])
        who = by_whom(last.operator, last.occurred_at)
        raise Rejection(
            refused.code, f"{refused.reason} ({_DONE[last.event_type]} {who})", refused.field
        ) from None


def _require_checker(uow: UnitOfWork, actor: str, payment: Row[Any], verb: str) -> Role:
    role = require_role(uow.conn, actor, ANY_ROLE, f"{verb} payments")
    if role not in SUPERVISING:
        raise Rejection(
            OperatorRefusal.NEEDS_SUPERVISOR,
            f"Only a supervisor can {verb} a held payment; {actor} is a {role}",
            "actor",
        )
    if actor == payment.operator:
        raise Rejection(
            PaymentRefusal.MAKER_IS_CHECKER,
            f"{actor} keyed this payment and cannot also {verb} it: another supervisor must",
            "actor",
        )
    return role


def approve_payment(command: ApprovePayment, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        p = _payment(uow, command.payment_id)
        target = states.RESERVED if p.kind == INTERBANK else states.POSTED
        _require_move(uow, p, target)
        role = _require_checker(uow, command.actor, p, "approve")
        if not approver_may(lc.policy, role, p.amount, p.currency):
            raise Rejection(
                PaymentRefusal.ABOVE_APPROVER_LIMIT,
                f"{format_money(p.amount, p.currency)} is above a {role}'s limit of "
                f"{format_money(lc.policy.limit_for(role, p.currency), p.currency)}; "
                "someone with a higher limit must approve it",
                "actor",
            )
        # Balances may have moved while it waited: the funds are checked again now.
        decisions.check_legs(
            lambda account_id: uow.conn.execute(_ACCOUNT_FOR_UPDATE, {"acct": account_id}).one(),
            p.kind,
            p.debit_account,
            p.credit_account,
            p.amount,
            p.currency,
        )
        envelope = caused_by(command)
        now = lc.clock()
        uow.record(
            PaymentApproved(
                payment_id=p.payment_id,
                note=command.note.strip(),
                aggregate_version=p.version + 1,
                occurred_at=now,
                **envelope,
            )
        )
        order = from_attributes(Order, p, business_date=uow.business_date())
        uow.record(
            go(
                order,
                version=p.version + 2,
                now=now,
                envelope=envelope,
                reservation_timeout=lc.policy.reservation_timeout,
            )
        )
    return uow.recorded


def decline_payment(command: DeclinePayment, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        p = _payment(uow, command.payment_id)
        _require_move(uow, p, states.DECLINED)
        _require_checker(uow, command.actor, p, "decline")
        reason = decisions.reason_given(command.reason, "Say why the payment is declined")
        uow.record(
            PaymentDeclined(
                payment_id=p.payment_id,
                reason=reason[:200],
                aggregate_version=p.version + 1,
                occurred_at=lc.clock(),
                **caused_by(command),
            )
        )
    return uow.recorded


# -- reservations -------------------------------------------------------------------------


def _reserved_legs(p: Row[Any]) -> list[Leg]:
    return two_legs(p.debit_account, p.credit_account, p.amount)


def void_payment(command: VoidPayment, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_POST_PAYMENTS, "void transfers")
        p = _payment(uow, command.payment_id)
        _require_move(uow, p, states.VOIDED)
        reason = decisions.reason_given(command.reason, "Say why the transfer is voided")
        uow.record(
            PaymentVoided(
                payment_id=p.payment_id,
                legs=_reserved_legs(p),
                currency=p.currency,
                reason=reason,
                expired=False,
                aggregate_version=p.version + 1,
                occurred_at=lc.clock(),
                **caused_by(command),
            )
        )
    return uow.recorded


_EXPIRED = (
    select(payments)
    .where(payments.c.status == states.RESERVED, payments.c.expires_at <= bindparam("now"))
    .order_by(payments.c.seq)
)


def void_expired(lc: Lifecycle, uow: UnitOfWork, now: datetime, envelope: dict[str, Any]) -> None:
    """Void every reservation whose stored expiry is past `now`."""
    for p in uow.conn.execute(_EXPIRED, {"now": now}).all():
        uow.record(
            PaymentVoided(
                payment_id=p.payment_id,
                legs=_reserved_legs(p),
                currency=p.currency,
                reason="The reservation expired before settlement",
                expired=True,
                aggregate_version=p.version + 1,
                occurred_at=now,
                **envelope,
            )
        )


def expire_reservations(command: ExpireReservations, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        void_expired(lc, uow, lc.clock(), caused_by(command))
    return uow.recorded


# -- reversal -----------------------------------------------------------------------------


def reverse_payment(command: ReversePayment, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        role = require_role(
            uow.conn, command.actor, MAY_POST_PAYMENTS | SUPERVISING, "reverse payments"
        )
        again = uow.conn.execute(EARLIER_SUBMISSION, {"payment_id": command.reversal_id}).first()
        if again is not None:
            return [
                PaymentAlreadyPosted(
                    payment_id=command.reversal_id,
                    status=states.PaymentState(again.status),
                    **caused_by(command),
                )
            ]
        p = _payment(uow, command.payment_id)
        if not p.reverses_payment_id:
            # Refused by another desk's earlier decision: say who made it and when.
            _require_move(uow, p, states.REVERSED)
        found = {
            row.account_id: row
            for row in uow.conn.execute(
                ACCOUNTS_WITH_BALANCES, {"first": p.debit_account, "second": p.credit_account}
            )
        }
        for event in decisions.reversal(
            command,
            p,
            role,
            found,
            today=uow.business_date(),
            teller_limit=lc.policy.limit_for(TELLER, p.currency),
            now=lc.clock(),
            envelope=caused_by(command),
        ):
            uow.record(event)
    return uow.recorded
