"""Helpers for the GUI tests (their fixtures are in tests/ui/conftest.py): bring a
window forward, log in by keystrokes, keep screenshots, count the statements the GUI thread runs."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QWidget
from sqlalchemy import Engine, event

from app.gui import DeskController
from staff import PASSWORDS
from ui.main_window import MainWindow

T = TypeVar("T")


def shot(widget: QWidget, name: str) -> None:
    """With TELLER_SCREENSHOTS=DIR, keep a PNG of what the test shows."""
    folder = os.environ.get("TELLER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


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


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text a table shows in one cell; a cell with no item fails the test."""
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item.text()


def wait_for(qtbot: Any, made: Callable[[], T | None], timeout: int = 5000) -> T:
    """Waits until `made()` gives something (a dialog a keypress opens, the window a
    login opens) and returns it."""
    qtbot.waitUntil(lambda: made() is not None, timeout=timeout)
    found = made()
    assert found is not None
    return found


def activate(qtbot: Any, widget: QWidget) -> None:
    """Shown, exposed and active: window shortcuts reach only the active window."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def log_in(qtbot: Any, controller: DeskController, name: str = "teller1") -> MainWindow:
    """Types `name` and their password into the login dialog, Enter; the window that opens."""
    if controller.login_dialog is None:
        controller.show_login()
    dialog = controller.login_dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, PASSWORDS[name])
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    return wait_for(qtbot, lambda: controller.window)
