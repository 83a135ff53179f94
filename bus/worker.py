"""One worker thread that runs every command, serially, off the GUI thread.

Serial execution keeps the ledger's invariants simple (one writer per desk) and matches
SQLite's single-writer model. Results are published on this thread; a GUI bridges them
to its own thread.

When commands queue up faster than they commit, the worker takes those already waiting
(up to `max_group`) and runs them inside one `group_scope` (a shared transaction that
commits once), then publishes their results: throughput under load without making a
lone command wait for company.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from bus.message_bus import MessageBus
from bus.messages import Command

log = logging.getLogger(__name__)

_STOP = object()

GroupScope = Callable[[], AbstractContextManager[Any]]


class BusWorker:
    def __init__(
        self,
        bus: MessageBus,
        *,
        group_scope: GroupScope | None = None,
        max_group: int = 256,
        runs_alone: Callable[[Command], bool] | None = None,
        name: str = "bus-worker",
    ) -> None:
        self._bus = bus
        self._group_scope = group_scope
        # Commands that must not share a group's transaction (a slow check that would hold
        # the group's write lock meanwhile): each runs on its own, in queue order.
        self._runs_alone = runs_alone or (lambda _command: False)
        self._max_group = max_group
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False
        self.groups_committed = 0
        self.largest_group = 0

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def start(self) -> BusWorker:
        if not self._started:
            self._started = True
            self._thread.start()
        return self

    def submit(self, command: Command) -> None:
        """Queue a command; its result events are published on the worker thread."""
        self._queue.put(command)

    def call(self, fn: Callable[[], Any]) -> None:
        """Run a plain function on the worker thread, in order with the commands."""
        self._queue.put(fn)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until everything submitted so far has been handled."""
        done = threading.Event()
        self._queue.put(done.set)
        return done.wait(timeout)

    def stop(self, timeout: float | None = 10) -> None:
        if self._started and self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def _run(self) -> None:
        item: Any = None
        while True:
            item = self._queue.get() if item is None else item
            if item is _STOP:
                return
            if isinstance(item, Command):
                group, item = self._take_waiting_commands(item)
                self._handle(group)
                continue
            try:
                item()
            except Exception:
                log.exception("worker call failed")
            item = None

    def _take_waiting_commands(self, first: Command) -> tuple[list[Command], Any]:
        """The first command plus those queued behind it; also the next non-command item."""
        group = [first]
        if self._group_scope is None or self._runs_alone(first):
            return group, None
        while len(group) < self._max_group:
            try:
                following = self._queue.get_nowait()
            except queue.Empty:
                return group, None
            if not isinstance(following, Command) or self._runs_alone(following):
                return group, following
            group.append(following)
        return group, None

    def _handle(self, group: list[Command]) -> None:
        if len(group) == 1 or self._group_scope is None:
            for command in group:
                self._bus.dispatch(command)
            return
        try:
            with self._group_scope():
                results = [
                    self._bus.dispatch(command, publish=False, retry=False) for command in group
                ]
        except Exception:
            # Nothing of the group was kept: run each command on its own, so one bad
            # command costs only itself.
            log.warning(
                "group of %d commands rolled back; running them one by one",
                len(group),
                exc_info=True,
            )
            for command in group:
                self._bus.dispatch(command)
            return
        self.groups_committed += 1
        self.largest_group = max(self.largest_group, len(group))
        for events in results:
            for event in events:
                self._bus.publish(event)
