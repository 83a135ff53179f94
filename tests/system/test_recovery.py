"""Kill the desk with SIGKILL at random moments while it posts, start it again, and the
books are whole: verify and replay agree, no payment is half-applied or posted twice,
and reservations that expired are voided."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from domain.ledger.tables import postings
from domain.payments.commands import ExpireReservations
from domain.payments.tables import payments
from tests.lifecycle_support import Clock, make_bank

LOOP = Path(__file__).with_name("recovery_loop.py")
COUNT = 360


def start(url: str, risk: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(LOOP), url, str(risk), str(COUNT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_at_random_moments_leaves_the_books_whole(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    risk = tmp_path / "risk.toml"
    # Reservations expire almost at once, so restarts have some to void.
    risk.write_text(
        "[interbank]\nreservation_timeout_minutes = 0.002\n[velocity]\nmax_payments = 1000\n",
        encoding="utf-8",
    )
    rng = random.Random(4)
    kills = 0
    for _ in range(5):
        process = start(url, risk)
        assert process.stdout is not None
        wanted = rng.randrange(1, 6)
        seen = 0
        for line in process.stdout:
            seen += line.startswith("done")
            if seen >= wanted or line.startswith("finished"):
                break
        # Still working on the next group of commands: kill it mid-flight.
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        assert process.stderr is not None
        process.stderr.close()
        kills += process.returncode == -signal.SIGKILL
    assert kills == 5

    finished = start(url, risk)
    out, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err
    assert out.rstrip().endswith("finished")

    # Start again a minute later: every reservation's stored expiry has passed.
    later = Clock(datetime.now(UTC) + timedelta(minutes=1))
    bank = make_bank(tmp_path, url=url, risk_file=risk, clock=later)
    try:
        assert {type(e).__name__ for e in bank.desk.recovered} == {"PaymentVoided"}
        assert bank.do(ExpireReservations()) == []
        assert bank.faults() == []
        counts = bank.stories.state_counts()
        # Nothing stopped between keying and deciding: those states never commit alone.
        assert "created" not in counts and "risk_checked" not in counts
        with bank.desk.engine.connect() as conn:
            # Every submission once: ids k-0.. and their reversals r-.. , no more, no gaps.
            ids = set(conn.execute(select(payments.c.payment_id)).scalars())
            legs: dict[str, int] = {
                pid: n
                for pid, n in conn.execute(
                    select(postings.c.payment_id, func.count()).group_by(postings.c.payment_id)
                )
            }
            statuses: dict[str, str] = {
                pid: status
                for pid, status in conn.execute(select(payments.c.payment_id, payments.c.status))
            }
        submitted = {f"k-{i}" for i in range(COUNT) if i % 6 in (0, 1, 2, 3)}
        assert submitted <= ids
        assert {i for i in ids if not i.startswith("r-")} == submitted
        for pid, status in statuses.items():
            # Posted money has exactly its two legs; money not posted has none.
            expected = 2 if status in ("posted", "settled", "reversed") else 0
            assert legs.get(pid, 0) == expected, (pid, status)
        assert counts.get("reserved", 0) == 0  # all expired, all voided
        assert counts["voided"] >= 1 and counts["reversed"] >= 1
        assert bank.balance("K0000001")[1] == 0  # no pending left behind
    finally:
        bank.desk.close()
