"""The stored-event base: the envelope, the registry by class name, canonical JSON.

Domain events carry only JSON-friendly fields (str, int, bool, lists and dicts of them)
so the stored payload is exactly the event and a rebuild reads back what was written.
Stored type names are the class names: moving a class keeps its stored name.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, ClassVar

import orjson

from bus import Event

ENVELOPE_FIELDS = frozenset(
    {"message_id", "actor", "correlation_id", "causation_id", "occurred_at"}
)


# Stored event types by name; every DomainEvent subclass adds itself.
EVENT_TYPES: dict[str, type[DomainEvent]] = {}


@dataclass(frozen=True, kw_only=True)
class DomainEvent(Event):
    """An event that changes state and is stored. Subclasses name their aggregate:
    its type, and the field of theirs that holds its id (`aggregate_key`)."""

    aggregate_type: ClassVar[str]
    aggregate_key: ClassVar[str]
    aggregate_version: int

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Register by name so stored rows can be turned back into events; a private
        # base (its name starts with "_") holds shared fields and is never stored.
        if cls.__name__.startswith("_"):
            return
        if cls.__name__ in EVENT_TYPES:
            raise ValueError(f"two stored event types named {cls.__name__}")
        EVENT_TYPES[cls.__name__] = cls

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.aggregate_key))


def payload_of(event: DomainEvent) -> dict[str, Any]:
    return {
        f.name: getattr(event, f.name)
        for f in dataclasses.fields(event)
        if f.name not in ENVELOPE_FIELDS
    }


_PLAIN = frozenset({str, int, bool, type(None)})


def _no_float(data: Any) -> bool:
    # A loop, not a recursion: it runs for every stored event and every hash.
    stack = [data]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind in _PLAIN:
            continue
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, float):
            return False
    return True


def canonical_json(data: Any) -> str:
    """The stored (and hashed) spelling: json.dumps with sorted keys, no spaces, no
    ASCII escapes. orjson writes the same bytes for everything but floats (which events
    do not carry), several times faster; whatever it refuses (an integer beyond 64 bits,
    a lone surrogate, a key that is not a string) goes to json.dumps, as do floats.
    tests/domain/eventstore/test_canonical_json.py holds the two to the same bytes."""
    if _no_float(data):
        try:
            return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")
        except TypeError:
            pass
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# Per event type, its fields typed as an enum (a payment's kind, an operator's role...):
# the payload stores their values, and reading gives them back as members.
_ENUM_FIELDS: dict[type[DomainEvent], tuple[tuple[str, type[Enum]], ...]] = {}


def _enum_fields(cls: type[DomainEvent]) -> tuple[tuple[str, type[Enum]], ...]:
    found = _ENUM_FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = tuple(
            (f.name, hint)
            for f in dataclasses.fields(cls)
            if isinstance(hint := hints[f.name], type) and issubclass(hint, Enum)
        )
        _ENUM_FIELDS[cls] = found
    return found


def event_from_row(
    event_type: str,
    payload: str,
    *,
    event_id: str,
    operator: str,
    correlation_id: str,
    causation_id: str,
    occurred_at: datetime,
) -> DomainEvent:
    cls = EVENT_TYPES[event_type]
    fields = json.loads(payload)
    for name, enum in _enum_fields(cls):
        if name in fields:  # an older event may lack a field that has a default
            fields[name] = enum(fields[name])
    return cls(
        message_id=event_id,
        actor=operator,
        correlation_id=correlation_id,
        causation_id=causation_id,
        occurred_at=occurred_at,
        **fields,
    )
