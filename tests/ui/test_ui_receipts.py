"""Receipts at the desk, by keystrokes: the form offers the slip after a posted deposit,
Ctrl+P prints it (a PDF when the machine has no printer), the journal and the payment's
detail reprint it as a copy, "print always" prints by itself, and the account finder
opens a payment from the id a scanner types."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import Desk
from gui_support import activate, log_in
from ui.main_window import MainWindow
from ui.payment_detail import PaymentDetailDialog

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def receipts_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "receipts"
    monkeypatch.setenv("TELLER_RECEIPTS_DIR", str(folder))
    monkeypatch.setenv("TELLER_BRANCH_NAME", "Huangpu branch")
    # This desk's preferences in a folder of the test's own.
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    yield folder
    # The path stays set for the rest of the run: later desks must not print by themselves.
    QSettings("teller-desk", "desk").clear()


@pytest.fixture
def desk(make_desk) -> Desk:
    return make_desk(accounts=(("10000001", "Anna Schmidt"),))


@pytest.fixture
def window(qtbot, make_controller, desk: Desk, receipts_dir: Path) -> Iterator[MainWindow]:
    """teller1 signed in at the login dialog, by keystrokes."""
    win = log_in(qtbot, make_controller(desk))
    activate(qtbot, win)
    yield win
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PaymentDetailDialog):
            widget.done(0)


def deposit(qtbot, win: MainWindow, amount: str) -> str:
    form = win.form
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_F2)
    form.to_field.edit.setFocus()
    qtbot.keyClicks(form.to_field.edit, "10000001")
    form.amount.setFocus()
    qtbot.keyClicks(form.amount, amount)
    with qtbot.waitSignal(form.posted, timeout=5000) as posted:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    # The account suggestions (a window of their own) may have taken the activation.
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return str(posted.args[0])


def ctrl_p(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def test_the_form_offers_the_receipt_and_ctrl_p_prints_it(qtbot, window, receipts_dir):
    payment_id = deposit(qtbot, window, "250")
    qtbot.waitUntil(lambda: "Ctrl+P prints the receipt" in window.form.status.text())
    assert not receipts_dir.exists()  # offered, not printed
    ctrl_p(qtbot, window.form.amount)
    slip = receipts_dir / f"receipt-{payment_id}.pdf"
    qtbot.waitUntil(slip.exists)
    assert str(slip) in window.form.status.text()
    text = text_of(slip)
    for expected in (
        "RECEIPT",
        "Huangpu branch",
        "desk-7",
        "teller1",
        payment_id,
        "Cash deposit",
        "****0001",
        "250.00 EUR",
        "posted",
    ):
        assert expected in text, (expected, text)
    assert "COPY" not in text

    # From the journal, Ctrl+P reprints it as a copy.
    qtbot.keyClick(window.form.amount, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.journal.hasFocus)
    ctrl_p(qtbot, window.journal)
    copy = receipts_dir / f"receipt-{payment_id}-copy.pdf"
    qtbot.waitUntil(copy.exists)
    assert "COPY" in text_of(copy)


def test_a_scanned_payment_id_opens_the_payment_and_ctrl_p_reprints(qtbot, window, receipts_dir):
    payment_id = deposit(qtbot, window, "75.5")
    screens = window.account_screens
    qtbot.keyClick(window.form.amount, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screens.finder is not None and screens.finder.isVisible())
    finder = screens.finder
    # What a scanner types from the receipt's QR code.
    qtbot.keyClicks(finder.search, f"PAYMENT:{payment_id}")
    assert "Enter opens it" in finder.summary.text()
    qtbot.keyClick(finder.search, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: screens.payment_detail is not None and screens.payment_detail.isVisible()
    )
    detail = screens.payment_detail
    assert payment_id in detail.windowTitle()
    detail.activateWindow()
    qtbot.waitUntil(detail.isActiveWindow)
    ctrl_p(qtbot, detail.events)
    copy = receipts_dir / f"receipt-{payment_id}-copy.pdf"
    qtbot.waitUntil(copy.exists)
    assert "copy" in detail.printed.text()
    assert "75.50 EUR" in text_of(copy) and "COPY" in text_of(copy)


def test_print_always_prints_after_every_posting_and_is_remembered(qtbot, window, receipts_dir):
    window.print_always.trigger()
    payment_id = deposit(qtbot, window, "10")
    slip = receipts_dir / f"receipt-{payment_id}.pdf"
    qtbot.waitUntil(slip.exists)
    assert "10.00 EUR" in text_of(slip)
    assert QSettings("teller-desk", "desk").value("receipts/print_always") == "true"
