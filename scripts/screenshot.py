"""Render the main window offscreen, with a demo bank and a payment being keyed, to a PNG.

    python scripts/screenshot.py [OUT.png]        (default: docs/main-window.png)
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
from app.demo import run_demo
from app.gui import ensure_drawer
from ui.bridge import EventBridge
from ui.main_window import MainWindow
from ui.payment_form import DeskContext


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/main-window.png")
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        desk = bootstrap(f"sqlite:///{Path(folder) / 'demo.db'}", start_worker=False)
        run_demo(desk.bus, desk.queries, seed=7, customers=12, payments=40,
                 staff=desk.operators, drawers=desk.drawers)
        drawer = ensure_drawer(desk.bus.dispatch, desk.queries, "teller1")
        bridge = EventBridge(desk.bus.subscribe)
        window = MainWindow(desk.queries, DeskContext("teller1", drawer), desk.worker.submit,
                            bridge, location="demo bank")
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
        bridge.close()
        desk.close()
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
