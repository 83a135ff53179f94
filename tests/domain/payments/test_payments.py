"""Payments at the counter, on SQLite and on PostgreSQL: what posts, what is refused and
why, and that a refusal changes nothing."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import astuple
from typing import Any

import pytest
from sqlalchemy import case, func, select

from app.bootstrap import Desk
from bus import CommandRejected, Event
from domain.eventstore.tables import GENESIS_HASH
from domain.ledger import accounts as kinds
from domain.ledger.commands import ChangeAccountStatus, OpenAccount
from domain.ledger.events import AccountStatusChanged
from domain.ledger.tables import postings
from domain.payments.events import PaymentAlreadyPosted, PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL
from domain.payments.tables import payments
from domain.reporting.history import PaymentDetailQuery
from helpers import (
    ALICE,
    BOB,
    DRAWER,
    SUPERVISOR,
    TELLER,
    deposit,
    open_account,
    pay,
    snapshot,
    stored_events,
    teller_answer,
    transfer,
    withdraw,
)
from tests.domain.support import cash_deposit, posted

CAROL = "10000003"  # a customer with an overdraft
DOLLARS = "20000001"  # a customer holding USD
NOBODY = "99999999"


def postings_of(desk: Desk, payment_id: str) -> list[tuple[Any, ...]]:
    """The legs of a payment as its detail shows them: (leg, account, direction, amount,
    currency)."""
    detail = PaymentDetailQuery(desk.engine).detail(payment_id)
    assert detail is not None
    return [astuple(leg) for leg in detail.postings]


def debits_minus_credits_per_currency(desk: Desk) -> dict[str, int]:
    signed = case((postings.c.direction == "debit", postings.c.amount), else_=-postings.c.amount)
    with desk.engine.connect() as conn:
        return {
            currency: int(total)
            for currency, total in conn.execute(
                select(postings.c.currency, func.sum(signed)).group_by(postings.c.currency)
            )
        }


# -- what posts -----------------------------------------------------------------------


def test_cash_deposit_credits_the_customer_and_fills_the_drawer(bank: Desk) -> None:
    answer = deposit(bank.bus, ALICE, 12_345, payment_id="dep-1", reference="salary")

    assert isinstance(answer, PaymentPosted)
    assert posted(bank, ALICE) == 12_345
    assert posted(bank, DRAWER) == 12_345  # the drawer holds the cash
    assert posted(bank, BOB) == 0
    assert postings_of(bank, "dep-1") == [
        (1, DRAWER, "debit", 12_345, "EUR"),
        (2, ALICE, "credit", 12_345, "EUR"),
    ]
    entry = bank.queries.payment("dep-1")
    assert entry is not None
    assert (entry.kind, entry.status, entry.amount, entry.reference, entry.operator) == (
        CASH_DEPOSIT,
        "posted",
        12_345,
        "salary",
        TELLER,
    )
    assert debits_minus_credits_per_currency(bank) == {"EUR": 0}


def test_cash_withdrawal_debits_the_customer_and_empties_the_drawer(bank: Desk) -> None:
    deposit(bank.bus, ALICE, 50_000)
    answer = withdraw(bank.bus, ALICE, 20_000, payment_id="wd-1")

    assert isinstance(answer, PaymentPosted)
    assert posted(bank, ALICE) == 30_000
    assert posted(bank, DRAWER) == 30_000
    assert postings_of(bank, "wd-1") == [
        (1, ALICE, "debit", 20_000, "EUR"),
        (2, DRAWER, "credit", 20_000, "EUR"),
    ]
    assert debits_minus_credits_per_currency(bank) == {"EUR": 0}


def test_transfer_moves_money_between_customers_without_touching_the_drawer(
    bank: Desk,
) -> None:
    deposit(bank.bus, ALICE, 50_000)
    answer = transfer(bank.bus, ALICE, BOB, 7_550, payment_id="tr-1")

    assert isinstance(answer, PaymentPosted)
    assert (posted(bank, ALICE), posted(bank, BOB), posted(bank, DRAWER)) == (42_450, 7_550, 50_000)
    assert postings_of(bank, "tr-1") == [
        (1, ALICE, "debit", 7_550, "EUR"),
        (2, BOB, "credit", 7_550, "EUR"),
    ]
    assert debits_minus_credits_per_currency(bank) == {"EUR": 0}


def test_every_payment_is_stored_as_a_chained_event_naming_the_teller(bank: Desk) -> None:
    command = cash_deposit("dep-ev", 9_900, ALICE, drawer=DRAWER, actor=TELLER, reference="ref 1")
    answers = bank.bus.dispatch(command)
    answer = teller_answer(answers)
    assert isinstance(answer, PaymentPosted)

    log = stored_events(bank.engine)
    assert [row["seq"] for row in log] == list(range(1, len(log) + 1))
    assert log[0]["prev_hash"] == GENESIS_HASH
    for earlier, later in itertools.pairwise(log):
        assert later["prev_hash"] == earlier["hash"]
    assert len({row["hash"] for row in log}) == len(log)

    # The payment's life so far: keyed, risk-checked, posted; each event in the log.
    mine = log[-3:]
    assert [row["event_type"] for row in mine] == [
        "PaymentCreated",
        "PaymentRiskChecked",
        "PaymentPosted",
    ]
    assert [row["event_id"] for row in mine] == [e.message_id for e in answers]
    for row in mine:
        assert (row["aggregate_type"], row["aggregate_id"]) == ("payment", "dep-ev")
        assert row["operator"] == TELLER
        assert row["causation_id"] == command.message_id
        assert row["correlation_id"] == command.message_id
    assert json.loads(mine[1]["payload"])["outcome"] == "allow"
    stored = log[-1]
    payload = json.loads(stored["payload"])
    assert payload["amount"] == 9_900
    assert payload["reference"] == "ref 1"
    assert payload["postings"] == [
        {"leg": 1, "account_id": DRAWER, "direction": "debit", "amount": 9_900},
        {"leg": 2, "account_id": ALICE, "direction": "credit", "amount": 9_900},
    ]
    with bank.engine.connect() as conn:
        assert (
            conn.execute(
                select(payments.c.seq).where(payments.c.payment_id == "dep-ev")
            ).scalar_one()
            == stored["seq"]
        )


def test_overdraft_lets_a_customer_go_below_zero_up_to_the_limit(bank: Desk) -> None:
    open_account(bank.bus, CAROL, overdraft_limit=50_000)
    deposit(bank.bus, ALICE, 100_000)  # cash in the drawer to pay out

    assert isinstance(withdraw(bank.bus, CAROL, 50_000), PaymentPosted)
    assert posted(bank, CAROL) == -50_000
    view = bank.queries.account(CAROL)
    assert view is not None and view.available == 0

    assert_rejected(
        bank, lambda: withdraw(bank.bus, CAROL, 1), "insufficient_funds", "debit_account"
    )


def test_account_search_finds_by_number_or_name_and_takes_wildcards_literally(
    bank: Desk,
) -> None:
    assert [a.account_id for a in bank.queries.search_accounts("1000000")] == [ALICE, BOB]
    assert [a.account_id for a in bank.queries.search_accounts("müller")] == [ALICE]
    assert bank.queries.search_accounts("%") == []
    assert bank.queries.search_accounts("_") == []
    assert [a.account_id for a in bank.queries.accounts_of_kind(kinds.DRAWER)] == [DRAWER]


# -- what is refused ------------------------------------------------------------------


def assert_rejected(
    desk: Desk, submit: Callable[[], Event], code: str, field: str | None
) -> CommandRejected:
    """The bank says no, with this reason at this field, and nothing changes."""
    before = snapshot(desk.engine)
    answer = submit()
    assert isinstance(answer, CommandRejected), answer
    assert (answer.reason_code, answer.field) == (code, field), answer.reason
    assert answer.reason  # a sentence for the teller
    assert snapshot(desk.engine) == before
    return answer


def change_status(desk: Desk, account_id: str, *, frozen: bool, closed: bool) -> Event:
    [answer] = desk.bus.dispatch(
        ChangeAccountStatus(account_id=account_id, frozen=frozen, closed=closed, actor=SUPERVISOR)
    )
    return answer


REFUSED_PAYMENTS: dict[str, tuple[Callable[[Desk], Event], str, str | None]] = {
    "unknown customer": (
        lambda d: deposit(d.bus, NOBODY, 100),
        "unknown_account",
        "credit_account",
    ),
    "unknown drawer": (
        lambda d: withdraw(d.bus, BOB, 100, drawer="DRAWER-NONE"),
        "unknown_account",
        "credit_account",
    ),
    "unknown payer": (
        lambda d: transfer(d.bus, NOBODY, ALICE, 100),
        "unknown_account",
        "debit_account",
    ),
    "wrong currency for the account": (
        lambda d: deposit(d.bus, DOLLARS, 100),
        "currency_mismatch",
        "credit_account",
    ),
    "currency the drawer does not hold": (
        lambda d: deposit(d.bus, DOLLARS, 100, currency="USD"),
        "currency_mismatch",
        "debit_account",
    ),
    "customer without funds": (
        lambda d: transfer(d.bus, BOB, ALICE, 10_001),
        "insufficient_funds",
        "debit_account",
    ),
    "drawer without enough cash": (
        lambda d: withdraw(d.bus, CAROL, 10_001),
        "insufficient_funds",
        "credit_account",
    ),
    "zero": (lambda d: deposit(d.bus, ALICE, 0), "out_of_range", "amount"),
    "negative": (lambda d: deposit(d.bus, ALICE, -100), "out_of_range", "amount"),
    "absurdly large": (lambda d: deposit(d.bus, ALICE, 10**11 + 1), "amount_too_large", "amount"),
    "unknown currency": (
        lambda d: deposit(d.bus, ALICE, 100, currency="XXX"),
        "unknown_currency",
        "currency",
    ),
    "to the same account": (
        lambda d: transfer(d.bus, ALICE, ALICE, 100),
        "same_account",
        "credit_account",
    ),
    "deposit from a customer instead of a drawer": (
        lambda d: pay(d.bus, CASH_DEPOSIT, BOB, ALICE, 100),
        "wrong_account_kind",
        "debit_account",
    ),
    "withdrawal into a customer instead of a drawer": (
        lambda d: pay(d.bus, CASH_WITHDRAWAL, BOB, ALICE, 100),
        "wrong_account_kind",
        "credit_account",
    ),
    "transfer out of the drawer": (
        lambda d: transfer(d.bus, DRAWER, ALICE, 100),
        "wrong_account_kind",
        "debit_account",
    ),
    "unknown payment kind": (
        lambda d: pay(d.bus, "cheque", ALICE, BOB, 100),
        "unknown_value",
        "kind",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED_PAYMENTS))
def test_a_refused_payment_names_its_reason_and_field_and_changes_nothing(
    bank: Desk, case: str
) -> None:
    open_account(bank.bus, CAROL, overdraft_limit=1_000_000)
    open_account(bank.bus, DOLLARS, currency="USD")
    assert isinstance(deposit(bank.bus, ALICE, 10_000), PaymentPosted)  # drawer: 100.00
    assert isinstance(transfer(bank.bus, ALICE, BOB, 10_000), PaymentPosted)  # Bob: 100.00
    submit, code, field = REFUSED_PAYMENTS[case]

    assert_rejected(bank, lambda: submit(bank), code, field)


def test_a_frozen_account_takes_no_payments_until_unfrozen(bank: Desk) -> None:
    assert isinstance(change_status(bank, ALICE, frozen=True, closed=False), AccountStatusChanged)
    view = bank.queries.account(ALICE)
    assert view is not None and view.status == "frozen"

    assert_rejected(bank, lambda: deposit(bank.bus, ALICE, 100), "account_frozen", "credit_account")

    change_status(bank, ALICE, frozen=False, closed=False)
    assert isinstance(deposit(bank.bus, ALICE, 100), PaymentPosted)


def test_a_closed_account_takes_no_payments_and_cannot_be_reopened(bank: Desk) -> None:
    deposit(bank.bus, BOB, 5_000)
    assert isinstance(change_status(bank, ALICE, frozen=False, closed=True), AccountStatusChanged)

    attempts: list[tuple[Callable[[], Event], str]] = [
        (lambda: deposit(bank.bus, ALICE, 100), "credit_account"),
        (lambda: transfer(bank.bus, BOB, ALICE, 100), "credit_account"),
        (lambda: change_status(bank, ALICE, frozen=False, closed=False), "closed"),  # reopen
    ]
    for attempt, field in attempts:
        assert_rejected(bank, attempt, "account_closed", field)


def test_changing_the_status_of_an_unknown_account_is_refused(bank: Desk) -> None:
    assert_rejected(
        bank,
        lambda: change_status(bank, NOBODY, frozen=True, closed=False),
        "unknown_account",
        "account_id",
    )


# -- idempotency ----------------------------------------------------------------------


def test_submitting_the_same_form_twice_posts_once(bank: Desk) -> None:
    first = deposit(bank.bus, ALICE, 4_200, payment_id="form-1")
    assert isinstance(first, PaymentPosted)
    before = snapshot(bank.engine)

    again = deposit(bank.bus, ALICE, 4_200, payment_id="form-1")

    assert isinstance(again, PaymentAlreadyPosted)
    assert (again.payment_id, again.status) == ("form-1", "posted")
    assert snapshot(bank.engine) == before
    assert posted(bank, ALICE) == 4_200


def test_a_payment_id_reused_for_a_different_payment_is_refused(bank: Desk) -> None:
    deposit(bank.bus, ALICE, 4_200, payment_id="form-2")

    assert_rejected(
        bank,
        lambda: deposit(bank.bus, ALICE, 4_300, payment_id="form-2"),
        "payment_id_reused",
        None,
    )
    assert_rejected(
        bank, lambda: deposit(bank.bus, BOB, 4_200, payment_id="form-2"), "payment_id_reused", None
    )
    assert posted(bank, ALICE) == 4_200
    assert posted(bank, BOB) == 0


# -- opening accounts -----------------------------------------------------------------


def open_with(desk: Desk, **fields: Any) -> Event:
    asked: dict[str, Any] = {
        "account_id": "30000001",
        "holder_name": "Dana Novak",
        "kind": kinds.CUSTOMER,
        "currency": "EUR",
    } | fields
    [answer] = desk.bus.dispatch(OpenAccount(**asked, actor=SUPERVISOR))
    return answer


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"account_id": ALICE}, "account_exists", "account_id"),
        ({"account_id": "1'; DROP TABLE accounts;--"}, "invalid_identifier", "account_id"),
        ({"account_id": ""}, "invalid_identifier", "account_id"),
        ({"account_id": "X" * 35}, "invalid_identifier", "account_id"),
        ({"currency": "XXX"}, "unknown_currency", "currency"),
        ({"holder_name": "   "}, "required", "holder_name"),
        ({"kind": "piggy_bank"}, "unknown_value", "kind"),
        ({"overdraft_limit": -1}, "out_of_range", "overdraft_limit"),
    ],
)
def test_a_refused_account_opening_names_its_reason_and_changes_nothing(
    bank: Desk, fields: dict[str, Any], code: str, field: str
) -> None:
    assert_rejected(bank, lambda: open_with(bank, **fields), code, field)
    assert [a.account_id for a in bank.queries.search_accounts("1000")] == [ALICE, BOB]


def test_an_opened_account_starts_empty_and_active(bank: Desk) -> None:
    answer = open_with(bank, holder_name="  Dana Novak  ", overdraft_limit=20_000)
    assert answer.actor == SUPERVISOR
    view = bank.queries.account("30000001")
    assert view is not None
    assert (view.holder_name, view.status, view.posted, view.available) == (
        "Dana Novak",
        "active",
        0,
        20_000,
    )


def test_an_overlong_reference_is_refused_at_its_field(bank: Desk) -> None:
    deposit(bank.bus, ALICE, 10_000)
    assert_rejected(
        bank,
        lambda: transfer(bank.bus, ALICE, BOB, 100, reference="x" * 141),
        "too_long",
        "reference",
    )
