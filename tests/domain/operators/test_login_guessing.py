"""Guessing passwords in parallel: the lockout holds, every attempt is on record, and a
name that is no operator's is kept only as a keyed hash."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from app.bootstrap import Desk
from domain.operators.commands import LogIn
from helpers import stored_events
from staff import hire
from tests.domain.support import present

REPO = Path(__file__).resolve().parents[3]

GUESSER = textwrap.dedent("""
    import sys
    from app.bootstrap import bootstrap
    from bus import CommandFailed
    from domain.operators.handlers import LogIn
    desk = bootstrap(sys.argv[1], migrate=False, start_worker=False)
    failed = 0
    for i in range(int(sys.argv[3])):
        results = desk.bus.dispatch(LogIn(name="teller1", password=f"{sys.argv[2]}-{i}"))
        failed += any(isinstance(r, CommandFailed) for r in results)
    desk.close()
    print(failed)
""")


def test_eight_processes_guessing_at_once_get_no_more_guesses_than_allowed(desk: Desk) -> None:
    hire(desk.bus, "teller1")
    url = desk.engine.url.render_as_string(hide_password=False)
    processes, guesses = 8, 3
    running = [
        subprocess.Popen(
            [sys.executable, "-c", GUESSER, url, f"guess{n}", str(guesses)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for n in range(processes)
    ]
    lost = [int(p.communicate(timeout=300)[0].strip()) for p in running]
    assert lost == [0] * processes  # no attempt ended as CommandFailed
    failures = [e for e in stored_events(desk.engine) if e["event_type"] == "LoginFailed"]
    assert len(failures) == processes * guesses  # every attempt on record
    judged = [e for e in failures if '"reason":"bad_password"' in e["payload"]]
    assert len(judged) == desk.policy.max_failed_logins
    locked = [e for e in stored_events(desk.engine) if e["event_type"] == "OperatorLockedOut"]
    assert len(locked) == 1
    assert present(desk.operators.operator("teller1")).locked_until is not None


def test_a_password_typed_as_a_name_is_not_kept(desk: Desk) -> None:
    for _ in range(2):
        desk.bus.dispatch(LogIn(name="tiger-lily-42x", password="whatever-1"))
    desk.bus.dispatch(LogIn(name="other-typo", password="whatever-1"))
    failures = [e for e in stored_events(desk.engine) if e["event_type"] == "LoginFailed"]
    assert len(failures) == 3
    assert all("tiger-lily" not in e["payload"] for e in failures)
    names = [e["payload"].split('"name":"')[1].split('"')[0] for e in failures]
    # The same typed name gives the same hash, so an auditor sees it was tried twice.
    assert names[0] == names[1] != names[2] and names[0].startswith("hmac:")
