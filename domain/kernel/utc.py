"""Moments in the database are UTC, and come back knowing it.

SQLite stores a datetime as text without its zone and hands it back naive; PostgreSQL's
`timestamptz` hands it back in the session's zone. One column type makes both the same:
what is written is converted to UTC (a naive moment is refused: it would be read as UTC
whatever it meant), and what is read is an aware UTC moment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"A moment to store must be an aware datetime, not {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
