"""Closing the business date when two closers race, and before its calendar day.

The races run `python main.py eod` in two real processes launched together, on a SQLite
file and on PostgreSQL; on PostgreSQL the test holds the open date's row until both runs
wait for it, so the two closes are truly simultaneous.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from app.bootstrap import bootstrap
from bus import CommandRejected
from domain.business_day.commands import CloseBusinessDate
from domain.business_day.events import BusinessDateClosed
from domain.eventstore.tables import business_dates
from staff import PASSWORDS, hire
from tests.lifecycle_support import make_bank

REPO = Path(__file__).resolve().parents[3]


def eod(url: str, supervisor: str, folder: Path, **env: str) -> subprocess.Popen[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TELLER_DB_URL", "TELLER_ALLOW_FUTURE_DATES")
    }
    # The supervisor's password, as a scheduler would give it to a run it starts.
    environ["TELLER_SUPERVISOR_PASSWORD"] = PASSWORDS[supervisor]
    environ.update(env)
    return subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "--db",
            url,
            "eod",
            "--supervisor",
            supervisor,
            "--report-dir",
            str(folder),
        ],
        cwd=REPO,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(run: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = run.communicate(timeout=120)
    return run.returncode, out, err


def a_bank(url: str) -> date:
    """A new bank with two supervisors; returns the date it opened (today's)."""
    desk = bootstrap(url, start_worker=False)
    try:
        hire(desk.bus, "super1", "super2")
        assert desk.lifecycle is not None
        opened = desk.lifecycle.business_date()
        assert opened == date.today()
        return opened
    finally:
        desk.close()


def dates(url: str) -> list[tuple[date, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                select(business_dates.c.business_date, business_dates.c.status).order_by(
                    business_dates.c.business_date
                )
            ).all()
        return [
            (row[0] if isinstance(row[0], date) else date.fromisoformat(row[0]), row[1])
            for row in found
        ]
    finally:
        engine.dispose()


def judge_the_race(url: str, today: date, runs: list[tuple[int, str, str]], folder: Path) -> None:
    """Exactly one run closed today; the other says plainly who closed it and when."""
    codes = sorted(code for code, _, _ in runs)
    assert codes == [0, 1], runs
    ((_, closed, _),) = [r for r in runs if r[0] == 0]
    ((_, _, refused),) = [r for r in runs if r[0] == 1]
    assert f"closed business date {today}; next date {today + timedelta(days=1)} is open" in closed
    assert refused.startswith("NOT CLOSED: "), refused
    assert "closed by super" in refused and " UTC" in refused, refused
    assert "system failed" not in refused and "Traceback" not in refused, refused
    assert str(today) in refused, refused
    assert dates(url) == [(today, "closed"), (today + timedelta(days=1), "open")]
    assert (folder / f"settlement-{today}.csv").exists()


def test_two_end_of_day_runs_at_once_on_sqlite_close_today_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    today = a_bank(url)
    first, second = eod(url, "super1", tmp_path), eod(url, "super2", tmp_path)
    judge_the_race(url, today, [finish(first), finish(second)], tmp_path)


@pytest.mark.postgres
def test_two_end_of_day_runs_truly_simultaneous_on_postgres(pg_url: str, tmp_path: Path) -> None:
    today = a_bank(pg_url)
    holder = create_engine(pg_url)
    name = make_url(pg_url).database
    try:
        with holder.connect() as conn:
            # Hold the open date as a closer would; both runs then wait at the same lock
            # and are let go at the same instant.
            conn.execute(
                select(business_dates)
                .where(business_dates.c.business_date == today)
                .with_for_update()
            )
            first, second = eod(pg_url, "super1", tmp_path), eod(pg_url, "super2", tmp_path)
            deadline = time.monotonic() + 120
            waiting = 0
            while waiting < 2:
                assert time.monotonic() < deadline, "the two runs never met at the lock"
                assert first.poll() is None and second.poll() is None, (
                    finish(first),
                    finish(second),
                )
                with holder.connect() as watch:
                    waiting = watch.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                            "AND wait_event_type = 'Lock'"
                        ),
                        {"db": name},
                    ).scalar_one()
                time.sleep(0.05)  # polling pg_stat_activity, not waiting for a result
            conn.rollback()
        judge_the_race(pg_url, today, [finish(first), finish(second)], tmp_path)
    finally:
        holder.dispose()


def test_a_date_already_closed_is_refused_naming_who_closed_it_and_when(db_url: str) -> None:
    desk = bootstrap(
        db_url,
        start_worker=False,
        today=lambda: date(2026, 11, 30),
        first_business_date=date(2026, 11, 29),
    )
    try:
        hire(desk.bus, "super1", "super2")
        closed = desk.bus.dispatch(CloseBusinessDate(actor="super1", business_date="2026-11-29"))
        assert isinstance(closed[-2], BusinessDateClosed), closed
        again = desk.bus.dispatch(CloseBusinessDate(actor="super2", business_date="2026-11-29"))[-1]
        assert isinstance(again, CommandRejected) and again.reason_code == "date_closed"
        assert again.reason.startswith(
            "Business date 2026-11-29 was already closed by super1 at 2026-"
        )
        assert again.reason.endswith(" UTC; 2026-11-30 is open")
        assert dates(db_url)[-1] == (date(2026, 11, 30), "open")
    finally:
        desk.close()


def test_a_date_cannot_be_closed_before_its_calendar_day(tmp_path: Path) -> None:
    bank = make_bank(tmp_path)  # the calendar says 2026-11-27, the date open too
    try:
        assert isinstance(bank.do(CloseBusinessDate(actor="super1"))[-2], BusinessDateClosed)
        refused = bank.do(CloseBusinessDate(actor="super2"))[-1]
        assert isinstance(refused, CommandRejected)
        assert refused.reason_code == "date_not_begun"
        assert refused.reason.startswith(
            "Business date 2026-11-28 cannot be closed before its calendar day has begun "
            "(today is 2026-11-27); 2026-11-27 was closed by super1 at 2026-11-27 09:00:00 UTC"
        )
        assert bank.stories.business_date() == date(2026, 11, 28)
        # The next morning it closes.
        bank.clock.advance(days=1)
        assert isinstance(bank.do(CloseBusinessDate(actor="super2"))[-2], BusinessDateClosed)
    finally:
        bank.desk.close()


def test_the_setting_for_demos_and_tests_closes_days_ahead_of_the_calendar(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    today = a_bank(url)
    closed = finish(eod(url, "super1", tmp_path))
    assert closed[0] == 0, closed  # today itself has begun
    refused = finish(eod(url, "super1", tmp_path))
    assert refused[0] == 1 and "cannot be closed before its calendar day" in refused[2]
    for _ in range(2):
        code, _, err = finish(eod(url, "super1", tmp_path, TELLER_ALLOW_FUTURE_DATES="1"))
        assert code == 0, err
    assert [status for _, status in dates(url)] == ["closed"] * 3 + ["open"]
    assert dates(url)[-1][0] == today + timedelta(days=3)
