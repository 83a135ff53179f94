"""Delivers bus events, published on the worker thread, to Qt objects on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from bus import Event

Subscribe = Callable[[type[Event], Callable[[Any], None]], Callable[[], None]]


class EventBridge(QObject):
    """Re-emits every bus event as a Qt signal.

    The signal is emitted on the worker thread; Qt queues it to each connected receiver's
    thread, so views update on the GUI thread, in the order the events were published.
    """

    event_arrived = Signal(object)

    def __init__(self, subscribe: Subscribe, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = subscribe(Event, self.event_arrived.emit)

    def close(self) -> None:
        self._unsubscribe()
