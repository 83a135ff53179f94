"""Delivers bus events, published on the worker thread, to Qt objects on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from bus import Event

Subscribe = Callable[[type[Event], Callable[[Any], None]], Callable[[], None]]
# Runs on the thread that published the event; returns what a view needs, or None.
Read = Callable[[Event], Any]


class _Delivery(QObject):
    # Emitted on the publishing thread; queued to the receiver on the GUI thread.
    arrived = Signal(object)


class EventBridge(QObject):
    """Re-emits every bus event as a Qt signal.

    The signal is emitted on the worker thread; Qt queues it to each connected receiver's
    thread, so views update on the GUI thread, in the order the events were published.

    A view that needs the database to show what an event means does not read it on the
    GUI thread: it hands `read_with` a function that runs where the event is published
    (the worker, right after the command committed) and gets its answer as a signal.
    """

    event_arrived = Signal(object)

    def __init__(self, subscribe: Subscribe, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads: tuple[tuple[Read, _Delivery], ...] = ()
        self._lock = threading.Lock()
        self._unsubscribe = subscribe(Event, self._published)

    def _published(self, event: Event) -> None:
        self.event_arrived.emit(event)
        for read, delivery in self._reads:
            answer = read(event)
            if answer is not None:
                delivery.arrived.emit(answer)

    def read_with(self, read: Read, deliver: Callable[[Any], None]) -> Callable[[], None]:
        """Run `read(event)` on the publishing thread for every event; an answer that is
        not None reaches `deliver` on the GUI thread, after the event itself. Returns
        the function that stops it."""
        delivery = _Delivery(self)
        delivery.arrived.connect(deliver)
        entry = (read, delivery)
        with self._lock:
            self._reads = (*self._reads, entry)

        def stop() -> None:
            with self._lock:
                self._reads = tuple(r for r in self._reads if r is not entry)

        return stop

    def close(self) -> None:
        self._unsubscribe()
