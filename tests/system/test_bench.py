"""`bench --json`: the posting rows of issue #14, one JSON object a line, each beside
its raw limit from the same run, and a bank that still verifies afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import main_py_ok

ROWS = ("one_per_commit", "group_commit_capacity", "offered_50", "offered_80", "offered_95")
KEYS = ("row", "what", "figure", "unit", "limit", "limit_what", "ratio", "goal", "met")


def test_bench_json_prints_each_posting_row_with_its_limit_and_the_bank_verifies(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    shown = main_py_ok(
        "--db", url, "bench", "--on-db", "--json", "--rows", "posting", "--payments", "200"
    )

    rows = [json.loads(line) for line in shown.strip().splitlines()]
    assert [row["row"] for row in rows] == list(ROWS)
    for row in rows:
        assert set(KEYS) <= set(row), row["row"]
        assert row["figure"] > 0 and row["limit"] > 0, row
        assert row["ratio"] == pytest.approx(row["figure"] / row["limit"], abs=0.002), row
    by_id = {row["row"]: row for row in rows}
    assert by_id["one_per_commit"]["unit"] == by_id["group_commit_capacity"]["unit"] == "per_s"
    assert by_id["one_per_commit"]["met"] == (by_id["one_per_commit"]["ratio"] >= 0.5)
    offered = [by_id[f"offered_{share}"] for share in (50, 80, 95)]
    assert all(row["unit"] == "ms" and row["p50_ms"] <= row["p99_ms"] for row in offered)
    # Offered at a share of the capacity just measured, rising with the share.
    capacity = by_id["group_commit_capacity"]["figure"]
    assert offered[1]["offered_per_s"] == pytest.approx(0.8 * capacity, rel=0.01)
    assert offered[0]["offered_per_s"] < offered[1]["offered_per_s"] < offered[2]["offered_per_s"]
    assert by_id["offered_80"]["met"] == (by_id["offered_80"]["figure"] < 20)

    assert "verified" in main_py_ok("--db", url, "verify")
    assert "match" in main_py_ok("--db", url, "replay", "--check")


def test_bench_prints_the_glass_and_proof_rows_beside_their_limits(tmp_path: Path) -> None:
    shown = main_py_ok(
        "bench",
        "--json",
        "--rows",
        "glass,proofs",
        "--gui-payments",
        "5",
        "--events",
        "300",
        "--export-payments",
        "300",
        "--accounts",
        "300",
        "--eod-payments",
        "300",
    )
    rows = {row["row"]: row for row in map(json.loads, shown.strip().splitlines())}
    assert {"enter_to_painted", "startup_to_login", "verify", "replay_check"} <= set(rows)
    assert {"csv_export", "history_first_paint", "lookup_per_keystroke", "eod_100k"} <= set(rows)
    for row in rows.values():
        assert set(KEYS) <= set(row), row["row"]
        if row["limit"]:
            assert row["ratio"] == pytest.approx(row["figure"] / row["limit"], rel=0.02), row


def test_bench_names_the_groups_it_knows() -> None:
    refused = subprocess.run(
        [sys.executable, "main.py", "bench", "--rows", "posting,speed"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2
    assert "--rows takes posting, glass, proofs" in refused.stderr
