"""The engine, with the durability settings the ledger needs, and schema migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote

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


def make_engine(url: str, *, read_only: bool = False, **kwargs: Any) -> Engine:
    """`read_only`: for an auditor's proofs on a copy (verify, replay --check): nothing
    is created, migrated or written, so a read-only file or filesystem will do."""
    if read_only:
        return _read_only_engine(url, **kwargs)
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _read_only_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if not url.startswith("sqlite"):
        options = "-c default_transaction_read_only=on"
        return create_engine(url, pool_pre_ping=True, connect_args={"options": options}, **kwargs)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        if not Path(database).exists():
            raise NotADatabase(f"there is no database file at {database}")
        # mode=ro: SQLite opens the file for reading only, and never checkpoints or
        # removes the -wal file of the copy when the last connection closes.
        uri = Path(database).resolve().as_uri().replace("file://", "file:", 1)
        url = f"sqlite:///{uri}?{_read_only_mode(uri)}&uri=true"
    engine = create_engine(url, **kwargs)
    # No journal_mode pragma: switching to WAL writes to the file.
    _on_each_connection(engine, "PRAGMA query_only=ON", "PRAGMA busy_timeout=10000")
    return engine


def _read_only_mode(uri: str) -> str:
    """mode=ro, unless the file is on a read-only filesystem or folder where SQLite
    cannot make the -shm index a WAL database needs: then immutable=1, which reads the
    file without any lock or side file. Safe there: no desk can be writing to a
    database in a folder where it could not make its -wal file either."""
    try:
        probe = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc):
            wal = Path(unquote(uri.removeprefix("file:")) + "-wal")
            if wal.exists() and wal.stat().st_size:
                # Immutable would ignore the pages still in the -wal file.
                raise NotADatabase(
                    f"{wal} holds recent changes and SQLite cannot open it where it "
                    "is (read-only): copy the database with its -wal file to a folder "
                    "you can write to, or run the checks where the desk runs"
                ) from None
            return "immutable=1"
    return "mode=ro"


class NotADatabase(RuntimeError):
    """What an auditor is told instead of a traceback: no file, not ours, or too old."""


def require_current_schema(engine: Engine) -> None:
    """Raise NotADatabase unless the schema is the one this program writes: the proofs
    read the tables as they are now, and a read-only copy cannot be upgraded."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            if "events" not in names or "alembic_version" not in names:
                raise NotADatabase("this is not a Teller Desk database (it has no events)")
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise NotADatabase(f"the database cannot be read: {exc.orig}") from None
    if current != head:
        raise NotADatabase(
            f"this database is at revision {current}, this program reads revision {head}: "
            "open it with the desk or run init to upgrade it (on a copy: upgrade the copy)"
        )


def _configure_sqlite(engine: Engine) -> None:
    _on_each_connection(
        engine,
        "PRAGMA journal_mode=WAL",
        # FULL: a posted payment survives a power cut, not only a crash of the process.
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=10000",
    )


def _on_each_connection(engine: Engine, *pragmas: str) -> None:
    """Every SQLite connection the engine opens runs `pragmas` first.

    The driver opens no transaction of its own: writers say BEGIN IMMEDIATE and readers
    that need one snapshot say BEGIN (domain.eventstore.unit_of_work). No "begin" event
    listener: one costs every statement of the engine about 4 µs."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
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
