"""Long command-line work shows how it is going on a terminal (a bar with its rate and
the time left) and stays silent when its output goes to a pipe or a file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from cli_support import REPO, main_py, main_py_ok

BAR = re.compile(r"verify: +100%.*\| *(\d+)/\1 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+k? ?events/s\]")


def on_a_terminal(*args: str) -> tuple[int, str]:
    """Run the command line with stdout and stderr on a pseudo-terminal; all it drew."""
    main, child = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "TELLER_DB_URL"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    process = subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
    )
    os.close(child)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal's other end closed: the program is done
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    return process.wait(timeout=300), drawn.decode("utf-8", "replace")


def test_verify_draws_a_bar_with_its_rate_on_a_terminal_and_nothing_in_a_pipe(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    main_py_ok("--db", url, "init")
    shown = main_py_ok("--db", url, "demo", "--accounts", "5", "--payments", "30")
    assert "%|" not in shown

    code, drawn = on_a_terminal("--db", url, "verify")
    assert code == 0, drawn
    assert "verified" in drawn
    bar = BAR.search(drawn)
    assert bar is not None, drawn
    assert int(bar.group(1)) > 30  # every event of the demo day was hashed

    piped = main_py("--db", url, "verify")
    assert piped.returncode == 0, piped.stderr
    assert "verified" in piped.stdout
    assert piped.stderr == ""
