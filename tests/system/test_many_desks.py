"""Several desk processes on one database, posting on the same accounts at once.

Before one lock order, PostgreSQL answered some of these payments with DeadlockDetected
and SQLite with "database is locked"; now none may fail, every acknowledged payment is
stored exactly once, and the ledger verifies and replays clean.
"""

from __future__ import annotations

import json
import subprocess

from cli_support import main_py


def teller_desk(url: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return main_py("--db", url, *args, timeout=timeout)


def test_desks_posting_on_the_same_accounts_fail_nothing_and_lose_nothing(db_url: str) -> None:
    bench = teller_desk(
        db_url, "bench", "--desks", "1,4", "--seconds", "2", "--json", "--no-offered"
    )
    assert bench.returncode == 0, bench.stderr
    results = [json.loads(line) for line in bench.stdout.splitlines()]

    assert [r["desks"] for r in results] == [1, 4]
    for result in results:
        assert result["payments"] > 0, result
        assert result["failed"] == 0, result["first_failure"]
        assert result["rejected"] == 0, result
        assert (result["lost"], result["doubled"]) == (0, 0), result
        assert result["database"] == ("sqlite" if db_url.startswith("sqlite") else "postgresql")
        assert len(result["per_desk"]) == result["desks"]
        assert {"payments_per_second", "p50_ms", "p99_ms", "ratio"} <= result.keys()

    verified = teller_desk(db_url, "verify")
    assert verified.returncode == 0, verified.stderr
    replayed = teller_desk(db_url, "replay", "--check")
    assert replayed.returncode == 0, replayed.stderr
    assert "match" in replayed.stdout
