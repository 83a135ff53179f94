"""Handlers run on the worker thread; views hear about results on the GUI thread."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QApplication

from bus import BusWorker, Command, Event, MessageBus
from ui.bridge import EventBridge


@dataclass(frozen=True, kw_only=True)
class Ping(Command):
    n: int


@dataclass(frozen=True, kw_only=True)
class Ponged(Event):
    n: int
    handler_thread: int


def test_handlers_run_off_the_gui_thread_and_results_arrive_on_it(qtbot):
    bus = MessageBus()
    bus.handle_command(Ping, lambda c: [Ponged(n=c.n, handler_thread=threading.get_ident())])
    worker = BusWorker(bus).start()
    bridge = EventBridge(bus.subscribe)
    seen: list[tuple[int, int, bool]] = []
    app = QApplication.instance()
    assert app is not None
    gui_thread = app.thread()

    def on_event(event: Event) -> None:
        if isinstance(event, Ponged):
            seen.append((event.n, event.handler_thread, QThread.currentThread() is gui_thread))

    bridge.event_arrived.connect(on_event)
    try:
        with qtbot.waitSignal(
            bridge.event_arrived,
            timeout=5000,
            check_params_cb=lambda e: isinstance(e, Ponged) and e.n == 49,
        ):
            for n in range(50):
                worker.submit(Ping(n=n))
    finally:
        bridge.close()
        worker.stop()
    assert [n for n, _, _ in seen] == list(range(50))  # in order
    assert {thread for _, thread, _ in seen} == {worker.thread.ident}
    assert worker.thread.ident != threading.get_ident()
    assert all(on_gui for _, _, on_gui in seen)


class Emitter(QObject):
    fired = Signal(bool)


def test_ten_thousand_signal_emits_do_not_crash(qtbot):
    """PySide6 6.12.0 on Python 3.11 drops a reference to True per emit and aborts after a
    few hundred: this guards the version pin."""
    emitter = Emitter()
    received: list[bool] = []
    emitter.fired.connect(received.append)
    for i in range(10_000):
        emitter.fired.emit(i % 2 == 0)
    assert len(received) == 10_000
    assert received[:2] == [True, False]
