"""Render the main window offscreen, with a demo bank and a payment being keyed, to a PNG.

    python scripts/screenshot.py [OUT.png] [--lang zh_CN|en]   (default: docs/main-window.png)
    python scripts/screenshot.py docs/main-window-zh_CN.png --lang zh_CN
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.bootstrap import bootstrap
from app.demo import notes_for, run_demo
from bus import new_id
from domain.account_book import AccountBook
from domain.commands import SubmitPayment
from domain.drawers import CountOpeningCash, StartDrawerSession, drawer_account_id
from ui.bridge import EventBridge
from ui.desk_session import OperatorServices
from ui.main_window import MainWindow
from ui.payment_form import DeskContext
from ui.translations import install_language

TELLER = "teller1"


def main() -> int:
    args = list(sys.argv[1:])
    language = "en"
    if "--lang" in args:
        at = args.index("--lang")
        language = args[at + 1]
        del args[at:at + 2]
    out = Path(args[0] if args else "docs/main-window.png")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(language)
    with tempfile.TemporaryDirectory() as folder:
        desk = bootstrap(f"sqlite:///{Path(folder) / 'demo.db'}", start_worker=False)
        run_demo(desk.bus, desk.queries, seed=7, customers=12, payments=40,
                 staff=desk.operators, drawers=desk.drawers, teller=TELLER)
        # The next morning: the teller counts the drawer open, as the desk would ask.
        drawer = drawer_account_id(TELLER)
        session_id = new_id()
        desk.bus.dispatch(StartDrawerSession(session_id=session_id, actor=TELLER))
        cash = desk.queries.account(drawer)
        desk.bus.dispatch(CountOpeningCash(
            session_id=session_id, actor=TELLER,
            counts=notes_for(cash.posted if cash else 0, desk.drawers.denominations("EUR"))))
        # A morning's first payments, so the journal has something to show.
        for number, (kind, debit, credit, amount, reference) in enumerate((
                ("cash_deposit", drawer, "10000003", 120_000, "salary"),
                ("cash_deposit", drawer, "10000007", 45_050, ""),
                ("transfer", "10000002", "10000009", 32_000, "rent December"),
                ("cash_withdrawal", "10000011", drawer, 20_000, ""),
                ("transfer", "10000008", "10000004", 7_999, "invoice 2026-117"))):
            desk.bus.dispatch(SubmitPayment(
                payment_id=f"00000000-0000-4000-8000-{number:012d}", kind=kind,
                debit_account=debit, credit_account=credit, amount=amount, currency="EUR",
                reference=reference, actor=TELLER))
        bridge = EventBridge(desk.bus.subscribe)
        stories = desk.lifecycle
        services = OperatorServices(drawers=desk.drawers, audit=desk.audit, role="teller",
                                    desk_name="desk-1", idle_lock_ms=300_000)
        window = MainWindow(desk.queries, DeskContext(TELLER, drawer), desk.worker.submit,
                            bridge, location="demo bank", services=services, stories=stories,
                            today=lambda: stories.business_date() if stories else None,
                            book=AccountBook(desk.engine))
        desk.worker.start()
        window.resize(1280, 720)
        window.show()
        window.activateWindow()  # shortcuts such as F4 act on the active window
        app.processEvents()
        # A transfer half keyed: accounts found, amount typed as a sum.
        QTest.keyClick(window.form.to_field.edit, Qt.Key.Key_F4)
        QTest.keyClicks(window.form.from_field.edit, "10000008")
        QTest.keyClicks(window.form.to_field.edit, "10000005")
        QTest.keyClicks(window.form.amount, "250+49.90")
        QTest.keyClicks(window.form.reference, "invoice 2026-118")
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        if window.desk_session is not None:
            window.desk_session.stop()
        bridge.close()
        desk.close()
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
