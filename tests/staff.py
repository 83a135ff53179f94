"""Operators and drawer sessions for tests, made through the bus as `init` and a desk
would make them.

Every command must carry its operator's login session. `hire` therefore also logs each
operator in once on that bus (a real LogIn with their password, desk "tests") and from
then on stamps their session on every command sent through `bus.dispatch` (also by the
worker) that names them as actor and carries no session of its own. `unsigned(bus)`
sends a command exactly as given, for the tests that forge one.
"""

from __future__ import annotations

import dataclasses
import uuid
import weakref
from collections.abc import Callable
from typing import Any

from bus import Command, CommandRejected, Event, MessageBus
from domain.drawers.commands import CountOpeningCash, StartDrawerSession
from domain.drawers.events import DrawerOpened
from domain.operators.commands import CreateOperator, LogIn
from domain.operators.events import DeskUnlocked, LoginSucceeded, OperatorCreated
from domain.operators.permissions import SYSTEM
from domain.operators.roles import Role

PASSWORDS = {
    "admin": "correct horse battery",
    "teller1": "tiger-lily-42",
    "teller2": "river-stone-77",
    "super1": "harbour-light-9",
    "super2": "copper-kettle-5",
}
ROLES: dict[str, Role] = {
    "admin": Role.ADMIN,
    "teller1": Role.TELLER,
    "teller2": Role.TELLER,
    "super1": Role.SUPERVISOR,
    "super2": Role.SUPERVISOR,
}


DESK = "tests"


class _Signer:
    """The logged-in operators of one bus, and the dispatch that stamps their sessions."""

    def __init__(self, bus: MessageBus) -> None:
        self.raw: Callable[..., list[Event]] = bus.dispatch
        self.sessions: dict[str, str] = {}
        bus.subscribe(DeskUnlocked, self._unlocked)

    def _unlocked(self, event: DeskUnlocked) -> None:
        # A desk unlocked (in a GUI test) goes on in the session the unlock opened.
        if self.sessions.get(event.desk_operator) == event.resumes:
            self.sessions[event.desk_operator] = event.session_id

    def log_in(self, name: str) -> str:
        if name not in self.sessions:
            results = self.raw(LogIn(name=name, password=PASSWORDS[name], desk=DESK))
            assert isinstance(results[-1], LoginSucceeded), results
            self.sessions[name] = results[-1].login_id
        return self.sessions[name]

    def dispatch(self, command: Command, **kwargs: Any) -> list[Event]:
        if (
            not command.login_session
            and command.actor in PASSWORDS
            and not isinstance(command, LogIn)
        ):
            command = dataclasses.replace(command, login_session=self.log_in(command.actor))
        return self.raw(command, **kwargs)


_signers: weakref.WeakKeyDictionary[MessageBus, _Signer] = weakref.WeakKeyDictionary()


def _signer(bus: MessageBus) -> _Signer:
    signer = _signers.get(bus)
    if signer is None:
        signer = _signers[bus] = _Signer(bus)
        # The instance's own dispatch: the worker and every helper go through it.
        bus.dispatch = signer.dispatch  # type: ignore[method-assign]
    return signer


def unsigned(bus: MessageBus) -> Callable[..., list[Event]]:
    """The bus's dispatch without any stamping: commands go exactly as built."""
    signer = _signers.get(bus)
    return signer.raw if signer is not None else bus.dispatch


def session_of(bus: MessageBus, name: str) -> str:
    """The login session of `name` on this bus (logging them in if need be)."""
    return _signer(bus).log_in(name)


def forget_session(bus: MessageBus, name: str) -> None:
    """The next command of `name` logs them in again (their session was closed)."""
    _signer(bus).sessions.pop(name, None)


def hire(bus: MessageBus, *names: str) -> None:
    """Create the named operators (all of PASSWORDS when none are named) and log them in
    on this bus; those that exist already are left as they are. The first admin is made
    as `init` makes it, and hires the others."""
    signer = _signer(bus)
    first = signer.raw(
        CreateOperator(name="admin", role=ROLES["admin"], password=PASSWORDS["admin"], actor=SYSTEM)
    )
    assert isinstance(first[0], OperatorCreated) or (
        isinstance(first[0], CommandRejected)
        and first[0].reason_code in ("forbidden", "operator_exists")
    ), first
    for name in names or tuple(PASSWORDS):
        if name != "admin":
            results = signer.dispatch(
                CreateOperator(name=name, role=ROLES[name], password=PASSWORDS[name], actor="admin")
            )
            assert isinstance(results[0], OperatorCreated) or (
                isinstance(results[0], CommandRejected)
                and results[0].reason_code == "operator_exists"
            ), results
        signer.log_in(name)


def open_session(
    bus: MessageBus,
    teller: str = "teller1",
    counts: list[list[int]] | None = None,
    currency: str = "EUR",
) -> str:
    """Start a drawer session for `teller` and count the opening cash (none by default)."""
    session_id = str(uuid.uuid4())
    started = bus.dispatch(
        StartDrawerSession(session_id=session_id, currency=currency, actor=teller)
    )
    assert not isinstance(started[-1], CommandRejected), started
    opened = bus.dispatch(
        CountOpeningCash(session_id=session_id, counts=counts or [], actor=teller)
    )
    assert isinstance(opened[-1], DrawerOpened), opened
    return session_id
