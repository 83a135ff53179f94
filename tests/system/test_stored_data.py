"""Data already stored keeps its meaning as the code moves on.

`data/bank-2026-11-30.sqlite` was made by the desk as it stood on 2026-11-30, before the
domain was re-housed by context (`main.py init`, then `demo --accounts 8 --payments 40`):
its schema is two Alembic heads behind, and its events were written by classes that
have moved since. Upgraded by today's code it must still prove itself (`verify`), rebuild
from its events alone (`replay --check`), and read as a desk reads it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from app.bootstrap import bootstrap
from app.database import alembic_config, make_engine, upgrade
from cli_support import main_py

STORED = Path(__file__).resolve().parents[1] / "data" / "bank-2026-11-30.sqlite"


def test_a_bank_stored_before_the_move_upgrades_verifies_and_replays(tmp_path: Path) -> None:
    copy = tmp_path / "bank.db"
    shutil.copyfile(STORED, copy)
    with sqlite3.connect(copy) as raw:
        stored_customers = {
            row[0] for row in raw.execute("SELECT account_id FROM accounts WHERE kind = 'customer'")
        }
        stored_payments = raw.execute("SELECT count(*) FROM payments").fetchone()[0]
    url = f"sqlite:///{copy}"
    upgraded = main_py("--db", url, "init")
    assert upgraded.returncode == 0, upgraded.stderr
    verified = main_py("--db", url, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "the event chain is intact" in verified.stdout
    replayed = main_py("--db", url, "replay", "--check")
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert "match" in replayed.stdout

    desk = bootstrap(url, start_worker=False)
    try:
        # What the demo keyed is there to read: its customers, their balances, its day.
        customers = desk.queries.accounts_of_kind("customer")
        assert {account.account_id for account in customers} == stored_customers
        assert sum(account.posted for account in customers) > 0
        assert desk.queries.count("payments") == stored_payments > 40
    finally:
        desk.close()


def test_every_revision_upgrades_to_the_one_head(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    config = alembic_config(engine)
    script = ScriptDirectory.from_config(config)
    heads = script.get_heads()
    assert len(heads) == 1, heads
    revisions = [rev.revision for rev in script.walk_revisions()]
    engine.dispose()
    for revision in [*revisions, None]:
        name = revision or "empty"
        engine = make_engine(f"sqlite:///{tmp_path / f'at-{name}.db'}")
        try:
            if revision is not None:
                command.upgrade(alembic_config(engine), revision)
            upgrade(engine)
            with engine.connect() as conn:
                at = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
                assert list(at) == heads, name
        finally:
            engine.dispose()
    # The schema a fresh database gets holds the event log a desk appends to.
    check = create_engine(f"sqlite:///{tmp_path / 'at-empty.db'}")
    with check.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0
    check.dispose()
