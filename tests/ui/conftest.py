"""Fixtures shared by the GUI tests: a desk with a small bank, a window signed in on it,
and a count of the statements the GUI thread runs."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from sqlalchemy import Engine, event

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@contextmanager
def statements_on_the_gui_thread(engine: Engine) -> Iterator[list[str]]:
    """The SQL the calling (GUI) thread sends to `engine` inside the block; with many
    desks on one server each is a network round trip during which the desk is frozen."""
    gui_thread = threading.get_ident()
    on_gui: list[str] = []
    ran: list[bool] = []

    def seen(_conn, _cursor, statement, _params, _context, _many) -> None:
        ran.append(True)
        if threading.get_ident() == gui_thread:
            on_gui.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield on_gui
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert ran, "nothing was read or written at all: the block did not do what it meant"


@pytest.fixture
def gui_reads() -> Callable[[Engine], AbstractContextManager[list[str]]]:
    return statements_on_the_gui_thread
