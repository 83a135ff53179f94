"""The engine, with the durability settings the ledger needs, and schema migrations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).with_name("migrations")


def private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents readable by their owner only (0700),
    whatever the umask; folders that exist already are left as they are."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)
        os.chmod(made, 0o700)


def private_sqlite_file(url: str) -> None:
    """A new SQLite database file is created 0600 (in a 0700 folder if the folder is new)
    before SQLite opens it; SQLite gives its -wal and -shm files the database file's
    permissions. Sharing a database between users is a deliberate step (README)."""
    parsed = make_url(url)
    database = parsed.database or ""
    if (
        database in ("", ":memory:")
        or database.startswith("file:")
        or parsed.query.get("uri")
        or Path(database).exists()
    ):
        return
    path = Path(database)
    private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver opens no transaction of its own: writers say BEGIN IMMEDIATE and
        # readers that need one snapshot say BEGIN (domain.eventstore.unit_of_work). No "begin"
        # event listener: one costs every statement of the engine about 4 µs.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a posted payment survives a power cut, not only a crash of the process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser reads '%' as interpolation: a URL-encoded socket path (host=%2Ftmp...)
    # or password would otherwise make upgrade() fail.
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Create the schema or bring it up to date."""
    # One head: a migration added beside another is joined by a merge revision.
    command.upgrade(alembic_config(engine), "head")


def is_initialised(engine: Engine) -> bool:
    return inspect(engine).has_table("events")
