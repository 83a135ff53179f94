"""The desk in Simplified Chinese: every entry of the .ts translated and compiled, the
main window's menus and the payment form without English left, and a switch of language
that keeps what the teller typed."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from app.bootstrap import Desk
from app.gui import DeskController
from domain.drawers.commands import StartDrawerSession
from domain.payments.kinds import PaymentKind
from domain.payments.states import PaymentState
from domain.reporting.receipts import Receipt
from gui_support import cell_text, log_in, shot
from helpers import deposit, open_account
from staff import open_session
from ui.bridge import EventBridge
from ui.drawer_dialogs import CountDialog, DrawerReportDialog
from ui.export_dialog import ExportDialog
from ui.formatting import status_label
from ui.main_window import MainWindow
from ui.pdf_words import PDF_WORDS, pdf_words
from ui.receipt_print import receipt_lines
from ui.translations import install_language, qm_path

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "ui" / "i18n" / "teller_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
# Words that stay as they are in Chinese: codes, keys, and English in the language menu
# (each language is named in itself).
ALLOWED = re.compile(r"\b(EUR|USD|CNY|IBAN|BIC|Enter|Esc|Ctrl|Shift|Alt|F\d+|Tab|OK|English)\b")


def test_every_chinese_entry_is_translated_and_keeps_its_placeholders():
    messages = list(ET.parse(TS).iter("message"))
    assert len(messages) > 80
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert (translation.text or "").strip(), f"untranslated: {source!r}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(
            PLACEHOLDER.findall(translation.text or "")
        ), source
        mnemonic = re.search(r"&([A-Za-z])", source.replace("&&", ""))
        if mnemonic:
            # A menu's Alt letter survives translation ("Kemeny & Snell" has none).
            letter = mnemonic.group(1).upper()
            assert f"&{letter}" in (translation.text or "").upper(), source


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path):
    from scripts.build_translations import release

    built = release("zh_CN", tmp_path / "fresh.qm")
    assert built.read_bytes() == qm_path("zh_CN").read_bytes(), (
        "ui/i18n/teller_zh_CN.qm is stale: run python scripts/build_translations.py"
    )


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Path]:
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    yield tmp_path / "settings"
    # The path stays set for the rest of the run: later tests must not log in in Chinese.
    QSettings("teller-desk", "desk").clear()


@pytest.fixture
def desk(make_desk: Callable[..., Desk]) -> Desk:
    """teller1's drawer open and one customer, Anna Schmidt, whose name is data."""
    return make_desk(accounts=[("10000001", "Anna Schmidt")])


@pytest.fixture
def controller(
    make_controller: Callable[[Desk], DeskController], desk: Desk, settings: Path
) -> Iterator[DeskController]:
    yield make_controller(desk)
    install_language("en")


def menus(window: MainWindow) -> Iterator[tuple[QAction, QMenu]]:
    """Each menu of the menu bar with the action that opens it."""
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu), top.text()
        yield top, menu


def english_left(text: str) -> bool:
    """Latin words and no Chinese: a label nobody translated."""
    plain = ALLOWED.sub("", text.replace("&", ""))
    has_chinese = any("\u4e00" <= ch <= "\u9fff" for ch in plain)
    return bool(re.search(r"[A-Za-z]{3,}", plain)) and not has_chinese


def menu_texts(window: MainWindow) -> list[str]:
    texts = []
    for top, menu in menus(window):
        texts.append(top.text())
        texts += [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    return texts


def test_the_window_s_menus_and_the_payment_form_speak_chinese(qtbot, controller):
    install_language("zh_CN")
    window = log_in(qtbot, controller)
    texts = menu_texts(window)
    form = window.form
    texts += [
        w.text()
        for w in form.findChildren(QLabel)
        if w.isVisible()
        and w.text()
        and w.objectName() not in ("status",)
        and not w.objectName().endswith("_info")
    ]
    texts += [w.text() for w in form.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.placeholderText() for w in form.findChildren(QLineEdit) if w.isVisible()]
    left = [text for text in texts if english_left(text)]
    assert left == [], left
    assert "交易(&P)" in texts and "记账  [Enter]" in texts and "现金存款  [F2]" in texts


def test_switching_language_keeps_what_was_typed_and_is_remembered(qtbot, controller):
    install_language("en")
    window = log_in(qtbot, controller)
    window.form.amount.setFocus()
    qtbot.keyClicks(window.form.amount, "1,234.50")
    qtbot.keyClicks(window.form.reference, "rent May")
    chinese = next(
        a for _top, menu in menus(window) for a in menu.actions() if a.text() == "简体中文"
    )
    chinese.trigger()
    qtbot.waitUntil(lambda: controller.window is not window)
    switched = controller.window
    assert "交易(&P)" in menu_texts(switched)
    assert switched.form.amount.text() == "1,234.50"
    assert switched.form.reference.text() == "rent May"
    assert QSettings("teller-desk", "desk").value("language/teller1") == "zh_CN"
    app = QApplication.instance()
    assert app is not None and app.property("teller_language") == "zh_CN"


def test_money_and_dates_read_as_a_shanghai_teller_writes_them(qtbot, controller, desk):
    install_language("zh_CN")
    window = log_in(qtbot, controller)
    today = desk.lifecycle.business_date()
    assert f"{today.year}年{today.month}月{today.day}日" in window.journal_title.text()
    form = window.form
    qtbot.keyClicks(form.to_field.edit, "10000001")
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.amount, "1,234.5+10")
    assert form.amount_preview.text() == "= €1,244.50"
    # A renminbi drawer is counted in 元 and 角, as the notes and coins say.
    desk.bus.dispatch(StartDrawerSession(session_id="cny", currency="CNY", actor="teller2"))
    session = desk.drawers.current_session("teller2")
    assert session is not None and session.currency == "CNY"
    bridge = EventBridge(desk.bus.subscribe)
    dialog = CountDialog("opening", session, desk.drawers, "teller2", desk.bus.dispatch, bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() in dialog.spins.values()]
    assert labels == ["100 元", "50 元", "20 元", "10 元", "5 元", "1 元", "5 角", "1 角"]
    qtbot.keyClicks(dialog.quick, "3x0.5")
    qtbot.keyClick(dialog.quick, Qt.Key.Key_Return)
    assert dialog.spins[50].value() == 3
    assert "¥1.50" in dialog.total.text()
    shot(dialog, "cny_count")
    bridge.close()


def test_a_refusal_reads_in_chinese_at_the_field_it_is_about(qtbot, controller, desk):
    """The domain refuses in English with a code; the teller reads the code's sentence."""
    open_account(desk.bus, "10000002", holder_name="Li Wei", actor="teller1")
    install_language("zh_CN")
    window = log_in(qtbot, controller)
    form = window.form
    qtbot.keyClick(window, Qt.Key.Key_F4)  # transfer
    form.from_field.edit.setFocus()
    qtbot.keyClicks(form.from_field.edit, "10000001")
    qtbot.keyClick(form.from_field.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.to_field.edit, "10000002")
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.amount, "100")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args == ["rejected"]
    said = "账户可用余额不足，无法办理此笔交易。"
    assert form.status.text() == f"未记账：{said}"
    assert said in form.from_field.error.text() + form.amount_error.text()
    assert "Not enough" not in form.status.text()


# What stays as it is in Chinese: key names, codes, ids, and the data of the test desk.
DATA = re.compile(
    # A payment's id (a UUID, whose hex groups may spell 'bcdc') is data, not a word.
    r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|"
    r"\b(Anna Schmidt|Teller Desk|Erlang|Poisson|Kemeny|Snell|BIC|IBAN|PDF|CSV|XLSX|XML|"
    r"Excel|ISO|camt|Caps Lock|Up|Down|min|English|[A-Z]{2,}[A-Z0-9-]*)\b"
)


def english_words(text: str) -> bool:
    """A text with a Latin word of three letters or more and no Chinese: untranslated."""
    plain = DATA.sub("", ALLOWED.sub("", text.replace("&", "")))
    has_chinese = any("\u4e00" <= ch <= "\u9fff" for ch in plain)
    return bool(re.search(r"\b[A-Za-z]{3,}\b", plain)) and not has_chinese


def visible_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person reads in a window: its title, labels,
    buttons, placeholders, group titles, table headers and combo entries."""
    found = [(f"{widget.objectName() or type(widget).__name__} title", widget.windowTitle())]
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        where = child.objectName() or type(child).__name__
        if isinstance(child, QLabel):
            found.append((where, child.text()))
        elif isinstance(child, QAbstractButton):
            found.append((where, child.text()))
            found.append((where + " tip", child.toolTip()))
        elif isinstance(child, QLineEdit):
            found.append((where, child.placeholderText()))
        elif isinstance(child, QTextBrowser):
            found += [(where, line) for line in child.toPlainText().splitlines()]
        elif isinstance(child, QGroupBox):
            found.append((where, child.title()))
        elif isinstance(child, QComboBox) and not child.isEditable():
            found += [(where, child.itemText(i)) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            found += [
                (where + " header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                for c in range(model.columnCount())
            ]
    return [(where, text) for where, text in found if text]


def open_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_every_screen_reached_from_the_keyboard_speaks_chinese(qtbot, controller, desk):
    """A supervisor's desk in zh_CN: every menu, every dialog its keys open, the F1 map
    and the Flow screen; no English word left anywhere a person reads."""
    open_session(desk.bus, "super1")
    # Over a teller's own limit: held for a supervisor, with the risk rules' reasons.
    deposit(desk.bus, "10000001", 1_500_000, payment_id=str(uuid.uuid4()))
    install_language("zh_CN")
    window = log_in(qtbot, controller, "super1")
    window.resize(1400, 900)
    english: list[str] = []

    def check(texts: list[tuple[str, str]], screen: str) -> None:
        english.extend(
            f"{screen} / {where}: {text!r}" for where, text in texts if english_words(text)
        )

    check(visible_texts(window), "main window")
    for top, menu in menus(window):
        letter = QKeySequence.mnemonic(top.text())
        assert not letter.isEmpty(), top.text()
        qtbot.keySequence(window, letter)
        qtbot.waitUntil(lambda menu=menu: menu.isVisible(), timeout=3000)
        check([("menu", top.text())], "menu bar")
        check([("item", a.text().split("\t")[0]) for a in menu.actions() if a.text()], top.text())
        qtbot.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda menu=menu: not menu.isVisible(), timeout=3000)

    def visit(keys: str, screen: str) -> None:
        before = set(open_windows())
        window.activateWindow()
        qtbot.keySequence(window, QKeySequence(keys))
        qtbot.waitUntil(lambda: bool(set(open_windows()) - before), timeout=5000)
        for opened in set(open_windows()) - before:
            check(visible_texts(opened), f"{screen} ({keys})")
            shot(opened, screen)
            opened.close()

    visit("F1", "keyboard map")
    visit("Ctrl+F", "account finder")
    visit("Ctrl+E", "export")
    visit("Ctrl+Shift+A", "audit trail")
    visit("Ctrl+Shift+F", "flow screen")
    visit("Ctrl+Shift+R", "drawer report")
    visit("Ctrl+Shift+V", "cash with the vault")
    visit("Ctrl+Shift+C", "closing count")
    qtbot.keyClick(window, Qt.Key.Key_F6)
    check(visible_texts(window.approvals_dock), "approvals queue (F6)")
    assert window.approvals is not None
    assert "15,000.00 EUR 超过柜员单笔限额 10,000.00 EUR" in window.approvals.detail.text()
    assert "须向监管机构报告" in window.approvals.detail.text()

    # A cash deposit keyed and posted, then its detail (Enter on the journal row), its
    # reversal (Ctrl+R) and the account's history (Ctrl+F, the number, Enter).
    form = window.form
    qtbot.keyClick(window, Qt.Key.Key_F2)
    form.to_field.edit.setFocus()
    qtbot.keyClicks(form.to_field.edit, "10000001")
    qtbot.keyClick(form.to_field.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.amount, "50")
    with qtbot.waitSignal(form.answered, timeout=5000) as answer:
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert answer.args == ["posted"], form.status.text()
    check(visible_texts(window), "main window after posting")
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    before = set(open_windows())
    qtbot.keyClick(window.journal, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(set(open_windows()) - before), timeout=5000)
    for opened in set(open_windows()) - before:
        check(visible_texts(opened), "payment detail (Enter on the journal)")
        # Its events, in order, each as a line in Chinese (the stored names are English).
        events = opened.findChild(QTableWidget, "payment_events")
        assert events is not None
        lines = [cell_text(events, row, 3) for row in range(events.rowCount())]
        assert [line.split("：")[0] for line in lines] == ["交易已创建", "风险检查完成", "已记账"]
        assert "类型 现金存款" in lines[0] and "金额 50.00 EUR" in lines[0], lines[0]
        check([(f"event {n}", line) for n, line in enumerate(lines)], "payment detail events")
        shot(opened, "payment detail")
        opened.close()
    window.journal.setFocus()
    visit("Ctrl+R", "reversal")
    before = set(open_windows())
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.account_screens is not None
    finder = window.account_screens.finder
    assert finder is not None
    qtbot.waitUntil(finder.isVisible)
    qtbot.keyClicks(finder.search, "10000001")
    qtbot.keyClick(finder.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(set(open_windows()) - before - {finder}), timeout=5000)
    for opened in set(open_windows()) - before - {finder}:
        check(visible_texts(opened), "account history (Ctrl+F, Enter)")
        shot(opened, "account history")
        opened.close()
    visit("Ctrl+L", "lock")
    assert english == [], "\n".join(english)


def pdf_text(pdf: Path, *options: str) -> str:
    """The text of a PDF as pdftotext reads it back."""
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def exported(qtbot, dialog: ExportDialog, pdf: Path) -> str:
    """Enter in the export dialog with `pdf` as the file to write: what the file reads."""
    dialog.out_path.setText(str(pdf))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as done:
        qtbot.keyClick(dialog.out_path, Qt.Key.Key_Return)
    assert done.args == ["done"], dialog.status.text()
    return pdf_text(pdf, "-layout")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_drawer_report_pdf_in_chinese_reads_back_as_chinese(qtbot, desk, tmp_path):
    """The report's words in Chinese, written with the PDF's standard Chinese font: text,
    not pictures, as pdftotext reads it."""
    install_language("zh_CN")
    try:
        session = desk.drawers.sessions(limit=5)[0]
        report = desk.drawers.report(session.session_id)
        assert report is not None
        dialog = DrawerReportDialog(report)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle().startswith("钱箱报表 — ")
        pdf = tmp_path / "drawer.pdf"
        dialog.save_pdf(str(pdf))
    finally:
        install_language("en")
    text = pdf_text(pdf)
    for words in ("钱箱报表", "概要", "开箱清点", "现金收付", "主管授权", "面额"):
        assert words in text, text
    assert "Summary" not in text and "Opening count" not in text


def chinese_pdf_export(qtbot, controller: DeskController) -> ExportDialog:
    """A Chinese desk's export dialog (Ctrl+E), with PDF chosen."""
    install_language("zh_CN")
    window = log_in(qtbot, controller)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.account_screens is not None
    dialog = window.account_screens.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    return dialog


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_journal_pdf_exported_in_chinese_reads_back_as_chinese(
    qtbot, controller, desk, tmp_path
):
    """Ctrl+E, PDF, Enter at a Chinese desk: the teller journal's headings, kinds and
    statuses are Chinese text in the file."""
    deposit(desk.bus, "10000001", 12_345, payment_id=str(uuid.uuid4()), reference="rent")
    dialog = chinese_pdf_export(qtbot, controller)
    text = exported(qtbot, dialog, tmp_path / "journal-zh.pdf")
    for words in ("柜员流水", "营业日期", "全部柜员", "金额", "现金存款", "已记账", "第 1 页"):
        assert words in text, text
    assert "第 1 页，共 1 页" in text, text  # the count, then 页
    assert "123.45" in text and "Teller journal" not in text

    # The same dialog with an account: its statement.
    dialog.account.setText("10000001")
    text = exported(qtbot, dialog, tmp_path / "statement-zh.pdf")
    for words in ("账户对账单", "期初余额", "期末余额", "贷方合计：1 笔", "现金存款", "余额"):
        assert words in text, text
    assert "Account statement" not in text


def test_every_word_the_pdf_export_writes_is_marked_for_translation():
    """The PDF export writes English words that the desk translates as it writes them
    (ui/pdf_words.py, PDF_WORDS): a word missing there stays English in a Chinese PDF,
    as the statement's "Time" column once did."""
    import ast

    from domain.reporting.exports import pdf_export

    written: set[str] = set()
    for node in ast.walk(ast.parse(Path(pdf_export.__file__).read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        called = node.func.attr if isinstance(node.func, ast.Attribute) else None
        called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
        if called in ("Column", "words", "w") and isinstance(first, ast.Constant):
            written.add(str(first.value))
    assert len(written) > 30, written
    assert written <= set(PDF_WORDS), sorted(written - set(PDF_WORDS))


def drawn_in(pdf: Path) -> list[tuple[str, str]]:
    """(font, text) of every piece of text the PDF draws, as pypdf reads it."""
    from pypdf import PdfReader

    pieces: list[tuple[str, str]] = []

    def seen(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if text.strip() and font is not None:
            pieces.append((str(font["/BaseFont"]), text))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=seen)
    return pieces


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_a_chinese_pdf_draws_european_letters_and_signs_in_a_font_that_has_them(
    qtbot, controller, desk, tmp_path
):
    """The PDF's standard Chinese font has no ß, £, © or middle dot: a reader draws a box
    for each. In a Chinese statement the holder's name and the headings' separators are
    drawn in the embedded sans, and only the Chinese in the Chinese font."""
    open_account(desk.bus, "10000077", holder_name="Jürgen Groß © Ltd")
    deposit(desk.bus, "10000077", 5_000, payment_id=str(uuid.uuid4()), reference="£ Miete · März")
    dialog = chinese_pdf_export(qtbot, controller)
    dialog.account.setText("10000077")
    pdf = tmp_path / "statement-zh.pdf"
    text = exported(qtbot, dialog, pdf)
    assert "账户对账单" in text and "Jürgen Groß © Ltd" in text and "£ Miete · März" in text

    pieces = drawn_in(pdf)
    chinese = [piece for font, piece in pieces if "STSong" in font]
    others = [piece for font, piece in pieces if "STSong" not in font]
    assert chinese and others, pieces
    # Not one character the Chinese font lacks is drawn with it.
    chinese_text = "".join(piece.strip() for piece in chinese)
    assert all("\u4e00" <= ch <= "\u9fff" or ch in "，：；（）　" for ch in chinese_text), chinese
    drawn_elsewhere = "".join(others)
    for sign in ("ß", "©", "£", "·"):
        assert sign in drawn_elsewhere, others


def status_words(state: PaymentState) -> dict[str, str]:
    """The word for `state` on each surface that shows it: the status column (journal,
    history, payment detail, flow screen, refusals), the exported PDF and the receipt."""
    receipt = Receipt(
        bank="Teller Bank", branch="Main", desk="desk-1", teller="teller1",
        payment_id="p-1", kind=PaymentKind.CASH_DEPOSIT, status=state,
        created_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC), business_date=date(2026, 3, 2),
        debit_account="", credit_account="****0001", amount=12_345, currency="EUR",
        reference="", reverses="", copy=False,
    )  # fmt: skip
    status_line = QCoreApplication.translate("Receipt", "Status")
    return {
        "screen": status_label(state),
        "pdf export": pdf_words(state),
        "receipt": dict(receipt_lines(receipt))[status_line],
    }


@pytest.mark.parametrize("state", list(PaymentState))
def test_a_payment_state_has_one_chinese_word_on_screens_exports_and_receipts(qapp, state):
    install_language("zh_CN")
    try:
        words = status_words(state)
        others = {status_label(other) for other in PaymentState if other != state}
    finally:
        install_language("en")
    assert len(set(words.values())) == 1, words
    word = words["screen"]
    assert all("\u4e00" <= ch <= "\u9fff" for ch in word), words
    assert word not in others, f"{word} also names another state"
