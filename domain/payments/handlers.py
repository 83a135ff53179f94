"""A payment's life: keyed, risk-checked, held for a supervisor, posted or reserved,
settled, voided, reversed (domain.payments.states names the moves).

Every handler decides first (rules raise Rejection) and only then records its events,
so a commit group (domain.eventstore.unit_of_work) never has to undo a half-written command.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select

from bus import Event, Rejection
from bus.messages import utc_now
from domain.drawers.sessions import require_open_drawer
from domain.eventstore.store import by_whom
from domain.eventstore.tables import events
from domain.eventstore.unit_of_work import UnitOfWork
from domain.kernel.envelope import caused_by
from domain.kernel.money import format_money
from domain.ledger import accounts as kinds
from domain.ledger.events import AccountOpened
from domain.ledger.handlers import UnitOfWorkFactory
from domain.ledger.rules import ACCOUNTS_WITH_BALANCES, check_account, check_funds, two_legs
from domain.ledger.tables import accounts, balances, postings
from domain.operators.events import OverrideGranted
from domain.operators.handlers import grant_override, require_role
from domain.operators.permissions import MAY_POST_PAYMENTS
from domain.operators.policy import SecurityPolicy
from domain.operators.roles import SUPERVISING, TELLER, RoleOf
from domain.payments import states
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
    PaymentCreated,
    PaymentDeclined,
    PaymentHeld,
    PaymentPosted,
    PaymentRejected,
    PaymentReserved,
    PaymentReversed,
    PaymentRiskChecked,
    PaymentVoided,
)
from domain.payments.kinds import INTERBANK, MAX_PAYMENT_ID, MAX_REFERENCE, PAYMENT_KINDS, REVERSAL
from domain.payments.risk.rules import (
    ALLOW,
    HOLD,
    REJECT,
    SINGLE_LIMIT,
    Candidate,
    RiskPolicy,
    RiskResult,
    approver_may,
    assess,
    override_single_limit,
)
from domain.payments.rules import EARLIER_SUBMISSION, check_amount, request_hash
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
    role_of: RoleOf
    open_drawers: OpenDrawers = no_drawer_sessions_yet
    clock: Callable[[], datetime] = field(default=utc_now)
    # Verifies a supervisor's name and password typed at the maker's desk.
    security: SecurityPolicy = field(default_factory=SecurityPolicy)
    # A business date may be closed before its calendar day has begun: for demos and
    # tests that play several days at once (app.settings, TELLER_ALLOW_FUTURE_DATES).
    close_ahead_of_calendar: bool = False


BANK_CODE = re.compile(r"^[A-Z0-9]{4,11}$")
FOREIGN_ACCOUNT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,33}$")

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


def _short(payment_id: str) -> str:
    return payment_id[:8]


# -- submission ---------------------------------------------------------------------------


def _check_beneficiary(command: SubmitPayment) -> dict[str, str]:
    if command.kind != INTERBANK:
        return {}
    bank = command.beneficiary_bank.strip().upper()
    if not BANK_CODE.match(bank):
        raise Rejection(
            "bank_code_invalid",
            "The beneficiary's bank code is 4 to 11 letters and digits "
            "(e.g. a BIC such as DEUTDEFF)",
            "beneficiary_bank",
        )
    if not FOREIGN_ACCOUNT.match(command.beneficiary_account.strip()):
        raise Rejection(
            "beneficiary_account_invalid",
            "The beneficiary's account is 1 to 34 letters, digits, spaces and dashes",
            "beneficiary_account",
        )
    name = command.beneficiary_name.strip()
    if not name or len(name) > 140:
        raise Rejection(
            "beneficiary_name_missing", "Give the beneficiary's name", "beneficiary_name"
        )
    return {"bank_code": bank, "account": command.beneficiary_account.strip(), "name": name}


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


def _earlier_answer(
    uow: UnitOfWork, command: SubmitPayment, fingerprint: str
) -> list[Event] | None:
    """The answer to a payment id that was submitted before, or None if it is new."""
    earlier = uow.conn.execute(EARLIER_SUBMISSION, {"payment_id": command.payment_id}).first()
    if earlier is None:
        return None
    if earlier.request_hash != fingerprint:
        raise Rejection(
            "payment_id_reused",
            "This payment id was already used for a different payment; "
            "clear the form and key it again",
        )
    return [
        PaymentAlreadyPosted(
            payment_id=command.payment_id, status=earlier.status, **caused_by(command)
        )
    ]


def submit_payment(command: SubmitPayment, lc: Lifecycle) -> Sequence[Event]:
    if not 0 < len(command.payment_id) <= MAX_PAYMENT_ID:
        raise Rejection("payment_id_invalid", f"A payment id has 1 to {MAX_PAYMENT_ID} characters")
    fingerprint = request_hash(command)
    with lc.new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_POST_PAYMENTS, "post payments")
        earlier = _earlier_answer(uow, command, fingerprint)
        if earlier is not None:
            return earlier

        if command.kind not in PAYMENT_KINDS:
            raise Rejection("payment_kind_unknown", f"Unknown payment kind {command.kind!r}")
        if len(command.reference) > MAX_REFERENCE:
            raise Rejection(
                "reference_too_long",
                f"The reference takes at most {MAX_REFERENCE} characters",
                "reference",
            )
        check_amount(command)
        beneficiary = _check_beneficiary(command)
        credit_account = command.credit_account
        opening: AccountOpened | None = None
        if command.kind == INTERBANK:
            credit_account = lc.policy.clearing_account(command.currency)
            opening = _clearing_opened(lc, uow, command.currency, command)
        if command.debit_account == credit_account:
            raise Rejection("same_account", "Pick two different accounts", "credit_account")

        found = {
            row.account_id: row
            for row in uow.conn.execute(
                ACCOUNTS_WITH_BALANCES, {"first": command.debit_account, "second": credit_account}
            )
        }
        if uow.conn.dialect.name != "sqlite":
            # Another desk keying the same payment id holds these balance locks until it
            # commits; we may have waited for it. Each statement sees what is committed
            # (READ COMMITTED), so asking again now answers "already posted" instead of
            # a unique violation (or a "possible duplicate" of itself). SQLite's writers
            # are serialised from BEGIN IMMEDIATE on, so the first answer there holds.
            earlier = _earlier_answer(uow, command, fingerprint)
            if earlier is not None:
                return earlier
        debit_kind, credit_kind = PAYMENT_KINDS[command.kind]
        for field_name, account_id, wanted_kind, direction in (
            ("debit_account", command.debit_account, debit_kind, "debit"),
            ("credit_account", credit_account, credit_kind, "credit"),
        ):
            account = found.get(account_id)
            if account is None:
                if opening is not None and account_id == opening.account_id:
                    continue
                raise Rejection("unknown_account", f"No account {account_id}", field_name)
            check_account(
                account,
                field=field_name,
                wanted_kind=wanted_kind,
                direction=direction,
                amount=command.amount,
                currency=command.currency,
                payment_kind=command.kind,
            )

        if kinds.DRAWER in (debit_kind, credit_kind):
            drawer_is_debit = debit_kind == kinds.DRAWER
            require_open_drawer(
                uow.conn,
                command.actor,
                command.debit_account if drawer_is_debit else credit_account,
                "debit_account" if drawer_is_debit else "credit_account",
            )

        business_date = uow.business_date()
        now = lc.clock()
        names = tuple(a.holder_name for a in found.values() if a.kind == kinds.CUSTOMER)
        if beneficiary:
            names += (beneficiary["name"],)
        candidate = Candidate(
            payment_id=command.payment_id,
            kind=command.kind,
            debit_account=command.debit_account,
            credit_account=credit_account,
            debit_is_customer=debit_kind == kinds.CUSTOMER,
            amount=command.amount,
            currency=command.currency,
            operator=command.actor,
            business_date=business_date,
            names=names,
            confirm_duplicate=command.confirm_duplicate,
        )
        risk = assess(uow.conn, lc.policy, lc.role_of, candidate, now)
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
        envelope = caused_by(command)
        pid = command.payment_id
        uow.record(
            PaymentCreated(
                payment_id=pid,
                kind=command.kind,
                debit_account=command.debit_account,
                credit_account=credit_account,
                amount=command.amount,
                currency=command.currency,
                reference=command.reference,
                business_date=business_date.isoformat(),
                request_hash=fingerprint,
                beneficiary=beneficiary,
                aggregate_version=1,
                occurred_at=now,
                **envelope,
            )
        )
        uow.record(
            PaymentRiskChecked(
                payment_id=pid,
                outcome=risk.outcome,
                decisions=risk.decisions,
                flags=risk.flags,
                aggregate_version=2,
                occurred_at=now,
                **envelope,
            )
        )
        if risk.outcome == REJECT:
            uow.record(
                PaymentRejected(
                    payment_id=pid,
                    reasons=risk.reasons,
                    aggregate_version=3,
                    occurred_at=now,
                    **envelope,
                )
            )
        elif risk.outcome == HOLD:
            uow.record(
                PaymentHeld(
                    payment_id=pid,
                    reasons=risk.reasons,
                    aggregate_version=3,
                    occurred_at=now,
                    **envelope,
                )
            )
        else:
            _go(
                lc,
                uow,
                pid,
                command.kind,
                command.debit_account,
                credit_account,
                command.amount,
                command.currency,
                command.reference,
                fingerprint,
                3,
                business_date,
                now,
                envelope,
            )
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


def _go(
    lc: Lifecycle,
    uow: UnitOfWork,
    pid: str,
    kind: str,
    debit: str,
    credit: str,
    amount: int,
    currency: str,
    reference: str,
    fingerprint: str,
    version: int,
    business_date: date,
    now: datetime,
    envelope: dict[str, Any],
) -> None:
    """Post a payment, or reserve a transfer to another bank until settlement."""
    legs = two_legs(debit, credit, amount)
    if kind == INTERBANK:
        uow.record(
            PaymentReserved(
                payment_id=pid,
                legs=legs,
                currency=currency,
                expires_at=(now + lc.policy.reservation_timeout).isoformat(),
                aggregate_version=version,
                occurred_at=now,
                **envelope,
            )
        )
        return
    uow.record(
        PaymentPosted(
            payment_id=pid,
            kind=kind,
            debit_account=debit,
            credit_account=credit,
            amount=amount,
            currency=currency,
            reference=reference,
            business_date=business_date.isoformat(),
            request_hash=fingerprint,
            postings=legs,
            aggregate_version=version,
            occurred_at=now,
            **envelope,
        )
    )


# -- approvals ----------------------------------------------------------------------------


def _payment(uow: UnitOfWork, payment_id: str) -> Row:
    row = uow.conn.execute(_PAYMENT, {"pid": payment_id}).first()
    if row is None:
        raise Rejection("unknown_payment", f"No payment {payment_id}", "payment_id")
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


def _require_move(uow: UnitOfWork, p: Row, target: str) -> None:
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


def _require_checker(lc: Lifecycle, actor: str, payment: Row, verb: str) -> str:
    role = lc.role_of(actor)
    if role not in SUPERVISING:
        raise Rejection(
            "needs_supervisor",
            f"Only a supervisor can {verb} a held payment; {actor} is a {role}",
            "actor",
        )
    if actor == payment.operator:
        raise Rejection(
            "maker_is_checker",
            f"{actor} keyed this payment and cannot also {verb} it: another supervisor must",
            "actor",
        )
    return role


def approve_payment(command: ApprovePayment, lc: Lifecycle) -> Sequence[Event]:
    with lc.new_uow() as uow:
        p = _payment(uow, command.payment_id)
        target = states.RESERVED if p.kind == INTERBANK else states.POSTED
        _require_move(uow, p, target)
        role = _require_checker(lc, command.actor, p, "approve")
        if not approver_may(lc.policy, role, p.amount, p.currency):
            raise Rejection(
                "above_approver_limit",
                f"{format_money(p.amount, p.currency)} is above a {role}'s limit of "
                f"{format_money(lc.policy.limit_for(role, p.currency), p.currency)}; "
                "someone with a higher limit must approve it",
                "actor",
            )
        # Balances may have moved while it waited: the funds are checked again now.
        debit_kind, credit_kind = PAYMENT_KINDS[p.kind]
        for field_name, account_id, wanted, direction in (
            ("debit_account", p.debit_account, debit_kind, "debit"),
            ("credit_account", p.credit_account, credit_kind, "credit"),
        ):
            account = uow.conn.execute(_ACCOUNT_FOR_UPDATE, {"acct": account_id}).one()
            check_account(
                account,
                field=field_name,
                wanted_kind=wanted,
                direction=direction,
                amount=p.amount,
                currency=p.currency,
                payment_kind=p.kind,
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
        _go(
            lc,
            uow,
            p.payment_id,
            p.kind,
            p.debit_account,
            p.credit_account,
            p.amount,
            p.currency,
            p.reference,
            p.request_hash,
            p.version + 2,
            uow.business_date(),
            now,
            envelope,
        )
    return uow.recorded


def decline_payment(command: DeclinePayment, lc: Lifecycle) -> Sequence[Event]:
    reason = command.reason.strip()
    with lc.new_uow() as uow:
        p = _payment(uow, command.payment_id)
        _require_move(uow, p, states.DECLINED)
        _require_checker(lc, command.actor, p, "decline")
        if not reason:
            raise Rejection("reason_missing", "Say why the payment is declined", "reason")
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


def _reserved_legs(p: Row) -> list[dict[str, Any]]:
    return two_legs(p.debit_account, p.credit_account, p.amount)


def void_payment(command: VoidPayment, lc: Lifecycle) -> Sequence[Event]:
    reason = command.reason.strip()
    with lc.new_uow() as uow:
        require_role(uow.conn, command.actor, MAY_POST_PAYMENTS, "void transfers")
        p = _payment(uow, command.payment_id)
        _require_move(uow, p, states.VOIDED)
        if not reason:
            raise Rejection("reason_missing", "Say why the transfer is voided", "reason")
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
    reason = command.reason.strip()
    with lc.new_uow() as uow:
        # `role_of` counts an unknown or disabled name as a teller: refuse them here first.
        require_role(uow.conn, command.actor, MAY_POST_PAYMENTS | SUPERVISING, "reverse payments")
        again = uow.conn.execute(EARLIER_SUBMISSION, {"payment_id": command.reversal_id}).first()
        if again is not None:
            return [
                PaymentAlreadyPosted(
                    payment_id=command.reversal_id, status=again.status, **caused_by(command)
                )
            ]
        p = _payment(uow, command.payment_id)
        if p.reverses_payment_id:
            raise Rejection(
                "reversal_of_reversal",
                f"Payment {_short(p.payment_id)} is itself a reversal and cannot "
                "be reversed; key a new payment instead",
                "payment_id",
            )
        _require_move(uow, p, states.REVERSED)
        if not reason:
            raise Rejection("reason_missing", "Say why the payment is reversed", "reason")
        role = lc.role_of(command.actor)
        today = uow.business_date()
        if role == TELLER:
            why_not = None
            if p.business_date != today:
                why_not = f"it was keyed on {p.business_date.isoformat()}, not today"
            elif p.amount > lc.policy.limit_for(TELLER, p.currency):
                why_not = "it is above the teller's limit"
            elif p.status == states.SETTLED:
                why_not = "it was already settled with the other bank"
            if why_not:
                raise Rejection(
                    "needs_supervisor",
                    f"Only a supervisor can reverse this payment: {why_not}",
                    "actor",
                )
        elif role not in SUPERVISING:
            raise Rejection(
                "needs_supervisor", "Only a supervisor can reverse this payment", "actor"
            )
        legs = [
            {
                "leg": leg.leg,
                "account_id": leg.account_id,
                "amount": leg.amount,
                "direction": "credit" if leg.direction == "debit" else "debit",
            }
            for leg in uow.conn.execute(_LEGS, {"pid": p.payment_id})
        ]
        for leg in legs:
            account = uow.conn.execute(_ACCOUNT_FOR_UPDATE, {"acct": leg["account_id"]}).one()
            if account.closed:
                raise Rejection(
                    "account_closed",
                    f"Account {account.account_id} is closed; "
                    "the payment cannot be reversed onto it",
                    "payment_id",
                )
            check_funds(
                account,
                field="payment_id",
                direction=leg["direction"],
                amount=leg["amount"],
                currency=p.currency,
            )
        # The reversal debits what the original credited: from its credit account.
        debit = next(leg["account_id"] for leg in legs if leg["direction"] == "debit")
        credit = next(leg["account_id"] for leg in legs if leg["direction"] == "credit")
        envelope = caused_by(command)
        now = lc.clock()
        rid = command.reversal_id
        fingerprint = request_hash(
            SubmitPayment(
                payment_id=rid,
                kind=REVERSAL,
                debit_account=debit,
                credit_account=credit,
                amount=p.amount,
                currency=p.currency,
                reference=p.payment_id,
            )
        )
        uow.record(
            PaymentCreated(
                payment_id=rid,
                kind=REVERSAL,
                debit_account=debit,
                credit_account=credit,
                amount=p.amount,
                currency=p.currency,
                reference=f"Reversal: {reason}"[:140],
                business_date=today.isoformat(),
                request_hash=fingerprint,
                beneficiary={},
                reverses_payment_id=p.payment_id,
                aggregate_version=1,
                occurred_at=now,
                **envelope,
            )
        )
        uow.record(
            PaymentRiskChecked(
                payment_id=rid,
                outcome=ALLOW,
                flags=[],
                aggregate_version=2,
                occurred_at=now,
                decisions=[
                    {
                        "rule": "reversal",
                        "decision": ALLOW,
                        "reason": f"Reversal of {_short(p.payment_id)} by {role} "
                        f"{command.actor}: {reason}",
                    }
                ],
                **envelope,
            )
        )
        uow.record(
            PaymentPosted(
                payment_id=rid,
                kind=REVERSAL,
                debit_account=debit,
                credit_account=credit,
                amount=p.amount,
                currency=p.currency,
                reference=f"Reversal: {reason}"[:140],
                business_date=today.isoformat(),
                request_hash=fingerprint,
                postings=legs,
                aggregate_version=3,
                occurred_at=now,
                **envelope,
            )
        )
        uow.record(
            PaymentReversed(
                payment_id=p.payment_id,
                reversal_id=rid,
                reason=reason,
                aggregate_version=p.version + 1,
                occurred_at=now,
                **envelope,
            )
        )
    return uow.recorded
