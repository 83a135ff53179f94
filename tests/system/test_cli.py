"""The command line as an operator or an auditor runs it: `python main.py ...` in a
process of its own, judged by its exit code and what it prints."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cli_support import main_py, main_py_ok


def demo_bank(path: Path, seed: int = 3) -> str:
    url = f"sqlite:///{path}"
    main_py_ok("--db", url, "init")
    shown = main_py_ok(
        "--db", url, "demo", "--seed", str(seed), "--accounts", "5", "--payments", "40"
    )
    DEMO_PASSWORDS[url] = dict(re.findall(r"operator (\S+) \(\w+\): password (\S+)", shown))
    return url


# The passwords the demo printed for its operators, by database.
DEMO_PASSWORDS: dict[str, dict[str, str]] = {}


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            assert conn.execute(sql).rowcount == 1
    finally:
        conn.close()


PAYMENTS_WITHOUT_TIMES = (
    "SELECT payment_id, kind, status, debit_account, credit_account, amount, currency, "
    "reference, operator, request_hash, seq, version FROM payments ORDER BY payment_id"
)


def test_help_lists_every_subcommand() -> None:
    shown = main_py_ok("--help")
    for subcommand in ("init", "demo", "verify", "replay", "bench"):
        assert subcommand in shown


def test_init_creates_a_database_that_verifies_and_replays(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert "database ready" in main_py_ok("--db", url, "init")
    assert "verified" in main_py_ok("--db", url, "verify")
    # Two events: the first business date opened, and the first admin made by init.
    assert "replayed 2 events" in main_py_ok("--db", url, "replay", "--check")


def test_init_twice_is_harmless(tmp_path: Path) -> None:
    url = demo_bank(tmp_path / "bank.db")
    main_py_ok("--db", url, "init")
    assert "verified" in main_py_ok("--db", url, "verify")


def test_demo_reports_what_it_did(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    main_py_ok("--db", url, "init")
    shown = main_py_ok("--db", url, "demo", "--seed", "3", "--accounts", "5", "--payments", "40")

    db = tmp_path / "bank.db"
    [(accounts,)] = rows(db, "SELECT count(*) FROM accounts")
    customers = rows(db, "SELECT holder_name FROM accounts WHERE kind = 'customer'")
    # The five asked for, and the customer of the day's stories (held, reversed, ...).
    assert len(customers) == 5 + 1 and ("Grace Hopper",) in customers
    assert f"accounts opened: {accounts}" in shown
    said = {
        name: int(n) for name, n in re.findall(r"^payments ([\w ]+): (\d+)$", shown, re.MULTILINE)
    }

    def stored(where: str) -> int:
        [(count,)] = rows(db, f"SELECT count(*) FROM payments WHERE {where}")
        return int(count)

    # Every kind said to have posted is what the ledger holds as posted (or posted, then
    # reversed); each other outcome is what the payments table says of it.
    for kind in ("cash_deposit", "cash_withdrawal", "transfer", "reversal"):
        assert said[kind] == stored(f"kind = '{kind}' AND status IN ('posted', 'reversed')")
    assert said["cash_deposit"] > 0
    assert said["reversed"] == stored("status = 'reversed'") > 0
    assert said["declined"] == stored("status = 'declined'") > 0
    assert said["voided"] == stored("status = 'voided'") > 0
    assert said["rejected by risk rules"] == stored("status = 'rejected'") > 0
    assert (
        said["reserved for another bank"]
        == stored("kind = 'interbank_transfer' AND status IN ('reserved', 'settled', 'voided')")
        > 0
    )
    [(held,)] = rows(db, "SELECT count(*) FROM events WHERE event_type = 'PaymentHeld'")
    assert said["held for approval"] == held > 0


def test_demo_counts_its_settlements_in_plain_english(tmp_path: Path) -> None:
    # On an empty database the demo keys yesterday and closes it: one line per bank it
    # settled with (this seed settles one transfer with some banks and two with another).
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    shown = main_py_ok("--db", url, "demo", "--seed", "3", "--accounts", "5", "--payments", "40")
    settled = re.findall(r"settled with \w+: (\d+) (transfers?),", shown)
    assert {count for count, _ in settled} >= {"1", "2"}, shown
    assert all(word == ("transfer" if count == "1" else "transfers") for count, word in settled)


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    demo_bank(tmp_path / "one.db", seed=3)
    demo_bank(tmp_path / "two.db", seed=3)
    demo_bank(tmp_path / "other.db", seed=4)

    one = rows(tmp_path / "one.db", PAYMENTS_WITHOUT_TIMES)
    assert len(one) > 20
    assert one == rows(tmp_path / "two.db", PAYMENTS_WITHOUT_TIMES)
    assert one != rows(tmp_path / "other.db", PAYMENTS_WITHOUT_TIMES)
    # Payment ids come from the seeded generator, not the clock.
    names = "SELECT account_id, holder_name, overdraft_limit FROM accounts ORDER BY 1"
    assert rows(tmp_path / "one.db", names) == rows(tmp_path / "two.db", names)


def test_running_demo_again_adds_to_the_same_bank(tmp_path: Path) -> None:
    path = tmp_path / "bank.db"
    url = demo_bank(path)
    first_payments = rows(path, "SELECT payment_id FROM payments")

    main_py_ok("--db", url, "demo", "--seed", "3", "--accounts", "5", "--payments", "40")

    customers = rows(path, "SELECT count(*) FROM accounts WHERE kind = 'customer'")
    drawers = rows(path, "SELECT count(*) FROM accounts WHERE kind = 'drawer'")
    # Each run opens five customers and one for its day's stories.
    assert (customers, drawers) == ([(12,)], [(1,)])
    later_payments = rows(path, "SELECT payment_id FROM payments")
    assert set(first_payments) < set(later_payments)
    assert "verified" in main_py_ok("--db", url, "verify")


def test_verify_fails_and_names_a_tampered_event(tmp_path: Path) -> None:
    path = tmp_path / "bank.db"
    url = demo_bank(path)
    assert "verified" in main_py_ok("--db", url, "verify")
    [(seq,)] = rows(path, "SELECT max(seq) FROM events WHERE event_type = 'PaymentPosted'")
    tamper(
        path,
        f"UPDATE events SET payload = replace(payload, '\"amount\":', "
        f"'\"amount\":1') WHERE seq = {seq}",
    )

    done = main_py("--db", url, "verify")

    assert done.returncode != 0
    assert "FAILED" in done.stderr
    assert f"event seq {seq} " in done.stderr
    assert done.stdout == ""


def test_verify_fails_when_a_balance_was_edited(tmp_path: Path) -> None:
    path = tmp_path / "bank.db"
    url = demo_bank(path)
    tamper(
        path,
        "UPDATE balances SET credits_posted = credits_posted + 1 WHERE account_id = '10000001'",
    )

    done = main_py("--db", url, "verify")

    assert done.returncode != 0
    assert "account 10000001" in done.stderr


def test_replay_check_fails_and_names_the_table_after_a_state_row_was_edited(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bank.db"
    url = demo_bank(path)
    [(events,)] = rows(path, "SELECT count(*) FROM events")
    assert f"replayed {events} events" in main_py_ok("--db", url, "replay", "--check")
    [(payment_id,)] = rows(path, "SELECT min(payment_id) FROM payments")
    tamper(path, f"UPDATE payments SET amount = amount + 1 WHERE payment_id = '{payment_id}'")

    done = main_py("--db", url, "replay", "--check")

    assert done.returncode != 0
    assert "FAILED" in done.stderr
    assert f"payments ('{payment_id}',)" in done.stderr


def test_the_whole_command_line_works_on_both_databases(db_url: str) -> None:
    main_py_ok("--db", db_url, "init")
    shown = main_py_ok("--db", db_url, "demo", "--seed", "5", "--accounts", "4", "--payments", "30")
    assert "payments cash_deposit:" in shown
    assert "verified" in main_py_ok("--db", db_url, "verify")
    assert "replayed" in main_py_ok("--db", db_url, "replay", "--check")


@pytest.mark.parametrize("args", [["replay"], ["demo", "--seed", "x"], ["nonsense"]])
def test_wrong_usage_exits_non_zero_with_a_message(tmp_path: Path, args: list[str]) -> None:
    done = main_py("--db", f"sqlite:///{tmp_path / 'x.db'}", *args)
    assert done.returncode == 2
    assert "usage:" in done.stderr


def test_end_of_day_from_the_command_line_needs_a_supervisor_and_writes_the_report(
    tmp_path: Path,
) -> None:
    url = demo_bank(tmp_path / "bank.db")  # the demo closes its drawer and its first day
    day = rows(
        tmp_path / "bank.db", "SELECT business_date FROM business_dates WHERE status = 'open'"
    )[0][0]

    passwords = DEMO_PASSWORDS[url]

    def eod(supervisor: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
        """`eod` signed by `supervisor` with `password`, or with none at all."""
        signed = {} if password is None else {"TELLER_SUPERVISOR_PASSWORD": password}
        return main_py(
            "--db", url, "eod", "--supervisor", supervisor, "--report-dir", str(tmp_path), **signed
        )

    refused = eod("teller1", passwords["teller1"])
    assert refused.returncode == 1 and "NOT CLOSED" in refused.stderr
    # A supervisor's name without their password closes nothing either.
    guessed = eod("super1", "not-the-one")
    assert guessed.returncode == 1 and "Login failed" in guessed.stderr
    no_password = eod("super1")
    assert no_password.returncode == 2 and "TELLER_SUPERVISOR_PASSWORD" in no_password.stderr
    assert rows(
        tmp_path / "bank.db", "SELECT business_date FROM business_dates WHERE status = 'open'"
    ) == [(day,)]

    closed = eod("super1", passwords["super1"])
    assert closed.returncode == 0, closed.stderr
    shown = closed.stdout
    assert f"closed business date {day}" in shown
    assert (tmp_path / f"settlement-{day}.csv").exists()
    assert rows(
        tmp_path / "bank.db", f"SELECT status FROM business_dates WHERE business_date = '{day}'"
    ) == [("closed",)]
    # The supervisor's command-line session ends with the run, refused or not.
    sessions = rows(
        tmp_path / "bank.db",
        "SELECT event_type, json_extract(payload, '$.login_id') FROM events "
        "WHERE json_extract(payload, '$.name') = 'super1' "
        "AND event_type IN ('LoginSucceeded', 'LoggedOut')",
    )
    opened = [login for kind, login in sessions if kind == "LoginSucceeded"]
    assert len(opened) >= 1
    assert sorted(opened) == sorted(login for kind, login in sessions if kind == "LoggedOut")
    assert "verified" in main_py_ok("--db", url, "verify")


def test_an_argument_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    # Bytes that are not UTF-8 (a terminal in another encoding, a pasted binary) reach
    # Python as lone surrogates, which the export could never write or look up.
    not_text = os.fsdecode(b"NO\xffPE")
    out = tmp_path / "a.pdf"
    for language, said in (("en", "is not UTF-8 text; nothing was done"), ("zh_CN", "不是 UTF-8")):
        refused = main_py(
            "--lang", language, "--db", f"sqlite:///{tmp_path / 'bank.db'}", "export",
            "--format", "pdf", "--from", "2026-01-01", "--to", "2026-01-02",
            "--account", not_text, "--out", str(out),
        )  # fmt: skip
        assert refused.returncode == 2
        assert refused.stderr.startswith("'NO\\udcffPE' "), refused.stderr
        assert said in refused.stderr and "Error" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert not out.exists()
