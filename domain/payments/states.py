"""The life of a payment: its states and the only moves between them.

    created -> risk_checked -> (held ->) posted    [-> reversed]
                            -> (held ->) reserved  -> settled [-> reversed]
                                                   -> voided
            -> rejected, held -> declined

`reserved` is a transfer to another bank whose funds are held as pending (two-phase,
as TigerBeetle's pending transfers) until the end-of-day settlement posts them through
clearing, or a void releases them. Every move is a stored event; a handler asks
`require_move` before recording one, so an illegal move is refused, never written.
"""

from __future__ import annotations

from enum import StrEnum

from bus import Rejection
from domain.payments.refusals import PaymentRefusal


class PaymentState(StrEnum):
    """A payment's state; its value is what the payments table stores as `status`."""

    CREATED = "created"
    RISK_CHECKED = "risk_checked"
    HELD = "held"
    POSTED = "posted"
    RESERVED = "reserved"
    SETTLED = "settled"
    REJECTED = "rejected"
    DECLINED = "declined"
    VOIDED = "voided"
    REVERSED = "reversed"


# The names most call sites use.
CREATED = PaymentState.CREATED
RISK_CHECKED = PaymentState.RISK_CHECKED
HELD = PaymentState.HELD
POSTED = PaymentState.POSTED
RESERVED = PaymentState.RESERVED
SETTLED = PaymentState.SETTLED
REJECTED = PaymentState.REJECTED
DECLINED = PaymentState.DECLINED
VOIDED = PaymentState.VOIDED
REVERSED = PaymentState.REVERSED

STATES = tuple(PaymentState)

# States in which a payment's money has moved on the ledger (a reversed payment moved,
# and its reversal moved it back). Report totals count these; the others never posted.
MONEY_MOVED = frozenset({POSTED, SETTLED, REVERSED})

# A payment that does not exist yet is in no state; its first event creates it.
NEW = ""

MOVES: dict[str, frozenset[PaymentState]] = {
    NEW: frozenset({CREATED}),
    CREATED: frozenset({RISK_CHECKED}),
    RISK_CHECKED: frozenset({HELD, POSTED, RESERVED, REJECTED}),
    HELD: frozenset({POSTED, RESERVED, DECLINED}),
    RESERVED: frozenset({SETTLED, VOIDED}),
    POSTED: frozenset({REVERSED}),
    SETTLED: frozenset({REVERSED}),
    REJECTED: frozenset(),
    DECLINED: frozenset(),
    VOIDED: frozenset(),
    REVERSED: frozenset(),
}

FINAL = frozenset(state for state, nexts in MOVES.items() if state and not nexts)

# What a teller reads when a move is refused, by the state the payment is in.
_WHY_NOT: dict[str, str] = {
    CREATED: "it has not been checked yet",
    RISK_CHECKED: "it is still being checked",
    HELD: "it is waiting for a supervisor's approval",
    POSTED: "it is already posted",
    RESERVED: "its funds are reserved until the end-of-day settlement",
    SETTLED: "it is already settled with the other bank",
    REJECTED: "it was rejected",
    DECLINED: "a supervisor declined it",
    VOIDED: "it was voided",
    REVERSED: "it was already reversed",
}

# The refusal of a move, by the state it would have reached.
_CANNOT: dict[str, PaymentRefusal] = {
    RISK_CHECKED: PaymentRefusal.CANNOT_CHECK,
    HELD: PaymentRefusal.CANNOT_HOLD,
    POSTED: PaymentRefusal.CANNOT_POST,
    RESERVED: PaymentRefusal.CANNOT_RESERVE,
    SETTLED: PaymentRefusal.CANNOT_SETTLE,
    REJECTED: PaymentRefusal.CANNOT_REJECT,
    DECLINED: PaymentRefusal.CANNOT_DECLINE,
    VOIDED: PaymentRefusal.CANNOT_VOID,
    REVERSED: PaymentRefusal.CANNOT_REVERSE,
    CREATED: PaymentRefusal.CANNOT_CREATE,
}


def can_move(current: str, target: str) -> bool:
    return target in MOVES.get(current, frozenset())


def require_move(current: str, target: str, payment_id: str) -> None:
    """Raise a Rejection a teller understands unless `current -> target` is legal."""
    if can_move(current, target):
        return
    if current == NEW:
        raise Rejection(PaymentRefusal.UNKNOWN_PAYMENT, f"No payment {payment_id}", "payment_id")
    raise Rejection(
        _CANNOT[target],
        f"Payment {payment_id[:8]} cannot be {_past(target)}: {_WHY_NOT[current]}",
        "payment_id",
    )


def _past(state: str) -> str:
    past: dict[str, str] = {RISK_CHECKED: "checked", CREATED: "created again"}
    return past.get(state, state)
