"""`python main.py demo` looks like a bank's day at any size: nearly everything posts,
the stories' few are held, rejected and reversed, nobody pays themselves, and the
calendar's date is left open."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from cli_support import main_py_ok


@pytest.mark.parametrize(("accounts", "payments"), [(20, 200), (25, 1200)])
def test_a_demo_day_of_any_size_looks_like_a_real_day(
    tmp_path: Path, accounts: int, payments: int
) -> None:
    path = tmp_path / "demo.db"
    shown = main_py_ok(
        "--db",
        f"sqlite:///{path}",
        "demo",
        "--accounts",
        str(accounts),
        "--payments",
        str(payments),
    )
    conn = sqlite3.connect(path)
    try:
        statuses = dict(conn.execute("SELECT status, count(*) FROM payments GROUP BY 1"))
        events = dict(conn.execute("SELECT event_type, count(*) FROM events GROUP BY 1"))
        to_itself = conn.execute(
            "SELECT count(*) FROM payments WHERE debit_account = credit_account"
        ).fetchone()[0]
        days = conn.execute(
            "SELECT business_date, status FROM business_dates ORDER BY business_date"
        ).fetchall()
    finally:
        conn.close()
    keyed = sum(statuses.values())
    assert keyed >= payments
    assert statuses["posted"] >= 0.95 * keyed, statuses
    assert to_itself == 0
    # The stories: held then decided, rejected, reversed; each a handful.
    assert 1 <= events["PaymentHeld"] <= 5, events
    assert 1 <= events.get("PaymentRejected", 0) <= 5, events
    assert 1 <= statuses["reversed"] <= 10, statuses
    assert statuses.get("held", 0) == 0
    assert "rejected, insufficient_funds" not in shown
    today = date.today()
    assert days == [(str(today - timedelta(days=1)), "closed"), (str(today), "open")]
    assert f"super1 closed {today - timedelta(days=1)}; {today} is open" in shown
