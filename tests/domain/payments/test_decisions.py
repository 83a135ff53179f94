"""The payment decisions on their own, without a database: whatever the order, a posted
payment's legs balance and name its two accounts, a reversal mirrors what it undoes, and
a refusal says why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bus import Rejection
from domain.eventstore.events import DomainEvent
from domain.ledger import accounts as kinds
from domain.operators.roles import SUPERVISOR, TELLER
from domain.payments import decisions, states
from domain.payments.commands import ReversePayment, SubmitPayment
from domain.payments.events import (
    PaymentCreated,
    PaymentHeld,
    PaymentPosted,
    PaymentRejected,
    PaymentReserved,
    PaymentReversed,
    PaymentRiskChecked,
)
from domain.payments.kinds import INTERBANK, PAYMENT_KINDS, PaymentKind
from domain.payments.posting import request_hash_of
from domain.payments.risk.rules import ALLOW, HOLD, REJECT, RiskOutcome, RiskResult
from domain.payments.rules import request_hash
from tests.domain.support import submission

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 30)
TIMEOUT = timedelta(hours=48)
ENVELOPE = {"actor": "teller1", "correlation_id": "c", "causation_id": "m"}
CLEARING = "CLEARING-EUR"

account_ids = st.from_regex(r"[0-9]{8}", fullmatch=True)
amounts = st.integers(min_value=1, max_value=10**9)


@dataclass(frozen=True)
class Account:
    """An account row with its balances, as ACCOUNTS_WITH_BALANCES reads it."""

    account_id: str
    kind: str
    currency: str = "EUR"
    closed: bool = False
    frozen: bool = False
    overdraft_limit: int = 0
    debits_posted: int = 0
    credits_posted: int = 0
    debits_pending: int = 0
    credits_pending: int = 0


def _command(kind: PaymentKind, debit: str, credit: str, amount: int) -> SubmitPayment:
    extra = (
        {"beneficiary_bank": "DEUTDEFF", "beneficiary_account": "DE1", "beneficiary_name": "Ann"}
        if kind == INTERBANK
        else {}
    )
    return submission("p1", kind, debit, credit, amount, reference="rent", **extra)


@given(
    kind=st.sampled_from(sorted(PAYMENT_KINDS)),
    debit=account_ids,
    credit=account_ids,
    amount=amounts,
    outcome=st.sampled_from((ALLOW, HOLD, REJECT)),
)
def test_a_new_payment_is_created_checked_then_posted_held_rejected_or_reserved(
    kind: PaymentKind, debit: str, credit: str, amount: int, outcome: RiskOutcome
) -> None:
    command = _command(kind, debit, credit, amount)
    if debit == (CLEARING if kind == INTERBANK else credit):
        with pytest.raises(Rejection) as refused:
            decisions.keyed(command, CLEARING, request_hash(command))
        assert refused.value.code == "same_account"
        return
    k = decisions.keyed(command, CLEARING, request_hash(command))
    risk = RiskResult(
        outcome=outcome,
        decisions=[] if outcome == ALLOW else [{"rule": "r", "decision": outcome, "reason": "x"}],
        flags=[],
    )
    events = decisions.submission(
        k, risk, business_date=TODAY, now=NOW, envelope=ENVELOPE, reservation_timeout=TIMEOUT
    )

    created, checked, last = events
    assert isinstance(created, PaymentCreated) and isinstance(checked, PaymentRiskChecked)
    assert [e.aggregate_version for e in events] == [1, 2, 3]
    assert {e.aggregate_id for e in events} == {"p1"}
    assert created.request_hash == request_hash(command)
    expected = {REJECT: PaymentRejected, HOLD: PaymentHeld}.get(
        outcome, PaymentReserved if kind == INTERBANK else PaymentPosted
    )
    assert type(last) is expected
    legs = (
        last.postings
        if isinstance(last, PaymentPosted)
        else last.legs
        if isinstance(last, PaymentReserved)
        else None
    )
    if legs is None:
        return
    debits = [leg for leg in legs if leg["direction"] == "debit"]
    credits = [leg for leg in legs if leg["direction"] == "credit"]
    assert sum(leg["amount"] for leg in debits) == sum(leg["amount"] for leg in credits) == amount
    assert [leg["account_id"] for leg in debits] == [debit]
    assert [leg["account_id"] for leg in credits] == [k.credit_account]
    if isinstance(last, PaymentReserved):
        assert last.expires_at == (NOW + TIMEOUT).isoformat()
        assert k.credit_account == CLEARING


@given(amount=st.integers(max_value=0))
def test_nothing_is_decided_for_an_amount_of_zero_or_less(amount: int) -> None:
    command = _command(PaymentKind.TRANSFER, "10000001", "10000002", amount)
    with pytest.raises(Rejection) as refused:
        decisions.keyed(command, CLEARING, request_hash(command))
    assert refused.value.code in {"amount_zero", "amount_negative"}


def test_an_unknown_account_is_named_in_the_refusal() -> None:
    command = _command(PaymentKind.TRANSFER, "10000001", "10000002", 100)
    k = decisions.keyed(command, CLEARING, request_hash(command))
    with pytest.raises(Rejection) as refused:
        decisions.check_accounts(
            k, {"10000001": Account("10000001", kinds.CUSTOMER, credits_posted=100)}, None
        )
    assert (refused.value.code, refused.value.field) == ("unknown_account", "credit_account")
    assert "10000002" in refused.value.reason


def _original(amount: int, day: date = TODAY, status: str = states.POSTED) -> decisions.Original:
    return decisions.Original(
        payment_id="orig-0001",
        kind=PaymentKind.TRANSFER,
        status=status,
        debit_account="10000001",
        credit_account="10000002",
        amount=amount,
        currency="EUR",
        business_date=day,
        version=3,
    )


def _both(credit_posted: int) -> dict[str, Account]:
    return {
        "10000001": Account("10000001", kinds.CUSTOMER),
        "10000002": Account("10000002", kinds.CUSTOMER, credits_posted=credit_posted),
    }


def _reverse(
    p: decisions.Original,
    role: str,
    left: int,
    *,
    reason: str = "keyed twice",
    teller_limit: int = 0,
) -> list[DomainEvent]:
    """`role` reverses `p` today; the beneficiary's account holds `left`."""
    return decisions.reversal(
        ReversePayment(
            payment_id="orig-0001", reversal_id="rev-0001", reason=reason, actor="super1"
        ),
        p,
        role,
        _both(credit_posted=left),
        today=TODAY,
        teller_limit=teller_limit,
        now=NOW,
        envelope=ENVELOPE,
    )


@given(amount=amounts, role=st.sampled_from((SUPERVISOR, "admin")))
def test_a_reversal_debits_what_the_original_credited(amount: int, role: str) -> None:
    p = _original(amount)
    events = _reverse(p, role, amount)
    created, checked, posting, reversed_ = events
    assert isinstance(posting, PaymentPosted) and isinstance(reversed_, PaymentReversed)
    assert isinstance(created, PaymentCreated) and created.reverses_payment_id == "orig-0001"
    assert checked.aggregate_version == 2 and posting.aggregate_version == 3
    assert reversed_.aggregate_version == p.version + 1
    by_account = {leg["account_id"]: leg for leg in posting.postings}
    assert by_account["10000002"]["direction"] == "debit"
    assert by_account["10000001"]["direction"] == "credit"
    assert {leg["amount"] for leg in posting.postings} == {amount}
    # What was asked is "reverse this payment": the same hash whatever the reason.
    assert posting.request_hash == request_hash_of(
        PaymentKind.REVERSAL, "10000002", "10000001", amount, "EUR", "orig-0001"
    )


@given(amount=amounts, days_ago=st.integers(min_value=0, max_value=30), limit=amounts)
def test_a_teller_reverses_only_todays_payments_within_the_tellers_limit(
    amount: int, days_ago: int, limit: int
) -> None:
    p = _original(amount, day=TODAY - timedelta(days=days_ago))

    if days_ago == 0 and amount <= limit:
        assert len(_reverse(p, TELLER, amount, teller_limit=limit)) == 4
    else:
        with pytest.raises(Rejection) as refused:
            _reverse(p, TELLER, amount, teller_limit=limit)
        assert refused.value.code == "needs_supervisor"


@given(amount=amounts, spent=st.integers(min_value=1, max_value=10**9))
def test_a_reversal_never_overdraws_the_account_it_takes_back_from(amount: int, spent: int) -> None:
    """The beneficiary spent some of it: the reversal is refused when too little is left."""
    left = max(amount - spent, 0)
    try:
        _reverse(_original(amount), SUPERVISOR, left)
    except Rejection as refused:
        assert refused.code == "insufficient_funds" and left < amount
    else:
        assert left >= amount


@pytest.mark.parametrize(
    ("reason", "reverses", "code"),
    [(" ", "", "reason_missing"), ("typo", "earlier-01", "reversal_of_reversal")],
)
def test_a_reversal_without_reason_or_of_a_reversal_is_refused(
    reason: str, reverses: str, code: str
) -> None:
    p = _original(100)
    p = decisions.Original(**{**p.__dict__, "reverses_payment_id": reverses})
    with pytest.raises(Rejection) as refused:
        _reverse(p, SUPERVISOR, 100, reason=reason)
    assert refused.value.code == code
