"""The payment form offers customers' accounts from the account directory: by number,
by name with accents ignored, or by a name spelt a little wrong."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.bootstrap import Desk, bootstrap
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.reporting.account_book import AccountBook
from staff import hire, open_session
from ui.bridge import EventBridge
from ui.main_window import MainWindow
from ui.payment_form import DeskContext

TELLER = "teller1"


@pytest.fixture
def window(qtbot, tmp_path) -> Iterator[MainWindow]:
    desk: Desk = bootstrap(f"sqlite:///{tmp_path / 'desk.db'}", start_worker=False)
    hire(desk.bus)
    open_session(desk.bus, TELLER)
    for number, name in (
        ("10000001", "Anna Müller"),
        ("10000002", "Ben Rossi"),
        ("10000003", "Chen Li"),
    ):
        desk.bus.dispatch(
            OpenAccount(
                account_id=number,
                holder_name=name,
                kind=kinds.CUSTOMER,
                currency="EUR",
                actor=TELLER,
            )
        )
    bridge = EventBridge(desk.bus.subscribe)
    win = MainWindow(
        desk.queries,
        DeskContext(TELLER, "DRAWER-teller1"),
        desk.worker.submit,
        bridge,
        stories=desk.lifecycle,
        book=AccountBook(desk.engine),
    )
    qtbot.addWidget(win)
    win.show()
    yield win
    bridge.close()
    desk.close()


def offered(qtbot, win: MainWindow, typed: str) -> list[str]:
    field = win.form.to_field
    field.edit.clear()
    qtbot.keyClicks(field.edit, typed)
    return field.edit.completer().model().stringList()


def test_a_name_typed_without_its_accent_or_a_little_wrong_is_offered(qtbot, window):
    assert offered(qtbot, window, "mul") == ["10000001 — Anna Müller"]
    assert offered(qtbot, window, "rosi") == ["10000002 — Ben Rossi"]
    assert offered(qtbot, window, "1000000") == [
        "10000001 — Anna Müller",
        "10000002 — Ben Rossi",
        "10000003 — Chen Li",
    ]


def test_the_bank_s_own_accounts_are_not_offered(qtbot, window):
    assert offered(qtbot, window, "drawer") == []
