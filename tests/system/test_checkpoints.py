"""Signed checkpoints: the journal anchored outside the database.

An attacker who can write the database file can change an event, recompute every later
hash with the project's own hash function and rebuild the tables: plain `verify` and
`replay --check` then pass. The bank's checkpoints, signed with a key the database never
held, still name the rewrite.
"""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from app.database import make_engine
from cli_support import main_py, main_py_ok
from domain.eventstore.store import event_hash
from domain.eventstore.tables import STATE_TABLES, chain_head
from domain.reporting.replay import rebuild


def cli(keys: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """main.py signing with the keys kept in `keys`."""
    return main_py(*args, TELLER_KEY_DIR=str(keys), **extra)


def ok(keys: Path, *args: str, **extra: str) -> str:
    return main_py_ok(*args, TELLER_KEY_DIR=str(keys), **extra)


@pytest.fixture
def closed_day(tmp_path: Path) -> tuple[str, Path, Path]:
    """A demo bank whose day was closed by `eod`: (url, key folder, report folder)."""
    keys, reports = tmp_path / "keys", tmp_path / "reports"
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    shown = ok(keys, "--db", url, "init")
    assert "created checkpoint signing key" in shown
    assert re.search(r"fingerprint [0-9a-f]{64}", shown)
    passwords = dict(
        re.findall(
            r"operator (\S+) \(\w+\): password (\S+)",
            ok(keys, "--db", url, "demo", "--seed", "4", "--accounts", "5", "--payments", "30"),
        )
    )
    closed = ok(
        keys,
        "--db",
        url,
        "eod",
        "--supervisor",
        "super1",
        "--report-dir",
        str(reports),
        TELLER_SUPERVISOR_PASSWORD=passwords["super1"],
    )
    assert "signed checkpoint:" in closed
    return url, keys, reports


def test_init_keeps_the_private_key_private_and_eod_writes_a_recorded_checkpoint(
    closed_day: tuple[str, Path, Path],
) -> None:
    url, keys, reports = closed_day
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    assert stat.S_IMODE((keys / "checkpoint-signing-key.pem").stat().st_mode) == 0o600
    [written] = list(reports.glob("checkpoint-*.json"))
    document = json.loads(written.read_text())
    assert set(document) == {"payload", "signature", "public_key_fingerprint"}
    seq = document["payload"]["seq"]
    assert written.name == f"checkpoint-{seq}.json"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        signed_hash = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()[0]
        recorded = conn.execute(
            "SELECT operator, payload FROM events WHERE event_type = 'CheckpointSigned'"
        ).fetchall()
    assert signed_hash == document["payload"]["hash"]
    assert [(op, json.loads(p)["signature"]) for op, p in recorded] == [
        ("system", document["signature"])
    ]
    # Init again does not replace the key: earlier checkpoints stay provable.
    assert "created" not in ok(keys, "--db", url, "init")
    pem = ok(keys, "--db", url, "checkpoint", "--public-key")
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")


def _rewrite_history(url: str, before_seq: int) -> int:
    """Change a PaymentPosted's amount, recompute every later hash and the chain head with
    the project's own hash function, and rebuild the state tables from the events."""
    path = url.removeprefix("sqlite:///")
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    seq, payload = conn.execute(
        "SELECT seq, payload FROM events WHERE event_type = 'PaymentPosted' AND seq < ? "
        "ORDER BY seq LIMIT 1",
        (before_seq,),
    ).fetchone()
    body = json.loads(payload)
    was = body["amount"]
    body["amount"] = was // 10
    for posting in body["postings"]:
        posting["amount"] = was // 10
    conn.execute(
        "UPDATE events SET payload = ? WHERE seq = ?",
        (json.dumps(body, sort_keys=True, separators=(",", ":")), seq),
    )
    prev = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq - 1,)).fetchone()[0]
    for row in conn.execute("SELECT * FROM events WHERE seq >= ? ORDER BY seq", (seq,)).fetchall():
        fields = dict(row)
        fields["occurred_at"] = datetime.fromisoformat(row["occurred_at"])
        fields["prev_hash"] = prev
        prev = event_hash(fields)
        conn.execute(
            "UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?",
            (fields["prev_hash"], prev, row["seq"]),
        )
    conn.execute(f"UPDATE {chain_head.name} SET last_hash = ? WHERE id = 1", (prev,))
    conn.execute("PRAGMA foreign_keys=OFF")
    for table in reversed(STATE_TABLES):
        conn.execute(f"DELETE FROM {table}")
    conn.commit()
    conn.close()
    engine = make_engine(url)
    rebuild(engine, engine)
    engine.dispose()
    return seq


def test_a_history_rewritten_before_a_checkpoint_is_named(
    closed_day: tuple[str, Path, Path],
) -> None:
    url, keys, reports = closed_day
    [written] = list(reports.glob("checkpoint-*.json"))
    signed = json.loads(written.read_text())["payload"]
    assert "passes through 1 signed checkpoints" in ok(
        keys, "--db", url, "verify", "--checkpoints", str(reports)
    )

    _rewrite_history(url, signed["seq"])

    # What the database alone proves: nothing is wrong.
    assert "the event chain is intact" in ok(keys, "--db", url, "verify")
    assert "match" in ok(keys, "--db", url, "replay", "--check")
    # The auditor's copy of the public key, and the checkpoint folder.
    public = keys.parent / "bank-public.pem"
    ok(keys, "--db", url, "checkpoint", "--public-key", "--out", str(public))
    done = cli(
        keys.parent / "no-keys-here",
        "--db",
        url,
        "verify",
        "--checkpoints",
        str(reports),
        "--public-key",
        str(public),
    )
    assert done.returncode == 1
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        stored = conn.execute("SELECT hash FROM events WHERE seq = ?", (signed["seq"],)).fetchone()
    assert (
        f"the events were rewritten before checkpoint seq {signed['seq']} "
        f"(signed {signed['signed_at']}, business date {signed['business_date']}): "
        f"stored hash {stored[0]}, signed hash {signed['hash']}"
    ) in done.stderr


def test_a_forged_checkpoint_is_named(closed_day: tuple[str, Path, Path], tmp_path: Path) -> None:
    url, keys, reports = closed_day
    [written] = list(reports.glob("checkpoint-*.json"))
    document = json.loads(written.read_text())
    # Someone who rewrote the history writes a checkpoint of their own head.
    document["payload"]["hash"] = "0" * 64
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / written.name).write_text(json.dumps(document))
    done = cli(keys, "--db", url, "verify", "--checkpoints", str(forged))
    assert done.returncode == 1
    assert f"{written.name} (seq {document['payload']['seq']}) is forged or was altered" in (
        done.stderr
    )
    # Signed with another key: as forged, whatever key the forger used.
    ok(tmp_path / "other-keys", "--db", url, "init")
    ok(tmp_path / "other-keys", "--db", url, "checkpoint", "--dir", str(forged))
    done = cli(keys, "--db", url, "verify", "--checkpoints", str(forged))
    assert done.returncode == 1
    assert done.stderr.count("is forged or was altered") == 2


def test_the_audit_screen_checks_the_signed_checkpoints(
    qtbot, closed_day: tuple[str, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """F7 at the audit screen, with the checkpoint folder configured, proves what
    `verify --checkpoints` proves: a history rewritten before a checkpoint is named."""
    from PySide6.QtCore import Qt

    from app.bootstrap import bootstrap
    from gui_support import activate
    from ui.audit_screen import AuditScreen

    url, keys, reports = closed_day
    monkeypatch.setenv("TELLER_KEY_DIR", str(keys))
    monkeypatch.setenv("TELLER_CHECKPOINT_DIR", str(reports))
    [written] = list(reports.glob("checkpoint-*.json"))
    signed = json.loads(written.read_text())["payload"]
    desk = bootstrap(url, start_worker=False)
    try:
        screen = AuditScreen(desk.audit)
        qtbot.addWidget(screen)
        activate(qtbot, screen)  # window shortcuts reach only the active window
        qtbot.keyClick(screen.table, Qt.Key.Key_F7)
        # The check runs off the GUI thread; its verdict arrives when it is done.
        qtbot.waitUntil(lambda: "intact" in screen.verdict.text(), timeout=10_000)
        assert "passes through every signed checkpoint" in screen.verdict.text()

        _rewrite_history(url, signed["seq"])
        qtbot.keyClick(screen.table, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: "BROKEN" in screen.verdict.text(), timeout=10_000)
        assert f"rewritten before checkpoint seq {signed['seq']}" in screen.verdict.text()
    finally:
        desk.close()
