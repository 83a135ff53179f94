"""A mistaken payment is reversed from the account's history, with one shortcut."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from app.bootstrap import Desk
from domain.reporting.audit import verify
from gui_support import activate
from helpers import deposit
from ui.main_window import MainWindow

TELLER = "teller1"


def _a_mistake(desk: Desk) -> None:
    deposit(desk.bus, "10000001", 25_000, payment_id="wrong-1", reference="oops")


@pytest.fixture
def desk(make_desk) -> Desk:
    return make_desk(accounts=(("10000001", "Anna Schmidt"),), seed=_a_mistake)


@pytest.fixture
def window(make_window, desk: Desk) -> MainWindow:
    return make_window(desk, TELLER, book=True, drawer="DRAWER-teller1")


def test_ctrl_r_in_an_accounts_history_reverses_the_selected_payment(qtbot, window, desk):
    assert window.account_screens is not None
    account = window.account_screens.open_account("10000001")
    activate(qtbot, account)
    assert account.model.entry(0).payment_id == "wrong-1"
    assert "Ctrl+R" in account.actions_by_name["Reverse selected payment…"].shortcut().toString()

    qtbot.keyClick(account.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.reversal
    assert dialog is not None and dialog.story.payment_id == "wrong-1"
    qtbot.keyClicks(dialog.reason, "keyed to the wrong account")
    with qtbot.waitSignal(dialog.answered, timeout=5000) as answer:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert answer.args == ["reversed"]
    view = desk.queries.account("10000001")
    assert view is not None and view.posted == 0
    story = desk.lifecycle.story("wrong-1")
    assert story is not None and story.status == "reversed"
    assert verify(desk.engine) == []
