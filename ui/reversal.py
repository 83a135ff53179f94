"""Reverse a payment: the dialog names what will be undone and asks why.

Enter reverses, Esc cancels. The reversal's id is made when the dialog opens, so a
second Enter reverses nothing twice. When the rules say a supervisor must do it, the
dialog says so and stays open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from bus import Command, CommandRejected, Event
from domain.payments.commands import ReversePayment
from domain.payments.events import PaymentAlreadyPosted, PaymentReversed
from domain.payments.queries import PaymentStory
from ui.formatting import business_date, kind_label, local_datetime, money, status_label
from ui.messages import refuses_or_fails, why_not_done

ERROR_STYLE = "color: #b00020;"
MUTED_STYLE = "color: #555555;"


class ReversalDialog(QDialog):
    answered = Signal(str)  # "reversed", "refused", "failed", "needs_reason"

    def __init__(
        self,
        story: PaymentStory,
        actor: str,
        submit: Callable[[Command], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reversal_dialog")
        self.setWindowTitle(self.tr("Reverse payment"))
        self.story = story
        self._actor = actor
        self._submit = submit
        self.reversal_id = str(uuid.uuid4())
        self._in_flight: ReversePayment | None = None

        title = QLabel(
            self.tr("Reverse this {kind} of {amount}?").format(
                kind=kind_label(story.kind).lower(), amount=money(story.amount, story.currency)
            )
        )
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        to = (
            f"{story.beneficiary_name} @ {story.beneficiary_bank}"
            if story.beneficiary_bank
            else story.credit_account
        )
        facts = QFormLayout()
        for label, value in (
            (self.tr("Amount"), money(story.amount, story.currency)),
            (self.tr("From"), story.debit_account),
            (self.tr("To"), to),
            # Two facts: the bank's day it belongs to, and the clock when it was keyed.
            (self.tr("Business date"), business_date(story.business_date)),
            (self.tr("Keyed at"), local_datetime(story.created_at)),
            (self.tr("Keyed by"), story.operator),
            (self.tr("Status"), status_label(story.status)),
            (self.tr("Reference"), story.reference or "—"),
        ):
            value_label = QLabel(value)
            value_label.setTextFormat(Qt.TextFormat.PlainText)
            facts.addRow(self.tr("{label}:").format(label=label), value_label)
        explain = QLabel(
            self.tr(
                "A new payment moves the money back; both stay in the journal, "
                "linked to each other."
            )
        )
        explain.setStyleSheet(MUTED_STYLE)
        explain.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reversal_reason")
        self.reason.setPlaceholderText(self.tr("Why is it reversed? (required)"))
        self.reason.setMaxLength(200)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        self.status = QLabel()
        self.status.setObjectName("reversal_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # Room for a two-line refusal, so the dialog does not jump or clip it.
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing() + 4)
        self.reason.textEdited.connect(lambda _text: self._say("", ""))
        keys = QLabel(self.tr("Enter: reverse    Esc: cancel"))
        keys.setStyleSheet(MUTED_STYLE)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(facts)
        layout.addWidget(explain)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.status)
        layout.addWidget(keys)
        self.setMinimumWidth(460)
        self.reason.setFocus()

    def confirm(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self._say(self.tr("Type the reason first."), ERROR_STYLE)
            self.answered.emit("needs_reason")
            return
        self._in_flight = ReversePayment(
            payment_id=self.story.payment_id,
            reversal_id=self.reversal_id,
            reason=reason,
            actor=self._actor,
        )
        self._say(self.tr("Reversing…"), MUTED_STYLE)
        self._submit(self._in_flight)

    def on_event(self, event: Event) -> None:
        if self._in_flight is None:
            return
        if (isinstance(event, PaymentReversed) and event.reversal_id == self.reversal_id) or (
            isinstance(event, PaymentAlreadyPosted) and event.payment_id == self.reversal_id
        ):
            self._in_flight = None
            self.answered.emit("reversed")
            self.accept()
        elif refuses_or_fails(event, self._in_flight):
            self._in_flight = None
            reason = why_not_done(event)
            self._say(self.tr("Not reversed: {reason}").format(reason=reason), ERROR_STYLE)
            self.answered.emit("refused" if isinstance(event, CommandRejected) else "failed")
            self.reason.setFocus()

    # The reason field lets Enter through to here; QDialog alone would "accept" and close.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return
        super().keyPressEvent(event)

    def _say(self, text: str, style: str) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)
        self.adjustSize()
