"""Dialogs where someone types a name and a password: login, the idle lock, and a
supervisor's override at a teller's desk.

Each sends one command through the bus and waits for its answer through the bridge, so
the slow Argon2 check runs on the worker thread and the window stays responsive. The
failure message is the domain's, which never says whether a name exists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bus import Command, CommandRejected, Event, new_id
from domain.operators.commands import Approval, LogIn, UnlockDesk
from domain.operators.events import DeskUnlocked, LoginSucceeded, OverrideGranted
from ui.bridge import EventBridge
from ui.messages import refuses_or_fails, why_not_done

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #8a5300; font-weight: 600;"

Submit = Callable[[Command], None]


class CapsLockWatcher(QObject):
    """Qt cannot ask the keyboard for Caps Lock; a letter whose case disagrees with Shift
    gives it away, which is how most login screens tell."""

    def __init__(self, hint: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hint = hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._hint.setVisible(text.isupper() != shifted)
        return False


class CredentialsDialog(QDialog):
    """Name, password, a Caps Lock hint, the answer; Enter sends, Esc cancels."""

    # The event that answers this dialog's command with a yes.
    success: type[Event]

    def __init__(
        self,
        title: str,
        intro: str,
        submit: Submit,
        bridge: EventBridge,
        parent: QWidget | None = None,
        *,
        name: str = "",
        name_editable: bool = True,
        button: str = "OK",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("credentials_dialog")
        self._submit = submit
        self._waiting: Command | None = None
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.name = QLineEdit(name)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.name.setReadOnly(not name_editable)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.caps_hint = QLabel(QCoreApplication.translate("CredentialsDialog", "Caps Lock is on"))
        self.caps_hint.setObjectName("caps_hint")
        self.caps_hint.setStyleSheet(HINT_STYLE)
        self.caps_hint.setVisible(False)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.ok_button = QPushButton(
            QCoreApplication.translate("CredentialsDialog", "{button}  [Enter]").format(
                button=button
            )
        )
        self.ok_button.setObjectName("ok")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.send)
        cancel = QPushButton(QCoreApplication.translate("CredentialsDialog", "Cancel  [Esc]"))
        cancel.setObjectName("cancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.cancel_button = cancel
        watcher = CapsLockWatcher(self.caps_hint, self)
        self.name.installEventFilter(watcher)
        self.password.installEventFilter(watcher)

        form = QFormLayout()
        name_label = QLabel(QCoreApplication.translate("CredentialsDialog", "&Name"))
        name_label.setBuddy(self.name)
        password_label = QLabel(QCoreApplication.translate("CredentialsDialog", "&Password"))
        password_label.setBuddy(self.password)
        form.addRow(name_label, self.name)
        form.addRow(password_label, self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.caps_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.ok_button)
        layout.addWidget(cancel)
        self.setMinimumWidth(420)
        bridge.event_arrived.connect(self._on_event)
        (self.password if name or not name_editable else self.name).setFocus()

    def command(self) -> Command | None:
        raise NotImplementedError

    def send(self) -> None:
        if self._waiting is not None:
            return
        if not self.name.text().strip() or not self.password.text():
            self.error.setText(
                QCoreApplication.translate("CredentialsDialog", "Type a name and a password.")
            )
            (self.name if not self.name.text().strip() else self.password).setFocus()
            return
        command = self.command()
        if command is None:
            return
        self._waiting = command
        self.error.setText(QCoreApplication.translate("CredentialsDialog", "Checking…"))
        self.error.setStyleSheet("")
        self._set_busy(True)
        self._submit(command)

    def succeeded(self, event: Event) -> None:
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.name, self.password, self.ok_button):
            widget.setEnabled(not busy)

    def _on_event(self, event: Event) -> None:
        waiting = self._waiting
        if refuses_or_fails(event, waiting):
            self._waiting = None
            self._set_busy(False)
            self.error.setStyleSheet(ERROR_STYLE)
            self.error.setText(
                why_not_done(event)
                if isinstance(event, CommandRejected)
                else QCoreApplication.translate(
                    "CredentialsDialog", "The system failed: {error}"
                ).format(error=event.error)
            )
            self.password.clear()
            self.password.setFocus()
        elif (
            waiting is not None
            and event.causation_id == waiting.message_id
            and isinstance(event, self.success)
        ):
            self._waiting = None
            self._set_busy(False)
            self.password.clear()
            self.succeeded(event)


class LoginDialog(CredentialsDialog):
    success = LoginSucceeded

    def __init__(
        self,
        submit: Submit,
        bridge: EventBridge,
        desk: str,
        parent: QWidget | None = None,
        name: str = "",
    ) -> None:
        super().__init__(
            QCoreApplication.translate("LoginDialog", "Teller Desk — log in"),
            QCoreApplication.translate("LoginDialog", "Log in to work at this desk."),
            submit,
            bridge,
            parent,
            name=name,
            button=QCoreApplication.translate("LoginDialog", "Log in"),
        )
        self.setObjectName("login_dialog")
        self._desk = desk
        self.login: LoginSucceeded | None = None

    def command(self) -> Command:
        return LogIn(name=self.name.text(), password=self.password.text(), desk=self._desk)

    def succeeded(self, event: Event) -> None:
        assert isinstance(event, LoginSucceeded)
        self.login = event
        self.accept()


class LockDialog(CredentialsDialog):
    """The idle lock: the desk's operator, or a supervisor, types a password."""

    success = DeskUnlocked

    def __init__(
        self,
        operator: str,
        submit: Submit,
        bridge: EventBridge,
        desk: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("LockDialog", "Desk locked"),
            QCoreApplication.translate(
                "LockDialog",
                "This desk locked itself while idle. {operator}: type your password to go on "
                "where you left off. A supervisor may unlock it with their own name and password.",
            ).format(operator=operator),
            submit,
            bridge,
            parent,
            name=operator,
            button=QCoreApplication.translate("LockDialog", "Unlock"),
        )
        self.setObjectName("lock_dialog")
        self._operator = operator
        self._desk = desk
        self.cancel_button.setText(self.tr("Log out  [Esc]"))

    def command(self) -> Command:
        return UnlockDesk(
            name=self.name.text(),
            password=self.password.text(),
            desk=self._desk,
            actor=self._operator,
        )


class OverrideDialog(CredentialsDialog):
    """A supervisor approves at this desk: the maker's command goes again, carrying the
    supervisor's name and password, which the domain checks (four-eyes)."""

    success = OverrideGranted

    def __init__(
        self,
        reason: str,
        command: Command,
        submit: Submit,
        bridge: EventBridge,
        parent: QWidget | None = None,
        send_to_queue: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("OverrideDialog", "Supervisor override"),
            reason
            + "\n\n"
            + QCoreApplication.translate(
                "OverrideDialog",
                "A supervisor other than {actor} types their name and "
                "password here. The approval and both names are recorded.",
            ).format(actor=command.actor),
            submit,
            bridge,
            parent,
            button=QCoreApplication.translate("OverrideDialog", "Approve"),
        )
        self.setObjectName("override_dialog")
        self._command = command
        self.granted: OverrideGranted | None = None
        if send_to_queue is not None:
            # No supervisor at hand: the payment waits in the approvals queue instead.
            queue = QPushButton(self.tr("Send to the approvals &queue  [Alt+Q]"))
            queue.setObjectName("send_to_queue")
            queue.setAutoDefault(False)
            queue.clicked.connect(send_to_queue)
            queue.clicked.connect(self.reject)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.cancel_button), queue)
            self.queue_button = queue

    def command(self) -> Command:
        return dataclasses.replace(
            cast(Any, self._command),
            message_id=new_id(),
            approval=Approval(self.name.text(), self.password.text()),
        )

    def succeeded(self, event: Event) -> None:
        assert isinstance(event, OverrideGranted)
        self.granted = event
        self.accept()
