"""An auditor checks a copy without changing it: `verify` and `replay --check` open the
database read-only (no WAL switch, no migration, no write), also on a read-only
filesystem, and say plainly when a copy is not one they can read."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.bootstrap import Desk
from app.database import make_engine
from domain.reporting.audit import verify
from helpers import ALICE, deposit
from tests.system.test_checkpoints import cli, ok


@pytest.fixture
def original(tmp_path: Path) -> Path:
    """A desk's database with a day of payments, closed by the desk that made it."""
    path = tmp_path / "desk" / "bank.db"
    keys = tmp_path / "keys"
    ok(keys, "--db", f"sqlite:///{path}", "init")
    ok(keys, "--db", f"sqlite:///{path}", "demo", "--accounts", "5", "--payments", "20")
    return path


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def audit_passes(keys: Path, url: str) -> None:
    """`verify` and `replay --check` both pass on the copy at `url`."""
    assert "the event chain is intact" in ok(keys, "--db", url, "verify")
    assert "match" in ok(keys, "--db", url, "replay", "--check")


def reads_but_never_writes(url: str) -> None:
    """The read-only engine on `url` verifies the chain and refuses a write outright."""
    engine = make_engine(url, read_only=True)
    try:
        assert verify(engine) == []
        with (
            pytest.raises(DBAPIError, match=r"readonly|read-only"),
            engine.connect() as conn,
        ):
            conn.execute(text("DELETE FROM events"))
            conn.commit()
    finally:
        engine.dispose()


def test_verify_and_replay_leave_a_copy_exactly_as_it_was(original: Path, tmp_path: Path) -> None:
    copy = tmp_path / "audit" / "bank.db"
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    before = _fingerprint(copy)
    url = f"sqlite:///{copy}"
    audit_passes(tmp_path, url)
    assert _fingerprint(copy) == before
    reads_but_never_writes(url)
    assert _fingerprint(copy) == before


@pytest.fixture
def read_only_filesystem(tmp_path: Path) -> Iterator[Path]:
    """A real read-only filesystem (tmpfs remounted ro); skipped where mounting is not
    allowed. chmod would not do: root writes through it."""
    mount = tmp_path / "ro"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a filesystem here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_verify_and_replay_run_on_a_read_only_filesystem(
    original: Path, read_only_filesystem: Path, tmp_path: Path
) -> None:
    shutil.copy2(original, read_only_filesystem / "bank.db")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_filesystem)], check=True)
    url = f"sqlite:///{read_only_filesystem / 'bank.db'}"
    audit_passes(tmp_path, url)
    assert [p.name for p in read_only_filesystem.iterdir()] == ["bank.db"]


def test_a_copy_at_an_older_revision_gets_a_message_not_a_traceback(
    original: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "old.db"
    shutil.copy2(original, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
    before = _fingerprint(copy)
    for command in (["verify"], ["replay", "--check"]):
        done = cli(tmp_path, "--db", f"sqlite:///{copy}", *command)
        assert done.returncode == 2
        assert "this database is at revision 0007" in done.stderr
        assert "open it with the desk or run init to upgrade it" in done.stderr
        assert "Traceback" not in done.stderr
    assert _fingerprint(copy) == before
    missing = cli(tmp_path, "--db", f"sqlite:///{tmp_path / 'nothing.db'}", "verify")
    assert missing.returncode == 2
    assert "there is no database file at" in missing.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_the_read_only_engine_reads_but_never_writes_on_both_databases(bank: Desk) -> None:
    deposit(bank.bus, ALICE, 5_000)
    url = bank.engine.url.render_as_string(hide_password=False)
    reads_but_never_writes(url)
    assert verify(bank.engine) == []
