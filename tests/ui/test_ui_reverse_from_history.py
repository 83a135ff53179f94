"""A mistaken payment is reversed from the account's history, with one shortcut."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from app.bootstrap import Desk, bootstrap
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.payments.commands import SubmitPayment
from domain.payments.kinds import CASH_DEPOSIT
from domain.reporting.account_book import AccountBook
from domain.reporting.audit import verify
from staff import hire, open_session
from ui.bridge import EventBridge
from ui.main_window import MainWindow
from ui.payment_form import DeskContext

TELLER = "teller1"


@pytest.fixture
def desk(tmp_path) -> Iterator[Desk]:
    desk = bootstrap(f"sqlite:///{tmp_path / 'desk.db'}", start_worker=False)
    hire(desk.bus)
    open_session(desk.bus, TELLER)
    desk.bus.dispatch(
        OpenAccount(
            account_id="10000001",
            holder_name="Anna Schmidt",
            kind=kinds.CUSTOMER,
            currency="EUR",
            actor=TELLER,
        )
    )
    desk.bus.dispatch(
        SubmitPayment(
            payment_id="wrong-1",
            kind=CASH_DEPOSIT,
            debit_account="DRAWER-teller1",
            credit_account="10000001",
            amount=25_000,
            currency="EUR",
            reference="oops",
            actor=TELLER,
        )
    )
    desk.worker.start()
    yield desk
    desk.close()


@pytest.fixture
def window(qtbot, desk: Desk) -> Iterator[MainWindow]:
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
    qtbot.waitExposed(win)
    yield win
    bridge.close()


def test_ctrl_r_in_an_accounts_history_reverses_the_selected_payment(qtbot, window, desk):
    assert window.account_screens is not None
    account = window.account_screens.open_account("10000001")
    qtbot.waitExposed(account)
    account.activateWindow()
    qtbot.waitUntil(account.isActiveWindow)
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
