"""Every move between payment states: the legal ones allowed, every other one refused."""

from __future__ import annotations

import itertools

import pytest

from bus import Rejection
from domain.payments import states

# Written out by hand from the issue, independently of domain.payments.states.MOVES.
LEGAL = {
    ("", "created"),
    ("created", "risk_checked"),
    ("risk_checked", "held"),
    ("risk_checked", "posted"),
    ("risk_checked", "reserved"),
    ("risk_checked", "rejected"),
    ("held", "posted"),
    ("held", "reserved"),
    ("held", "declined"),
    ("reserved", "settled"),
    ("reserved", "voided"),
    ("posted", "reversed"),
    ("settled", "reversed"),
}
ALL_PAIRS = list(itertools.product(("", *states.STATES), states.STATES))


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_legal_move_is_allowed(current, target):
    assert states.can_move(current, target)
    states.require_move(current, target, "p-1")  # does not raise


@pytest.mark.parametrize(("current", "target"), [pair for pair in ALL_PAIRS if pair not in LEGAL])
def test_illegal_move_is_refused_with_a_reason(current, target):
    assert not states.can_move(current, target)
    with pytest.raises(Rejection) as refused:
        states.require_move(current, target, "abcdef123456")
    assert refused.value.field == "payment_id"
    # The teller reads which payment and why, never a bare code.
    assert "abcdef12" in refused.value.reason or "No payment" in refused.value.reason


def test_end_states_have_no_way_out():
    assert {"rejected", "declined", "voided", "reversed"} == states.FINAL
