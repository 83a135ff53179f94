"""The payment entry form, built for the keyboard.

Tab moves from field to field, Enter posts, Esc clears; F2/F3/F4 pick the kind of
payment. The form makes its payment id when it opens (and again after each posting),
so pressing Enter twice sends the same id twice and the ledger answers "already posted".
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bus import Command, CommandFailed, CommandRejected, Event
from domain.kernel.money import AmountError, AmountRefusal
from domain.kernel.refusals import Refusal
from domain.ledger.queries import AccountView, LedgerQueries
from domain.payments.commands import SubmitPayment
from domain.payments.events import (
    PaymentAlreadyPosted,
    PaymentHeld,
    PaymentPosted,
    PaymentRejected,
    PaymentReserved,
)
from domain.payments.kinds import (
    CASH_DEPOSIT,
    CASH_WITHDRAWAL,
    INTERBANK,
    TRANSFER,
    PaymentKind,
)
from ui.formatting import account_word, kind_label, money, parse_money
from ui.messages import refusal_text, refuses_or_fails, risk_reasons
from ui.translations import QT_TRANSLATE_NOOP

DEFAULT_CURRENCY = "EUR"
IDLE_HINT = QT_TRANSLATE_NOOP(
    "PaymentForm",
    "Type the account, Tab, the amount, Enter to post. Esc clears. F1 lists all keys.",
)

# F5 reloads the journal and F6 opens approvals, so the fourth kind takes F8.
KIND_KEYS = {CASH_DEPOSIT: "F2", CASH_WITHDRAWAL: "F3", TRANSFER: "F4", INTERBANK: "F8"}

# Rows of the form: From, To, Beneficiary, Amount, Reference.
BENEFICIARY_ROW = 2

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
WARN_STYLE = "color: #8a4b00; font-weight: 600;"
MUTED_STYLE = "color: #555555;"


def _restyle(label: QLabel, style: str) -> None:
    # Setting a style sheet re-polishes the widget (about a millisecond) even when it is
    # the same; the answer to Enter sets one on every payment.
    if label.styleSheet() != style:
        label.setStyleSheet(style)


@dataclass(frozen=True)
class DeskContext:
    """Who works at this desk and with which cash drawer."""

    teller: str
    drawer_account: str


# Accounts offered for what was typed in an account field: (text, at most) -> accounts.
AccountSearch = Callable[[str, int], list[AccountView]]


class AccountField(QWidget):
    """An account number input with completion by number or holder name, and a line
    under it naming the holder and the available balance as soon as it is typed."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        queries: LedgerQueries,
        search: AccountSearch | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._search: AccountSearch = search or (
            lambda text, limit: queries.search_accounts(text, limit=limit)
        )
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setPlaceholderText(self.tr("Account number or holder's name"))
        self.edit.setMaxLength(140)
        self.info = QLabel()
        self.info.setObjectName(f"{name}_info")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel()
        self.error.setObjectName(f"{name}_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._completion_chosen)
        self.edit.setCompleter(completer)
        self.edit.textEdited.connect(self._suggest)
        self.edit.textChanged.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        self.account: AccountView | None = None
        self._fixed = False
        # Said instead of the available balance of this account: the desk's drawer while
        # it is counted blind or closed.
        self._hidden: tuple[str, str] | None = None

    def fix(self, account_id: str) -> None:
        """Show an account the teller cannot change (the desk's own drawer)."""
        self._fixed = True
        self.edit.setReadOnly(True)
        self.edit.setStyleSheet("background: #e8e8e8; color: #333333;")
        self.edit.setToolTip(self.tr("This desk's cash drawer"))
        self.edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit.setText(account_id)

    def unfix(self) -> None:
        if self._fixed:
            self._fixed = False
            self.edit.setReadOnly(False)
            self.edit.setStyleSheet("")
            self.edit.setToolTip("")
            self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.edit.clear()

    @property
    def is_fixed(self) -> bool:
        return self._fixed

    def account_id(self) -> str:
        return self.edit.text().strip()

    def show_error(self, message: str) -> None:
        self.info.clear()
        self.error.setText(message)

    def clear_error(self) -> None:
        self.error.clear()

    def refresh(self) -> None:
        """Show the account's balance again; what the teller typed and errors stay."""
        before = self.account
        self._show_account(self.edit.text().strip())
        if (before is None) != (self.account is None) or (
            before is not None
            and self.account is not None
            and before.currency != self.account.currency
        ):
            self.changed.emit()

    def hide_balance(
        self, account_id: str, note: str | None, accounts: tuple[AccountView, ...] | None = None
    ) -> None:
        """Say `note` instead of the available balance of `account_id` (None: show it).
        With `accounts` (read off the GUI thread) it shows those and reads nothing."""
        self._hidden = (account_id, note) if note is not None else None
        if accounts is None:
            self.refresh()
            return
        self.show_read(accounts)
        self._display(self.edit.text().strip())

    def _suggest(self, text: str) -> None:
        matches = self._search(text, 12)
        self._suggestions.setStringList(
            [f"{a.account_id} — {a.holder_name}" for a in matches if a.account_id != text.strip()]
        )

    def _completion_chosen(self, choice: str) -> None:
        self.edit.setText(choice.split(" — ", 1)[0])

    def _refresh(self, text: str) -> None:
        self.clear_error()
        self._show_account(text.strip())
        self.changed.emit()

    def show_read(self, accounts: tuple[AccountView, ...]) -> None:
        """Show the balance of this field's account from `accounts`, read elsewhere; an
        account typed before it existed (a drawer made just now) is found this way too."""
        text = self.edit.text().strip()
        wanted = (self.account.account_id if self.account else text).casefold()
        for account in accounts:
            if account.account_id.casefold() == wanted:
                before, self.account = self.account, account
                self._display(text)
                if before is None or before.currency != account.currency:
                    self.changed.emit()
                return

    def _show_account(self, text: str) -> None:
        self.account = self._queries.account(text) if text else None
        self._display(text)

    def _display(self, text: str) -> None:
        if not text:
            self.info.clear()
        elif self.account is None:
            _restyle(self.info, MUTED_STYLE)
            self.info.setText(self.tr("No such account"))
        else:
            a = self.account
            flags = "" if a.status == "active" else f" — {account_word(a.status).upper()}"
            if self._hidden is not None and self._hidden[0] == a.account_id:
                _restyle(self.info, WARN_STYLE)
                self.info.setText(f"{a.holder_name} — {self._hidden[1]}")
                return
            _restyle(self.info, ERROR_STYLE if flags else MUTED_STYLE)
            # Funds reserved for other banks are posted but not available: say both.
            reserved = (
                self.tr(" (reserved {amount})").format(amount=money(a.pending, a.currency))
                if a.pending
                else ""
            )
            self.info.setText(
                self.tr("{holder} — available {amount}").format(
                    holder=a.holder_name, amount=money(a.available, a.currency)
                )
                + reserved
                + flags
            )


class PaymentForm(QWidget):
    """Sends SubmitPayment commands and shows what came of them."""

    posted = Signal(str)  # payment id
    # What came of the last Enter: "posted", "already_posted", "rejected", "failed",
    # "held" (waits for a supervisor), "reserved" (to another bank), "confirm" (possible
    # duplicate: Enter again posts it), or "invalid" when the form itself refused it.
    answered = Signal(str)
    # A rule needs a supervisor: (the refused command, the reason). The desk session
    # opens the override dialog, which sends the command again through `resubmit`.
    override_needed = Signal(object, str)

    def __init__(
        self,
        queries: LedgerQueries,
        desk: DeskContext,
        submit: Callable[[Command], None],
        parent: QWidget | None = None,
        search: AccountSearch | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment_form")
        self._queries = queries
        self._desk = desk
        self._submit = submit
        self._in_flight: SubmitPayment | None = None
        self._offline = False
        self.payment_id = ""
        self._last_posted = ""
        # The kind of the payment `posted` names: what its receipt depends on.
        self.posted_kind = ""
        # Set when the ledger asked "possible duplicate?": the next Enter confirms.
        self._confirm_duplicate = False
        # What the last payment came to, while nothing new is typed: an Enter then
        # repeats it rather than calling the emptied fields wrong.
        self._done = ""
        self._done_as = ""  # posted, held or reserved

        self.kind_buttons = QButtonGroup(self)
        kinds_row = QHBoxLayout()
        for kind in KIND_KEYS:
            button = QRadioButton(f"{kind_label(kind)}  [{KIND_KEYS[kind]}]")
            button.setObjectName(f"kind_{kind}")
            button.setProperty("kind", kind)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"{kind_label(kind)} ({KIND_KEYS[kind]})")
            self.kind_buttons.addButton(button)
            kinds_row.addWidget(button)
        kinds_row.addStretch()
        self.kind_buttons.buttonToggled.connect(self._kind_toggled)

        self.from_field = AccountField("from_account", queries, search)
        self.to_field = AccountField("to_account", queries, search)
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText(self.tr("e.g. 1,234.50 or 100+25.50"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMaxLength(64)
        self.amount_preview = QLabel()
        self.amount_preview.setObjectName("amount_preview")
        self.amount_preview.setStyleSheet(MUTED_STYLE)
        self.amount_error = QLabel()
        self.amount_error.setObjectName("amount_error")
        self.amount_error.setStyleSheet(ERROR_STYLE)
        self.amount_error.setTextFormat(Qt.TextFormat.PlainText)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(140)
        self.reference.setPlaceholderText(self.tr("Optional note for the statement"))

        amount_box = QVBoxLayout()
        amount_box.setSpacing(2)
        amount_box.addWidget(self.amount)
        amount_box.addWidget(self.amount_preview)
        amount_box.addWidget(self.amount_error)

        # A transfer to another bank names its beneficiary instead of an account here.
        self.beneficiary_bank = QLineEdit()
        self.beneficiary_bank.setObjectName("beneficiary_bank")
        self.beneficiary_bank.setPlaceholderText(self.tr("Bank code (BIC)"))
        self.beneficiary_bank.setMaxLength(11)
        self.beneficiary_account = QLineEdit()
        self.beneficiary_account.setObjectName("beneficiary_account")
        self.beneficiary_account.setPlaceholderText(self.tr("Account (IBAN)"))
        self.beneficiary_account.setMaxLength(34)
        self.beneficiary_name = QLineEdit()
        self.beneficiary_name.setObjectName("beneficiary_name")
        self.beneficiary_name.setPlaceholderText(self.tr("Beneficiary's name"))
        self.beneficiary_name.setMaxLength(140)
        self.beneficiary_edits = (
            self.beneficiary_bank,
            self.beneficiary_account,
            self.beneficiary_name,
        )
        beneficiary_row = QHBoxLayout()
        for edit, stretch in zip(self.beneficiary_edits, (1, 2, 2), strict=True):
            beneficiary_row.addWidget(edit, stretch)

        fields = QFormLayout()
        self._fields = fields
        for text, buddy, row in (
            (self.tr("&From"), self.from_field.edit, self.from_field),
            (self.tr("&To"), self.to_field.edit, self.to_field),
            (self.tr("&Beneficiary"), self.beneficiary_bank, beneficiary_row),
            (self.tr("&Amount"), self.amount, amount_box),
            (self.tr("&Reference"), self.reference, self.reference),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)  # Alt+letter jumps to the field
            fields.addRow(label, row)

        self.post_button = QPushButton(self.tr("Post  [Enter]"))
        self.post_button.setObjectName("post")
        self.post_button.setToolTip(self.tr("Post the payment (Enter)"))
        self.post_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.post_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self.tr("Clear  [Esc]"))
        self.clear_button.setObjectName("clear")
        self.clear_button.setToolTip(self.tr("Clear the form (Esc)"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.post_button)

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setFrameShape(QFrame.Shape.StyledPanel)
        self.status.setMinimumHeight(40)

        title = QLabel(self.tr("New payment"))
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(kinds_row)
        layout.addLayout(fields)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch()

        typed_in = (
            self.from_field.edit,
            self.to_field.edit,
            self.amount,
            self.reference,
            *self.beneficiary_edits,
        )
        for edit in typed_in:
            edit.returnPressed.connect(self.submit)
        self.amount.textChanged.connect(self._amount_changed)
        for edit in (self.from_field.edit, self.to_field.edit, self.amount):
            edit.textEdited.connect(self._forget_confirmation)
        for edit in typed_in:
            edit.textEdited.connect(self._forget_done)
        self.from_field.changed.connect(self._amount_changed)
        self.to_field.changed.connect(self._amount_changed)
        self.setTabOrder(self.from_field.edit, self.to_field.edit)
        self.setTabOrder(self.to_field.edit, self.beneficiary_bank)
        self.setTabOrder(self.beneficiary_bank, self.beneficiary_account)
        self.setTabOrder(self.beneficiary_account, self.beneficiary_name)
        self.setTabOrder(self.beneficiary_name, self.amount)
        self.setTabOrder(self.amount, self.reference)

        self.set_kind(CASH_DEPOSIT)
        self._new_payment_id()
        self._set_status(self.tr(IDLE_HINT), MUTED_STYLE)

    # -- what the teller does ------------------------------------------------------------

    def field_keys(self) -> list[tuple[str, str]]:
        """(Alt letter, field) of the form's field labels, for the list of keys."""
        keys = []
        for row in range(self._fields.rowCount()):
            item = self._fields.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                letter = QKeySequence.mnemonic(label.text()).toString()
                keys.append((letter.removeprefix("Alt+"), label.text().replace("&", "")))
        return keys

    def kind(self) -> PaymentKind:
        checked = self.kind_buttons.checkedButton()
        return PaymentKind(checked.property("kind")) if checked else CASH_DEPOSIT

    def set_kind(self, kind: str) -> None:
        for button in self.kind_buttons.buttons():
            if button.property("kind") == kind:
                button.setChecked(True)
        self.focus_first_field()

    def focus_first_field(self) -> None:
        first = self.to_field if self.from_field.is_fixed else self.from_field
        first.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear(self) -> None:
        """Esc: empty the fields, start a new payment of the same kind."""
        for field in (self.from_field, self.to_field):
            if not field.is_fixed:
                field.edit.clear()
            field.clear_error()
        self.amount.clear()
        self.reference.clear()
        for edit in self.beneficiary_edits:
            edit.clear()
        self.amount_error.clear()
        self._in_flight = None
        self._confirm_duplicate = False
        self._done = ""
        self._new_payment_id()
        self.focus_first_field()

    def say(self, text: str, ok: bool = True) -> None:
        """A message on the form about something done elsewhere (a reversal...)."""
        self._set_status(text, OK_STYLE if ok else ERROR_STYLE)

    def add_note(self, note: str) -> None:
        """A word after the answer to the last payment (its receipt), kept with it."""
        was_done = self.status.text() == self._done and bool(self._done)
        self._set_status(f"{self.status.text()} {note}", OK_STYLE)
        if was_done:
            self._done = self.status.text()

    def hide_drawer_balance(
        self, note: str | None, accounts: tuple[AccountView, ...] | None = None
    ) -> None:
        """Say `note` instead of the drawer's available balance (None: show it again);
        `accounts`: the drawer's, read off the GUI thread (None: read it here)."""
        for field in (self.from_field, self.to_field):
            field.hide_balance(self._desk.drawer_account, note, accounts)

    def set_offline(self, offline: bool) -> None:
        """While the database cannot be reached, Enter sends nothing and says so; what
        was typed stays, to be sent with the same id once the desk is back online."""
        self._offline = offline
        if offline and self._in_flight is None:
            self._set_status(
                self.tr(
                    "Offline: the database cannot be reached. Nothing was sent; what you "
                    "typed is kept: press Enter again once the desk is back online."
                ),
                WARN_STYLE,
            )

    def submit(self) -> None:
        """Enter: check what can be checked here, then send the command."""
        if self._offline and self._in_flight is None:
            self.set_offline(True)
            return
        if self._in_flight is not None:
            # Enter again before the answer: the same id goes again, and the ledger
            # answers "already posted" rather than posting twice.
            self._submit(self._in_flight)
            return
        if self._done:
            # A second quick Enter on the form the payment left empty: it was done once.
            posted = self._done_as == "posted"
            again = (
                self.tr("Already posted: nothing was posted twice.")
                if posted
                else self.tr("Already sent: nothing was sent twice.")
            )
            self._set_status(
                f"{self._done} {again}",
                OK_STYLE if posted or self._done_as == "reserved" else WARN_STYLE,
            )
            self.answered.emit("already_posted")
            return
        command = self._build_command()
        if command is None:
            return
        self._in_flight = command
        self._set_status(self.tr("Posting…"), MUTED_STYLE)
        self._submit(command)

    def resubmit(self, command: Command) -> None:
        """Send a refused payment again, now carrying a supervisor's approval."""
        if isinstance(command, SubmitPayment):
            self._in_flight = command
            self._set_status(self.tr("Checking the supervisor's approval…"), MUTED_STYLE)
        self._submit(command)

    # -- results ---------------------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        """Receives every bus event (on the GUI thread); reacts to those about this form."""
        mine = (
            self._in_flight is not None
            and getattr(event, "payment_id", None) == self._in_flight.payment_id
        )
        if isinstance(event, PaymentPosted) and mine:
            self._posted(event)
        elif isinstance(event, PaymentHeld | PaymentRejected | PaymentReserved) and mine:
            self._decided(event)
        elif isinstance(event, PaymentAlreadyPosted) and event.payment_id == self._last_posted:
            self._set_status(self.tr("Already posted: nothing was posted twice."), OK_STYLE)
            self.answered.emit("already_posted")
        elif refuses_or_fails(event, self._in_flight):
            refused, self._in_flight = self._in_flight, None
            if isinstance(event, CommandFailed):
                self._set_status(
                    self.tr(
                        "Not posted: the system failed ({error}). "
                        "Nothing was changed; try again or call support."
                    ).format(error=event.error),
                    ERROR_STYLE,
                )
                self.answered.emit("failed")
                return
            self._rejected(event)
            self.answered.emit("confirm" if self._confirm_duplicate else "rejected")
            if event.reason_code == Refusal.OVERRIDE_REQUIRED and refused is not None:
                self.override_needed.emit(refused, event.reason)

    def show_accounts(self, accounts: tuple[AccountView, ...]) -> None:
        """Balances read after a payment moved them, this desk's or another's (the
        drawer's first of all): the fields showing those accounts show them."""
        for field in (self.from_field, self.to_field):
            field.show_read(accounts)

    def _posted(self, event: PaymentPosted) -> None:
        self._in_flight = None
        self.posted_kind = event.kind
        done_id = self.payment_id
        account = self.to_field.account if event.kind == CASH_DEPOSIT else self.from_field.account
        holder = f" ({account.holder_name})" if account else ""
        target = event.credit_account if event.kind == CASH_DEPOSIT else event.debit_account
        self.clear()
        self._set_status(
            self.tr("Posted: {kind} of {amount}, account {account}{holder}.").format(
                kind=kind_label(event.kind),
                amount=money(event.amount, event.currency),
                account=target,
                holder=holder,
            ),
            OK_STYLE,
        )
        self._done = self.status.text()
        self._done_as = "posted"
        # A second Enter now posts nothing: the amount is empty until a new one is typed.
        self._last_posted = done_id
        self.posted.emit(done_id)
        self.answered.emit("posted")

    def _decided(self, event: PaymentHeld | PaymentRejected | PaymentReserved) -> None:
        """The risk rules held or rejected it, or its funds are reserved for another bank."""
        sent, self._in_flight = self._in_flight, None
        self._confirm_duplicate = False
        if isinstance(event, PaymentHeld):
            self.clear()
            self._set_status(
                self.tr(
                    "Held for approval: {reasons}. A supervisor will approve or decline it."
                ).format(reasons="; ".join(risk_reasons(event.reasons))),
                WARN_STYLE,
            )
            self._done = self.status.text()
            self._done_as = "held"
            self.answered.emit("held")
        elif isinstance(event, PaymentReserved):
            self.clear()
            what = self.tr("Reserved")
            if sent is not None:
                what = self.tr(
                    "Reserved: {amount} from account {account} to {beneficiary} ({name}, {bank})"
                ).format(
                    amount=money(sent.amount, sent.currency),
                    account=sent.debit_account,
                    beneficiary=sent.beneficiary_account,
                    name=sent.beneficiary_name,
                    bank=sent.beneficiary_bank,
                )
            self._set_status(
                what
                + self.tr(
                    ". The funds are held until the end-of-day settlement with the other bank."
                ),
                OK_STYLE,
            )
            self._done = self.status.text()
            self._done_as = "reserved"
            self.answered.emit("reserved")
        else:
            # Stored as rejected under this id: the next attempt needs a fresh one.
            self._new_payment_id()
            self._set_status(
                self.tr("Rejected: {reasons}").format(
                    reasons="; ".join(risk_reasons(event.reasons))
                ),
                ERROR_STYLE,
            )
            self.answered.emit("rejected")

    def _forget_confirmation(self) -> None:
        self._confirm_duplicate = False

    def _forget_done(self) -> None:
        self._done = ""

    def _rejected(self, event: CommandRejected) -> None:
        if event.reason_code == Refusal.POSSIBLE_DUPLICATE:
            self._confirm_duplicate = True
            self._set_status(refusal_text(event.reason_code, event.reason), WARN_STYLE)
            self.amount.setFocus()
            return
        # The teller reads the reason for its code in the desk's language, at the field.
        reason = refusal_text(event.reason_code, event.reason)
        self._set_status(self.tr("Not posted: {reason}").format(reason=reason), ERROR_STYLE)
        if event.field == "debit_account":
            self.from_field.show_error(reason)
            self._focus_if_editable(self.from_field)
        elif event.field == "credit_account":
            self.to_field.show_error(reason)
            self._focus_if_editable(self.to_field)
        elif event.field == "amount":
            self.amount_error.setText(reason)
            self.amount.setFocus()
            self.amount.selectAll()
        if event.reason_code == Refusal.PAYMENT_ID_REUSED:
            self._new_payment_id()

    # -- inside ----------------------------------------------------------------------------

    def _kind_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        kind = button.property("kind")
        self.from_field.unfix()
        self.to_field.unfix()
        if kind == CASH_DEPOSIT:
            self.from_field.fix(self._desk.drawer_account)
        elif kind == CASH_WITHDRAWAL:
            self.to_field.fix(self._desk.drawer_account)
        self._fields.setRowVisible(self.to_field, kind != INTERBANK)
        self._fields.setRowVisible(BENEFICIARY_ROW, kind == INTERBANK)
        self._in_flight = None
        self._done = ""
        self._new_payment_id()
        self._amount_changed()

    def _focus_if_editable(self, field: AccountField) -> None:
        if not field.is_fixed:
            field.edit.setFocus()
            field.edit.selectAll()

    def _new_payment_id(self) -> None:
        self.payment_id = str(uuid.uuid4())

    def _currency(self) -> str:
        customer = self.from_field if self.kind() != CASH_DEPOSIT else self.to_field
        return customer.account.currency if customer.account else DEFAULT_CURRENCY

    def _amount_changed(self) -> None:
        self.amount_error.clear()
        text = self.amount.text()
        if not text.strip():
            self.amount_preview.clear()
            return
        try:
            minor = parse_money(text, self._currency())
        except AmountError:
            self.amount_preview.clear()
            return
        self.amount_preview.setText(f"= {money(minor, self._currency())}")

    def _set_status(self, text: str, style: str) -> None:
        _restyle(self.status, style)
        self.status.setText(text)

    def _build_command(self) -> SubmitPayment | None:
        problems = 0
        interbank = self.kind() == INTERBANK
        for field in (self.from_field, self.to_field):
            field.clear_error()
            if interbank and field is self.to_field:
                continue
            if not field.account_id():
                field.show_error(self.tr("Enter an account number"))
                problems += 1
            elif field.account is None:
                field.show_error(self.tr("No account {account}").format(account=field.account_id()))
                problems += 1
        currency = self._currency()
        amount = 0
        try:
            amount = parse_money(self.amount.text(), currency)
            if amount <= 0:
                raise AmountError(AmountRefusal.NOT_POSITIVE, "The amount must be more than zero")
        except AmountError as error:
            self.amount_error.setText(refusal_text(error.code, error.message))
            problems += 1
        missing = [edit for edit in self.beneficiary_edits if not edit.text().strip()]
        if interbank and missing and not problems:
            self._set_status(
                self.tr("Not posted: give the beneficiary's bank code, account and name."),
                ERROR_STYLE,
            )
            self.answered.emit("invalid")
            missing[0].setFocus()
            return None
        if problems:
            self._set_status(self.tr("Not posted: correct the fields marked in red."), ERROR_STYLE)
            self.answered.emit("invalid")
            for widget in (self.from_field, self.to_field):
                if widget.error.text() and not widget.is_fixed:
                    widget.edit.setFocus()
                    widget.edit.selectAll()
                    return None
            self.amount.setFocus()
            self.amount.selectAll()
            return None
        return SubmitPayment(
            payment_id=self.payment_id,
            kind=self.kind(),
            debit_account=self.from_field.account_id(),
            credit_account="" if interbank else self.to_field.account_id(),
            amount=amount,
            currency=currency,
            reference=self.reference.text().strip(),
            actor=self._desk.teller,
            confirm_duplicate=self._confirm_duplicate,
            # At the counter a supervisor can sign off at once rather than the payment
            # waiting in the approvals queue.
            offer_override=True,
            beneficiary_bank=self.beneficiary_bank.text().strip().upper() if interbank else "",
            beneficiary_account=self.beneficiary_account.text().strip() if interbank else "",
            beneficiary_name=self.beneficiary_name.text().strip() if interbank else "",
        )


def kind_shortcut(kind: PaymentKind) -> QKeySequence:
    return QKeySequence(KIND_KEYS[kind])
