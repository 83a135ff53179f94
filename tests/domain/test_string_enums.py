"""Kinds, states, roles, directions and risk outcomes are StrEnums in the code, and the
very same strings everywhere they are kept: in the hashed event payloads, in the tables
(SQLite and PostgreSQL), and in what the door answers a script that sends a wrong one."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sqlalchemy import select

from app.bootstrap import Desk
from bus import CommandRejected
from domain.door.validation import validate
from domain.eventstore.events import canonical_json, payload_of
from domain.eventstore.store import read_events
from domain.eventstore.tables import events
from domain.ledger.accounts import Direction
from domain.ledger.tables import postings
from domain.operators.commands import CreateOperator
from domain.payments.commands import SubmitPayment
from domain.payments.events import PaymentCreated, PaymentPosted, PaymentRiskChecked
from domain.payments.kinds import TRANSFER, PaymentKind
from domain.payments.posting import Order, posted, request_hash_of
from domain.payments.queries import LifecycleQueries
from domain.payments.risk.rules import RiskOutcome
from domain.payments.states import PaymentState
from domain.reporting.history import HistoryFilter, HistoryQuery, PaymentDetailQuery
from domain.reporting.receipts import receipt_for
from domain.reporting.reports import ReportScope, payment_lines, statement_entries
from helpers import ALICE, BOB, DRAWER, deposit, transfer
from staff import unsigned


def _plain(data: Any) -> Any:
    """`data` with every string, member or not, as a plain str."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return str(data) if isinstance(data, str) else data


def test_an_event_with_members_is_stored_and_hashed_as_the_plain_strings() -> None:
    order = Order(
        payment_id="p-1",
        kind=PaymentKind.CASH_DEPOSIT,
        debit_account=DRAWER,
        credit_account=ALICE,
        amount=12_345,
        currency="EUR",
        reference="Rent",
        business_date=date(2026, 12, 1),
        request_hash=request_hash_of(PaymentKind.CASH_DEPOSIT, DRAWER, ALICE, 12_345, "EUR", ""),
    )
    payload = payload_of(posted(order, version=1, now=None, envelope={"actor": "teller1"}))
    assert type(payload["kind"]) is PaymentKind
    assert type(payload["postings"][0]["direction"]) is Direction

    stored = canonical_json(payload)
    # orjson and the json.dumps it falls back to write the same bytes as for plain text.
    assert stored == canonical_json(_plain(payload))
    assert stored == json.dumps(
        _plain(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert '"kind":"cash_deposit"' in stored and '"direction":"debit"' in stored
    assert (
        hashlib.sha256(stored.encode()).hexdigest()
        == hashlib.sha256(canonical_json(_plain(payload)).encode()).hexdigest()
    )
    # The request hash is a stored format: a member hashes as its text.
    assert request_hash_of(
        PaymentKind.CASH_DEPOSIT, DRAWER, ALICE, 12_345, "EUR", ""
    ) == request_hash_of("cash_deposit", DRAWER, ALICE, 12_345, "EUR", "")  # type: ignore[arg-type]


def test_the_tables_keep_the_text_and_reading_gives_the_members_back(bank: Desk) -> None:
    deposit(bank.bus, ALICE, 50_000)
    answer = transfer(bank.bus, ALICE, BOB, 20_000)
    assert isinstance(answer, PaymentPosted)

    with bank.engine.connect() as conn:
        rows = conn.execute(
            select(events.c.event_type, events.c.payload).order_by(events.c.seq)
        ).all()
        directions = conn.execute(
            select(postings.c.direction).where(postings.c.payment_id == answer.payment_id)
        ).scalars()
        assert sorted(type(d).__name__ + ":" + d for d in directions) == [
            "str:credit",
            "str:debit",
        ]
        kinds = {
            json.loads(payload)["kind"]
            for event_type, payload in rows
            if event_type in ("PaymentCreated", "PaymentPosted")
        }
        assert kinds == {"cash_deposit", "transfer"}
        read_back = [event for _, event in read_events(conn)]

    created = [e for e in read_back if isinstance(e, PaymentCreated)]
    assert [(type(e.kind), e.kind) for e in created] == [
        (PaymentKind, PaymentKind.CASH_DEPOSIT),
        (PaymentKind, PaymentKind.TRANSFER),
    ]
    checked = [e for e in read_back if isinstance(e, PaymentRiskChecked)]
    assert {type(e.outcome) for e in checked} == {RiskOutcome}

    story = LifecycleQueries(bank.engine).story(answer.payment_id)
    assert story is not None
    assert (type(story.kind), type(story.status)) == (PaymentKind, PaymentState)
    assert (story.kind, story.status) == (TRANSFER, "posted")


def test_the_reports_read_kinds_and_states_back_as_members(bank: Desk) -> None:
    deposit(bank.bus, ALICE, 50_000)
    answer = transfer(bank.bus, ALICE, BOB, 20_000)
    assert isinstance(answer, PaymentPosted)
    today = date.fromisoformat(answer.business_date)

    history = HistoryQuery(bank.engine).page(ALICE, HistoryFilter())
    assert [(type(r.kind), type(r.status)) for r in history] == [(PaymentKind, PaymentState)] * 2
    assert [(r.kind, r.status) for r in history] == [
        ("transfer", "posted"),
        ("cash_deposit", "posted"),
    ]
    with bank.engine.connect() as conn:
        journal = list(payment_lines(conn, ReportScope(today, today)))
        statement = list(statement_entries(conn, ALICE, today, today))
    assert {(type(e.kind), type(e.status)) for e in journal} == {(PaymentKind, PaymentState)}
    assert [type(e.kind) for e in statement] == [PaymentKind, PaymentKind]
    assert [e.kind for e in statement] == ["cash_deposit", "transfer"]

    detail = PaymentDetailQuery(bank.engine).detail(answer.payment_id)
    assert detail is not None
    slip = receipt_for(detail, bank="Bank", branch="Main", desk="desk-1", copy=False)
    assert (type(slip.kind), type(slip.status)) == (PaymentKind, PaymentState)
    assert (slip.kind, slip.status) == (TRANSFER, "posted")


def test_the_door_turns_text_into_members_and_refuses_an_unknown_one_as_before(
    desk: Desk,
) -> None:
    keyed = SubmitPayment(
        payment_id="p-1",
        kind="transfer",  # type: ignore[arg-type]  # as a script sends it
        debit_account=ALICE,
        credit_account=BOB,
        amount=100,
        currency="EUR",
        actor="teller1",
    )
    assert type(validate(keyed)) is SubmitPayment
    assert validate(keyed).kind is PaymentKind.TRANSFER  # type: ignore[attr-defined]

    send = unsigned(desk.bus)
    [refused] = send(
        SubmitPayment(
            payment_id="p-1",
            kind="teleport",  # type: ignore[arg-type]
            debit_account=ALICE,
            credit_account=BOB,
            amount=100,
            currency="EUR",
            actor="teller1",
        )
    )
    assert isinstance(refused, CommandRejected)
    assert (refused.reason_code, refused.field) == ("unknown_value", "kind")
    assert refused.reason == (
        "Not 'teleport': one of cash_deposit, cash_withdrawal, transfer, interbank_transfer"
    )
    [refused] = send(
        CreateOperator(name="newbie", role="boss", password="long-enough-1", actor="admin")  # type: ignore[arg-type]
    )
    assert isinstance(refused, CommandRejected)
    assert (refused.reason_code, refused.field) == ("unknown_value", "role")
    assert refused.reason == "Not 'boss': one of teller, supervisor, admin"
