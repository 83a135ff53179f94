"""Starting the desk's window."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from app.bootstrap import bootstrap
from app.demo import drawer_account_id
from app.settings import bank_name
from bus import Command, Event
from domain import accounts as kinds
from domain.account_book import AccountBook
from domain.commands import OpenAccount
from domain.queries import LedgerQueries

DEMO_CURRENCY = "EUR"


def ensure_drawer(dispatch: Callable[[Command], Sequence[Event]], queries: LedgerQueries,
                  teller: str) -> str:
    """The teller's cash drawer account, opened on first use of the desk."""
    drawer = drawer_account_id(teller)
    if queries.account(drawer) is None:
        dispatch(OpenAccount(account_id=drawer, holder_name=f"Cash drawer of {teller}",
                                      kind=kinds.DRAWER, currency=DEMO_CURRENCY, actor=teller))
    return drawer


# How often the desk voids reservations whose timeout ran out (also done at start).
EXPIRY_INTERVAL_MS = 60_000


def run_gui(url: str, teller: str) -> int:
    from datetime import date

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from domain.lifecycle_commands import ExpireReservations
    from ui.bridge import EventBridge
    from ui.main_window import MainWindow
    from ui.payment_form import DeskContext

    app = QApplication.instance() or QApplication(sys.argv)
    desk = bootstrap(url, start_worker=False)
    drawer = ensure_drawer(desk.bus.dispatch, desk.queries, teller)
    bridge = EventBridge(desk.bus.subscribe)
    stories = desk.lifecycle
    window = MainWindow(desk.queries, DeskContext(teller=teller, drawer_account=drawer),
                        desk.worker.submit, bridge,
                        location=desk.engine.url.render_as_string(hide_password=True),
                        stories=stories,
                        today=lambda: (stories and stories.business_date()) or date.today(),
                        book=AccountBook(desk.engine, bank_name()))
    expiry = QTimer(window)
    expiry.timeout.connect(lambda: desk.worker.submit(ExpireReservations(actor=teller)))
    expiry.start(EXPIRY_INTERVAL_MS)
    desk.worker.start()
    window.resize(1280, 720)
    window.show()
    try:
        return app.exec()
    finally:
        bridge.close()
        desk.close()
