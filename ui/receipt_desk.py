"""Receipts at the desk: after a posted cash deposit, withdrawal or transfer the form
offers the slip (Ctrl+P prints it, or it prints by itself when this desk's "print
always" is on); from the journal or a payment's detail Ctrl+P reprints it as a copy.

Printing goes to this machine's default printer; with none installed the slip is written
as a PDF into the receipts folder and the status line says where.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths
from PySide6.QtGui import QAction

from domain.reporting.history import PaymentDetail
from domain.reporting.receipts import ReceiptRefused, receipt_for
from ui.messages import refusal_text
from ui.receipt_print import print_receipt

# The kinds after whose posting the form offers the slip.
OFFERED_KINDS = frozenset({"cash_deposit", "cash_withdrawal", "transfer"})
PRINT_ALWAYS_KEY = "receipts/print_always"
LAYOUT_KEY = "receipts/layout"


def _default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "teller-receipts"


@dataclass
class ReceiptSettings:
    bank: str
    branch: str = ""
    desk: str = ""
    pdf_folder: Path = field(default_factory=_default_folder)
    # Per desk (this machine), not per operator: the desk's printer decides.
    settings: QSettings = field(default_factory=lambda: QSettings("teller-desk", "desk"))

    @property
    def print_always(self) -> bool:
        return str(self.settings.value(PRINT_ALWAYS_KEY, "false")).lower() == "true"

    @print_always.setter
    def print_always(self, on: bool) -> None:
        self.settings.setValue(PRINT_ALWAYS_KEY, "true" if on else "false")

    @property
    def layout(self) -> str:
        value = str(self.settings.value(LAYOUT_KEY, "80mm"))
        return value if value in ("80mm", "a4") else "80mm"


class ReceiptDesk:
    """Prints and reprints; says what it did through `say` (the form's status line)."""

    def __init__(
        self,
        read: Callable[[str], PaymentDetail | None],
        settings: ReceiptSettings,
        say: Callable[[str, bool], None],
    ) -> None:
        self._read = read
        self.settings = settings
        self._say = say
        # The last payment this desk posted whose original slip has not printed yet.
        self.pending = ""
        self.last_printed = ""
        # Read by the worker (a plain value, not the QSettings) to know whether to fetch
        # the slip's payment when one is posted.
        self.always = settings.print_always
        # "Print always": the payment posted here whose slip waits for its detail, and
        # details the worker read that came before the form's answer.
        self._awaiting = ""
        self._arrived: dict[str, PaymentDetail] = {}

    def print_always_action(self, parent: QObject) -> QAction:
        action = QAction(
            QCoreApplication.translate("ReceiptDesk", "Print the receipt always after posting"),
            parent,
        )
        action.setCheckable(True)
        action.setChecked(self.settings.print_always)
        action.toggled.connect(self._set_print_always)
        return action

    def _set_print_always(self, on: bool) -> None:
        self.settings.print_always = on
        self.always = on

    def wants(self, kind: str) -> bool:
        """Whether a payment of `kind` posted at this desk prints at once (so its detail
        is read off the GUI thread, with the payment's other news)."""
        return self.always and kind in OFFERED_KINDS

    def posted(self, payment_id: str, kind: str = "") -> str:
        """After a posting: print at once, or offer the slip. Returns the note to add to
        the form's answer ("" when the kind has no slip). Given the `kind`, offering the
        slip reads nothing: the answer to Enter waits for no database."""
        if not kind:
            detail = self._read(payment_id)
            if detail is None:
                return ""
            kind = detail.payment.kind
        if kind not in OFFERED_KINDS:
            return ""
        if self.settings.print_always:
            self.pending = ""
            detail = self._arrived.pop(payment_id, None)
            if detail is None:
                # The worker's read of it is on its way: `arrived` prints it.
                self._awaiting = payment_id
                return ""
            return self._print_detail(detail, copy=False)
        self.pending = payment_id
        return QCoreApplication.translate("ReceiptDesk", "Ctrl+P prints the receipt.")

    def arrived(self, detail: PaymentDetail) -> str:
        """A posted payment's detail read off the GUI thread for "print always": prints
        it when its posting was answered already. Returns the note for the form."""
        payment_id = detail.payment.payment_id
        if payment_id != self._awaiting:
            # Its answer comes next: `posted` finds it here (one, the latest, is enough).
            self._arrived = {payment_id: detail}
            return ""
        self._awaiting = ""
        return self._print_detail(detail, copy=False)

    def print_pending(self) -> bool:
        if not self.pending:
            return False
        payment_id, self.pending = self.pending, ""
        self._say(self.print(payment_id, copy=False), True)
        return True

    def reprint(self, payment_id: str) -> str:
        text = self.print(payment_id, copy=True)
        self._say(text, bool(self.last_printed == payment_id))
        return text

    def print(self, payment_id: str, *, copy: bool) -> str:
        """Print one slip; returns what the teller reads of it."""
        detail = self._read(payment_id)
        if detail is None:
            return QCoreApplication.translate("ReceiptDesk", "No payment {payment_id}.").format(
                payment_id=payment_id
            )
        return self._print_detail(detail, copy=copy)

    def _print_detail(self, detail: PaymentDetail, *, copy: bool) -> str:
        payment_id = detail.payment.payment_id
        try:
            receipt = receipt_for(
                detail,
                bank=self.settings.bank,
                branch=self.settings.branch,
                desk=self.settings.desk,
                copy=copy,
            )
        except ReceiptRefused as refused:
            self.last_printed = ""
            return refusal_text(
                refused.code, refused.message, payment_id=payment_id, status=refused.status
            )
        where = print_receipt(receipt, self.settings.layout, self.settings.pdf_folder)
        self.last_printed = payment_id
        if copy:
            return QCoreApplication.translate(
                "ReceiptDesk", "Receipt copy of payment {payment_id} sent to {where}."
            ).format(payment_id=payment_id, where=where)
        return QCoreApplication.translate(
            "ReceiptDesk", "Receipt of payment {payment_id} sent to {where}."
        ).format(payment_id=payment_id, where=where)
