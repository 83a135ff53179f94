"""Fixtures shared by the GUI tests: a desk with a small bank (`make_desk`), a main
window on it for an operator (`make_window`), the whole desk with its login dialog
(`make_controller`), and a count of the statements the GUI thread runs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import Desk, bootstrap
from app.gui import DeskController
from domain.drawers.sessions import drawer_account_id
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.reporting.account_book import AccountBook
from gui_support import activate, statements_on_the_gui_thread
from staff import hire, open_session
from ui.bridge import EventBridge
from ui.desk_session import OperatorServices
from ui.main_window import MainWindow
from ui.payment_form import DeskContext

# Customer accounts most tests start with: (number, holder[, currency]).
ACCOUNTS: tuple[tuple[str, ...], ...] = (("10000001", "Anna Schmidt"), ("10000002", "Ben Rossi"))


@pytest.fixture
def make_desk(tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    """A desk on a SQLite file of the test's own: every operator of staff.PASSWORDS hired
    and logged in, the drawers of `drawers` counted open (empty), the customer `accounts`
    opened by teller1; `seed(desk)` runs on the bus before the worker starts."""
    made: list[Desk] = []

    def make(
        *,
        accounts: Iterable[tuple[str, ...]] = ACCOUNTS,
        drawers: Iterable[str] = ("teller1",),
        seed: Callable[[Desk], object] | None = None,
    ) -> Desk:
        desk = bootstrap(f"sqlite:///{tmp_path / 'desk.db'}", start_worker=False)
        made.append(desk)
        hire(desk.bus)
        for teller in drawers:
            open_session(desk.bus, teller)
        for number, holder, *currency in accounts:
            desk.bus.dispatch(
                OpenAccount(
                    account_id=number,
                    holder_name=holder,
                    kind=kinds.CUSTOMER,
                    currency=currency[0] if currency else "EUR",
                    actor="teller1",
                )
            )
        if seed is not None:
            seed(desk)
        desk.worker.start()
        return desk

    yield make
    for desk in made:
        desk.close()


@pytest.fixture
def make_window(qtbot: Any) -> Iterator[Callable[..., MainWindow]]:
    """A main window on `desk` for `operator` (their own drawer), shown and active,
    without the login: `stories` gives it approvals and reversal, `book` the account
    screens and receipts, `services` the drawer and audit menus; `drawer` names the
    drawer account as typed (ids are matched without regard to case)."""
    bridges: list[EventBridge] = []
    windows: list[MainWindow] = []

    def make(
        desk: Desk,
        operator: str = "teller1",
        *,
        stories: bool = True,
        book: bool = False,
        services: OperatorServices | None = None,
        drawer: str | None = None,
        today: Callable[[], date] | None = None,
        size: tuple[int, int] | None = None,
    ) -> MainWindow:
        bridge = EventBridge(desk.bus.subscribe)
        bridges.append(bridge)
        extra: dict[str, Any] = {}
        if today is not None:
            extra["today"] = today
        win = MainWindow(
            desk.queries,
            DeskContext(operator, drawer or drawer_account_id(operator)),
            desk.worker.submit,
            bridge,
            stories=desk.lifecycle if stories else None,
            book=AccountBook(desk.engine) if book else None,
            services=services,
            **extra,
        )
        qtbot.addWidget(win)
        windows.append(win)
        if size is not None:
            win.resize(*size)
        activate(qtbot, win)
        return win

    yield make
    for win in windows:
        if win.flow_screens is not None:
            win.flow_screens.close()  # no read left running when the database closes
        if win.desk_session is not None:
            win.desk_session.stop()
    for bridge in bridges:
        bridge.close()


@pytest.fixture
def make_controller(qtbot: Any) -> Iterator[Callable[..., DeskController]]:
    """The desk as `main.py gui` wires it on the machine `desk_name`, at its login dialog;
    what it opened is closed afterwards."""
    made: list[tuple[DeskController, EventBridge]] = []

    def make(desk: Desk, desk_name: str = "desk-7") -> DeskController:
        bridge = EventBridge(desk.bus.subscribe)
        controller = DeskController(desk, bridge, desk_name=desk_name)
        made.append((controller, bridge))
        return controller

    yield make
    for controller, bridge in made:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox):
                widget.done(0)
        if controller.window is not None:
            controller.window.desk_session.stop()
            controller.window.close()
        if controller.login_dialog is not None:
            controller.login_dialog.done(0)
        bridge.close()


@pytest.fixture
def gui_reads() -> Callable[[Engine], AbstractContextManager[list[str]]]:
    """`with gui_reads(engine) as statements:` the SQL the GUI thread ran in the block."""
    return statements_on_the_gui_thread
