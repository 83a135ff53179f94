"""How drawer events change `drawer_sessions`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    update,
)

from domain.drawers.events import DrawerClosed, DrawerCounted, DrawerOpened, DrawerSessionStarted
from domain.drawers.sessions import CLOSED, CLOSING, OPEN, OPENING
from domain.drawers.tables import drawer_sessions
from domain.eventstore.events import canonical_json
from domain.eventstore.projections import projects


def _move(
    conn: Connection, event: DrawerOpened | DrawerCounted | DrawerClosed, **values: Any
) -> None:
    """Move the event's session on to the event's version, with `values`."""
    conn.execute(
        update(drawer_sessions)
        .where(drawer_sessions.c.session_id == event.session_id)
        .values(version=event.aggregate_version, **values)
    )


@projects(DrawerSessionStarted)
def _started(conn: Connection, event: DrawerSessionStarted, seq: int) -> None:
    conn.execute(
        drawer_sessions.insert(),
        {
            "session_id": event.session_id,
            "teller": event.teller,
            "drawer_account": event.drawer_account,
            "currency": event.currency,
            "state": OPENING,
            "started_at": event.occurred_at,
            "started_seq": seq,
            "version": event.aggregate_version,
        },
    )


@projects(DrawerOpened)
def _opened(conn: Connection, event: DrawerOpened, seq: int) -> None:
    _move(
        conn,
        event,
        state=OPEN,
        opening_counts=canonical_json(event.counts),
        opening_expected=event.expected,
        opening_counted=event.counted,
        opening_approved_by=event.approved_by or None,
    )


@projects(DrawerCounted)
def _counted(conn: Connection, event: DrawerCounted, seq: int) -> None:
    _move(
        conn,
        event,
        state=CLOSING,
        closing_counts=canonical_json(event.counts),
        closing_expected=event.expected,
        closing_counted=event.counted,
        counted_by=event.actor,
    )


@projects(DrawerClosed)
def _closed(conn: Connection, event: DrawerClosed, seq: int) -> None:
    _move(
        conn,
        event,
        state=CLOSED,
        closed_by=event.actor,
        closing_approved_by=event.approved_by or None,
        closed_at=event.occurred_at,
        closed_seq=seq,
    )
