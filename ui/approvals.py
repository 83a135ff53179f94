"""The supervisor's approvals queue: held payments appear live, with the rules' reasons;
approve or decline from the keyboard.

Ctrl+Enter approves the selected payment. To decline, type the reason (Ctrl+D jumps to
the reason field) and press Enter there. The approver is whoever `approver()` names: the
operator at this desk, or (once issue 3's four-eyes dialog is wired in) the supervisor
who signed in at the teller's desk.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bus import Command, Event
from domain.payments.commands import ApprovePayment, DeclinePayment
from domain.payments.events import PaymentDeclined, PaymentHeld, PaymentPosted, PaymentReserved
from domain.payments.queries import LifecycleQueries, PaymentStory
from ui.formatting import kind_label, local_time, money
from ui.messages import refuses_or_fails, risk_reasons, why_not_done
from ui.table_model import RowsModel, row_picker

COLUMNS = ("Time", "Kind", "From", "To", "Amount", "Keyed by", "Why it waits")
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"

APPROVE_KEY = "Ctrl+Return"
DECLINE_KEY = "Ctrl+D"
# Payments decided lately, whose held story arriving late must not enter the queue.
DECIDED_REMEMBERED = 512


def _to(story: PaymentStory) -> str:
    if story.beneficiary_bank:
        return f"{story.beneficiary_name} @ {story.beneficiary_bank}"
    return story.credit_account


class ApprovalsModel(RowsModel[PaymentStory]):
    """Held payments, oldest first. Rows are plain PaymentStory values."""

    columns = COLUMNS

    def cell(self, story: PaymentStory, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                local_time(story.created_at),
                kind_label(story.kind),
                story.debit_account,
                _to(story),
                money(story.amount, story.currency),
                story.operator,
                "; ".join(risk_reasons(story.reasons)),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                [
                    QCoreApplication.translate("ApprovalsModel", "Payment {payment_id}").format(
                        payment_id=story.payment_id
                    ),
                    *risk_reasons(story.reasons),
                ]
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def story(self, row: int) -> PaymentStory:
        return self.row(row)

    def row_of(self, payment_id: str) -> int | None:
        for row, story in enumerate(self._rows):
            if story.payment_id == payment_id:
                return row
        return None

    def reset(self, stories: list[PaymentStory]) -> None:
        self.reset_rows(stories)

    def append(self, story: PaymentStory) -> None:
        if self.row_of(story.payment_id) is None:
            self.append_rows([story])

    def remove(self, payment_id: str) -> bool:
        row = self.row_of(payment_id)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return True


class ApprovalsPanel(QWidget):
    """The queue, the selected payment's reasons, and the approve / decline keys."""

    # "approved", "declined", "refused" (with the reason shown), "needs_reason"
    answered = Signal(str)

    def __init__(
        self,
        stories: LifecycleQueries,
        submit: Callable[[Command], None],
        approver: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvals")
        self._stories = stories
        self._submit = submit
        self._approver = approver
        self._in_flight: Command | None = None
        self._decided: OrderedDict[str, None] = OrderedDict()

        self.model = ApprovalsModel()
        self.table = row_picker("approvals_table", self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Payments waiting for approval"))

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.detail = QLabel()
        self.detail.setObjectName("approval_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLineEdit()
        self.reason.setObjectName("decline_reason")
        self.reason.setPlaceholderText(self.tr("Reason to decline (required), then Enter"))
        self.reason.setMaxLength(200)
        self.reason.returnPressed.connect(self.decline)
        self.status = QLabel()
        self.status.setObjectName("approval_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.approve_button = QPushButton(
            self.tr("Approve  [{key}]").format(key=_native(APPROVE_KEY))
        )
        self.approve_button.setToolTip(
            self.tr("Approve the selected payment ({key})").format(key=_native(APPROVE_KEY))
        )
        self.decline_button = QPushButton(
            self.tr("Decline  [{key}, reason, Enter]").format(key=_native(DECLINE_KEY))
        )
        self.decline_button.setToolTip(
            self.tr("Decline the selected payment: type the reason, then Enter")
        )
        for button in (self.approve_button, self.decline_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.approve_button.clicked.connect(self.approve)
        self.decline_button.clicked.connect(self.decline)

        self.approve_action = self._action(
            self.tr("Approve selected payment"), APPROVE_KEY, self.approve
        )
        self.decline_action = self._action(
            self.tr("Decline selected payment"), DECLINE_KEY, self.start_decline
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.reload()

    def _action(self, text: str, key: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- what the supervisor does --------------------------------------------------------

    def reload(self) -> None:
        self.model.reset(self._stories.held())
        self._after_change()

    def focus_queue(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def selected(self) -> PaymentStory | None:
        index = self.table.currentIndex()
        return self.model.story(index.row()) if index.isValid() else None

    def approve(self) -> None:
        story = self.selected()
        if story is None:
            self._say(self.tr("Select a held payment first (arrow keys)."), ERROR_STYLE)
            return
        self._send(ApprovePayment(payment_id=story.payment_id, actor=self._approver()))

    def start_decline(self) -> None:
        if self.reason.text().strip():
            self.decline()
            return
        self.reason.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._say(self.tr("Type why it is declined, then press Enter."), "")

    def decline(self) -> None:
        story = self.selected()
        if story is None:
            self._say(self.tr("Select a held payment first (arrow keys)."), ERROR_STYLE)
            return
        reason = self.reason.text().strip()
        if not reason:
            self.reason.setFocus()
            self._say(self.tr("A reason is required to decline."), ERROR_STYLE)
            self.answered.emit("needs_reason")
            return
        self._send(
            DeclinePayment(payment_id=story.payment_id, reason=reason, actor=self._approver())
        )

    # -- results ---------------------------------------------------------------------------

    def read_held(self, event: Event) -> PaymentStory | None:
        """Where the event was published (the worker, after the commit): the story of a
        payment that was just held, for the queue; the GUI thread reads nothing."""
        if not isinstance(event, PaymentHeld):
            return None
        story = self._stories.story(event.payment_id)
        return story if story is not None and story.status == "held" else None

    def show_held(self, story: PaymentStory) -> None:
        """A held payment read by `read_held`, unless it was decided meanwhile."""
        if story.payment_id in self._decided:
            return
        self.model.append(story)
        self._after_change()

    def on_event(self, event: Event) -> None:
        if isinstance(event, PaymentPosted | PaymentReserved | PaymentDeclined):
            # Its story may still be on its way from the worker: it must not come in after.
            self._decided[event.payment_id] = None
            while len(self._decided) > DECIDED_REMEMBERED:
                self._decided.popitem(last=False)
            done = (
                self._in_flight is not None
                and getattr(self._in_flight, "payment_id", None) == event.payment_id
            )
            if self.model.remove(event.payment_id):
                self._after_change()
            if done:
                self._in_flight = None
                verb = "Declined" if isinstance(event, PaymentDeclined) else "Approved"
                self.reason.clear()
                done_text = (
                    self.tr("Declined: payment {payment_id}.")
                    if verb == "Declined"
                    else self.tr("Approved: payment {payment_id}.")
                )
                self._say(done_text.format(payment_id=event.payment_id[:8]), OK_STYLE)
                self.answered.emit(verb.lower())
                self.table.setFocus()
        elif refuses_or_fails(event, self._in_flight):
            self._in_flight = None
            reason = why_not_done(event)
            self._say(self.tr("Not done: {reason}").format(reason=reason), ERROR_STYLE)
            self.answered.emit("refused")

    # -- inside ----------------------------------------------------------------------------

    def _send(self, command: Command) -> None:
        self._in_flight = command
        self._say(self.tr("Working…"), "")
        self._submit(command)

    def _say(self, text: str, style: str) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def _after_change(self) -> None:
        # A queue is short: fitting every column to its text each time costs nothing.
        self.table.resizeColumnsToContents()
        count = self.model.rowCount()
        self.title.setText(
            (
                self.tr("Waiting for approval — 1 payment")
                if count == 1
                else self.tr("Waiting for approval — {count} payments")
            ).format(count=count)
        )
        if count and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._show_detail(self.table.currentIndex())

    def _show_detail(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        story = self.model.story(index.row()) if index.isValid() else None
        if story is None:
            self.detail.setText(self.tr("Nothing is waiting.") if not self.model.rowCount() else "")
            return
        lines = [
            self.tr(
                "{kind} of {amount} from {from_account} to {to}, keyed by {operator} at {time}"
            ).format(
                kind=kind_label(story.kind),
                amount=money(story.amount, story.currency),
                from_account=story.debit_account,
                to=_to(story),
                operator=story.operator,
                time=local_time(story.created_at),
            ),
            *(f"• {reason}" for reason in risk_reasons(story.reasons)),
        ]
        if story.reference:
            lines.insert(1, self.tr("Reference: {reference}").format(reference=story.reference))
        self.detail.setText("\n".join(lines))


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
