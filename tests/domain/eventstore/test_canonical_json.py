"""The stored spelling of an event must not change with the encoder that writes it: every
hash in every database ever written depends on it (tests/system/test_stored_data.py
verifies old files). canonical_json takes a faster encoder, so it is held here to
json.dumps' bytes over everything an event (or a hashed row) can carry."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.eventstore.events import canonical_json
from domain.eventstore.store import utc_iso


def reference(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def spelt_by_json(data: Any) -> str | None:
    try:
        return reference(data)
    except (TypeError, ValueError):
        return None


_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.text()
    | st.text(alphabet=st.characters(max_codepoint=0x9F))
    | st.floats()
)


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return (
        st.lists(inner)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(), inner)
        | st.dictionaries(st.integers(), inner)
    )


_DATA = st.recursive(_LEAVES, _containers, max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(_DATA)
def test_canonical_json_is_json_dumps_byte_for_byte(data: Any) -> None:
    expected = spelt_by_json(data)
    if expected is None:
        return
    assert canonical_json(data) == expected


def test_a_stored_event_row_is_spelt_as_before() -> None:
    # A row as it is hashed: strings with escapes, non-ASCII, and the payload as text.
    row = {
        "seq": 7,
        "event_id": "e",
        "operator": "Zoë",
        "payload": '{"reference":"Miete\\n\\u0000 € \\"x\\""}',
        "prev_hash": "",
        "causation_id": "\u2028\x7f\x1f",
        "aggregate_version": 2**63,
    }
    assert canonical_json(row) == reference(row)


@settings(max_examples=400, deadline=None)
@given(st.datetimes(timezones=st.timezones()))
def test_a_hashed_moment_is_spelt_as_strftime_spelt_it(moment: datetime) -> None:
    # utc_iso builds the spelling without strftime; every stored hash covers it.
    expected = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert utc_iso(moment) == expected
