"""The cash drawer at the desk: counting it open and closed (blind), moving cash with
the vault, and the session's report."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bus import Command, CommandFailed, CommandRejected, Event, new_id
from domain.drawers.commands import (
    CashMoveDirection,
    CloseDrawer,
    CountClosingCash,
    CountOpeningCash,
    MoveCash,
)
from domain.drawers.events import DrawerClosed, DrawerCounted, DrawerOpened
from domain.drawers.queries import DrawerQueries, DrawerReport, DrawerSessionView
from domain.drawers.report import sections, title, write_pdf
from domain.drawers.sessions import DRAWER_TO_VAULT, MAX_PIECES, VAULT_TO_DRAWER
from domain.kernel.money import AmountError
from domain.kernel.refusals import Refusal
from domain.payments.events import PaymentPosted
from ui.bridge import EventBridge
from ui.credentials import ERROR_STYLE, OverrideDialog
from ui.formatting import denomination_label, money, parse_money
from ui.messages import refusal_text
from ui.translations import QT_TRANSLATE_NOOP, words_in

OK_STYLE = "color: #1b5e20; font-weight: 600;"
Submit = Callable[[Command], None]


class _AnswerWaiter(QDialog):
    """A dialog that sends commands and follows their answers through the bridge; a
    rule that needs a supervisor opens the override dialog on top."""

    def __init__(self, submit: Submit, bridge: EventBridge, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._bridge = bridge
        self._waiting: set[str] = set()
        self.override_dialog: OverrideDialog | None = None
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        bridge.event_arrived.connect(self._on_event)

    def send(self, command: Command) -> None:
        self._waiting.add(command.message_id)
        self.message.setStyleSheet("")
        self.message.setText(QCoreApplication.translate("DrawerDialogs", "Working…"))
        self._submit(command)

    def _on_event(self, event: Event) -> None:
        if event.causation_id not in self._waiting:
            return
        if isinstance(event, CommandRejected):
            self._waiting.discard(event.causation_id)
            if event.reason_code == Refusal.OVERRIDE_REQUIRED and self._pending is not None:
                self.ask_override(event.reason, self._pending)
            else:
                self.show_error(refusal_text(event.reason_code, event.reason))
        elif isinstance(event, CommandFailed):
            self._waiting.discard(event.causation_id)
            self.show_error(
                QCoreApplication.translate("DrawerDialogs", "The system failed: {error}").format(
                    error=event.error
                )
            )
        else:
            self.answered(event)

    _pending: Command | None = None

    def ask_override(self, reason: str, command: Command) -> None:
        dialog = OverrideDialog(reason, command, self._submit, self._bridge, self)
        self.override_dialog = dialog
        # The approved command's own answers (DrawerClosed...) come to this dialog too.
        dialog.accepted.connect(
            lambda: self._waiting.add(dialog.granted.causation_id if dialog.granted else "")
        )
        self.message.setText(
            QCoreApplication.translate("DrawerDialogs", "Waiting for a supervisor's approval…")
        )
        dialog.open()

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def answered(self, event: Event) -> None:
        raise NotImplementedError


class CountDialog(_AnswerWaiter):
    """Count the drawer by denomination. At closing the count is blind: what the drawer
    should hold appears only after the count was recorded."""

    def __init__(
        self,
        mode: str,
        session: DrawerSessionView,
        drawers: DrawerQueries,
        operator: str,
        submit: Submit,
        bridge: EventBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, bridge, parent)
        assert mode in ("opening", "closing")
        self.mode = mode
        self.session = session
        self._operator = operator
        self.currency = session.currency
        self.setObjectName(f"{mode}_count_dialog")
        self.setWindowTitle(
            QCoreApplication.translate("DrawerDialogs", "Open the drawer — opening count")
            if mode == "opening"
            else QCoreApplication.translate("DrawerDialogs", "Close the drawer — blind count")
        )
        intro = QLabel(
            QCoreApplication.translate(
                "DrawerDialogs",
                "Count the cash in {drawer} and type the pieces of each note "
                "and coin: in the quick count as pieces x note (82x500, Enter; the next), or in "
                "the fields (Tab moves on). Enter with the quick count empty records the count.",
            ).format(drawer=session.drawer_account)
            + (
                ""
                if mode == "opening"
                else QCoreApplication.translate(
                    "DrawerDialogs",
                    " The expected total is shown only after your count is recorded.",
                )
            )
        )
        intro.setWordWrap(True)
        # "82x500" Enter sets the 500 notes to 82: no Tabbing through the empty fields.
        self.quick = QLineEdit()
        self.quick.setObjectName("quick_count")
        self.quick.setPlaceholderText(
            QCoreApplication.translate(
                "DrawerDialogs", "pieces x note or coin, e.g. 82x500 or 40x0.50"
            )
        )
        self.quick.setMaxLength(40)
        quick_label = QLabel(QCoreApplication.translate("DrawerDialogs", "&Quick count:"))
        quick_label.setBuddy(self.quick)
        quick_row = QHBoxLayout()
        quick_row.addWidget(quick_label)
        quick_row.addWidget(self.quick, 1)
        grid = QGridLayout()
        self.spins: dict[int, QSpinBox] = {}
        denominations = drawers.denominations(self.currency)
        half = (len(denominations) + 1) // 2
        for i, denomination in enumerate(denominations):
            spin = QSpinBox()
            spin.setObjectName(f"count_{denomination}")
            spin.setRange(0, MAX_PIECES)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            spin.valueChanged.connect(self._update_total)
            label = QLabel(denomination_label(denomination, self.currency))
            label.setBuddy(spin)
            row, column = i % half, (i // half) * 2
            grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(spin, row, column + 1)
            self.spins[denomination] = spin
        self.total = QLabel()
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.ok_button = QPushButton(
            QCoreApplication.translate("DrawerDialogs", "Record count  [Enter]")
        )
        self.ok_button.setObjectName("ok")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        close = QPushButton(QCoreApplication.translate("DrawerDialogs", "Later  [Esc]"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(quick_row)
        layout.addLayout(grid)
        layout.addWidget(self.total)
        layout.addWidget(self.outcome)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._update_total()
        self._closing_step = False
        self.quick.setFocus()

    def resume_close(self) -> None:
        """The count was recorded before (the desk may have stopped since): close now."""
        for spin in self.spins.values():
            spin.setReadOnly(True)
        self.quick.setReadOnly(True)
        self._closing_step = True
        self.ok_button.setText(QCoreApplication.translate("DrawerDialogs", "Close drawer  [Enter]"))
        self.message.setText(
            QCoreApplication.translate(
                "DrawerDialogs", "This drawer was counted already. Press Enter to close it."
            )
        )
        self.ok_button.setFocus()

    def counts(self) -> list[list[int]]:
        return [[d, s.value()] for d, s in self.spins.items() if s.value()]

    def counted(self) -> int:
        return sum(d * s.value() for d, s in self.spins.items())

    def _money(self, minor: int) -> str:
        return money(minor, self.currency)

    def _update_total(self) -> None:
        self.total.setText(
            QCoreApplication.translate("DrawerDialogs", "Counted: {amount}").format(
                amount=self._money(self.counted())
            )
        )

    def apply_quick_count(self) -> bool:
        """Set the pieces typed in the quick count; False (and a message) when not."""
        typed = self.quick.text().strip()
        found = re.fullmatch(r"(\d+)\s*[x×*]\s*([\d.,]+)", typed, re.IGNORECASE)
        try:
            denomination = parse_money(found.group(2), self.currency) if found else 0
        except AmountError:
            denomination = 0
        spin = self.spins.get(denomination)
        if found is None or spin is None or int(found.group(1)) > MAX_PIECES:
            what = (
                QCoreApplication.translate(
                    "DrawerDialogs", "There is no {note} note or coin. "
                ).format(note=self._money(denomination))
                if found and denomination and spin is None
                else ""
            )
            self.show_error(
                what
                + QCoreApplication.translate(
                    "DrawerDialogs",
                    "Type pieces x note or coin, e.g. 82x500 (at most {most} pieces), then Enter.",
                ).format(most=MAX_PIECES)
            )
            self.quick.selectAll()
            return False
        spin.setValue(int(found.group(1)))
        self.quick.clear()
        self.message.setStyleSheet("")
        self.message.setText(
            QCoreApplication.translate(
                "DrawerDialogs",
                "{pieces} × {note}. Next, or Enter on an empty quick count to record the count.",
            ).format(pieces=spin.value(), note=self._money(denomination))
        )
        return True

    def confirm(self) -> None:
        """Enter: record the count; at closing, a second Enter closes the drawer."""
        if self._waiting:
            return
        if self.quick.text().strip() and not self._closing_step:
            self.apply_quick_count()
            return
        command: Command
        if self._closing_step:
            command = CloseDrawer(session_id=self.session.session_id, actor=self._operator)
        elif self.mode == "opening":
            command = CountOpeningCash(
                session_id=self.session.session_id, counts=self.counts(), actor=self._operator
            )
        else:
            command = CountClosingCash(
                session_id=self.session.session_id, counts=self.counts(), actor=self._operator
            )
        self._pending = command
        self.send(command)

    def _difference_text(self, counted: int, expected: int) -> str:
        difference = counted - expected
        if difference == 0:
            how = QCoreApplication.translate("DrawerDialogs", "The count matches.")
        elif difference > 0:
            how = QCoreApplication.translate("DrawerDialogs", "The count is over by {amount}.")
        else:
            how = QCoreApplication.translate("DrawerDialogs", "The count is short by {amount}.")
        return (
            QCoreApplication.translate(
                "DrawerDialogs", "Counted {counted}; the drawer should hold {expected}."
            ).format(counted=self._money(counted), expected=self._money(expected))
            + " "
            + how.format(amount=self._money(abs(difference)))
        )

    def answered(self, event: Event) -> None:
        if isinstance(event, DrawerOpened):
            self.outcome.setText(self._difference_text(event.counted, event.expected))
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(QCoreApplication.translate("DrawerDialogs", "The drawer is open."))
            self.accept()
        elif isinstance(event, DrawerCounted):
            for spin in self.spins.values():
                spin.setReadOnly(True)
            self.quick.setReadOnly(True)
            self.outcome.setText(self._difference_text(event.counted, event.expected))
            self.message.setStyleSheet("")
            self.message.setText(
                QCoreApplication.translate(
                    "DrawerDialogs",
                    "Press Enter to close the drawer; a difference goes to the cash over/short "
                    "account.",
                )
            )
            self.ok_button.setText(
                QCoreApplication.translate("DrawerDialogs", "Close drawer  [Enter]")
            )
            self._closing_step = True
            self._waiting.clear()
            self.ok_button.setFocus()
        elif isinstance(event, DrawerClosed):
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(
                QCoreApplication.translate("DrawerDialogs", "The drawer is closed.")
            )
            self.accept()


class VaultMoveDialog(_AnswerWaiter):
    """Cash from the vault into the drawer, or back; a supervisor approves each move."""

    def __init__(
        self,
        session: DrawerSessionView,
        operator: str,
        submit: Submit,
        bridge: EventBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, bridge, parent)
        self.setObjectName("vault_move_dialog")
        self.setWindowTitle(QCoreApplication.translate("DrawerDialogs", "Cash with the vault"))
        self.session = session
        self._operator = operator
        self.directions = QButtonGroup(self)
        row = QHBoxLayout()
        for direction, text, key in (
            (
                VAULT_TO_DRAWER,
                QCoreApplication.translate("DrawerDialogs", "From the vault into the drawer"),
                "F2",
            ),
            (
                DRAWER_TO_VAULT,
                QCoreApplication.translate("DrawerDialogs", "From the drawer to the vault"),
                "F3",
            ),
        ):
            button = QRadioButton(f"{text}  [{key}]")
            button.setObjectName(direction)
            button.setProperty("direction", direction)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.directions.addButton(button)
            row.addWidget(button)
            QShortcut(QKeySequence(key), self, button.click)
        self.directions.buttons()[0].setChecked(True)
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText(
            QCoreApplication.translate("DrawerDialogs", "e.g. 2,000 or 500+250")
        )
        self.amount.setMaxLength(64)
        ok = QPushButton(QCoreApplication.translate("DrawerDialogs", "Ask a supervisor  [Enter]"))
        ok.setObjectName("ok")
        ok.setDefault(True)
        ok.clicked.connect(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "DrawerDialogs", "Drawer {drawer}, vault VAULT-{currency}"
                ).format(drawer=session.drawer_account, currency=session.currency)
            )
        )
        layout.addLayout(row)
        amount_row = QHBoxLayout()
        amount_label = QLabel(
            QCoreApplication.translate("DrawerDialogs", "&Amount ({currency})").format(
                currency=session.currency
            )
        )
        amount_label.setBuddy(self.amount)
        amount_row.addWidget(amount_label)
        amount_row.addWidget(self.amount)
        layout.addLayout(amount_row)
        layout.addWidget(self.message)
        cancel = QPushButton(QCoreApplication.translate("DrawerDialogs", "Cancel  [Esc]"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)
        self.amount.setFocus()

    def direction(self) -> CashMoveDirection:
        checked = self.directions.checkedButton()
        if checked is not None and checked.property("direction") == DRAWER_TO_VAULT:
            return DRAWER_TO_VAULT
        return VAULT_TO_DRAWER

    def confirm(self) -> None:
        try:
            amount = parse_money(self.amount.text(), self.session.currency)
        except AmountError as error:
            self.show_error(refusal_text(error.code, error.message))
            return
        command = MoveCash(
            session_id=self.session.session_id,
            payment_id=new_id(),
            direction=self.direction(),
            amount=amount,
            actor=self._operator,
        )
        self._pending = command
        self.ask_override(
            QCoreApplication.translate(
                "DrawerDialogs", "Cash to or from the vault needs a supervisor's approval."
            ),
            command,
        )

    def answered(self, event: Event) -> None:
        if isinstance(event, PaymentPosted):
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(
                QCoreApplication.translate("DrawerDialogs", "Moved {amount}.").format(
                    amount=money(event.amount, event.currency)
                )
            )
            self.accept()


# The drawer report's words (domain/drawers/report.py writes them in English), marked
# here for lupdate and translated where the report is shown or printed.
REPORT_WORDS = (
    QT_TRANSLATE_NOOP(
        "DrawerReport", "Drawer report — {drawer}, teller {teller}, session {session}"
    ),
    QT_TRANSLATE_NOOP("DrawerReport", "(nothing counted)"),
    QT_TRANSLATE_NOOP("DrawerReport", "State"),
    QT_TRANSLATE_NOOP("DrawerReport", "Started"),
    QT_TRANSLATE_NOOP("DrawerReport", "Opening count"),
    QT_TRANSLATE_NOOP("DrawerReport", "Opening expected"),
    QT_TRANSLATE_NOOP("DrawerReport", "Opening approved by"),
    QT_TRANSLATE_NOOP("DrawerReport", "Cash in"),
    QT_TRANSLATE_NOOP("DrawerReport", "Cash out"),
    QT_TRANSLATE_NOOP("DrawerReport", "Closing expected"),
    QT_TRANSLATE_NOOP("DrawerReport", "shown after the closing count"),
    QT_TRANSLATE_NOOP("DrawerReport", "Closing counted"),
    QT_TRANSLATE_NOOP("DrawerReport", "Difference"),
    QT_TRANSLATE_NOOP("DrawerReport", "Counted by"),
    QT_TRANSLATE_NOOP("DrawerReport", "Closed by"),
    QT_TRANSLATE_NOOP("DrawerReport", "Closed at"),
    QT_TRANSLATE_NOOP("DrawerReport", "Difference approved by"),
    QT_TRANSLATE_NOOP("DrawerReport", "Summary"),
    QT_TRANSLATE_NOOP("DrawerReport", "Denomination"),
    QT_TRANSLATE_NOOP("DrawerReport", "Pieces"),
    QT_TRANSLATE_NOOP("DrawerReport", "Total"),
    QT_TRANSLATE_NOOP("DrawerReport", "Cash movements"),
    QT_TRANSLATE_NOOP("DrawerReport", "Time"),
    QT_TRANSLATE_NOOP("DrawerReport", "Kind"),
    QT_TRANSLATE_NOOP("DrawerReport", "Counterpart"),
    QT_TRANSLATE_NOOP("DrawerReport", "In"),
    QT_TRANSLATE_NOOP("DrawerReport", "Out"),
    QT_TRANSLATE_NOOP("DrawerReport", "Operator"),
    QT_TRANSLATE_NOOP("DrawerReport", "Payment"),
    QT_TRANSLATE_NOOP("DrawerReport", "(none)"),
    QT_TRANSLATE_NOOP("DrawerReport", "Closing count"),
    QT_TRANSLATE_NOOP("DrawerReport", "Supervisor approvals"),
    QT_TRANSLATE_NOOP("DrawerReport", "Action"),
    QT_TRANSLATE_NOOP("DrawerReport", "Maker"),
    QT_TRANSLATE_NOOP("DrawerReport", "Approver"),
    QT_TRANSLATE_NOOP("DrawerReport", "Detail"),
    QT_TRANSLATE_NOOP("DrawerReport", "opening"),
    QT_TRANSLATE_NOOP("DrawerReport", "open"),
    QT_TRANSLATE_NOOP("DrawerReport", "closing"),
    QT_TRANSLATE_NOOP("DrawerReport", "closed"),
    QT_TRANSLATE_NOOP("DrawerReport", "cash deposit"),
    QT_TRANSLATE_NOOP("DrawerReport", "cash withdrawal"),
    QT_TRANSLATE_NOOP("DrawerReport", "vault to drawer"),
    QT_TRANSLATE_NOOP("DrawerReport", "drawer to vault"),
    QT_TRANSLATE_NOOP("DrawerReport", "transfer"),
    QT_TRANSLATE_NOOP("DrawerReport", "reversal"),
    QT_TRANSLATE_NOOP("DrawerReport", "cash over"),
    QT_TRANSLATE_NOOP("DrawerReport", "cash short"),
    QT_TRANSLATE_NOOP("DrawerReport", "amount over limit"),
    QT_TRANSLATE_NOOP("DrawerReport", "drawer difference"),
    QT_TRANSLATE_NOOP("DrawerReport", "vault move"),
)


report_words = words_in("DrawerReport")


def report_html(report: DrawerReport) -> str:
    parts = [f"<h2>{html.escape(title(report, report_words))}</h2>"]
    for section in sections(report, report_words):
        parts.append(
            f"<h3>{html.escape(section.title)}</h3><table cellspacing='0' "
            "cellpadding='3' border='1'>"
        )
        if any(section.header):
            parts.append(
                "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in section.header) + "</tr>"
            )
        for row in section.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    return "".join(parts)


class DrawerReportDialog(QDialog):
    def __init__(self, report: DrawerReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawer_report_dialog")
        self.setWindowTitle(title(report, report_words))
        self.report = report
        self.view = QTextBrowser()
        self.view.setObjectName("report")
        self.view.setHtml(report_html(report))
        save = QPushButton(QCoreApplication.translate("DrawerDialogs", "Save as PDF…  [Ctrl+P]"))
        save.setObjectName("save_pdf")
        save.setShortcut(QKeySequence("Ctrl+P"))
        save.setToolTip(
            QCoreApplication.translate(
                "DrawerDialogs", "Save the report as a PDF to print (Ctrl+P)"
            )
        )
        save.clicked.connect(self.ask_and_save)
        close = QPushButton(QCoreApplication.translate("DrawerDialogs", "Close  [Esc]"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.resize(820, 640)

    def ask_and_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("DrawerDialogs", "Save drawer report"),
            f"drawer-{self.report.session.session_id[:8]}.pdf",
            "PDF (*.pdf)",
        )
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> None:
        write_pdf(self.report, path, report_words)
