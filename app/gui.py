"""Starting the desk's window."""

from __future__ import annotations

import sys

from app.bootstrap import bootstrap
from domain import accounts as kinds
from domain.commands import OpenAccount
from domain.drawers import drawer_account_id
from domain.operators import SYSTEM

DEMO_CURRENCY = "EUR"


def ensure_drawer(desk_bus_dispatch, queries, teller: str) -> str:  # type: ignore[no-untyped-def]
    drawer = drawer_account_id(teller)
    if queries.account(drawer) is None:
        desk_bus_dispatch(OpenAccount(account_id=drawer, holder_name=f"Cash drawer of {teller}",
                                      kind=kinds.DRAWER, currency=DEMO_CURRENCY, actor=SYSTEM))
    return drawer


def run_gui(url: str, teller: str) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.bridge import EventBridge
    from ui.main_window import MainWindow
    from ui.payment_form import DeskContext

    app = QApplication.instance() or QApplication(sys.argv)
    desk = bootstrap(url, start_worker=False)
    drawer = ensure_drawer(desk.bus.dispatch, desk.queries, teller)
    bridge = EventBridge(desk.bus.subscribe)
    window = MainWindow(desk.queries, DeskContext(teller=teller, drawer_account=drawer),
                        desk.worker.submit, bridge,
                        location=desk.engine.url.render_as_string(hide_password=True))
    desk.worker.start()
    window.resize(1280, 720)
    window.show()
    try:
        return app.exec()
    finally:
        bridge.close()
        desk.close()
