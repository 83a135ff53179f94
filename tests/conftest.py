"""Fixtures for the non-GUI tests: real databases, a wired desk, a small bank.

No Qt here: GUI tests bring their own fixtures. Every test gets a database of its own,
a SQLite file in its tmp_path, or with TELLER_TEST_PG_URL set, a fresh PostgreSQL
database that is dropped afterwards.

Argon2 is slow on purpose; tests make it cheap through the same settings a bank would
use (not by mocking it), and give `init` the first admin's password the way CI does.
Set before anything else is imported, so subprocesses inherit them too.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TELLER_ARGON2_TIME_COST", "1")
os.environ.setdefault("TELLER_ARGON2_MEMORY_KIB", "8192")
os.environ.setdefault("TELLER_ADMIN_PASSWORD", "correct horse battery")
os.environ.setdefault("TELLER_ADMIN_NAME", "admin")
# The bank's checkpoint signing key, as `init` makes it, in a folder of this run: never
# the config folder of whoever runs the tests.
if "TELLER_KEY_DIR" not in os.environ:
    import tempfile

    os.environ["TELLER_KEY_DIR"] = str(Path(tempfile.mkdtemp(prefix="teller-keys-")) / "keys")

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from app.bootstrap import Desk, bootstrap
from app.checkpoints import ensure_key_pair
from helpers import ALICE, BOB, DRAWER, open_account, open_drawer

ensure_key_pair()

PG_URL_ENV = "TELLER_TEST_PG_URL"
PG_SKIP_REASON = f"set {PG_URL_ENV} to run against PostgreSQL (see .ci/run)"
AMQP_URL_ENV = "TELLER_TEST_AMQP_URL"
AMQP_SKIP_REASON = f"set {AMQP_URL_ENV} to run against a RabbitMQ broker (see .ci/run)"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A real SQLite file, as a desk uses by default."""
    return f"sqlite:///{tmp_path / 'teller.db'}"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An AUTOCOMMIT connection to the maintenance database, to create and drop databases."""
    base = os.environ.get(PG_URL_ENV)
    if not base:
        pytest.skip(PG_SKIP_REASON)
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin: Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    name = f"teller_test_{uuid.uuid4().hex[:16]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_admin.url).set(database=name).render_as_string(hide_password=False)
    finally:
        with pg_admin.connect() as conn:
            # FORCE: a test that failed half-way may have left a connection open.
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def amqp_url() -> str:
    """The RabbitMQ broker the relay tests publish to (a throwaway node in CI)."""
    url = os.environ.get(AMQP_URL_ENV)
    if not url:
        pytest.skip(AMQP_SKIP_REASON)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    if not os.environ.get(PG_URL_ENV):
        pytest.skip(PG_SKIP_REASON)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def desk(db_url: str) -> Iterator[Desk]:
    """A wired desk whose commands run synchronously with `desk.bus.dispatch`."""
    desk = bootstrap(db_url, start_worker=False)
    try:
        yield desk
    finally:
        desk.close()


@pytest.fixture
def bank(desk: Desk) -> Desk:
    """A desk with a teller's EUR drawer and two EUR customers, Alice and Bob; all empty."""
    open_drawer(desk.bus, DRAWER)
    open_account(desk.bus, ALICE, holder_name="Alice Müller")
    open_account(desk.bus, BOB, holder_name="Bob Li")
    return desk
