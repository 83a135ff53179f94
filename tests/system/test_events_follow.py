"""`events --follow` as operators run it: a process of its own, printing what another
process commits, in seq order, without gaps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.bootstrap import bootstrap
from domain.eventstore.feed import EventFeed
from helpers import ALICE, DRAWER, TELLER, open_account, open_drawer

ROOT = Path(__file__).resolve().parents[2]


def teller_desk(url: str, *args: str) -> list[str]:
    return [sys.executable, "main.py", "--db", url, *args]


def test_follow_prints_what_another_desk_posts_in_seq_order(db_url: str) -> None:
    desk = bootstrap(db_url, start_worker=False)
    try:
        open_drawer(desk.bus, DRAWER)
        open_account(desk.bus, ALICE, holder_name="Alice Müller")
        with EventFeed(desk.engine) as feed:
            head = feed.head()
    finally:
        desk.close()
    follower = subprocess.Popen(
        teller_desk(
            db_url, "events", "--follow", "--json", "--from-seq", str(head + 1), "--until-idle", "8"
        ),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        poster = subprocess.run(
            [sys.executable, "tests/system/relay_desk.py", db_url, TELLER, ALICE, "6", "f"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert poster.returncode == 0, poster.stderr
        out, err = follower.communicate(timeout=300)
    finally:
        if follower.poll() is None:
            follower.kill()
            follower.wait()
    assert follower.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    posted = [e["aggregate_id"] for e in lines if e["event_type"] == "PaymentPosted"]
    # relay_desk keys 6: every fifth is a withdrawal the bank refuses (nothing stored).
    assert posted == [f"dep-{TELLER}-f-{i}" for i in (0, 1, 2, 3, 5)]
    seqs = [e["seq"] for e in lines]
    assert seqs == list(range(head + 1, head + 1 + len(seqs)))
    first = lines[0]
    assert {"seq", "event_id", "event_type", "aggregate_id", "operator", "occurred_at"} <= set(
        first
    )
    assert all(e["operator"] == TELLER for e in lines if e["event_type"] == "PaymentPosted")
