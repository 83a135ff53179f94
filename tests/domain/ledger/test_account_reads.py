"""The read side of the account screens on each database: keyset pages, filters, the
payment detail and the account directory."""

from __future__ import annotations

import pytest

from domain.ledger.commands import OpenAccount
from domain.reporting.account_book import AccountBook
from domain.reporting.history import HistoryFilter, describe_event
from reporting_data import (  # noqa: F401  the `three_day_bank` fixture
    ANNA,
    BEN,
    CHEN,
    DAY2,
    DRAWER_1,
    Bank,
    three_day_bank_fixture,
)


@pytest.fixture
def book(three_day_bank) -> AccountBook:
    return AccountBook(three_day_bank.desk.engine)


def all_pages(book: AccountBook, account_id: str, filters: HistoryFilter, size: int):
    rows, after = [], None
    while True:
        page = book.history_page(account_id, filters, after, size)
        rows += page
        if len(page) < size:
            return rows
        after = page[-1].cursor


def test_pages_of_two_cover_the_history_once_in_both_orders(three_day_bank, book):
    expected = [
        p.payment_id for p in three_day_bank.posted if ANNA in (p.debit_account, p.credit_account)
    ]
    newest = all_pages(book, ANNA, HistoryFilter(), 2)
    assert [r.payment_id for r in newest] == expected[::-1]
    oldest = all_pages(book, ANNA, HistoryFilter(newest_first=False), 2)
    assert [r.payment_id for r in oldest] == expected
    # What each posting did to Anna's balance adds up to her balance.
    assert sum(r.change for r in newest) == three_day_bank.desk.queries.account(ANNA).posted


def test_filters_narrow_the_history_in_the_database(three_day_bank, book):
    def ids(**filters):
        return [r.payment_id for r in all_pages(book, ANNA, HistoryFilter(**filters), 3)]

    assert ids(date_from=DAY2, date_to=DAY2) == ["d2-2", "d2-1"]
    assert ids(kind="cash_deposit") == ["d3-1", "d1-1"]
    assert ids(min_amount=10_000, max_amount=25_000) == ["d2-1", "d1-3"]
    assert ids(text="RENT") == ["d2-2"]
    assert ids(text=CHEN) == ["d1-3"]  # the other account
    assert ids(text="d3-") == ["d3-2", "d3-1"]  # a payment id prefix
    assert ids(text="100%_") == []  # LIKE wildcards are taken literally


def test_payment_detail_tells_who_did_what_and_lists_its_postings(three_day_bank, book):
    detail = book.payment("d2-2")
    assert detail.payment.operator == "teller2" and detail.payment.amount == 7_501
    assert [(e.event_type, e.operator) for e in detail.events] == [
        ("PaymentCreated", "teller2"),
        ("PaymentRiskChecked", "teller2"),
        ("PaymentPosted", "teller2"),
    ]
    assert "amount 75.01 EUR" in detail.events[-1].what
    assert [(p.account_id, p.direction, p.amount) for p in detail.postings] == [
        (BEN, "debit", 7_501),
        (ANNA, "credit", 7_501),
    ]
    assert detail.links == []
    assert book.payment("no-such-payment") is None


def test_describe_event_reads_like_a_sentence():
    assert (
        describe_event("AccountStatusChanged", {"account_id": "1", "frozen": True}, subject="1")
        == "Account status changed: frozen True"
    )
    # Empty lists and the legs (shown as postings) say nothing to a teller.
    assert (
        describe_event(
            "PaymentRiskChecked",
            {"payment_id": "p", "outcome": "allow", "decisions": [], "flags": []},
            subject="p",
        )
        == "Payment risk checked: outcome allow"
    )
    assert (
        describe_event(
            "PaymentReserved",
            {
                "payment_id": "p",
                "currency": "EUR",
                "expires_at": "2026-03-04T09:00:00+00:00",
                "legs": [{"leg": 1, "account_id": "1", "direction": "debit", "amount": 5}],
            },
            subject="p",
        )
        == "Payment reserved: currency EUR, expires at 2026-03-04T09:00:00+00:00"
    )


def test_directory_finds_by_number_name_and_typo_and_sees_new_accounts(three_day_bank, book):
    def found(text):
        return [(f.account.account_id, f.matched_by) for f in book.find(text)]

    assert found(ANNA) == [(ANNA, "number")]
    assert found("muller") == [(ANNA, "name")]
    assert found("MÜL") == [(ANNA, "name")]
    assert found("chen li") == [(CHEN, "name")]
    assert found("陈") == [(CHEN, "name")]
    assert found("rosssi") == [(BEN, "similar name")]
    assert found("drawer-teller1") == [(DRAWER_1, "number")]
    assert found("   ") == []
    three_day_bank.desk.bus.dispatch(
        OpenAccount(
            account_id="10000077",
            holder_name="Anna Rossi",
            kind="customer",
            currency="EUR",
            actor="teller1",
        )
    )
    assert found("anna") == [(ANNA, "name"), ("10000077", "name")]
    assert found("anna ross") == [("10000077", "name")]
