"""A keyboard session at the real window, as a teller meets it after logging in: every
documented key works from a text field, the blind count stays blind, the form's drawer
line follows the drawer, the journal shows whole amounts, and the messages say what
happened. Real keystrokes throughout.

Set TELLER_SCREENSHOTS=DIR to keep a PNG of each screen."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from app.bootstrap import Desk
from app.gui import DeskController
from domain.drawers.sessions import drawer_account_id
from gui_support import activate, log_in, shot
from ui.account_finder import AccountFinder
from ui.audit_screen import AuditScreen
from ui.drawer_dialogs import CountDialog, DrawerReportDialog, VaultMoveDialog
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def desk(make_desk) -> Desk:
    return make_desk()


@pytest.fixture
def controller(make_controller, desk: Desk) -> DeskController:
    return make_controller(desk)


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
    return lambda: any(
        isinstance(w, QMessageBox) and w.isVisible() and text in w.text()
        for w in QApplication.topLevelWidgets()
    )


def dialog_of(kind: type) -> Callable[[], bool]:
    return lambda: any(
        isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


# What the teller sees after each key of the README's keyboard map, pressed in a field.
def _expect(
    key: str, win: MainWindow, controller: DeskController, reloads: list[object]
) -> Callable[[], bool]:
    form = win.form

    def locked() -> bool:
        session = win.desk_session
        return (
            session is not None
            and session.lock_dialog is not None
            and session.lock_dialog.isVisible()
        )

    return {
        "F2": lambda: form.kind() == "cash_deposit",
        "F3": lambda: form.kind() == "cash_withdrawal",
        "F4": lambda: form.kind() == "transfer",
        "F8": lambda: form.kind() == "interbank_transfer",
        "Esc": lambda: form.reference.text() == "",
        "Ctrl+N": lambda: form.to_field.edit.hasFocus(),
        "Ctrl+J": lambda: win.journal.hasFocus(),
        "F5": lambda: len(reloads) == 1,
        "F1": message_box_saying("Ctrl+E"),
        "Ctrl+Q": lambda: not win.isVisible(),
        "Ctrl+Shift+O": lambda: "open already" in win.statusBar().currentMessage(),
        "Ctrl+Shift+C": dialog_of(CountDialog),
        "Ctrl+Shift+V": dialog_of(VaultMoveDialog),
        "Ctrl+Shift+R": dialog_of(DrawerReportDialog),
        "Ctrl+L": locked,
        "Ctrl+Shift+L": lambda: controller.window is None and controller.login_dialog is not None,
        "Ctrl+Shift+A": dialog_of(AuditScreen),
        "Ctrl+R": lambda: "Select a payment" in win.statusBar().currentMessage(),
        "F6": lambda: win.approvals_dock.isVisible(),
        "Ctrl+F": dialog_of(AccountFinder),
        "Ctrl+E": dialog_of(ExportDialog),
        # A teller is told the Flow screen is the supervisors' (their own test opens it).
        "Ctrl+Shift+F": lambda: "for supervisors" in win.statusBar().currentMessage(),
        "Ctrl+P": lambda: "Select a payment in the journal" in form.status.text(),
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
        "F2",
        "F3",
        "F4",
        "F8",
        "Esc",
        "Ctrl+N",
        "Ctrl+J",
        "F5",
        "F1",
        "Ctrl+Q",
        "Ctrl+Shift+O",
        "Ctrl+Shift+C",
        "Ctrl+Shift+V",
        "Ctrl+Shift+R",
        "Ctrl+L",
        "Ctrl+Shift+L",
        "Ctrl+Shift+A",
        "Ctrl+R",
        "F6",
        "Ctrl+F",
        "Ctrl+E",
        "Ctrl+Shift+F",
        "Ctrl+P",
    }


@pytest.mark.parametrize("key", keyboard_map_keys())
def test_every_shortcut_of_the_keyboard_map_works_from_a_text_field(qtbot, window, controller, key):
    reloads: list[object] = []
    window.journal_model.modelReset.connect(lambda: reloads.append(key))
    if key == "F2":
        qtbot.keyClick(window.form.to_field.edit, Qt.Key.Key_F4)
    focus_reference(qtbot, window)
    qtbot.keySequence(window.form.reference, QKeySequence(key))
    qtbot.waitUntil(_expect(key, window, controller, reloads), timeout=3000)


CTRL_E = QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_E)


class ClaimsCtrlE(QObject):
    """What QLineEdit does under the X11 keyboard schemes (KDE, GNOME: every Linux desk):
    it claims Ctrl+E as "end of line" before any shortcut sees it. The offscreen platform
    uses the Windows key bindings, so a test field is taught the X11 one here."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination() == CTRL_E
        ):
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
    owners += [
        (mnemonic(label.text()), f"label {label.text()}")
        for label in win.findChildren(QLabel)
        if label.buddy() is not None
    ]
    owners += [
        (mnemonic(b.text()), f"button {b.text()}") for b in win.findChildren(QAbstractButton)
    ]
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
        assert letter is not None, action.text()
        focus_reference(qtbot, window)
        qtbot.keyClick(window.form.reference, letter.lower(), Qt.KeyboardModifier.AltModifier)
        menu = action.menu()
        assert isinstance(menu, QMenu), action.text()
        qtbot.waitUntil(menu.isVisible, timeout=3000)
        menu.close()
        qtbot.waitUntil(lambda m=menu: not m.isVisible(), timeout=3000)


def test_alt_jumps_to_every_field_from_another_field(qtbot, window):
    qtbot.keyClick(window.form.to_field.edit, Qt.Key.Key_F4)  # From and To both editable
    form = window.form
    for letter, field in (
        ("F", form.from_field.edit),
        ("T", form.to_field.edit),
        ("A", form.amount),
        ("R", form.reference),
    ):
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


# -- the form after payments, the drawer and its count ------------------------------------


def key_and_post(qtbot, win: MainWindow, kind_key: Qt.Key, account: str, amount: str) -> str:
    form = win.form
    qtbot.keyClick(QApplication.focusWidget() or form, kind_key)
    field = form.to_field if kind_key == Qt.Key.Key_F2 else form.from_field
    qtbot.keyClicks(field.edit, account)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert form.amount.hasFocus()
    qtbot.keyClicks(form.amount, amount)
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    # The offscreen platform makes the account suggestions' popup the active window,
    # late, once it was shown; a desktop's window manager does not.
    activate(qtbot, win)
    return str(answer.args[0])


def visible_texts(win: QWidget) -> str:
    texts = [
        w.text()
        for w in win.findChildren(QLabel) + win.findChildren(QLineEdit)
        if w.isVisible() and w.window() is win
    ]
    if isinstance(win, MainWindow):
        texts.append(win.statusBar().currentMessage())
    return "\n".join(texts)


def test_the_drawer_line_follows_deposits_and_withdrawals(qtbot, window, desk):
    form = window.form
    assert form.from_field.info.text().endswith("available 0.00 EUR")
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000001", "10000") == "posted"
    assert form.from_field.info.text().endswith("available 10,000.00 EUR")
    shot(window, "main_after_payment")
    assert key_and_post(qtbot, window, Qt.Key.Key_F3, "10000001", "250") == "posted"
    assert form.to_field.info.text().endswith("available 9,750.00 EUR")
    assert desk.queries.account(drawer_account_id("teller1")).available == 975_000


def test_the_blind_count_is_blind_and_a_closed_drawer_offers_no_money(qtbot, window, desk):
    form = window.form
    # 6,000 + 4,000: the drawer's 10,000.00 is no single payment's amount.
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000001", "6000") == "posted"
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000002", "4000") == "posted"
    assert "10,000.00" in form.from_field.info.text()
    focus_reference(qtbot, window)
    qtbot.keyClick(
        form.reference,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(dialog_of(CountDialog), timeout=3000)
    count = window.desk_session.dialog
    # Nothing on the screen, behind the dialog or in it, tells what the drawer should hold.
    assert "10,000.00" not in visible_texts(window) + visible_texts(count)
    assert "being counted" in form.from_field.info.text()
    shot(count, "closing_count")
    # The quick count: 19 notes of 500 and 5 of 100, without Tabbing through 14 fields.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is count.quick, timeout=3000)
    for typed in ("19x500", "5 x 100"):
        qtbot.keyClicks(count.quick, typed)
        qtbot.keyClick(count.quick, Qt.Key.Key_Return)
    assert (count.spins[50_000].value(), count.spins[10_000].value()) == (19, 5)
    assert count.total.text() == "Counted: 10,000.00 EUR" and count.quick.text() == ""
    assert "10,000.00" not in visible_texts(window)
    qtbot.keyClicks(count.quick, "3x7")
    qtbot.keyClick(count.quick, Qt.Key.Key_Return)
    assert "no 7.00 EUR" in count.message.text() and count.quick.text() == "3x7"
    count.quick.clear()
    # Enter on an empty quick count records the count; then the expected total shows.
    qtbot.keyClick(count.quick, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "should hold 10,000.00 EUR" in count.outcome.text(), timeout=5000)
    shot(count, "closing_count_recorded")
    with qtbot.waitSignal(count.accepted, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "closed" in form.from_field.info.text(), timeout=5000)
    assert "available" not in form.from_field.info.text()
    assert desk.drawers.current_session("teller1") is None


def test_the_count_at_login_has_the_cursor_and_takes_a_quick_count(
    qtbot, make_desk, make_controller
):
    desk = make_desk(drawers=())
    window = log_in(qtbot, make_controller(desk))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: isinstance(window.desk_session.dialog, CountDialog), timeout=5000)
    count = window.desk_session.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is count.quick, timeout=3000)
    assert count.isActiveWindow()
    shot(count, "opening_count")
    # Typed where the cursor is, with no shortcut to reach the dialog first.
    qtbot.keyClicks(QApplication.focusWidget(), "0x500")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    with qtbot.waitSignal(count.accepted, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert desk.drawers.current_session("teller1").state == "open"


def test_a_second_quick_enter_after_posting_keeps_it_posted(qtbot, window, desk):
    form = window.form
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000002", "40") == "posted"
    posted = form.status.text()
    rows = desk.queries.count("payments")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert answer.args[0] == "already_posted"
    assert form.status.text().startswith(posted) and "Already posted" in form.status.text()
    assert "Not posted" not in form.status.text() and "#1b5e20" in form.status.styleSheet()
    assert desk.queries.count("payments") == rows
    # Typing a new payment starts afresh: an empty amount is named as before.
    qtbot.keyClicks(form.to_field.edit, "10000002")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Return)
    assert answer.args[0] == "invalid"


# -- the journal ------------------------------------------------------------------------


def test_journal_amounts_are_whole_ordered_by_time_and_counted_in_words(qtbot, window, desk):
    journal = window.journal
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000001", "10000") == "posted"
    assert window.journal_title.text().endswith("— 1 payment")
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000002", "9999.99") == "posted"
    assert window.journal_title.text().endswith("— 2 payments")
    shot(window, "journal_10000")
    header = journal.horizontalHeader()
    for column in range(window.journal_model.columnCount()):
        if window.journal_model.headerData(column, Qt.Orientation.Horizontal) != "Reference":
            assert header.sectionSize(column) >= journal.sizeHintForColumn(column), column
    assert window.journal_model.index(0, 4).data() == "9,999.99"
    # Reverse the first payment: its row moves in the ledger, not in time.
    first = window.journal_model.entry(1).payment_id
    window.reverse_payment(first)
    dialog = window.reversal
    qtbot.keyClicks(dialog.reason, "keyed twice")
    with qtbot.waitSignal(dialog.answered, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    activate(qtbot, window)  # the reversal dialog had the keyboard
    with qtbot.waitSignal(window.journal_model.modelReset, timeout=5000):
        qtbot.keyClick(window.form.reference, Qt.Key.Key_F5)
    times = [
        window.journal_model.entry(row).created_at for row in range(window.journal_model.rowCount())
    ]
    assert times == sorted(times, reverse=True) and len(times) == 3
    assert window.journal_model.entry(2).payment_id == first


def test_account_history_counts_entries_in_words(qtbot, window, desk):
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000001", "10") == "posted"
    history = window.account_screens.open_account("10000001")
    qtbot.addWidget(history)
    qtbot.waitUntil(lambda: "loaded" in history.count.text(), timeout=5000)
    assert history.count.text().startswith("1 entry loaded")


# -- reversals and transfers to other banks -----------------------------------------------


def test_the_reversal_dialog_and_the_form_say_what_was_reversed(qtbot, window, desk):
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000001", "75.25") == "posted"
    qtbot.keyClick(window.form.reference, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.journal.hasFocus)
    qtbot.keyClick(window.journal, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.reversal is not None and window.reversal.isVisible(), timeout=3000
    )
    dialog = window.reversal
    facts = visible_texts(dialog)
    day = desk.lifecycle.business_date()
    business_date = f"{day:%b} {day.day}, {day.year}"  # en_US medium, as the desk writes it
    # The bank's day and the clock are two labelled facts, the clock's zone named.
    assert f"Business date:\n{business_date}\n" in facts
    assert re.search(
        r"Keyed at:\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d local time "
        r"\(\w+, UTC[+-]\d\d:\d\d\)\nKeyed by:\nteller1\n",
        facts,
    ), facts
    shot(dialog, "reversal_dialog")
    qtbot.keyClicks(dialog.reason, "wrong account")
    with qtbot.waitSignal(dialog.answered, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    status = window.form.status.text()
    assert status.startswith("Reversed: Cash deposit of 75.25 EUR") and "10000001" in status
    shot(window, "main_after_reversal")


def test_a_transfer_to_another_bank_names_amount_and_beneficiary(qtbot, window, desk):
    assert key_and_post(qtbot, window, Qt.Key.Key_F2, "10000001", "500") == "posted"
    form = window.form
    qtbot.keyClick(form.reference, Qt.Key.Key_F8)
    qtbot.keyClicks(form.from_field.edit, "10000001")
    for edit, text in zip(
        form.beneficiary_edits,
        ("BNPAFRPP", "FR7630006000011234567890189", "Marie Curie"),
        strict=True,
    ):
        qtbot.keyClicks(edit, text)
    qtbot.keyClicks(form.amount, "250")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args[0] == "reserved"
    status = form.status.text()
    assert "250.00 EUR" in status and "FR7630006000011234567890189" in status
    assert "Marie Curie" in status and "BNPAFRPP" in status
