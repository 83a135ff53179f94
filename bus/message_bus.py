"""Dispatch over pyee with an error policy of our own.

Plain pyee runs listeners in order and lets the first exception escape `emit`, skipping
the rest; its 'error' event does not catch it. Here every listener is wrapped: a failing
subscriber is logged and reported as SubscriberFailed, and the others still run. A
command handler's Rejection becomes CommandRejected; anything else it raises becomes
CommandFailed, unless the bus was told it is transient (another writer was in the way):
then the command runs again, a few times, after a short random pause; commands are
idempotent by their id, so a second run never does anything twice. Events produced
while handling are queued and published breadth-first, in the order they were produced,
after the handler has returned (and so after its transaction has committed).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from pyee import EventEmitter

from bus.messages import (
    Command,
    CommandFailed,
    Event,
    Rejection,
    SubscriberFailed,
    caused_by,
    rejected,
)

log = logging.getLogger(__name__)

C = TypeVar("C", bound=Command)
E = TypeVar("E", bound=Event)

CommandHandler = Callable[[Any], Sequence[Event]]
Subscriber = Callable[[Any], None]


def _key(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


Transient = Callable[[BaseException], bool]


class MessageBus:
    def __init__(self, *, transient: Transient | None = None, attempts: int = 8) -> None:
        """`transient(exc)`: whether a handler's exception only means "try again"."""
        self._emitter = EventEmitter()
        self._command_handlers: dict[type[Command], CommandHandler] = {}
        self._delivering = threading.local()
        self._transient = transient
        self._attempts = attempts
        self.retries = 0

    # -- wiring -----------------------------------------------------------------------

    def handle_command(
        self, command_type: type[C], handler: Callable[[C], Sequence[Event]]
    ) -> None:
        if command_type in self._command_handlers:
            raise ValueError(f"{command_type.__name__} already has a handler")
        self._command_handlers[command_type] = handler

    def wrap_handlers(
        self, wrapper: Callable[[type[Command], CommandHandler], CommandHandler]
    ) -> None:
        """Put `wrapper(command_type, handler)` around every handler registered so far:
        checks every command must pass before its handler runs (one place, not each)."""
        for command_type, handler in list(self._command_handlers.items()):
            self._command_handlers[command_type] = wrapper(command_type, handler)

    def subscribe(self, event_type: type[E], subscriber: Callable[[E], None]) -> Callable[[], None]:
        """Subscribe to an event class and all its subclasses. Returns an unsubscribe function."""

        def guarded(event: Event) -> None:
            try:
                subscriber(cast(E, event))
            except Exception as exc:
                log.exception("subscriber %s failed on %s", _name(subscriber), type(event).__name__)
                if not isinstance(event, SubscriberFailed):
                    self.publish(
                        SubscriberFailed(
                            event_type=type(event).__name__,
                            event_id=event.message_id,
                            subscriber=_name(subscriber),
                            error=f"{type(exc).__name__}: {exc}",
                            actor=event.actor,
                            correlation_id=event.correlation,
                            causation_id=event.message_id,
                        )
                    )

        key = _key(event_type)
        self._emitter.on(key, guarded)
        return lambda: self._emitter.remove_listener(key, guarded)

    # -- dispatch ---------------------------------------------------------------------

    def dispatch(
        self, command: Command, *, publish: bool = True, retry: bool = True
    ) -> list[Event]:
        """Run the command's handler and return what came of it, publishing it unless told
        not to (a commit group publishes only after its shared commit). `retry=False`:
        a transient failure is not retried here (inside a commit group the shared
        transaction is spoilt; the caller runs the group's commands again one by one)."""
        handler = self._command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        results: list[Event]
        attempt = 1
        while True:
            try:
                results = list(handler(command))
            except Rejection as rejection:
                results = [rejected(command, rejection)]
            except Exception as exc:
                transient = self._transient is not None and self._transient(exc)
                if transient and retry and attempt < self._attempts:
                    self.retries += 1
                    log.info(
                        "%s met another writer (%s); attempt %d",
                        type(command).__name__,
                        type(exc).__name__,
                        attempt + 1,
                    )
                    # Random, growing pauses: desks that collided do not collide again.
                    time.sleep(random.uniform(0, 0.005 * 2**attempt))
                    attempt += 1
                    continue
                if transient and not retry:
                    log.info(
                        "%s met another writer (%s); the caller runs it again",
                        type(command).__name__,
                        type(exc).__name__,
                    )
                else:
                    log.exception("handler for %s failed", type(command).__name__)
                results = [self.failure(command, exc)]
            break
        if publish:
            for event in results:
                self.publish(event)
        return results

    @staticmethod
    def failure(command: Command, exc: BaseException) -> CommandFailed:
        return CommandFailed(
            command_type=type(command).__name__,
            command_id=command.message_id,
            error=f"{type(exc).__name__}: {exc}",
            **caused_by(command),
        )

    def publish(self, event: Event) -> None:
        """Deliver to subscribers of the event's class and of each base class.

        Publishing from inside a subscriber queues the new event behind the current one
        (per thread), so every subscriber sees events in the order they happened.
        """
        pending: deque[Event] | None = getattr(self._delivering, "queue", None)
        if pending is not None:
            pending.append(event)
            return
        pending = deque([event])
        self._delivering.queue = pending
        try:
            while pending:
                current = pending.popleft()
                for cls in type(current).__mro__:
                    if issubclass(cls, Event):
                        self._emitter.emit(_key(cls), current)
        finally:
            self._delivering.queue = None
