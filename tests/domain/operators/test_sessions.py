"""Every command proves who sent it: a name without an open login session of that very
operator is refused before anything else, whatever the name, and nothing changes."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import domain.catalog  # noqa: F401  every command type
from app.bootstrap import Desk
from bus import Command, CommandRejected
from domain.drawers.sessions import DRAWER_TO_VAULT
from domain.eventstore.unit_of_work import CommitGroup
from domain.ledger import accounts as kinds
from domain.operators.commands import Approval, LockDesk, LogIn, LogOut, UnlockDesk
from domain.operators.events import DeskUnlocked
from domain.operators.permissions import SYSTEM
from domain.payments.kinds import TRANSFER
from helpers import ALICE, BOB, deposit, snapshot
from staff import PASSWORDS, forget_session, session_of, unsigned
from tests.domain.support import CHECKPOINT, COMMANDS, cash_deposit, last_of, posted

# One command of every type, as its rightful sender would send it: what a forger wants.
# (sender, fields) by command type.
FORGED: dict[str, tuple[str, dict[str, Any]]] = {
    "OpenAccount": (
        "super1",
        {"account_id": "VAULT-X", "holder_name": "Vault", "kind": kinds.VAULT, "currency": "EUR"},
    ),
    "ChangeAccountStatus": ("super1", {"account_id": ALICE, "frozen": True, "closed": False}),
    "SubmitPayment": (
        "teller1",
        {
            "payment_id": "forged-pay",
            "kind": TRANSFER,
            "debit_account": ALICE,
            "credit_account": BOB,
            "amount": 100,
            "currency": "EUR",
        },
    ),
    "StartDrawerSession": ("teller2", {"session_id": "forged-drawer", "currency": "EUR"}),
    "CountOpeningCash": ("teller2", {"session_id": "forged-drawer", "counts": []}),
    "CountClosingCash": ("super1", {"session_id": "forged-drawer", "counts": []}),
    "CloseDrawer": ("super1", {"session_id": "forged-drawer"}),
    "MoveCash": (
        "teller1",
        {
            "session_id": "forged-drawer",
            "payment_id": "forged-vault",
            "direction": DRAWER_TO_VAULT,
            "amount": 100,
            "approval": Approval("super2", PASSWORDS["super2"]),
        },
    ),
    "ApprovePayment": ("super1", {"payment_id": "held"}),
    "DeclinePayment": ("super1", {"payment_id": "held", "reason": "no"}),
    "VoidPayment": ("teller1", {"payment_id": "posted", "reason": "no"}),
    "ReversePayment": (
        "super1",
        {"payment_id": "posted", "reversal_id": "forged-rev", "reason": "forged"},
    ),
    "ExpireReservations": ("super1", {}),
    "OpenBusinessDate": ("super1", {"business_date": "2099-01-01"}),
    "CloseBusinessDate": ("super1", {}),
    "RecordCheckpoint": ("super1", CHECKPOINT),
    "CreateOperator": (
        "admin",
        {"name": "mallory", "role": "supervisor", "password": "quiet-fox-88"},
    ),
    "DisableOperator": ("admin", {"name": "super1"}),
    "ResetPassword": ("admin", {"name": "super1", "password": "chosen-by-forger"}),
    "LogOut": ("super1", {"login_id": "5b0c1e4e-9f57-4f3c-a7a4-0d1b8e2f6a10"}),
    "LockDesk": ("super1", {}),
}


def forged_command(kind: str) -> Command:
    sender, fields = FORGED[kind]
    return COMMANDS[kind](**fields, actor=sender)


# Commands that carry their proof (a password) inside; tested on their own below.
PROVEN_BY_PASSWORD = {LogIn.__name__, UnlockDesk.__name__}


def all_command_types() -> set[type[Command]]:
    found: set[type[Command]] = set()
    todo = list(Command.__subclasses__())
    while todo:
        kind = todo.pop()
        found.add(kind)
        todo += kind.__subclasses__()
    return {k for k in found if k.__module__.startswith("domain.")}


def test_every_command_type_has_a_forged_case() -> None:
    assert {kind.__name__ for kind in all_command_types()} == set(FORGED) | PROVEN_BY_PASSWORD


@pytest.fixture
def branch(bank: Desk) -> Desk:
    """A bank with money, a held payment, and everyone logged in at their desks."""
    deposit(bank.bus, ALICE, 5_000)
    for name in PASSWORDS:
        session_of(bank.bus, name)
    return bank


def forged_ways(desk: Desk, command: Command) -> dict[str, tuple[Command, str]]:
    """The ways to send `command` without its actor's own open session, and the code each
    is refused with."""
    victim = command.actor
    other = "teller2" if victim != "teller2" else "teller1"
    # The victim's own session, closed by a logout: stale.
    stale = session_of(desk.bus, victim)
    [out] = unsigned(desk.bus)(LogOut(login_id=stale, login_session=stale, actor=victim))
    assert not isinstance(out, CommandRejected), out
    forget_session(desk.bus, victim)
    return {
        "no session": (command, "session_required"),
        "made-up session": (_with(command, "0" * 36), "session_invalid"),
        "another operator's session": (
            _with(command, session_of(desk.bus, other)),
            "session_invalid",
        ),
        "stale session": (_with(command, stale), "session_closed"),
    }


def _with(command: Command, session: str) -> Command:
    return dataclasses.replace(command, login_session=session)


@pytest.mark.parametrize("kind", list(FORGED))
def test_a_forged_actor_is_refused_and_changes_nothing(branch: Desk, kind: str) -> None:
    command = forged_command(kind)
    for way, (forged, code) in forged_ways(branch, command).items():
        before = snapshot(branch.engine)
        [answer] = unsigned(branch.bus)(forged)
        assert isinstance(answer, CommandRejected), (way, answer)
        assert answer.reason_code == code, (way, answer.reason)
        assert answer.reason, way
        assert snapshot(branch.engine) == before, way
    # The same operator, logged in, is heard (or refused by the rules, not by the proof).
    heard = branch.bus.dispatch(command)
    assert not any(
        isinstance(answer, CommandRejected)
        and answer.reason_code in ("session_required", "session_invalid", "session_closed")
        for answer in heard
    ), heard


def test_the_maintenance_actor_does_only_its_documented_jobs(branch: Desk) -> None:
    before = snapshot(branch.engine)
    for kind in FORGED:
        command = dataclasses.replace(forged_command(kind), actor=SYSTEM)
        if kind in ("ExpireReservations", "OpenBusinessDate", "RecordCheckpoint"):
            continue  # its jobs; what they do is tested with the lifecycle and checkpoints
        [answer] = unsigned(branch.bus)(command)
        assert isinstance(answer, CommandRejected), (kind, answer)
        expected = "forbidden" if kind == "CreateOperator" else "session_required"
        assert answer.reason_code == expected, (kind, answer.reason)
    # Nothing but what the two jobs may do: no operator, no account, no payment.
    after = snapshot(branch.engine)
    assert {k: v for k, v in after.row_counts.items() if k != "events"} == {
        k: v for k, v in before.row_counts.items() if k != "events"
    }
    assert branch.operators.operator("mallory") is None


def test_a_password_proves_only_its_owner(branch: Desk) -> None:
    before = snapshot(branch.engine)
    # A teller's password cannot unlock a desk in a supervisor's name...
    [answer] = unsigned(branch.bus)(
        UnlockDesk(name="teller1", password=PASSWORDS["teller1"], actor="super1")
    )
    assert isinstance(answer, CommandRejected) and answer.reason_code == "unlock_forbidden"
    # ...and a supervisor's opens no new session for any name they choose (the admin's):
    # only a desk its operator locked, once.
    [answer] = unsigned(branch.bus)(
        UnlockDesk(name="super2", password=PASSWORDS["super2"], actor="admin")
    )
    assert isinstance(answer, CommandRejected) and answer.reason_code == "unlock_forbidden"
    assert snapshot(branch.engine) == before


def test_lock_closes_the_session_and_an_unlock_opens_the_next(branch: Desk) -> None:
    session = session_of(branch.bus, "teller1")
    unsigned(branch.bus)(LockDesk(actor="teller1", login_session=session))
    [answer] = unsigned(branch.bus)(cash_deposit("after-lock", 100, login_session=session))
    assert isinstance(answer, CommandRejected) and answer.reason_code == "session_closed"
    # A supervisor unlocks it for the teller: once.
    unlocked = unsigned(branch.bus)(
        UnlockDesk(
            name="super1", password=PASSWORDS["super1"], actor="teller1", login_session=session
        )
    )
    assert isinstance(unlocked[-1], DeskUnlocked), unlocked
    again = unsigned(branch.bus)(
        UnlockDesk(
            name="super1", password=PASSWORDS["super1"], actor="teller1", login_session=session
        )
    )
    assert isinstance(again[-1], CommandRejected), again
    reopened = last_of(unlocked, DeskUnlocked).session_id
    results = unsigned(branch.bus)(cash_deposit("after-unlock", 100, login_session=reopened))
    assert not isinstance(results[-1], CommandRejected), results
    assert posted(branch, ALICE) == 5_100


def test_a_locked_out_operator_cannot_act_in_an_open_session(branch: Desk) -> None:
    session = session_of(branch.bus, "teller1")
    for _ in range(branch.policy.max_failed_logins):
        unsigned(branch.bus)(LogIn(name="teller1", password="wrong-guess-1"))
    before = snapshot(branch.engine)
    [answer] = unsigned(branch.bus)(cash_deposit("locked", 100, login_session=session))
    assert isinstance(answer, CommandRejected) and answer.reason_code == "operator_locked"
    assert snapshot(branch.engine) == before


def test_a_desk_locked_within_a_commit_group_refuses_the_next_payment_of_the_group(
    branch: Desk,
) -> None:
    """A group reads a session once for all its commands; a lock recorded in the group
    itself makes that read stale, and the payment keyed after it is refused."""
    session = session_of(branch.bus, "teller1")
    group: list[Command] = [
        cash_deposit("before-lock", 100, login_session=session),
        LockDesk(actor="teller1", login_session=session),
        cash_deposit("after-lock", 100, login_session=session),
    ]
    with CommitGroup(branch.engine):
        answers = [branch.bus.dispatch(c, publish=False, retry=False)[-1] for c in group]
    assert not isinstance(answers[0], CommandRejected), answers[0]
    assert not isinstance(answers[1], CommandRejected), answers[1]
    assert isinstance(answers[2], CommandRejected) and answers[2].reason_code == "session_closed"
    alice = branch.queries.account(ALICE)
    assert alice is not None and alice.posted == 5_100
