"""Render the main window offscreen, with a demo bank and a payment being keyed, to a PNG;
or, with --flow, the Flow screen over a simulated day (M/M/3, 8 hours).

    python scripts/screenshot.py [OUT.png] [--lang zh_CN|en]   (default: docs/main-window.png)
    python scripts/screenshot.py docs/main-window-zh_CN.png --lang zh_CN
    python scripts/screenshot.py --flow [OUT.png]   (default: docs/flow-screen.png)
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
from domain.drawers.commands import CountOpeningCash, StartDrawerSession
from domain.drawers.sessions import drawer_account_id
from domain.payments.commands import SubmitPayment
from domain.reporting.account_book import AccountBook
from ui.bridge import EventBridge
from ui.desk_session import OperatorServices
from ui.main_window import MainWindow
from ui.payment_form import DeskContext
from ui.translations import install_language

TELLER = "teller1"


def flow_screen(out: Path) -> None:
    """A day of 3 tellers simulated through a real desk, then the Flow screen for it."""
    from app.gui import flow_reader
    from app.simulate import run_simulation
    from ui.flow_screen import FlowScreen

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'day.db'}"
        run_simulation(
            desks=3, arrival_rate=1.6, service_rate=0.7, minutes=480, speed=0, seed=5, url=url
        )
        desk = bootstrap(url, start_worker=False)
        bridge = EventBridge(desk.bus.subscribe)
        assert desk.lifecycle is not None
        screen = FlowScreen(flow_reader(desk.engine), bridge, desk.lifecycle.business_date())
        screen.resize(1280, 860)
        screen.show()
        while screen.figures is None:
            app.processEvents()
        screen.staffing.setFocus()
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        screen.grab().save(str(out))
        screen.wait_idle()
        bridge.close()
        desk.close()


def main() -> int:
    args = list(sys.argv[1:])
    if args[:1] == ["--flow"]:
        out = Path(args[1] if len(args) > 1 else "docs/flow-screen.png")
        flow_screen(out)
        print(f"saved {out}")
        return 0
    language = "en"
    if "--lang" in args:
        at = args.index("--lang")
        language = args[at + 1]
        del args[at : at + 2]
    out = Path(args[0] if args else "docs/main-window.png")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(language)
    with tempfile.TemporaryDirectory() as folder:
        desk = bootstrap(f"sqlite:///{Path(folder) / 'demo.db'}", start_worker=False)
        run_demo(
            desk.bus,
            desk.queries,
            seed=7,
            customers=12,
            payments=40,
            staff=desk.operators,
            drawers=desk.drawers,
            teller=TELLER,
        )
        # The next morning: the teller counts the drawer open, as the desk would ask.
        drawer = drawer_account_id(TELLER)
        session_id = new_id()
        desk.bus.dispatch(StartDrawerSession(session_id=session_id, actor=TELLER))
        cash = desk.queries.account(drawer)
        desk.bus.dispatch(
            CountOpeningCash(
                session_id=session_id,
                actor=TELLER,
                counts=notes_for(cash.posted if cash else 0, desk.drawers.denominations("EUR")),
            )
        )
        # A morning's first payments, so the journal has something to show.
        for number, (kind, debit, credit, amount, reference) in enumerate(
            (
                ("cash_deposit", drawer, "10000003", 120_000, "salary"),
                ("cash_deposit", drawer, "10000007", 45_050, ""),
                ("transfer", "10000002", "10000009", 32_000, "rent December"),
                ("cash_withdrawal", "10000011", drawer, 20_000, ""),
                ("transfer", "10000008", "10000004", 7_999, "invoice 2026-117"),
            )
        ):
            desk.bus.dispatch(
                SubmitPayment(
                    payment_id=f"00000000-0000-4000-8000-{number:012d}",
                    kind=kind,
                    debit_account=debit,
                    credit_account=credit,
                    amount=amount,
                    currency="EUR",
                    reference=reference,
                    actor=TELLER,
                )
            )
        bridge = EventBridge(desk.bus.subscribe)
        stories = desk.lifecycle
        services = OperatorServices(
            drawers=desk.drawers,
            audit=desk.audit,
            role="teller",
            desk_name="desk-1",
            idle_lock_ms=300_000,
        )
        window = MainWindow(
            desk.queries,
            DeskContext(TELLER, drawer),
            desk.worker.submit,
            bridge,
            location="demo bank",
            services=services,
            stories=stories,
            today=lambda: stories.business_date() if stories else None,
            book=AccountBook(desk.engine),
        )
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
