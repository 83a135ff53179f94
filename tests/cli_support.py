"""The command line as a test runs it: `python main.py ...` in a process of its own at
the repository root, judged by its exit code and what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main_py(
    *args: str, stdin: str = "", timeout: float = 300, **env: str
) -> subprocess.CompletedProcess[str]:
    """One run of main.py, typed `stdin` (a prompt reads end of file after it, never the
    test's terminal). The caller's TELLER_DB_URL is not passed on (a test names its own
    database with --db) and the locale is plain English unless `env` says otherwise;
    `env` adds variables for this run, e.g. TELLER_SUPERVISOR_PASSWORD."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("TELLER_DB_URL", "LC_ALL")}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env={**inherited, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def main_py_ok(*args: str, timeout: float = 300, **env: str) -> str:
    """What a run that must succeed prints; its error output is the failure's message."""
    done = main_py(*args, timeout=timeout, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout
