"""Every stored moment comes back as the same instant, in UTC, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.exc import StatementError

from domain.kernel.utc import UtcDateTime

moments = Table(
    "moments",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime(), nullable=True),
)


def test_a_moment_keyed_in_shanghai_is_read_back_as_the_same_instant_in_utc(db_url: str) -> None:
    engine = create_engine(db_url)
    shanghai = timezone(timedelta(hours=8))
    keyed = datetime(2026, 11, 30, 9, 15, 30, 123456, tzinfo=shanghai)
    try:
        moments.create(engine)
        with engine.begin() as conn:
            conn.execute(insert(moments), [{"id": 1, "at": keyed}, {"id": 2, "at": None}])
        with engine.connect() as conn:
            read = {row.id: row.at for row in conn.execute(select(moments.c.id, moments.c.at))}
    finally:
        moments.drop(engine, checkfirst=True)
        engine.dispose()
    assert read[1] == keyed
    assert read[1].tzinfo is not None and read[1].utcoffset() == timedelta(0)
    assert read[1].hour == 1
    assert read[2] is None


def test_a_moment_without_its_zone_is_refused_not_guessed(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    moments.create(engine)
    with pytest.raises(StatementError, match="aware datetime"), engine.begin() as conn:
        conn.execute(insert(moments), {"id": 1, "at": datetime(2026, 11, 30, 9, 15)})
    with engine.connect() as conn:
        assert conn.execute(select(moments)).all() == []
    engine.dispose()
