"""The projection registry: every stored event type has exactly one function that
applies it to the state tables. The command handlers and the replay use the same one,
so the live tables and a rebuild from `events` cannot drift apart; `replay --check` proves it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection

from domain.eventstore.events import DomainEvent

E = TypeVar("E", bound=DomainEvent)


Projection = Callable[[Connection, Any, int], None]


# Every stored event type has exactly one projection. Feature modules add theirs with
# @projects and are imported by domain.catalog, so a replay knows them all.
PROJECTIONS: dict[type[DomainEvent], Projection] = {}


def projects(
    event_type: type[E],
) -> Callable[[Callable[[Connection, E, int], None]], Callable[[Connection, E, int], None]]:
    def register(fn: Callable[[Connection, E, int], None]) -> Callable[[Connection, E, int], None]:
        if event_type in PROJECTIONS:
            raise ValueError(f"{event_type.__name__} already has a projection")
        PROJECTIONS[event_type] = fn
        return fn

    return register


def apply_event(conn: Connection, event: DomainEvent, seq: int) -> None:
    try:
        projection = PROJECTIONS[type(event)]
    except KeyError:
        raise TypeError(f"no projection for {type(event).__name__}") from None
    projection(conn, event, seq)
