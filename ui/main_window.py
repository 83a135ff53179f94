"""The teller's main window: the payment form above the day's journal."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bus import Command, CommandFailed, Event, SubscriberFailed
from domain.eventstore.events import DomainEvent
from domain.eventstore.feed import EventLogReachable, EventLogUnreachable
from domain.ledger.queries import AccountView, JournalEntry, LedgerQueries
from domain.payments.queries import LifecycleQueries
from domain.reporting.account_book import AccountBook
from domain.reporting.history import PaymentDetail
from ui.account_menus import AccountScreens
from ui.approvals import ApprovalsPanel
from ui.bridge import EventBridge
from ui.desk_session import DeskSession, OperatorServices
from ui.flow_screen import FlowScreens
from ui.formatting import business_date, counted, kind_label, money
from ui.journal import JournalModel, JournalView
from ui.long_task import LongTask, ProgressStrip
from ui.payment_form import KIND_KEYS, DeskContext, PaymentForm, kind_shortcut
from ui.receipt_desk import ReceiptDesk, ReceiptSettings
from ui.reversal import ReversalDialog
from ui.translations import LANGUAGE_NAMES, current_language


class _ShortcutsBeforeFields(QObject):
    """Lets the window's shortcuts win over a text field that claims the same keys.

    Under the X11 key bindings (every Linux desktop) a line edit takes Ctrl+E as "end of
    line", and after posting the cursor is always in one, so Ctrl+E did nothing. A field
    claims a key by accepting the ShortcutOverride event; this application filter sees
    that event first and, for a key of one of the window's own actions, keeps the field
    from claiming it. The field's other keys (Ctrl+A, Ctrl+C, Home, End...) stay its own.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.ShortcutOverride
            or not isinstance(event, QKeyEvent)
            or not isinstance(watched, QWidget)
            or watched.window() is not self._window
        ):
            return False
        pressed = event.keyCombination()
        modifiers = pressed.keyboardModifiers()
        if not (
            modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            or Qt.Key.Key_F1.value <= pressed.key().value <= Qt.Key.Key_F35.value
        ):
            return False  # Esc, Enter, letters: the field's
        key = QKeySequence(pressed)
        return any(
            action.isEnabled() and action.shortcut() == key
            for action in self._window.actions_by_name.values()
        )


@dataclass(frozen=True)
class PaymentNews:
    """What the window shows of a payment that moved, read once off the GUI thread: its
    journal row and the balances of the accounts it touched."""

    entry: JournalEntry
    accounts: tuple[AccountView, ...]
    # The slip's content, when this desk prints every receipt at once.
    detail: PaymentDetail | None = None


# (command, payment) pairs already read: a payment's events of one command come
# together, after that command committed, so the first of them is read for all.
READ_REMEMBERED = 512


class MainWindow(QMainWindow):
    # Ctrl+Shift+L or Esc at the lock screen: the composition root shows the login again.
    logout_requested = Signal()
    # The teller chose a language (zh_CN, en) in the Language menu.
    language_requested = Signal(str)

    def __init__(
        self,
        queries: LedgerQueries,
        desk: DeskContext,
        submit: Callable[[Command], None],
        bridge: EventBridge,
        today: Callable[[], date] = date.today,
        location: str = "",
        stories: LifecycleQueries | None = None,
        book: AccountBook | None = None,
        services: OperatorServices | None = None,
        receipts: ReceiptSettings | None = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self._submit = submit
        self._stories = stories
        self._book = book
        self.approvals: ApprovalsPanel | None = None
        self.reversal: ReversalDialog | None = None
        self.setWindowTitle(self.tr("Teller Desk — {teller}").format(teller=desk.teller))
        self._queries = queries
        self._today = today
        self.form = PaymentForm(
            queries, desk, submit, search=book.customer_accounts if book is not None else None
        )
        self.journal_model = JournalModel()
        self.journal = JournalView(self.journal_model)
        self._journal_date = today()

        journal_box = QWidget()
        journal_layout = QVBoxLayout(journal_box)
        journal_layout.setContentsMargins(0, 0, 0, 0)
        self.journal_title = QLabel()
        self.journal_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        journal_layout.addWidget(self.journal_title)
        # F5 on a large day takes a while: it is read off the GUI thread, Esc stops it.
        self.journal_progress = ProgressStrip(self, journal_box)
        journal_layout.addWidget(self.journal_progress)
        journal_layout.addWidget(self.journal)
        self._moved_while_reloading: list[JournalEntry] = []

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(journal_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        # The journal needs its nine columns more than the form its width: 2 to 3 from the
        # start (the splitter would otherwise split by the widgets' size hints).
        splitter.setSizes([2_000, 3_000])
        self.setCentralWidget(splitter)

        if stories is not None:
            self.approvals = ApprovalsPanel(stories, submit, lambda: desk.teller)
            self.approvals_dock = QDockWidget(self.tr("Approvals"), self)
            self.approvals_dock.setObjectName("approvals_dock")
            self.approvals_dock.setWidget(self.approvals)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.approvals_dock)
            self.approvals_dock.hide()
        self._build_menus()
        # Account lookup, history and exports (Ctrl+F, Ctrl+E) when the desk can read them.
        self.account_screens = (
            AccountScreens(
                self,
                book,
                bridge,
                today,
                reverse=self.reverse_payment if stories is not None else None,
            )
            if book
            else None
        )
        if self.account_screens is not None:
            self.account_screens.install(self, self.journal)
        self.receipts: ReceiptDesk | None = None
        if book is not None:
            self._install_receipts(
                book,
                receipts
                or ReceiptSettings(
                    bank=book.bank_name or "", desk=services.desk_name if services else ""
                ),
            )
        desk_line = QLabel(
            self.tr("Teller {teller} · drawer {drawer}").format(
                teller=desk.teller, drawer=desk.drawer_account
            )
            + (f" · {location}" if location else "")
        )
        desk_line.setObjectName("desk_line")
        self.statusBar().addPermanentWidget(desk_line)

        bridge.event_arrived.connect(self.on_event)
        self._read_lock = threading.Lock()
        self._read_already: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._stops = [bridge.read_with(self._read_payment, self.on_payment_read)]
        if self.approvals is not None:
            # A held payment's story, for the supervisor's queue, is read on the worker too.
            self._stops.append(bridge.read_with(self.approvals.read_held, self.approvals.show_held))
        self._shortcuts_first = _ShortcutsBeforeFields(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._shortcuts_first)
        self._show_journal(self._today(), self._queries.journal(self._today()))
        self.form.focus_first_field()
        # Drawer, lock, log out, overrides and audit for a logged-in operator.
        self.desk_session = (
            DeskSession(self, services, submit, bridge) if services is not None else None
        )
        # The Flow screen (Ctrl+Shift+F) for supervisors, when the desk can read the figures.
        self.flow_screens = (
            FlowScreens(self, services.flow, services.role, bridge, today)
            if services is not None and services.flow is not None
            else None
        )
        if self.flow_screens is not None:
            self.flow_screens.install(self._action)

    # -- menus and shortcuts ----------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | str | QKeySequence.StandardKey,
        slot: Callable[[], object],
        *,
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[text.replace("&", "")] = action
        return action

    add_action = _action

    def widget(self) -> QMainWindow:
        return self

    def request_logout(self) -> None:
        self.logout_requested.emit()

    def account(self, account_id: str) -> AccountView | None:
        """An account's balances; safe on the worker thread (the queries are)."""
        return self._queries.account(account_id)

    def _build_menus(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        payment = self.menuBar().addMenu(self.tr("&Payment"))
        self.payment_menu = payment
        for kind in KIND_KEYS:
            payment.addAction(
                self._action(kind_label(kind), kind_shortcut(kind), self._kind_switcher(kind))
            )
        payment.addSeparator()
        # Enter and Esc are handled by the form's own fields; the menu shows them.
        post = QAction(self.tr("Post payment\tEnter"), self)
        post.triggered.connect(self.form.submit)
        payment.addAction(post)
        clear = self._action(
            self.tr("Clear form"),
            "Esc",
            self.form.clear,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.form.addAction(clear)
        payment.addAction(clear)
        # While the journal reloads, Esc stops the reload (and clears nothing).
        self.journal_progress.steps_aside.append(clear)
        payment.addSeparator()
        payment.addAction(self._action(self.tr("&Quit"), "Ctrl+Q", self.close))

        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self._action(self.tr("Payment form"), "Ctrl+N", self.form.focus_first_field))
        view.addAction(self._action(self.tr("Journal"), "Ctrl+J", self.focus_journal))
        view.addAction(self._action(self.tr("Reload journal"), "F5", self.reload_journal))

        if self._stories is not None:
            self._build_lifecycle_menus(payment)

        language = self.menuBar().addMenu(self.tr("&Language"))
        for code, name in LANGUAGE_NAMES.items():
            choose = QAction(name, self)
            choose.setCheckable(True)
            choose.setChecked(code == current_language())
            choose.triggered.connect(
                lambda _on=False, code=code: self.language_requested.emit(code)
            )
            language.addAction(choose)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu = help_menu
        help_menu.addAction(self._action(self.tr("Keyboard shortcuts"), "F1", self.show_shortcuts))

    def typed(self) -> dict[str, str]:
        """What the teller has typed in the form, to carry into a window in another
        language."""
        fields = {
            edit.objectName(): edit.text()
            for edit in self.form.findChildren(QLineEdit)
            if edit.objectName() and edit.isEnabled() and not edit.isReadOnly()
        }
        return {"": self.form.kind(), **fields}

    def restore_typed(self, typed: dict[str, str]) -> None:
        if typed.get(""):
            self.form.set_kind(typed[""])
        for edit in self.form.findChildren(QLineEdit):
            if edit.objectName() in typed and edit.isEnabled() and not edit.isReadOnly():
                edit.setText(typed[edit.objectName()])

    def _kind_switcher(self, kind: str) -> Callable[[], None]:
        def switch() -> None:
            self.form.set_kind(kind)

        return switch

    def _build_lifecycle_menus(self, payment_menu: QMenu) -> None:
        assert self.approvals is not None
        payment_menu.insertAction(
            payment_menu.actions()[-1],
            self._action(self.tr("Reverse selected payment…"), "Ctrl+R", self.reverse_selected),
        )
        supervisor = self.menuBar().addMenu(self.tr("&Supervisor"))
        # Found by name, not by its (translated) title, by what adds to it (the Flow screen).
        supervisor.setObjectName("supervisor_menu")
        supervisor.addAction(self._action(self.tr("Approvals"), "F6", self.show_approvals))
        # The panel owns these (they act on its selection); the menu shows their keys.
        for action, name in (
            (self.approvals.approve_action, self.tr("Approve selected payment")),
            (self.approvals.decline_action, self.tr("Decline selected payment")),
        ):
            supervisor.addAction(action)
            self.actions_by_name[name] = action

    def _install_receipts(self, book: AccountBook, settings: ReceiptSettings) -> None:
        if not settings.bank:
            from domain.reporting.exports.common import DEFAULT_BANK_NAME

            settings.bank = DEFAULT_BANK_NAME
        self.receipts = ReceiptDesk(book.payment, settings, self.form.say)
        quit_action = self.payment_menu.actions()[-1]
        self.payment_menu.insertAction(
            quit_action, self._action(self.tr("Print receipt"), "Ctrl+P", self.print_receipt)
        )
        self.print_always = self.receipts.print_always_action(self)
        self.payment_menu.insertAction(quit_action, self.print_always)
        self.payment_menu.insertSeparator(quit_action)
        self.form.posted.connect(self._offer_receipt)
        if self.account_screens is not None:
            self.account_screens.reprint = self.receipts.reprint

    def _offer_receipt(self, payment_id: str) -> None:
        assert self.receipts is not None
        note = self.receipts.posted(payment_id, self.form.posted_kind)
        if note:
            self.form.add_note(note)

    def print_receipt(self) -> None:
        """Ctrl+P: the slip of the payment just posted; from the journal, a copy of the
        selected payment's."""
        assert self.receipts is not None
        index = self.journal.currentIndex()
        if self.journal.hasFocus() and index.isValid():
            self.receipts.reprint(self.journal_model.entry(index.row()).payment_id)
        elif self.receipts.pending:
            self.receipts.print_pending()
        elif index.isValid():
            self.receipts.reprint(self.journal_model.entry(index.row()).payment_id)
        else:
            self.form.say(
                self.tr(
                    "Select a payment in the journal (Ctrl+J), then Ctrl+P reprints its receipt."
                ),
                False,
            )

    def show_approvals(self) -> None:
        assert self.approvals is not None
        self.approvals_dock.show()
        self.approvals_dock.raise_()
        self.approvals.focus_queue()

    def reverse_selected(self) -> None:
        """Ctrl+R: reverse the payment selected in the journal."""
        index = self.journal.currentIndex()
        if not index.isValid() or self._stories is None:
            self.statusBar().showMessage(
                self.tr("Select a payment in the journal first (Ctrl+J, arrow keys), then Ctrl+R."),
                8000,
            )
            return
        self.reverse_payment(self.journal_model.entry(index.row()).payment_id)

    def reverse_payment(self, payment_id: str, parent: QWidget | None = None) -> None:
        """Open the reversal dialog for a payment (from the journal or an account's history)."""
        story = self._stories.story(payment_id) if self._stories is not None else None
        if story is None:
            return
        self.reversal = ReversalDialog(story, self.desk.teller, self._submit, parent or self)
        self.reversal.finished.connect(self._reversal_closed)
        dialog = self.reversal

        def say_reversed(answer: str) -> None:
            if answer == "reversed":
                to = (
                    f"{story.beneficiary_account} ({story.beneficiary_name}, "
                    f"{story.beneficiary_bank})"
                    if story.beneficiary_bank
                    else story.credit_account
                )
                self.form.say(
                    self.tr(
                        "Reversed: {kind} of {amount}, account {account} to {to}; "
                        "the money went back. Reason: {reason}."
                    ).format(
                        kind=kind_label(story.kind),
                        amount=money(story.amount, story.currency),
                        account=story.debit_account,
                        to=to,
                        reason=dialog.reason.text().strip(),
                    )
                )

        dialog.answered.connect(say_reversed)
        self.reversal.open()

    def _reversal_closed(self) -> None:
        self.reversal = None
        self.journal.setFocus()

    def focus_journal(self) -> None:
        self.journal.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.journal_model.rowCount() and not self.journal.currentIndex().isValid():
            self.journal.selectRow(0)

    def shortcut_lines(self) -> list[str]:
        lines = [
            "Enter\t" + self.tr("Post payment"),
            "Esc\t" + self.tr("Clear form"),
            "Tab / Shift+Tab\t" + self.tr("Next / previous field"),
        ]
        lines += [
            f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t{name}"
            for name, action in self.actions_by_name.items()
            if name != self.tr("Clear form")
        ]
        lines += [
            f"Alt+{letter}\t" + self.tr("Jump to {field}").format(field=field)
            for letter, field in self.form.field_keys()
        ]
        for menu in self.menuBar().actions():
            letter = QKeySequence.mnemonic(menu.text()).toString()
            if letter:
                lines.append(
                    f"{letter}\t" + self.tr("{menu} menu").format(menu=menu.text().replace("&", ""))
                )
        return lines

    def show_shortcuts(self) -> None:
        # Opened, not exec'd: a nested event loop would hold up the desk's events.
        self.shortcuts_box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Keyboard shortcuts"),
            "\n".join(self.shortcut_lines()),
            QMessageBox.StandardButton.Ok,
            self,
        )
        self.shortcuts_box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_box.open()

    # -- journal ----------------------------------------------------------------------------

    def reload_journal(self) -> None:
        """F5: today's journal read again on a thread of its own (a large day takes more
        than half a second), with progress; Esc stops it and keeps the rows shown."""
        if self.journal_progress.running:
            return
        day, queries = self._today(), self._queries
        self._moved_while_reloading = []
        task = LongTask(lambda _progress, _cancelled: (day, queries.journal(day)))
        task.succeeded.connect(self._journal_read)
        self.journal_progress.run(self.tr("Reloading the journal…"), task)

    def _journal_read(self, read: tuple[date, list[JournalEntry]]) -> None:
        self._show_journal(*read)

    def _show_journal(self, day: date, entries: list[JournalEntry]) -> None:
        self._journal_date = day
        self.journal_model.reset(entries)
        # Payments that moved while the journal was read may be missing from what was read.
        for entry in self._moved_while_reloading:
            self._show_moved(entry)
        self._moved_while_reloading = []
        self._update_journal_title()

    def _update_journal_title(self) -> None:
        self.journal_title.setText(
            self.tr("Journal {date} — {count}").format(
                date=business_date(self._journal_date),
                count=counted(
                    self.journal_model.rowCount(), self.tr("payment"), self.tr("payments")
                ),
            )
        )

    def on_event(self, event: Event) -> None:
        self.form.on_event(event)
        if self.approvals is not None:
            self.approvals.on_event(event)
        if self.reversal is not None:
            self.reversal.on_event(event)
        if isinstance(event, EventLogUnreachable):
            self.form.set_offline(True)
            self.statusBar().showMessage(
                self.tr("Offline: the database cannot be reached; reconnecting…")
            )
        elif isinstance(event, EventLogReachable):
            self.form.set_offline(False)
            self.statusBar().showMessage(self.tr("Back online."), 5000)
        elif isinstance(event, CommandFailed | SubscriberFailed):
            self.statusBar().showMessage(
                self.tr("System error: {error}").format(error=event.error), 15000
            )

    def _read_payment(self, event: Event) -> PaymentNews | None:
        """On the thread that published `event` (the worker, after the commit): what the
        journal and the form show of the payment it moved, once per command."""
        payment_id = getattr(event, "payment_id", None)
        if not isinstance(event, DomainEvent) or not isinstance(payment_id, str):
            return None
        key = (event.causation_id or event.message_id, payment_id)
        with self._read_lock:
            if key in self._read_already:
                return None
            self._read_already[key] = None
            while len(self._read_already) > READ_REMEMBERED:
                self._read_already.popitem(last=False)
        entry = self._queries.payment(payment_id)
        if entry is None:
            return None
        touched = dict.fromkeys(a for a in (entry.debit_account, entry.credit_account) if a)
        accounts = tuple(a for a in map(self._queries.account, touched) if a is not None)
        detail = None
        receipts = self.receipts
        if (
            receipts is not None
            and self._book is not None
            and entry.status == "posted"
            and getattr(event, "actor", None) == self.desk.teller
            and receipts.wants(entry.kind)
        ):
            detail = self._book.payment(payment_id)
        return PaymentNews(entry, accounts, detail)

    def on_payment_read(self, news: PaymentNews) -> None:
        """Any move of a payment: a new row for today's, a refreshed one otherwise; and
        the balances on the form of the accounts it touched."""
        self._show_moved(news.entry)
        if self.journal_progress.running:
            self._moved_while_reloading.append(news.entry)
        self.form.show_accounts(news.accounts)
        if news.detail is not None and self.receipts is not None:
            note = self.receipts.arrived(news.detail)
            if note:
                self.form.add_note(note)

    def _show_moved(self, entry: JournalEntry) -> None:
        if not self.journal_model.replace(entry) and entry.business_date == self._journal_date:
            self.journal_model.add_newest(entry)
            self._update_journal_title()

    def closeEvent(self, event: QCloseEvent) -> None:
        for stop in self._stops:
            stop()
        if self.account_screens is not None:
            self.account_screens.stop()
        event.accept()
