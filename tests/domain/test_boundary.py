"""Bad input at the domain's door (domain.door.validation): whatever a script or the command
line puts in a command's fields, the answer is a rejection naming the field and a
reason code, never a failure, and nothing in any table changes."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from app.bootstrap import Desk
from bus import Command, CommandFailed, CommandRejected, Event
from domain.door import validation
from domain.drawers.sessions import VAULT_TO_DRAWER
from domain.eventstore.tables import Base
from domain.ledger.commands import OpenAccount
from domain.ledger.events import AccountOpened
from domain.operators.commands import Approval, CreateOperator, LogIn, ResetPassword
from domain.operators.passwords import LOGIN_FAILED
from domain.operators.roles import Role
from domain.payments.events import PaymentPosted
from domain.payments.kinds import TRANSFER
from domain.reporting.audit import verify
from domain.reporting.replay import differences, rebuild, scratch_engine
from helpers import ALICE, BOB, DRAWER, deposit
from staff import unsigned
from tests.domain.support import CHECKPOINT, COMMANDS, cash_deposit, posted, rejected

CODES = {
    "invalid_type",
    "out_of_range",
    "required",
    "too_long",
    "control_characters",
    "invalid_identifier",
    "unknown_value",
    "unknown_currency",
    "invalid_date",
}

# A well-formed command of every type the desk handles: one field at a time is spoiled.
VALID: dict[str, dict[str, Any]] = {
    "OpenAccount": {
        "account_id": "30000001",
        "holder_name": "Dana Novak",
        "kind": "customer",
        "currency": "EUR",
    },
    "ChangeAccountStatus": {"account_id": ALICE, "frozen": False, "closed": False},
    "SubmitPayment": {
        "payment_id": "p-1",
        "kind": TRANSFER,
        "debit_account": ALICE,
        "credit_account": BOB,
        "amount": 100,
        "currency": "EUR",
    },
    "ApprovePayment": {"payment_id": "p-1"},
    "DeclinePayment": {"payment_id": "p-1", "reason": "no"},
    "VoidPayment": {"payment_id": "p-1", "reason": "no"},
    "ExpireReservations": {},
    "ReversePayment": {"payment_id": "p-1", "reversal_id": "r-1", "reason": "no"},
    "OpenBusinessDate": {"business_date": "2026-12-01"},
    "CloseBusinessDate": {},
    "RecordCheckpoint": CHECKPOINT,
    "CreateOperator": {"name": "newbie", "role": "teller", "password": "long-enough-1"},
    "DisableOperator": {"name": "teller2"},
    "ResetPassword": {"name": "teller2", "password": "long-enough-1"},
    "LogIn": {"name": "teller1", "password": "tiger-lily-42"},
    "LogOut": {"login_id": "l-1"},
    "LockDesk": {},
    "UnlockDesk": {"name": "teller1", "password": "tiger-lily-42"},
    "StartDrawerSession": {"session_id": "s-1"},
    "CountOpeningCash": {"session_id": "s-1", "counts": []},
    "CountClosingCash": {"session_id": "s-1", "counts": []},
    "CloseDrawer": {"session_id": "s-1"},
    "MoveCash": {
        "session_id": "s-1",
        "payment_id": "m-1",
        "direction": VAULT_TO_DRAWER,
        "amount": 100,
    },
}

SPOILABLE = [
    (COMMANDS[command_name], name)
    for command_name in VALID
    for name in (*validation.ENVELOPE, *validation.FIELDS[COMMANDS[command_name]])
]

CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + ["\u2028", "\u2029", "\ud800"]
with_control = st.builds(
    lambda a, c, b: a + c + b, st.text(max_size=4), st.sampled_from(CONTROLS), st.text(max_size=4)
)
not_text = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=4),
    st.lists(st.integers(), max_size=2),
)
not_int = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(),
    st.text(max_size=4),
    st.decimals(allow_nan=False).map(str),
)
letters = st.characters(min_codepoint=0x41, max_codepoint=0x5A)


def spoiled(check: Any) -> st.SearchStrategy[Any]:
    """Values `check` must refuse: wrong type, range, length or character class."""
    if isinstance(check, validation.Text):
        bad = [
            not_text,
            with_control,
            st.text(letters, min_size=check.max_len + 1, max_size=check.max_len + 40),
        ]
        if check.required:
            bad.append(st.sampled_from(["", "   "]))
        return st.one_of(*bad)
    if isinstance(check, validation.Identifier):
        bad = [
            not_text,
            with_control,
            st.text(letters, min_size=37, max_size=60),
            st.builds(
                lambda a, b: a + b,
                st.text(letters, min_size=1, max_size=5),
                st.sampled_from([" x", ";", "'", "%", "/", "\\", "名"]),
            ),
        ]
        if not check.optional:
            bad.append(st.sampled_from(["", "  "]))
        return st.one_of(*bad)
    if isinstance(check, validation.Integer):
        return st.one_of(
            not_int,
            st.integers(max_value=check.low - 1),
            st.integers(min_value=check.high + 1, max_value=10**40),
            st.floats(min_value=1, max_value=1e6),
        )
    if isinstance(check, validation.OneOf):
        return st.one_of(
            not_text, with_control, st.text(max_size=12).filter(lambda t: t not in check.allowed)
        )
    if check is validation.flag:
        return st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=4))
    if check is validation.currency:
        return st.one_of(not_text, with_control, st.sampled_from(["XXX", "EURO", "", "€"]))
    if check is validation.iso_date:
        return st.one_of(
            not_text,
            st.sampled_from(["2026-02-30", "2026-1-1", "tomorrow", "", "2026-12-01T00:00"]),
        )
    if check is validation.optional_iso_date:  # empty means "whichever date is open"
        return st.one_of(
            not_text,
            st.sampled_from(["2026-02-30", "2026-1-1", "tomorrow", " ", "2026-12-01T00:00"]),
        )
    if check is validation.password:
        return st.one_of(not_text, with_control, st.text(letters, min_size=257, max_size=300))
    if check is validation.counts:
        return st.one_of(
            st.none(),
            st.text(max_size=3),
            st.integers(),
            st.lists(
                st.sampled_from(
                    [
                        [True, 1],
                        [5000, 1.5],
                        [5000, -1],
                        [5000],
                        ["5000", 1],
                        [5000, None],
                        [10**40, 1],
                    ]
                ),
                min_size=1,
                max_size=3,
            ),
            st.just([[5000, 1]] * (validation.MAX_COUNT_LINES + 1)),
        )
    if check is validation.approval:
        return st.one_of(
            st.text(max_size=4),
            st.just({"approver": "super1", "password": "x"}),
            st.builds(Approval, approver=spoiled(validation.operator_name), password=st.just("x")),
            st.builds(Approval, approver=st.just("super1"), password=spoiled(validation.password)),
        )
    raise AssertionError(f"no bad values for {check!r}")


def table_dump(engine: Engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {
            table.name: sorted(map(repr, conn.execute(select(table))))
            for table in Base.metadata.sorted_tables
        }


def assert_clean(engine: Engine, tmp: Path) -> None:
    """`verify` and `replay --check` (app.cli) find nothing wrong."""
    assert verify(engine) == []
    path = tmp / f"rebuilt-{uuid.uuid4().hex}.db"
    scratch = scratch_engine(str(path))
    try:
        rebuild(engine, scratch)
        assert list(differences(engine, scratch)) == []
    finally:
        scratch.dispose()
        path.unlink()


def answer(desk: Desk, command: Command) -> Event:
    return desk.bus.dispatch(command)[-1]


def test_every_field_of_every_handled_command_has_a_check_and_a_valid_example() -> None:
    assert set(VALID) == set(COMMANDS)
    for command_type, spec in validation.FIELDS.items():
        fields = {f.name for f in dataclasses.fields(command_type)}
        assert fields == set(validation.ENVELOPE) | set(spec), command_type.__name__
        validation.validate(command_type(**VALID[command_type.__name__]))  # passes the door


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_spoiled_fields_are_refused_at_the_field_and_change_nothing(
    bank: Desk, tmp_path: Path, data: st.DataObject
) -> None:
    command_type, name = data.draw(st.sampled_from(SPOILABLE), label="field")
    check = {**validation.ENVELOPE, **validation.FIELDS[command_type]}[name]
    bad = data.draw(spoiled(check), label="value")
    command = dataclasses.replace(
        command_type(**VALID[command_type.__name__], actor="teller1"), **{name: bad}
    )
    before = table_dump(bank.engine)
    # A spoiled sender goes as it is: the tests' signer would stamp a good session on it.
    send = unsigned(bank.bus) if name in ("login_session", "actor") else bank.bus.dispatch
    results = send(command)
    assert not any(isinstance(e, CommandFailed) for e in results), results
    [refused] = results
    assert isinstance(refused, CommandRejected), refused
    assert refused.reason_code in CODES
    assert refused.field is not None and refused.field.split(".")[0] == name
    assert table_dump(bank.engine) == before
    if data.draw(st.integers(0, 40), label="check") == 0:
        assert_clean(bank.engine, tmp_path)


def test_the_ledger_is_clean_after_refusals(bank: Desk, tmp_path: Path) -> None:
    deposit(bank.bus, ALICE, 5_000)
    # Deliberately not whole minor units: what a script might send.
    amounts: list[Any] = [10.5, True, 10.0, -1, 10**19, None, "100"]
    for amount in amounts:
        refused = answer(bank, cash_deposit("p-x", amount))
        assert isinstance(refused, CommandRejected), refused
        assert (refused.reason_code, refused.field) in {
            ("invalid_type", "amount"),
            ("out_of_range", "amount"),
        }
    assert posted(bank, ALICE) == 5_000
    assert_clean(bank.engine, tmp_path)


@pytest.mark.parametrize("amount", [10.5, True])
def test_a_float_or_a_bool_amount_is_refused_at_the_amount(bank: Desk, amount: Any) -> None:
    refused = answer(bank, cash_deposit("p-float", amount))
    assert isinstance(refused, CommandRejected)
    assert (refused.reason_code, refused.field) == ("invalid_type", "amount")
    assert bank.queries.count("payments") == 0


def test_a_missing_password_is_refused_at_the_password(bank: Desk) -> None:
    # Deliberately not text: the door must refuse it, not the hash function crash on it.
    missing = cast(Any, None)
    for command in (
        CreateOperator(name="newbie", role=Role.TELLER, password=missing, actor="admin"),
        ResetPassword(name="teller2", password=missing, actor="admin"),
        LogIn(name="teller1", password=missing),
    ):
        refused = answer(bank, command)
        assert isinstance(refused, CommandRejected), refused
        assert (refused.reason_code, refused.field) == ("invalid_type", "password")
    # The login form still says no more than "not accepted".
    login = answer(bank, LogIn(name="teller1", password=missing))
    assert rejected(login, "invalid_type").reason == LOGIN_FAILED
    assert bank.operators.operator("newbie") is None


def test_account_numbers_are_one_whatever_their_case(bank: Desk) -> None:
    def open_c0000001(account_id: str, holder_name: str, currency: str) -> Event:
        return answer(
            bank,
            OpenAccount(
                account_id=account_id,
                holder_name=holder_name,
                kind="customer",
                currency=currency,
                actor="teller1",
            ),
        )

    opened = open_c0000001(" c0000001 ", "Chen", "eur")
    assert isinstance(opened, AccountOpened)
    assert (opened.account_id, opened.currency) == ("C0000001", "EUR")
    again = open_c0000001("C0000001", "Someone else", "EUR")
    assert isinstance(again, CommandRejected)
    assert (again.reason_code, again.field) == ("account_exists", "account_id")
    made = answer(bank, cash_deposit("p-lower", 700, "c0000001", drawer=DRAWER.lower()))
    assert isinstance(made, PaymentPosted), made
    assert posted(bank, "c0000001") == 700
    assert bank.queries.search_accounts("C0000")[0].account_id == "C0000001"


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x0b", "\x7f", "\t", "\n"])
def test_a_reference_with_a_control_character_is_refused(bank: Desk, char: str) -> None:
    refused = answer(bank, cash_deposit("p-esc", 100, reference=f"rent{char}[31m march"))
    assert isinstance(refused, CommandRejected)
    assert (refused.reason_code, refused.field) == ("control_characters", "reference")
    assert bank.queries.count("payments") == 0
