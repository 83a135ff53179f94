"""Random days at the bank: whatever mix of submissions, approvals, declines, voids,
reversals, expiries and closes, the ledger balances, a rebuild from the events matches
the tables, and every payment is in exactly one known state."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.business_day.commands import CloseBusinessDate
from domain.drawers.sessions import drawer_account_id
from domain.payments import states
from domain.payments.commands import (
    ApprovePayment,
    DeclinePayment,
    ExpireReservations,
    ReversePayment,
    VoidPayment,
)
from domain.payments.tables import payments
from tests.lifecycle_support import make_bank, seed

ACCOUNTS = ("10000001", "10000002", "10000003")
ACTORS = ("teller1", "teller2", "super1")

submit = st.tuples(
    st.just("submit"),
    st.sampled_from(("cash_deposit", "cash_withdrawal", "transfer", "interbank_transfer")),
    st.sampled_from(ACCOUNTS),
    st.sampled_from(ACCOUNTS),
    st.sampled_from(("1", "99.99", "5000", "10000.01", "30000")),
    st.sampled_from(ACTORS),
)
pick = st.integers(min_value=0, max_value=50)
step = st.one_of(
    submit,
    submit,
    st.tuples(st.just("approve"), pick, st.sampled_from(ACTORS)),
    st.tuples(st.just("decline"), pick, st.sampled_from(ACTORS)),
    st.tuples(st.just("void"), pick),
    st.tuples(st.just("reverse"), pick, st.sampled_from(ACTORS)),
    st.tuples(st.just("wait"), st.integers(min_value=1, max_value=2000)),
    st.tuples(
        st.just("close"),
    ),
)


def _one_of(bank, state: str, n: int) -> str | None:
    found = bank.stories.in_state(state)
    return found[n % len(found)].payment_id if found else None


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(step, min_size=8, max_size=30))
def test_random_days_keep_the_books_whole(steps):
    with tempfile.TemporaryDirectory() as folder:
        # Random days close one after another within the same calendar day: played
        # ahead of the calendar, as the setting TELLER_ALLOW_FUTURE_DATES allows.
        bank = make_bank(Path(folder), future_dates=True)
        try:
            seed(bank)
            _play(bank, steps)
            assert bank.faults() == []
            with bank.desk.engine.connect() as conn:
                found = conn.execute(payments.select()).all()
            # Exactly one state each, a known one, never a transient one left behind.
            assert {row.status for row in found} <= set(states.STATES) - {
                states.CREATED,
                states.RISK_CHECKED,
            }
            assert len({row.payment_id for row in found}) == len(found)
            # Reserved money is exactly what is pending on the customers' side.
            reserved = sum(row.amount for row in found if row.status == states.RESERVED)
            assert sum(bank.balance(a)[1] for a in ACCOUNTS) == reserved
        finally:
            bank.desk.close()


def _play(bank, steps) -> None:
    for action, *args in steps:
        if action == "submit":
            kind, frm, to, amount, actor = args
            # Cash goes through the keying operator's own open drawer (see seed).
            if kind == "cash_deposit":
                frm = drawer_account_id(actor)
            elif kind == "cash_withdrawal":
                to = drawer_account_id(actor)
            extra = {}
            if kind == "interbank_transfer":
                to = ""
                extra = {
                    "beneficiary_bank": "BNPAFRPP",
                    "beneficiary_account": "FR761",
                    "beneficiary_name": "Marie Curie",
                }
            bank.pay(kind, frm, to, amount, actor=actor, confirm_duplicate=True, **extra)
        elif action in ("approve", "decline"):
            pid = _one_of(bank, states.HELD, args[0])
            if pid:
                bank.do(
                    ApprovePayment(payment_id=pid, actor=args[1])
                    if action == "approve"
                    else DeclinePayment(payment_id=pid, reason="no", actor=args[1])
                )
        elif action == "void":
            pid = _one_of(bank, states.RESERVED, args[0])
            if pid:
                bank.do(VoidPayment(payment_id=pid, reason="asked", actor="teller1"))
        elif action == "reverse":
            pid = _one_of(bank, states.POSTED, args[0]) or _one_of(bank, states.SETTLED, args[0])
            if pid:
                bank.do(
                    ReversePayment(
                        payment_id=pid,
                        reversal_id=str(uuid.uuid4()),
                        reason="mistake",
                        actor=args[1],
                    )
                )
        elif action == "wait":
            bank.clock.advance(minutes=args[0])
            bank.do(ExpireReservations())
        else:
            bank.do(CloseBusinessDate(actor="super1"))
