"""Account lookup, the account view with its paged history, payment details and the
export dialog, driven by real keystrokes against a real SQLite ledger."""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from domain.payments.kinds import CASH_DEPOSIT
from domain.reporting.account_book import AccountBook
from gui_support import activate, cell_text
from helpers import payment
from reporting_data import ANNA, BEN, DAY3, DRAWER_1, Bank, build_bank
from ui.account_finder import AccountFinder
from ui.account_view import AccountWindow
from ui.bridge import EventBridge
from ui.history import AccountHistoryModel
from ui.main_window import MainWindow
from ui.payment_form import DeskContext


@pytest.fixture
def three_day_bank(tmp_path) -> Iterator[Bank]:
    bank = build_bank(f"sqlite:///{tmp_path / 'bank.db'}")
    bank.desk.worker.start()
    yield bank
    bank.desk.close()


@pytest.fixture
def book(three_day_bank) -> AccountBook:
    return AccountBook(three_day_bank.desk.engine, "Bank of Tests")


@pytest.fixture
def window(qtbot, three_day_bank, book) -> Iterator[MainWindow]:
    bridge = EventBridge(three_day_bank.desk.bus.subscribe)
    win = MainWindow(
        three_day_bank.desk.queries,
        DeskContext("teller1", DRAWER_1),
        three_day_bank.desk.worker.submit,
        bridge,
        today=lambda: DAY3,
        book=book,
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    bridge.close()


def postings_of(bank: Bank, account_id: str) -> list[tuple[str, int]]:
    """(payment id, leg) of the account's postings, newest first, from the events."""
    legs = [
        (p.payment_id, leg["leg"])
        for p in bank.posted
        for leg in p.postings
        if leg["account_id"] == account_id
    ]
    return legs[::-1]


def show_account(qtbot, book: AccountBook, account_id: str) -> AccountWindow:
    account = AccountWindow(book, account_id)
    qtbot.addWidget(account)
    activate(qtbot, account)
    return account


def open_finder(qtbot, window: MainWindow) -> AccountFinder:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.account_screens is not None
    finder = window.account_screens.finder
    assert finder is not None and finder.isVisible()
    qtbot.waitUntil(finder.search.hasFocus)
    return finder


def test_typing_a_name_finds_the_account_and_enter_opens_it(qtbot, window, three_day_bank):
    finder = open_finder(qtbot, window)
    qtbot.keyClicks(finder.search, "ross")
    assert [finder.model.account_id(r) for r in range(finder.model.rowCount())] == [BEN]
    qtbot.keyClick(finder.search, Qt.Key.Key_Return)
    account = window.account_screens.account_windows[BEN]
    assert account.isVisible()
    assert account.holder.text() == "Ben Rossi"
    assert account.status.text() == "ACTIVE"
    ledger = three_day_bank.desk.queries.account(BEN)
    assert account.balances["posted"].text() == "479.43 EUR" == f"{ledger.posted / 100:,.2f} EUR"
    assert account.balances["available"].text() == "479.43 EUR"
    shown = [
        (account.model.entry(r).payment_id, account.model.entry(r).leg)
        for r in range(account.model.rowCount())
    ]
    assert shown == postings_of(three_day_bank, BEN)


@pytest.mark.parametrize(
    ("typed", "expected", "matched_by"),
    [
        ("10000001", ANNA, "number"),
        ("1000 0002", BEN, "number"),  # typed like an IBAN, with a space
        ("mul", ANNA, "name"),  # Müller without the umlaut
        ("anna m", ANNA, "name"),
        ("rosi", BEN, "similar name"),  # a typo
    ],
)
def test_lookup_by_number_name_prefix_and_fuzzy(qtbot, window, typed, expected, matched_by):
    finder = open_finder(qtbot, window)
    qtbot.keyClicks(finder.search, typed)
    assert finder.model.rowCount() >= 1
    first = finder.model.index(0, 0)
    assert finder.model.account_id(0) == expected
    assert finder.model.index(0, 5).data() == matched_by
    assert first.data() == expected


def test_arrow_keys_choose_among_results(qtbot, window):
    finder = open_finder(qtbot, window)
    qtbot.keyClicks(finder.search, "1000000")
    assert finder.model.rowCount() == 3
    qtbot.keyClick(finder.search, Qt.Key.Key_Down)
    qtbot.keyClick(finder.search, Qt.Key.Key_Down)
    qtbot.keyClick(finder.search, Qt.Key.Key_Return)
    assert "10000003" in window.account_screens.account_windows


def test_nothing_found_says_so(qtbot, window):
    finder = open_finder(qtbot, window)
    qtbot.keyClicks(finder.search, "zzzq")
    assert finder.model.rowCount() == 0
    assert "No account matches" in finder.summary.text()


def test_a_new_account_is_found_without_reopening(qtbot, window, three_day_bank):
    from domain.ledger.commands import OpenAccount

    finder = open_finder(qtbot, window)
    qtbot.keyClicks(finder.search, "zhao")
    assert finder.model.rowCount() == 0
    three_day_bank.desk.worker.submit(
        OpenAccount(
            account_id="10000099",
            holder_name="Zhao Wei",
            kind="customer",
            currency="EUR",
            actor="teller1",
        )
    )
    three_day_bank.desk.worker.wait_idle(5)
    qtbot.keyClick(finder.search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(finder.search, "o")
    assert finder.model.rowCount() == 1 and finder.model.account_id(0) == "10000099"


def test_history_pages_lazily_and_never_repeats_or_skips(
    qtbot, three_day_bank, book, qtmodeltester
):
    assert three_day_bank.desk.lifecycle.business_date() == DAY3
    for n in range(23):
        three_day_bank.pay(f"more-{n}", CASH_DEPOSIT, DRAWER_1, BEN, 100 + n)
    model = AccountHistoryModel(book.history_page, page_size=5)
    model.show(BEN)
    assert model.rowCount() == 5 and model.canFetchMore(model.index(-1, -1))
    qtmodeltester.check(model)
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    rows = [(model.entry(r).payment_id, model.entry(r).leg) for r in range(model.rowCount())]
    assert rows == postings_of(three_day_bank, BEN) and len(rows) == 27
    assert model.pages_read == len(rows) // 5 + 1
    qtmodeltester.check(model)


def test_scrolling_the_view_fetches_more(qtbot, three_day_bank, book):
    assert three_day_bank.desk.lifecycle.business_date() == DAY3
    for n in range(400):
        # Amounts differ: equal ones would be stopped as possible duplicates.
        three_day_bank.pay(f"bulk-{n}", CASH_DEPOSIT, DRAWER_1, BEN, 100 + n)
    account = show_account(qtbot, book, BEN)
    assert account.model.rowCount() == 200
    assert "scroll for more" in account.count.text()
    account.table.setFocus()
    # Each time the view reaches the end of what is loaded, it asks for one more page.
    qtbot.keyClick(account.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: account.model.rowCount() == 400)
    qtbot.keyClick(account.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: account.model.rowCount() == 400 + 4)
    assert account.model.pages_read == 3 and not account.model.has_more
    assert "404 entries loaded" in account.count.text()
    assert "scroll for more" not in account.count.text()


def test_filters_apply_in_the_database(qtbot, three_day_bank, book):
    account = show_account(qtbot, book, ANNA)
    assert account.model.rowCount() == 6
    qtbot.keyClicks(account.min_amount, "100")
    qtbot.keyClick(account.min_amount, Qt.Key.Key_Return)
    assert {account.model.entry(r).payment_id for r in range(account.model.rowCount())} == {
        "d1-1",
        "d1-3",
        "d2-1",
        "d3-1",
    }
    qtbot.keyClick(
        account,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClicks(account.date_from, "2026-03-03")
    qtbot.keyClicks(account.date_to, "2026-03-03")
    qtbot.keyClick(account.date_to, Qt.Key.Key_Return)
    assert [account.model.entry(r).payment_id for r in range(account.model.rowCount())] == [
        "d2-2",
        "d2-1",
    ]
    account.clear_filters()
    qtbot.keyClicks(account.text, "RENT")
    qtbot.keyClick(account.text, Qt.Key.Key_Return)
    assert [account.model.entry(r).payment_id for r in range(account.model.rowCount())] == ["d2-2"]
    assert account.model.index(0, 5).data() == "+75.01 EUR"


def test_a_bad_filter_is_named_and_changes_nothing(qtbot, three_day_bank, book):
    account = show_account(qtbot, book, ANNA)
    qtbot.keyClicks(account.date_from, "2026-02-30")
    qtbot.keyClick(account.date_from, Qt.Key.Key_Return)
    assert "is not a date" in account.filter_error.text()
    assert account.model.rowCount() == 6
    account.date_from.clear()
    qtbot.keyClicks(account.min_amount, "50")
    qtbot.keyClicks(account.max_amount, "5")
    qtbot.keyClick(account.max_amount, Qt.Key.Key_Return)
    assert "minimum amount is above the maximum" in account.filter_error.text()
    assert account.model.rowCount() == 6


def test_ctrl_o_shows_oldest_first(qtbot, three_day_bank, book):
    account = show_account(qtbot, book, ANNA)
    assert account.model.entry(0).payment_id == "d3-2"
    qtbot.keyClick(account, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert account.model.entry(0).payment_id == "d1-1"
    assert "oldest first" in account.count.text()


def test_enter_on_a_row_shows_the_payment_with_its_events_and_postings(qtbot, three_day_bank, book):
    account = show_account(qtbot, book, BEN)
    row = next(
        r for r in range(account.model.rowCount()) if account.model.entry(r).payment_id == "d2-2"
    )
    account.table.selectRow(row)
    account.table.setFocus()
    qtbot.keyClick(account.table, Qt.Key.Key_Return)
    detail = account._detail
    assert detail is not None and detail.isVisible()
    assert detail.heading.text() == "Transfer of 75.01 EUR — posted"
    # Keyed, checked by the risk rules, posted: each by the teller who keyed it.
    assert detail.events.rowCount() == 3
    assert [cell_text(detail.events, r, 2) for r in range(3)] == ["teller2"] * 3
    assert cell_text(detail.events, 0, 3).startswith("Payment created: ")
    assert cell_text(detail.events, 1, 3).startswith("Payment risk checked: outcome allow")
    what = cell_text(detail.events, 2, 3)
    assert what.startswith("Payment posted: amount 75.01 EUR")
    assert "kind Transfer" in what and "reference rent" in what
    assert [tuple(cell_text(detail.postings, r, c) for c in (1, 2, 3)) for r in range(2)] == [
        (BEN, "75.01", ""),
        (ANNA, "", "75.01"),
    ]
    assert "No reversal links" in detail.no_links.text()


def test_account_view_follows_new_payments(qtbot, window, three_day_bank, gui_reads):
    account = window.account_screens.open_account(BEN)
    before = account.model.rowCount()
    # Its balances and first page are read on the worker, not on the GUI thread.
    with (
        gui_reads(three_day_bank.desk.engine) as on_gui,
        qtbot.waitSignal(account.model.modelReset, timeout=5000),
    ):
        three_day_bank.desk.worker.submit(
            payment(CASH_DEPOSIT, DRAWER_1, BEN, 1_000, payment_id="live-1")
        )
    assert on_gui == []
    assert account.model.rowCount() == before + 1
    assert account.model.entry(0).payment_id == "live-1"
    assert account.balances["posted"].text() == "489.43 EUR"


def test_finder_model_is_a_well_behaved_qt_model(qtbot, window, qtmodeltester):
    finder = open_finder(qtbot, window)
    qtbot.keyClicks(finder.search, "1")
    qtmodeltester.check(finder.model)


def test_menus_show_the_new_shortcuts(window):
    lines = "\n".join(window.shortcut_lines())
    assert "Ctrl+F\tFind account…" in lines and "Ctrl+E\tExport report…" in lines
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Help" and "A&ccounts" in titles and "Rep&orts" in titles


# -- export dialog ------------------------------------------------------------------------


def open_export(qtbot, window, tmp_path):
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.account_screens.export_dialog
    assert dialog is not None and dialog.isVisible()
    for edit, text in (
        (dialog.date_from, "2026-03-02"),
        (dialog.date_to, "2026-03-04"),
        (dialog.out_path, str(tmp_path / "report.csv")),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    return dialog


def test_export_dialog_writes_the_report_from_the_keyboard(qtbot, window, three_day_bank, tmp_path):
    dialog = open_export(qtbot, window, tmp_path)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as outcome:
        qtbot.keyClick(dialog.out_path, Qt.Key.Key_Return)
    assert outcome.args == ["done"]
    assert dialog.progress.value() == 100
    assert "Wrote 9 rows" in dialog.status.text()
    with (tmp_path / "report.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 9


def test_export_dialog_names_bad_input_at_its_field(qtbot, window, tmp_path):
    dialog = open_export(qtbot, window, tmp_path)
    dialog.date_to.clear()
    qtbot.keyClicks(dialog.date_to, "2026-13-01")
    qtbot.keyClick(dialog.date_to, Qt.Key.Key_Return)
    assert "is not a date" in dialog.errors["date_to"].text()
    dialog.date_to.clear()
    qtbot.keyClicks(dialog.date_to, "2026-03-01")
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as outcome:
        qtbot.keyClick(dialog.date_to, Qt.Key.Key_Return)
    assert outcome.args == ["failed"]
    assert "starts (2026-03-02) after it ends" in dialog.errors["date_from"].text()
    assert list(tmp_path.glob("report*")) == []


def test_escape_cancels_a_running_export_and_leaves_no_file(qtbot, three_day_bank, book, tmp_path):
    from ui.export_dialog import ExportDialog

    assert three_day_bank.desk.lifecycle.business_date() == DAY3
    for n in range(300):
        # Amounts differ: equal ones would be stopped as possible duplicates.
        three_day_bank.pay(f"bulk-{n}", CASH_DEPOSIT, DRAWER_1, BEN, 100 + n)
    gate = threading.Event()

    def slow_export(request, progress, cancelled):
        def held(done, total):
            gate.wait(5)  # the first progress report waits until Esc was pressed
            progress(done, total)

        return book.export(request, held, cancelled)

    dialog = ExportDialog(slow_export, "Bank of Tests", DAY3, folder=tmp_path)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.format, Qt.Key.Key_Return)
    assert dialog.running and not dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as outcome:
        qtbot.keyClick(dialog.format, Qt.Key.Key_Escape)
        gate.set()
    assert outcome.args == ["cancelled"]
    assert dialog.isVisible()  # Esc stopped the export; a second Esc closes
    assert "no file was written" in dialog.status.text()
    assert list(tmp_path.iterdir()) == [tmp_path / "bank.db"] or all(
        p.suffix in (".db", ".db-wal", ".db-shm") for p in tmp_path.iterdir()
    )
    qtbot.keyClick(dialog.format, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_enter_on_a_journal_row_opens_that_payment(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.journal.hasFocus()
    top = window.journal_model.entry(0)
    qtbot.keyClick(window.journal, Qt.Key.Key_Return)
    detail = window.account_screens.payment_detail
    assert detail is not None and detail.isVisible()
    assert detail.windowTitle() == f"Payment {top.payment_id}"
    assert detail.postings.rowCount() == 2
