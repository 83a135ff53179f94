"""Operators and drawer sessions for tests, made through the bus as `init` and a desk
would make them."""

from __future__ import annotations

import uuid

from bus import CommandRejected, MessageBus
from domain.drawers import CountOpeningCash, DrawerOpened, StartDrawerSession
from domain.operators import SYSTEM, CreateOperator, OperatorCreated

PASSWORDS = {
    "admin": "correct horse battery",
    "teller1": "tiger-lily-42",
    "teller2": "river-stone-77",
    "super1": "harbour-light-9",
    "super2": "copper-kettle-5",
}
ROLES = {"admin": "admin", "teller1": "teller", "teller2": "teller",
         "super1": "supervisor", "super2": "supervisor"}


def hire(bus: MessageBus, *names: str) -> None:
    """Create the named operators (all of PASSWORDS when none are named); those that
    exist already are left as they are."""
    for name in names or tuple(PASSWORDS):
        results = bus.dispatch(CreateOperator(name=name, role=ROLES[name],
                                              password=PASSWORDS[name], actor=SYSTEM))
        assert isinstance(results[0], OperatorCreated) or (
            isinstance(results[0], CommandRejected)
            and results[0].reason_code == "operator_exists"), results


def open_session(bus: MessageBus, teller: str = "teller1",
                 counts: list[list[int]] | None = None, currency: str = "EUR") -> str:
    """Start a drawer session for `teller` and count the opening cash (none by default)."""
    session_id = str(uuid.uuid4())
    started = bus.dispatch(StartDrawerSession(session_id=session_id, currency=currency,
                                              actor=teller))
    assert not isinstance(started[-1], CommandRejected), started
    opened = bus.dispatch(CountOpeningCash(session_id=session_id, counts=counts or [],
                                           actor=teller))
    assert isinstance(opened[-1], DrawerOpened), opened
    return session_id
