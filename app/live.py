"""Every desk is live: events other desks commit are published on this desk's bus.

A thread follows the event log (domain.eventstore.feed: woken by PostgreSQL's NOTIFY, or
a short look at the chain head on SQLite) from the head at start, and hands each new
event to the bus worker, which publishes it unless this desk published it itself. The
worker runs one thing at a time, so by the time it looks, a command of this desk that
stored the event has already published it: nothing reaches the views twice. Views then
refresh as they do for this desk's own events (the journal, the approvals queue, the
balances on the form); the domain's own subscriber drops its role cache on another
desk's operator change.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from datetime import datetime
from functools import partial

from sqlalchemy import Engine

from bus import BusWorker, MessageBus
from domain.eventstore.events import DomainEvent, event_from_row
from domain.eventstore.feed import (
    EventFeed,
    EventLogReachable,
    EventLogUnreachable,
    StoredEvent,
)

log = logging.getLogger(__name__)

# Ids of events this desk published, remembered long enough for the feed to pass them.
REMEMBERED = 10_000


class LiveFeed:
    def __init__(
        self, engine: Engine, bus: MessageBus, worker: BusWorker, wait_seconds: float = 0.5
    ) -> None:
        self._feed = EventFeed(engine)
        self._bus = bus
        self._worker = worker
        self._wait_seconds = wait_seconds
        self._published_here: OrderedDict[str, None] = OrderedDict()
        self._unsubscribe = bus.subscribe(DomainEvent, self._remember)
        self._after = self._feed.head()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="live-feed", daemon=True)

    def start(self) -> LiveFeed:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._unsubscribe()
        self._feed.close()

    def _remember(self, event: DomainEvent) -> None:
        # On the worker thread, as every publish of this desk.
        self._published_here[event.message_id] = None
        while len(self._published_here) > REMEMBERED:
            self._published_here.popitem(last=False)

    def _follow(self) -> None:
        offline = False
        while not self._stop.is_set():
            try:
                found = self._feed.read(self._after)
            except Exception as exc:
                # The database went away: said once; the feed catches up by seq once it
                # is back. Published from this thread: the worker may be waiting on the
                # same database.
                if not offline:
                    offline = True
                    log.warning("live feed: the event log cannot be read: %s", exc)
                    self._bus.publish(EventLogUnreachable(reason=_first_line(exc)))
                self._stop.wait(1.0)
                continue
            if offline:
                offline = False
                self._bus.publish(EventLogReachable())
            for stored in found:
                self._after = stored.seq
                self._worker.call(partial(self._publish, _event(stored)))
            self._feed.wait(self._after, self._wait_seconds)

    def _publish(self, event: DomainEvent) -> None:
        if event.message_id not in self._published_here:
            self._bus.publish(event)


def _event(stored: StoredEvent) -> DomainEvent:
    return event_from_row(
        stored.event_type,
        stored.payload,
        event_id=stored.event_id,
        operator=stored.operator,
        correlation_id=stored.correlation_id,
        causation_id=stored.causation_id,
        occurred_at=datetime.fromisoformat(stored.occurred_at.replace("Z", "+00:00")),
    )


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
