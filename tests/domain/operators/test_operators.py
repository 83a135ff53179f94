"""Operators, logins, roles and four-eyes, as the bank, an attacker and an auditor meet
them: through the bus and the command line, on real SQLite files."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import Desk, bootstrap
from bus import Command, CommandFailed, CommandRejected, Event
from domain.eventstore.tables import STATE_TABLES, events
from domain.ledger import accounts as kinds
from domain.ledger.commands import ChangeAccountStatus, OpenAccount
from domain.operators.commands import (
    Approval,
    CreateOperator,
    DisableOperator,
    LogIn,
    ResetPassword,
)
from domain.operators.events import LoginFailed, LoginSucceeded, OperatorLockedOut, OverrideGranted
from domain.operators.passwords import LOGIN_FAILED
from domain.operators.policy import SecurityPolicy
from domain.operators.roles import Role
from domain.operators.tables import credentials, operators
from domain.payments.commands import SubmitPayment
from domain.payments.events import PaymentCreated, PaymentHeld, PaymentPosted, PaymentRiskChecked
from domain.payments.kinds import TRANSFER
from domain.reporting.audit import verify
from domain.reporting.audit_trail import AuditFilter
from domain.reporting.replay import differences, rebuild, scratch_engine
from helpers import open_account
from staff import PASSWORDS, hire, open_session
from tests.domain.support import cash_deposit, expect, posted, present, submission

REPO = Path(__file__).resolve().parents[3]
CHEAP = SecurityPolicy(argon2_time_cost=1, argon2_memory_kib=8192)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bank.db'}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(url: str, clock: Clock) -> Iterator[Desk]:
    desk = bootstrap(url, start_worker=False, clock=clock, policy=CHEAP)
    hire(desk.bus)
    for number in ("10000001", "10000002"):
        open_account(desk.bus, number, holder_name=f"Holder {number}")
    yield desk
    desk.close()


def answer(desk: Desk, command: Command) -> Event:
    """The last thing the bus answered (the rejection, or the final event)."""
    results = desk.bus.dispatch(command)
    assert not any(isinstance(r, CommandFailed) for r in results), results
    return results[-1]


def refused(desk: Desk, command: Command, code: str) -> CommandRejected:
    result = answer(desk, command)
    assert isinstance(result, CommandRejected) and result.reason_code == code, result
    return result


def login(desk: Desk, name: str, password: str) -> Event:
    return answer(desk, LogIn(name=name, password=password, desk="desk-1"))


def cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "TELLER_DB_URL"}
    environ.update(env or {})
    environ = {k: v for k, v in environ.items() if v is not None}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=environ,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# -- the command line -----------------------------------------------------------------------


def test_init_without_a_password_stops_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    environ = {k: v for k, v in os.environ.items() if k != "TELLER_ADMIN_PASSWORD"}
    done = subprocess.run(
        [sys.executable, "main.py", "--db", f"sqlite:///{path}", "init"],
        cwd=REPO,
        env=environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "TELLER_ADMIN_PASSWORD" in done.stderr and "nothing was created" in done.stderr
    assert not path.exists()


def test_init_creates_the_first_admin_and_user_commands_manage_operators(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'bank.db'}"
    first = cli("--db", db, "init", env={"TELLER_ADMIN_PASSWORD": "correct horse battery"})
    assert first.returncode == 0 and "first admin created: admin" in first.stdout
    again = cli("--db", db, "init", env={"TELLER_ADMIN_PASSWORD": ""})
    assert again.returncode == 0 and "first admin" not in again.stdout

    added = cli("--db", db, "user", "add", "Clara", "--role", "teller", stdin="blue-moon-77\n")
    assert added.returncode == 0 and "added: clara (teller)" in added.stdout
    weak = cli("--db", db, "user", "add", "dave", "--role", "teller", stdin="short\n")
    assert weak.returncode == 1 and "8 to 256 characters" in weak.stderr
    bad_role = cli("--db", db, "user", "add", "erin", "--role", "root", stdin="blue-moon-77\n")
    assert bad_role.returncode == 2

    listing = cli("--db", db, "user", "list").stdout
    assert "admin" in listing and "clara" in listing and "teller" in listing

    desk = bootstrap(db, start_worker=False)
    try:
        assert isinstance(login(desk, "clara", "blue-moon-77"), LoginSucceeded)
        assert cli("--db", db, "user", "disable", "clara").returncode == 0
        assert "disabled" in cli("--db", db, "user", "list").stdout
        assert isinstance(login(desk, "clara", "blue-moon-77"), CommandRejected)
        reset = cli("--db", db, "user", "reset-password", "admin", stdin="new-horse-battery\n")
        assert reset.returncode == 0
        assert isinstance(login(desk, "admin", "new-horse-battery"), LoginSucceeded)
        assert isinstance(login(desk, "admin", "correct horse battery"), CommandRejected)
    finally:
        desk.close()


def test_user_commands_need_an_admins_name_and_password(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'bank.db'}"
    assert cli("--db", db, "init").returncode == 0

    def user(*action: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return cli("--db", db, "user", *action, stdin="quiet-fox-88\n", env=env)

    add_mallory = ("add", "mallory", "--role", "supervisor")
    no_admin = user(*add_mallory, env={"TELLER_ADMIN_NAME": "", "TELLER_ADMIN_PASSWORD": ""})
    assert no_admin.returncode == 2 and "TELLER_ADMIN_NAME" in no_admin.stderr
    guess = {"TELLER_ADMIN_PASSWORD": "a guess at it"}
    wrong = user(*add_mallory, env=guess)
    assert wrong.returncode == 1 and "Login failed" in wrong.stderr
    for action in (["disable", "admin"], ["reset-password", "admin"]):
        assert user(*action, env=guess).returncode == 1, action
    listing = cli("--db", db, "user", "list").stdout
    assert "mallory" not in listing and "active" in listing
    # The failed guesses count against the admin's name like any other login.
    assert "3 failed login(s)" in listing


def test_passwords_are_never_stored_or_logged_in_plain_text(
    desk: Desk, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    login(desk, "teller1", PASSWORDS["teller1"])
    login(desk, "teller1", "tiger-lily-43")  # a near miss, also not to be kept
    answer(desk, ResetPassword(name="teller2", password="moss-and-fern-3", actor="admin"))
    desk.engine.dispose()
    stored = b"".join(
        p.read_bytes() for p in Path(url.removeprefix("sqlite:///")).parent.glob("bank.db*")
    )
    for secret in (*PASSWORDS.values(), "tiger-lily-43", "moss-and-fern-3"):
        assert secret.encode() not in stored
        assert secret not in caplog.text
        assert secret not in repr(LogIn(name="x", password=secret))
    with desk.engine.connect() as conn:
        hashes = conn.execute(select(credentials.c.password_hash)).scalars().all()
        payloads = " ".join(conn.execute(select(events.c.payload)).scalars())
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert "$argon2" not in payloads  # auditors read events; hashes stay out of them


# -- logins and lockout ---------------------------------------------------------------------


def test_brute_force_ends_in_lockout_that_survives_a_restart_and_then_expires(
    desk: Desk, url: str, clock: Clock
) -> None:
    for attempt in range(5):
        result = login(desk, "teller1", f"guess-{attempt}")
        assert isinstance(result, CommandRejected) and result.reason == LOGIN_FAILED
    locked = [e for e in desk.audit.page(AuditFilter()) if e.event_type == "OperatorLockedOut"]
    assert len(locked) == 1 and locked[0].payload["failed_logins"] == 5
    assert isinstance(login(desk, "teller1", PASSWORDS["teller1"]), CommandRejected)
    desk.close()

    # A new process on the same database: still locked, with the same answer.
    again = bootstrap(url, start_worker=False, clock=clock, policy=CHEAP)
    try:
        result = login(again, "teller1", PASSWORDS["teller1"])
        assert isinstance(result, CommandRejected) and result.reason == LOGIN_FAILED
        clock.now += timedelta(minutes=15, seconds=1)
        assert isinstance(login(again, "teller1", PASSWORDS["teller1"]), LoginSucceeded)
        assert present(again.operators.operator("teller1")).failed_logins == 0
    finally:
        again.close()


def test_lockout_threshold_and_duration_are_settings(url: str, clock: Clock) -> None:
    desk = bootstrap(
        url,
        start_worker=False,
        clock=clock,
        policy=dataclasses.replace(CHEAP, max_failed_logins=2, lockout_minutes=1),
    )
    try:
        hire(desk.bus, "teller1")
        login(desk, "teller1", "nope-nope-1")
        results = desk.bus.dispatch(LogIn(name="teller1", password="nope-nope-2"))
        assert [type(r) for r in results] == [LoginFailed, OperatorLockedOut, CommandRejected]
        clock.now += timedelta(seconds=61)
        assert isinstance(login(desk, "teller1", PASSWORDS["teller1"]), LoginSucceeded)
    finally:
        desk.close()


def test_the_failure_message_never_tells_whether_a_name_exists(desk: Desk) -> None:
    for _ in range(5):
        login(desk, "teller2", "wrong-wrong")
    answers = {
        expect(login(desk, name, password), CommandRejected).reason
        for name, password in (
            ("teller1", "wrong-wrong"),
            ("nobody", "wrong-wrong"),
            ("teller2", PASSWORDS["teller2"]),
        )
    }
    assert answers == {LOGIN_FAILED}


def test_login_events_name_the_operator_and_desk(desk: Desk) -> None:
    result = login(desk, "  Teller1 ", PASSWORDS["teller1"])
    assert isinstance(result, LoginSucceeded)
    assert (result.name, result.role, result.desk, result.actor) == (
        "teller1",
        "teller",
        "desk-1",
        "teller1",
    )


def test_a_login_upgrades_a_hash_made_with_cheaper_settings(url: str, desk: Desk) -> None:
    """A bank that raises its Argon2 settings gets every hash upgraded as its operator
    next logs in; the old hash is gone, the password still opens the desk."""

    def stored_hash() -> str:
        with desk.engine.connect() as conn:
            return str(
                conn.execute(
                    select(credentials.c.password_hash).where(credentials.c.name == "teller1")
                ).scalar()
            )

    cheap = stored_hash()
    assert "t=1," in cheap
    stronger = bootstrap(
        url,
        start_worker=False,
        policy=SecurityPolicy(argon2_time_cost=2, argon2_memory_kib=8192),
    )
    try:
        assert isinstance(login(stronger, "teller1", PASSWORDS["teller1"]), LoginSucceeded)
    finally:
        stronger.close()
    upgraded = stored_hash()
    assert upgraded != cheap and "t=2," in upgraded
    assert isinstance(login(desk, "teller1", PASSWORDS["teller1"]), LoginSucceeded)


# -- roles, enforced by the domain ------------------------------------------------------------


def test_forbidden_commands_sent_straight_to_the_bus_are_refused(desk: Desk) -> None:
    open_session(desk.bus, "teller1")
    forbidden = [
        ChangeAccountStatus(account_id="10000001", frozen=True, closed=False, actor="teller1"),
        OpenAccount(
            account_id="VAULT-X",
            holder_name="Vault",
            kind=kinds.VAULT,
            currency="EUR",
            actor="teller1",
        ),
        CreateOperator(
            name="mallory", role=Role.SUPERVISOR, password="let-me-in-now", actor="teller1"
        ),
        CreateOperator(name="mallory", role=Role.ADMIN, password="let-me-in-now", actor="super1"),
        DisableOperator(name="super1", actor="teller1"),
        SubmitPayment(
            payment_id="admin-pay",
            kind=TRANSFER,
            debit_account="10000001",
            credit_account="10000002",
            amount=100,
            currency="EUR",
            actor="admin",
        ),
    ]
    before = desk.queries.count("events")
    for command in forbidden:
        result = refused(desk, command, "forbidden")
        assert "may not" in result.reason
    assert desk.queries.count("events") == before
    assert not present(desk.queries.account("10000001")).frozen
    # The supervisor may do what the teller may not.
    assert not isinstance(
        answer(
            desk,
            ChangeAccountStatus(account_id="10000001", frozen=True, closed=False, actor="super1"),
        ),
        CommandRejected,
    )


def test_unknown_and_disabled_operators_cannot_act(desk: Desk) -> None:
    def open_by(actor: str) -> OpenAccount:
        return OpenAccount(
            account_id="10000009",
            holder_name="X",
            kind=kinds.CUSTOMER,
            currency="EUR",
            actor=actor,
        )

    refused(desk, open_by("ghost"), "session_required")
    open_session(desk.bus, "teller2")
    answer(desk, DisableOperator(name="teller2", actor="admin"))
    disabled = cash_deposit("p-dis", 100, "10000001", drawer="DRAWER-teller2", actor="teller2")
    refused(desk, disabled, "operator_disabled")
    refused(desk, open_by("teller2"), "operator_disabled")
    assert isinstance(login(desk, "teller2", PASSWORDS["teller2"]), CommandRejected)


# -- four-eyes ------------------------------------------------------------------------------


def big_deposit(
    approval: Approval | None = None,
    payment_id: str = "big-1",
    actor: str = "teller1",
    offer_override: bool = True,
) -> SubmitPayment:
    """15,000.00 EUR in cash, keyed at a desk where a supervisor can sign off at once
    (as the payment form does), unless `offer_override` is False."""
    return cash_deposit(
        payment_id,
        1_500_000,
        "10000001",
        drawer=f"DRAWER-{actor}",
        actor=actor,
        approval=approval,
        offer_override=offer_override,
    )


def test_above_the_tellers_limit_needs_another_supervisor(desk: Desk) -> None:
    open_session(desk.bus, "teller1")
    result = refused(desk, big_deposit(), "override_required")
    assert "limit of 10,000.00 EUR" in result.reason
    refused(desk, big_deposit(Approval("teller1", PASSWORDS["teller1"])), "override_by_maker")
    refused(desk, big_deposit(Approval("teller2", PASSWORDS["teller2"])), "approver_not_supervisor")
    assert posted(desk, "10000001") == 0

    results = desk.bus.dispatch(big_deposit(Approval("super1", PASSWORDS["super1"])))
    assert [type(r) for r in results] == [
        OverrideGranted,
        PaymentCreated,
        PaymentRiskChecked,
        PaymentPosted,
    ]
    granted = expect(results[0], OverrideGranted)
    checked = expect(results[2], PaymentRiskChecked)
    assert (granted.action, granted.subject, granted.maker, granted.approver) == (
        "amount_over_limit",
        "big-1",
        "teller1",
        "super1",
    )
    assert [d["reason"] for d in checked.decisions if d["rule"] == "single_limit"] == [
        "15,000.00 EUR is above the teller's limit of 10,000.00 EUR for one payment; "
        "approved at the desk by super1"
    ]
    assert posted(desk, "10000001") == 1_500_000

    # Sent where no supervisor stands by, it waits in the approvals queue instead.
    held = answer(
        desk,
        dataclasses.replace(
            big_deposit(payment_id="big-2", offer_override=False), confirm_duplicate=True
        ),
    )
    assert isinstance(held, PaymentHeld)
    assert held.reasons == [
        "15,000.00 EUR is above the teller's limit of 10,000.00 EUR for one payment"
    ]
    assert posted(desk, "10000001") == 1_500_000


def test_a_supervisor_keying_above_their_own_limit_needs_a_second_supervisor(desk: Desk):
    open_session(desk.bus, "super1")
    command = cash_deposit(
        "huge", 30_000_000, "10000001", drawer="DRAWER-super1", actor="super1", offer_override=True
    )
    result = refused(desk, command, "override_required")
    assert "above the supervisor's limit of 100,000.00 EUR" in result.reason
    by_maker = Approval("super1", PASSWORDS["super1"])
    refused(
        desk,
        dataclasses.replace(command, message_id="m2", approval=by_maker),
        "override_by_maker",
    )


def test_limits_per_role_are_settings(url: str) -> None:
    desk = bootstrap(
        url, start_worker=False, policy=dataclasses.replace(CHEAP, role_limits={"teller": 20_000})
    )
    try:
        open_account(desk.bus, "10000001", holder_name="A")  # hires the staff first
        open_session(desk.bus, "teller1")
        assert isinstance(answer(desk, big_deposit()), PaymentPosted)
    finally:
        desk.close()


def test_wrong_supervisor_passwords_lock_the_supervisor_out(desk: Desk) -> None:
    open_session(desk.bus, "teller1")
    for attempt in range(5):
        result = answer(desk, big_deposit(Approval("super1", f"guess-{attempt}")))
        assert isinstance(result, CommandRejected) and result.reason_code == "credentials_refused"
        assert "not accepted" in result.reason
    assert present(desk.operators.operator("super1")).locked_until is not None
    # Locked: even the right password approves nothing now, and logs nobody in.
    refused(desk, big_deposit(Approval("super1", PASSWORDS["super1"])), "credentials_refused")
    assert isinstance(login(desk, "super1", PASSWORDS["super1"]), CommandRejected)
    failures = [e for e in desk.audit.page(AuditFilter()) if e.event_type == "LoginFailed"]
    overrides = [e.payload["reason"] for e in failures if e.payload["purpose"] == "override"]
    assert overrides.count("bad_password") == 5 and "locked" in overrides
    assert posted(desk, "10000001") == 0


# -- hostile input ----------------------------------------------------------------------------

HOSTILE = [
    "' OR '1'='1",
    "admin'--",
    "teller1'; DROP TABLE operators;--",
    'x" OR ""="',
    "teller1\x00",
    "ｔｅｌｌｅｒ１",
    "\u202eteller1",
    "teller1\u200b",
    "👩‍💼",
    "名字",
    "Ω" * 5000,
    "%",
    "_",
    "\\",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_login_fields_changes_nothing_and_crashes_nothing(
    desk: Desk, text: str
) -> None:
    with desk.engine.connect() as conn:
        before = conn.execute(select(operators).order_by(operators.c.name)).all()
    for name, password in ((text, "whatever-1"), ("teller1", text), (text, text)):
        result = login(desk, name, password)
        assert isinstance(result, CommandRejected) and result.reason == LOGIN_FAILED
    refused(
        desk,
        CreateOperator(name=text, role=Role.TELLER, password="long-enough-1", actor="admin"),
        "control_characters" if "\x00" in text else "invalid_identifier",
    )
    assert desk.queries.search_accounts(text) == [] or text in ("%", "_", "\\")
    with desk.engine.connect() as conn:
        after = conn.execute(select(operators).order_by(operators.c.name)).all()
    assert [r.name for r in after] == [r.name for r in before]
    assert verify(desk.engine) == []


def test_hostile_references_are_stored_verbatim(desk: Desk) -> None:
    reference = "'); DELETE FROM payments; -- 名字 \u202e 👩‍💼"

    def transfer(payment_id: str, amount: int) -> SubmitPayment:
        return submission(payment_id, TRANSFER, "10000001", "10000002", amount, reference=reference)

    unfunded = answer(desk, transfer("ref-1", 1))
    assert isinstance(unfunded, CommandRejected)  # no funds: refused, not crashed
    desk.bus.dispatch(
        ChangeAccountStatus(account_id="10000001", frozen=False, closed=False, actor="super1")
    )
    open_session(desk.bus, "teller1")
    desk.bus.dispatch(cash_deposit("seed", 500, "10000001"))
    assert isinstance(answer(desk, transfer("ref-2", 100)), PaymentPosted)
    assert present(desk.queries.payment("ref-2")).reference == reference
    assert desk.queries.count("payments") == 2


# -- replay ---------------------------------------------------------------------------------


def test_replay_rebuilds_operators_and_lockouts_but_never_password_hashes(desk: Desk) -> None:
    for _ in range(5):
        login(desk, "teller2", "wrong-wrong")
    login(desk, "teller1", PASSWORDS["teller1"])
    open_session(desk.bus, "teller1", counts=[])
    assert "operators" in STATE_TABLES and "drawer_sessions" in STATE_TABLES
    assert "operator_credentials" not in STATE_TABLES
    with tempfile.TemporaryDirectory() as folder:
        scratch = scratch_engine(str(Path(folder) / "rebuilt.db"))
        rebuild(desk.engine, scratch)
        assert list(differences(desk.engine, scratch)) == []
        with scratch.connect() as conn:
            assert conn.execute(select(credentials)).all() == []
            locked = conn.execute(
                select(operators.c.locked_until).where(operators.c.name == "teller2")
            ).scalar()
        scratch.dispose()
    assert locked is not None


def test_audit_filters_by_operator_type_date_and_account(desk: Desk) -> None:
    from datetime import date

    login(desk, "teller1", PASSWORDS["teller1"])
    today = date.today()
    everything = desk.audit.count(AuditFilter())
    assert desk.audit.count(AuditFilter(date_from=today, date_to=today)) == everything
    assert desk.audit.count(AuditFilter(date_to=today - timedelta(days=1))) == 0
    assert {e.event_type for e in desk.audit.page(AuditFilter(operator="teller1"))} == {
        "AccountOpened",
        "LoginSucceeded",
    }
    assert desk.audit.count(AuditFilter(event_type="OperatorCreated")) == 5
    assert [e.aggregate_id for e in desk.audit.page(AuditFilter(account="10000002"))] == [
        "10000002"
    ]
    assert desk.audit.verify_chain() == []


def test_refused_approvals_are_recorded_inside_a_commit_group(desk: Desk) -> None:
    """Queued commands share one transaction; a wrong supervisor password among them still
    leaves its LoginFailed, and the others post."""
    open_session(desk.bus, "teller1")
    desk.worker.start()
    commands = [big_deposit(Approval("super1", "wrong-guess"), payment_id="g-bad")]
    # The same small deposit twenty times: the teller confirmed each possible duplicate.
    commands += [cash_deposit(f"g-{i}", 100, "10000001", confirm_duplicate=True) for i in range(20)]
    for command in commands:
        desk.worker.submit(command)
    assert desk.worker.wait_idle(30)
    assert posted(desk, "10000001") == 2_000
    assert present(desk.operators.operator("super1")).failed_logins == 1
    assert verify(desk.engine) == []


def test_policy_knobs_come_from_the_environment() -> None:
    from app.bootstrap import with_role_limits
    from app.settings import security_policy
    from domain.payments.risk.rules import RiskPolicy

    policy = security_policy(
        {
            "TELLER_LOCKOUT_ATTEMPTS": "3",
            "TELLER_LOCKOUT_MINUTES": "30",
            "TELLER_IDLE_LOCK_SECONDS": "90",
            "TELLER_LIMIT_TELLER": "2500",
            "TELLER_DRAWER_TOLERANCE_EUR": "1000",
            "TELLER_DENOMINATIONS_CHF": "500,1000,100",
        }
    )
    assert (policy.max_failed_logins, policy.lockout, policy.idle_lock_seconds) == (
        3,
        timedelta(minutes=30),
        90,
    )
    assert policy.limit_minor("teller", "EUR") == 250_000
    assert policy.limit_minor("supervisor", "JPY") is None  # not set here
    # The payment rules take the teller's limit from here, the others from the risk file.
    rules = with_role_limits(RiskPolicy.load(), policy)
    assert rules.limit_for("teller", "EUR") == 250_000
    assert rules.limit_for("supervisor", "JPY") == 100_000
    assert policy.tolerance("EUR") == 1000 and policy.tolerance("KWD") == 0
    assert policy.denominations["CHF"] == (1000, 500, 100)
