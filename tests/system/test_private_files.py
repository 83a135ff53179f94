"""The database is private to the user who made it: file, -wal, -shm 0600 and its new
folders 0700, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from app.database import make_engine

REPO = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_makes_a_private_folder_and_file_even_with_an_open_umask(tmp_path: Path) -> None:
    db = tmp_path / "shared" / "bank" / "teller.db"
    done = subprocess.run(
        [sys.executable, "main.py", "--db", f"sqlite:///{db}", "init"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=lambda: os.umask(0),  # everything readable and writable by everyone
    )
    assert done.returncode == 0, done.stderr
    assert mode(db) == 0o600
    assert mode(db.parent) == mode(db.parent.parent) == 0o700


def test_the_wal_and_shm_files_are_as_private_as_the_database(tmp_path: Path) -> None:
    db = tmp_path / "data" / "teller.db"
    old = os.umask(0)
    try:
        engine = make_engine(f"sqlite:///{db}")
        with engine.connect() as conn:
            conn.execute(text("BEGIN IMMEDIATE"))
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
            conn.execute(text("COMMIT"))
            wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
            assert wal.exists() and shm.exists()
            assert (mode(db), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
        engine.dispose()
    finally:
        os.umask(old)
    assert mode(db.parent) == 0o700
