"""The projection registry: every stored event type has exactly one function that
applies it to the state tables. The command handlers and the replay use the same one,
so the live tables and a rebuild from `events` cannot drift apart; `replay --check` proves it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Connection

from domain.eventstore.events import DomainEvent

E = TypeVar("E", bound=DomainEvent)


Projection = Callable[[Connection, Any, int], None]


# Every stored event type has exactly one projection. Feature modules add theirs with
# @projects and are imported by domain.catalog, so a replay knows them all.
PROJECTIONS: dict[type[DomainEvent], Projection] = {}


# Event types whose projections see a held write (`hold`) and finish it themselves.
SEES_HELD: set[type[DomainEvent]] = set()


def projects(
    event_type: type[E], *, sees_held: bool = False
) -> Callable[[Callable[[Connection, E, int], None]], Callable[[Connection, E, int], None]]:
    def register(fn: Callable[[Connection, E, int], None]) -> Callable[[Connection, E, int], None]:
        if event_type in PROJECTIONS:
            raise ValueError(f"{event_type.__name__} already has a projection")
        PROJECTIONS[event_type] = fn
        if sees_held:
            SEES_HELD.add(event_type)
        return fn

    return register


# A row a projection holds back instead of writing, because the next event of the same
# command changes it at once: a payment keyed and posted is written once, final, not
# inserted and then updated. Per connection; what holds it: (key, row, how to write it).
Held = tuple[str, dict[str, Any], Callable[[Connection, dict[str, Any]], None]]
_HELD: WeakKeyDictionary[Connection, Held] = WeakKeyDictionary()


def hold(conn: Connection, key: str, row: dict[str, Any], write: Callable[..., None]) -> None:
    write_held(conn)
    _HELD[conn] = (key, row, write)


def held(conn: Connection, key: str) -> dict[str, Any] | None:
    """The row held back under `key`, to change before it is written; or None."""
    found = _HELD.get(conn)
    return found[1] if found is not None and found[0] == key else None


def take_held(conn: Connection, key: str) -> dict[str, Any] | None:
    """The row held back under `key`, now the caller's to write; or None."""
    found = _HELD.get(conn)
    if found is None or found[0] != key:
        return None
    del _HELD[conn]
    return found[1]


def write_held(conn: Connection) -> None:
    """Write what is held back. Before anything reads the state tables: the end of each
    command (domain.eventstore.unit_of_work) and each commit of a replay."""
    found = _HELD.pop(conn, None)
    if found is not None:
        found[2](conn, found[1])


def forget_held(conn: Connection) -> None:
    """The transaction rolled back: what was held goes with it."""
    _HELD.pop(conn, None)


def apply_event(conn: Connection, event: DomainEvent, seq: int) -> None:
    try:
        projection = PROJECTIONS[type(event)]
    except KeyError:
        raise TypeError(f"no projection for {type(event).__name__}") from None
    if type(event) not in SEES_HELD:
        write_held(conn)
    projection(conn, event, seq)
