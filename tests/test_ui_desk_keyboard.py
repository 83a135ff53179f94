"""A keyboard session at the real window, as a teller meets it after logging in: every
documented key works from a text field, the blind count stays blind, the form's drawer
line follows the drawer, the journal shows whole amounts, and the messages say what
happened. Real keystrokes throughout.

Set TELLER_SCREENSHOTS=DIR to keep a PNG of each screen."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.bootstrap import Desk, bootstrap
from app.gui import DeskController
from domain import accounts as kinds
from domain.commands import OpenAccount, SubmitPayment
from domain.drawers import drawer_account_id
from staff import PASSWORDS, hire, open_session
from ui.account_finder import AccountFinder
from ui.audit_screen import AuditScreen
from ui.bridge import EventBridge
from ui.drawer_dialogs import CountDialog, DrawerReportDialog, VaultMoveDialog
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow

README = Path(__file__).resolve().parents[1] / "README.md"


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("TELLER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def make_desk(tmp_path: Path, *, drawer_open: bool) -> Desk:
    desk = bootstrap(f"sqlite:///{tmp_path / 'desk.db'}", start_worker=False)
    hire(desk.bus)
    if drawer_open:
        open_session(desk.bus, "teller1")
    for number, name in (("10000001", "Anna Schmidt"), ("10000002", "Ben Rossi")):
        desk.bus.dispatch(OpenAccount(account_id=number, holder_name=name,
                                      kind=kinds.CUSTOMER, currency="EUR", actor="teller1"))
    desk.worker.start()
    return desk


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    desk = make_desk(tmp_path, drawer_open=True)
    yield desk
    desk.close()


@pytest.fixture
def controller(qtbot, desk: Desk) -> Iterator[DeskController]:
    bridge = EventBridge(desk.bus.subscribe)
    controller = DeskController(desk, bridge, desk_name="desk-7")
    yield controller
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.done(0)
    if controller.window is not None:
        controller.window.desk_session.stop()
        controller.window.close()
    if controller.login_dialog is not None:
        controller.login_dialog.done(0)
    bridge.close()


def log_in(qtbot, controller: DeskController, name: str = "teller1") -> MainWindow:
    controller.show_login()
    dialog = controller.login_dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, PASSWORDS[name])
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    return controller.window


def activate(qtbot, widget: QWidget) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def window(qtbot, controller: DeskController) -> MainWindow:
    """teller1 logged in, drawer open, the cursor in the Reference field."""
    win = log_in(qtbot, controller)
    activate(qtbot, win)
    return win


def focus_reference(qtbot, win: MainWindow) -> None:
    win.form.reference.setFocus()
    qtbot.keyClicks(win.form.reference, "rent")
    assert QApplication.focusWidget() is win.form.reference


def message_box_saying(text: str) -> Callable[[], bool]:
    return lambda: any(isinstance(w, QMessageBox) and w.isVisible() and text in w.text()
                       for w in QApplication.topLevelWidgets())


def dialog_of(kind: type) -> Callable[[], bool]:
    return lambda: any(isinstance(w, kind) and w.isVisible()
                       for w in QApplication.topLevelWidgets())


# What the teller sees after each key of the README's keyboard map, pressed in a field.
def _expect(key: str, win: MainWindow, controller: DeskController) -> Callable[[], bool]:
    form = win.form
    return {
        "F2": lambda: form.kind() == "cash_deposit",
        "F3": lambda: form.kind() == "cash_withdrawal",
        "F4": lambda: form.kind() == "transfer",
        "F8": lambda: form.kind() == "interbank_transfer",
        "Esc": lambda: form.reference.text() == "",
        "Ctrl+N": lambda: form.to_field.edit.hasFocus(),
        "Ctrl+J": lambda: win.journal.hasFocus(),
        "F5": lambda: win.journal_reloads == 1,
        "F1": message_box_saying("Ctrl+E"),
        "Ctrl+Q": lambda: not win.isVisible(),
        "Ctrl+Shift+O": lambda: "open already" in win.statusBar().currentMessage(),
        "Ctrl+Shift+C": dialog_of(CountDialog),
        "Ctrl+Shift+V": dialog_of(VaultMoveDialog),
        "Ctrl+Shift+R": dialog_of(DrawerReportDialog),
        "Ctrl+L": lambda: win.desk_session.lock_dialog is not None
        and win.desk_session.lock_dialog.isVisible(),
        "Ctrl+Shift+L": lambda: controller.window is None and controller.login_dialog is not None,
        "Ctrl+Shift+A": dialog_of(AuditScreen),
        "Ctrl+R": lambda: "Select a payment" in win.statusBar().currentMessage(),
        "F6": lambda: win.approvals_dock.isVisible(),
        "Ctrl+F": dialog_of(AccountFinder),
        "Ctrl+E": dialog_of(ExportDialog),
    }[key]


def keyboard_map_keys() -> list[str]:
    """The single keys and chords of README's keyboard map that act on the main window."""
    table = README.read_text(encoding="utf-8").split("## Keyboard map", 1)[1].split("\n\n")[1]
    keys: list[str] = []
    for line in table.splitlines()[2:]:
        cell = line.split("|")[1].strip()
        if cell.startswith(("Tab", "Enter", "Down", "Alt+")):
            continue  # field moves and mnemonics: tested on their own below
        keys += [k.strip() for k in cell.split("/")]
    return keys


def test_the_keyboard_map_lists_the_window_shortcuts():
    assert set(keyboard_map_keys()) == {
        "F2", "F3", "F4", "F8", "Esc", "Ctrl+N", "Ctrl+J", "F5", "F1", "Ctrl+Q",
        "Ctrl+Shift+O", "Ctrl+Shift+C", "Ctrl+Shift+V", "Ctrl+Shift+R", "Ctrl+L",
        "Ctrl+Shift+L", "Ctrl+Shift+A", "Ctrl+R", "F6", "Ctrl+F", "Ctrl+E"}


@pytest.mark.parametrize("key", keyboard_map_keys())
def test_every_shortcut_of_the_keyboard_map_works_from_a_text_field(qtbot, window, controller,
                                                                     key):
    window.journal_reloads = 0
    window.journal_model.modelReset.connect(
        lambda: setattr(window, "journal_reloads", window.journal_reloads + 1))
    if key == "F2":
        qtbot.keyClick(window.form.to_field.edit, Qt.Key.Key_F4)
    focus_reference(qtbot, window)
    sequence = QKeySequence(key)[0]
    qtbot.keyClick(window.form.reference, sequence.key(), sequence.keyboardModifiers())
    qtbot.waitUntil(_expect(key, window, controller), timeout=3000)


class ClaimsCtrlE(QObject):
    """What QLineEdit does under the X11 keyboard schemes (KDE, GNOME: every Linux desk):
    it claims Ctrl+E as "end of line" before any shortcut sees it. The offscreen platform
    uses the Windows key bindings, so a test field is taught the X11 one here."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.keyCombination() == QKeySequence("Ctrl+E")[0]):
            event.accept()
        return False


def test_ctrl_e_opens_the_export_from_a_field_that_claims_it(qtbot, window):
    claims = ClaimsCtrlE(window)
    for edit in window.findChildren(QLineEdit):
        edit.installEventFilter(claims)
    focus_reference(qtbot, window)
    qtbot.keyClick(window.form.reference, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog_of(ExportDialog), timeout=3000)


# -- Alt mnemonics -----------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def window_mnemonics(win: MainWindow) -> list[tuple[str, str]]:
    """(letter, owner) of every Alt+letter the main window answers: menus, field labels
    and buttons."""
    owners = [(mnemonic(a.text()), f"menu {a.text()}") for a in win.menuBar().actions()]
    owners += [(mnemonic(label.text()), f"label {label.text()}")
               for label in win.findChildren(QLabel) if label.buddy() is not None]
    owners += [(mnemonic(b.text()), f"button {b.text()}")
               for b in win.findChildren(QAbstractButton)]
    return [(letter, owner) for letter, owner in owners if letter]


def test_every_alt_letter_of_the_main_window_has_one_owner(window):
    letters = window_mnemonics(window)
    assert len(letters) >= 12
    seen: dict[str, str] = {}
    for letter, owner in letters:
        assert letter not in seen, f"Alt+{letter}: {seen[letter]} and {owner}"
        seen[letter] = owner


def test_alt_opens_every_menu_from_a_field(qtbot, window):
    for action in window.menuBar().actions():
        letter = mnemonic(action.text())
        focus_reference(qtbot, window)
        qtbot.keyClick(window.form.reference, letter.lower(), Qt.KeyboardModifier.AltModifier)
        menu = action.menu()
        qtbot.waitUntil(menu.isVisible, timeout=3000)
        menu.close()
        qtbot.waitUntil(lambda m=menu: not m.isVisible(), timeout=3000)


def test_alt_jumps_to_every_field_from_another_field(qtbot, window):
    qtbot.keyClick(window.form.to_field.edit, Qt.Key.Key_F4)  # From and To both editable
    form = window.form
    for letter, field in (("F", form.from_field.edit), ("T", form.to_field.edit),
                          ("A", form.amount), ("R", form.reference)):
        start = form.amount if field is not form.amount else form.reference
        start.setFocus()
        qtbot.keyClick(start, letter.lower(), Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(field.hasFocus, timeout=3000)
    qtbot.keyClick(form.amount, Qt.Key.Key_F8)
    qtbot.keyClick(form.amount, "b", Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.beneficiary_bank.hasFocus, timeout=3000)


def test_the_keyboard_map_and_f1_name_the_alt_letters(window):
    readme = README.read_text(encoding="utf-8")
    listed = "\n".join(window.shortcut_lines())
    for action in window.menuBar().actions():
        name = action.text().replace("&", "")
        assert f"Alt+{mnemonic(action.text())}" in readme, name
        assert f"Alt+{mnemonic(action.text())}\t{name} menu" in listed
    assert "Alt+F, Alt+T, Alt+B, Alt+A, Alt+R" in readme and "Alt+A\tJump to Amount" in listed
