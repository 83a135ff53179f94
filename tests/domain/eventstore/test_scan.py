"""The proofs recompute each stored event's hash from its raw row, spelled by hand for
speed: it must be the very hash the event store wrote, whatever the text holds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from domain.eventstore.scan import COLUMNS, row_hash
from domain.eventstore.store import event_hash

MOMENT = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def stored(**changes: Any) -> tuple[Any, ...]:
    row: dict[str, Any] = {
        "seq": 7,
        "event_id": "e-1",
        "event_type": "PaymentPosted",
        "aggregate_type": "payment",
        "aggregate_id": "p-1",
        "aggregate_version": 2,
        "occurred_at": MOMENT,
        "operator": "teller1",
        "correlation_id": "c-1",
        "causation_id": "c-1",
        "payload": '{"reference":"Müller \\"quoted\\" \\u0007 €"}',
        "prev_hash": "a" * 64,
        "hash": "",
    }
    row.update(changes)
    return tuple(row[name] for name in COLUMNS)


def written_hash(row: tuple[Any, ...]) -> str:
    return event_hash(dict(zip(COLUMNS, row, strict=True)))


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"operator": 'O\'Neil "the teller"\n\t', "aggregate_id": "中文 账户"},
        {"payload": "{}", "seq": 10**12},
        {"aggregate_version": True},  # not an int in JSON: the slow, exact spelling
        {"operator": None},
    ],
)
def test_the_hash_from_a_raw_row_is_the_hash_the_store_wrote(changes: dict[str, Any]) -> None:
    row = stored(**changes)
    # SQLite hands the moment back as its own text, PostgreSQL as an aware datetime.
    as_sqlite = (*row[:6], "2026-03-01 09:30:15.123456", *row[7:])
    assert row_hash(row) == written_hash(row)
    assert row_hash(as_sqlite) == written_hash(row)


def test_one_changed_character_changes_the_hash() -> None:
    assert row_hash(stored(operator="teller1")) != row_hash(stored(operator="teller2"))
