"""Render the main window offscreen, with a demo bank and a payment being keyed, to a PNG;
or, with --flow, the Flow screen over a simulated day (M/M/3, 8 hours).

    python scripts/screenshot.py [OUT.png] [--lang zh_CN|en]   (default: docs/main-window.png)
    python scripts/screenshot.py docs/main-window-zh_CN.png --lang zh_CN
    python scripts/screenshot.py --flow [OUT.png] [--lang zh_CN|en]   (docs/flow-screen.png)
    python scripts/screenshot.py --all --lang zh_CN   (the README's screens in one language:
        docs/screens/{main-window,approvals,drawer-report,flow-screen}-LANG.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.bootstrap import bootstrap
from app.demo import notes_for, run_demo
from app.signing import SignedIn
from bus import new_id
from domain.drawers.commands import CountOpeningCash, StartDrawerSession
from domain.drawers.sessions import drawer_account_id
from domain.payments.commands import SubmitPayment
from domain.payments.kinds import PaymentKind
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
        screen = FlowScreen(
            flow_reader(desk.engine), bridge, desk.lifecycle.business_date() or date.today()
        )
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
    language = "en"
    if "--lang" in args:
        at = args.index("--lang")
        language = args[at + 1]
        del args[at : at + 2]
    if args[:1] == ["--flow"]:
        out = Path(args[1] if len(args) > 1 else "docs/flow-screen.png")
        QApplication.instance() or QApplication(sys.argv[:1])
        install_language(language)
        flow_screen(out)
        print(f"saved {out}")
        return 0
    screens: Path | None = None
    if args[:1] == ["--all"]:
        screens = Path("docs/screens")
        args = [str(screens / f"main-window-{language}.png")]
    out = Path(args[0] if args else "docs/main-window.png")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(language)
    with tempfile.TemporaryDirectory() as folder:
        desk = bootstrap(f"sqlite:///{Path(folder) / 'demo.db'}", start_worker=False)
        report = run_demo(
            desk.bus,
            desk.queries,
            seed=7,
            customers=12,
            payments=40,
            staff=desk.operators,
            drawers=desk.drawers,
            teller=TELLER,
        )
        # The teller logs in (every command carries its login session) and, the next
        # morning, counts the drawer open, as the desk would ask.
        signed = SignedIn(desk.bus)
        password = next(p for name, _role, p in report.operators if name == TELLER)
        assert password is not None and signed.log_in(TELLER, password)
        drawer = drawer_account_id(TELLER)
        session_id = new_id()
        signed.dispatch(StartDrawerSession(session_id=session_id, actor=TELLER))
        cash = desk.queries.account(drawer)
        signed.dispatch(
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
            signed.dispatch(
                SubmitPayment(
                    payment_id=f"00000000-0000-4000-8000-{number:012d}",
                    kind=PaymentKind(kind),
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
            lambda command: desk.worker.submit(signed.stamp(command)),
            bridge,
            location="demo bank",
            services=services,
            stories=stories,
            today=lambda: (stories and stories.business_date()) or date.today(),
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
        print(f"saved {out}")
        if screens is not None:
            more_screens(app, window, desk, signed, screens, language)
        if window.desk_session is not None:
            window.desk_session.stop()
        bridge.close()
        desk.close()
    if screens is not None:
        install_language(language)
        flow_screen(screens / f"flow-screen-{language}.png")
        print(f"saved {screens / f'flow-screen-{language}.png'}")
    return 0


def more_screens(
    app: QCoreApplication,
    window: MainWindow,
    desk: Any,
    signed: SignedIn,
    screens: Path,
    language: str,
) -> None:
    """The approvals queue (F6) with payments held for a supervisor, and the drawer
    report (Ctrl+Shift+R), each as the teller opens them."""
    drawer = drawer_account_id(TELLER)
    # Cash deposits above a teller's own limit wait for a supervisor.
    for number, (credit, amount) in enumerate((("10000006", 1_500_000), ("10000010", 2_250_000))):
        desk.worker.submit(
            signed.stamp(
                SubmitPayment(
                    payment_id=f"00000000-0000-4000-9000-{number:012d}",
                    kind=PaymentKind.CASH_DEPOSIT,
                    debit_account=drawer,
                    credit_account=credit,
                    amount=amount,
                    currency="EUR",
                    reference="large deposit",
                    actor=TELLER,
                )
            )
        )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (
        window.approvals is None or window.approvals.model.rowCount() < 2
    ):
        app.processEvents()
    QTest.keyClick(window, Qt.Key.Key_F6)
    window.resize(1280, 900)
    app.processEvents()
    window.grab().save(str(screens / f"approvals-{language}.png"))
    print(f"saved {screens / f'approvals-{language}.png'}")
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    app.processEvents()
    report = window.desk_session.dialog if window.desk_session is not None else None
    if report is not None:
        report.grab().save(str(screens / f"drawer-report-{language}.png"))
        print(f"saved {screens / f'drawer-report-{language}.png'}")
        report.close()


if __name__ == "__main__":
    sys.exit(main())
