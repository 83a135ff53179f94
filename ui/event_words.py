"""Stored events as a teller reads them, in the desk's language: the event's name and
its fields' names are marked here for lupdate and translated where shown (the language
may change while the desk runs). Values stay as stored, but for a payment's kind."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.reporting.history import EventLine
from ui.formatting import KIND_LABELS, kind_label
from ui.translations import QT_TRANSLATE_NOOP

EVENT_LABELS = {
    "AccountOpened": QT_TRANSLATE_NOOP("Events", "Account opened"),
    "AccountStatusChanged": QT_TRANSLATE_NOOP("Events", "Account status changed"),
    "BusinessDateOpened": QT_TRANSLATE_NOOP("Events", "Business date opened"),
    "BusinessDateClosed": QT_TRANSLATE_NOOP("Events", "Business date closed"),
    "CheckpointSigned": QT_TRANSLATE_NOOP("Events", "Checkpoint signed"),
    "DeskLocked": QT_TRANSLATE_NOOP("Events", "Desk locked"),
    "DeskUnlocked": QT_TRANSLATE_NOOP("Events", "Desk unlocked"),
    "DrawerSessionStarted": QT_TRANSLATE_NOOP("Events", "Drawer session started"),
    "DrawerOpened": QT_TRANSLATE_NOOP("Events", "Drawer opened"),
    "DrawerCounted": QT_TRANSLATE_NOOP("Events", "Drawer counted"),
    "DrawerClosed": QT_TRANSLATE_NOOP("Events", "Drawer closed"),
    "LoginSucceeded": QT_TRANSLATE_NOOP("Events", "Login succeeded"),
    "LoginFailed": QT_TRANSLATE_NOOP("Events", "Login failed"),
    "LoggedOut": QT_TRANSLATE_NOOP("Events", "Logged out"),
    "OperatorCreated": QT_TRANSLATE_NOOP("Events", "Operator created"),
    "OperatorDisabled": QT_TRANSLATE_NOOP("Events", "Operator disabled"),
    "OperatorLockedOut": QT_TRANSLATE_NOOP("Events", "Operator locked out"),
    "OverrideGranted": QT_TRANSLATE_NOOP("Events", "Override granted"),
    "PasswordReset": QT_TRANSLATE_NOOP("Events", "Password reset"),
    "PaymentCreated": QT_TRANSLATE_NOOP("Events", "Payment created"),
    "PaymentRiskChecked": QT_TRANSLATE_NOOP("Events", "Payment risk checked"),
    "PaymentHeld": QT_TRANSLATE_NOOP("Events", "Payment held"),
    "PaymentApproved": QT_TRANSLATE_NOOP("Events", "Payment approved"),
    "PaymentDeclined": QT_TRANSLATE_NOOP("Events", "Payment declined"),
    "PaymentRejected": QT_TRANSLATE_NOOP("Events", "Payment rejected"),
    "PaymentPosted": QT_TRANSLATE_NOOP("Events", "Payment posted"),
    "PaymentReserved": QT_TRANSLATE_NOOP("Events", "Payment reserved"),
    "PaymentSettled": QT_TRANSLATE_NOOP("Events", "Payment settled"),
    "PaymentVoided": QT_TRANSLATE_NOOP("Events", "Payment voided"),
    "PaymentReversed": QT_TRANSLATE_NOOP("Events", "Payment reversed"),
}

FIELD_LABELS = {
    "account_id": QT_TRANSLATE_NOOP("EventFields", "account"),
    "amount": QT_TRANSLATE_NOOP("EventFields", "amount"),
    "approved_by": QT_TRANSLATE_NOOP("EventFields", "approved by"),
    "approver": QT_TRANSLATE_NOOP("EventFields", "approver"),
    "beneficiary": QT_TRANSLATE_NOOP("EventFields", "beneficiary"),
    "business_date": QT_TRANSLATE_NOOP("EventFields", "business date"),
    "credit_account": QT_TRANSLATE_NOOP("EventFields", "credit account"),
    "debit_account": QT_TRANSLATE_NOOP("EventFields", "debit account"),
    "decisions": QT_TRANSLATE_NOOP("EventFields", "decisions"),
    "desk": QT_TRANSLATE_NOOP("EventFields", "desk"),
    "expires_at": QT_TRANSLATE_NOOP("EventFields", "expires at"),
    "flags": QT_TRANSLATE_NOOP("EventFields", "flags"),
    "kind": QT_TRANSLATE_NOOP("EventFields", "kind"),
    "note": QT_TRANSLATE_NOOP("EventFields", "note"),
    "outcome": QT_TRANSLATE_NOOP("EventFields", "outcome"),
    "purpose": QT_TRANSLATE_NOOP("EventFields", "purpose"),
    "reason": QT_TRANSLATE_NOOP("EventFields", "reason"),
    "reasons": QT_TRANSLATE_NOOP("EventFields", "reasons"),
    "reference": QT_TRANSLATE_NOOP("EventFields", "reference"),
    "reversal_id": QT_TRANSLATE_NOOP("EventFields", "reversal"),
    "reverses_payment_id": QT_TRANSLATE_NOOP("EventFields", "reverses payment"),
    "payment_id": QT_TRANSLATE_NOOP("EventFields", "payment"),
    "teller": QT_TRANSLATE_NOOP("EventFields", "teller"),
}

RELATION_LABELS = {
    "Reverses": QT_TRANSLATE_NOOP("Links", "Reverses"),
    "Reversed by": QT_TRANSLATE_NOOP("Links", "Reversed by"),
}


def event_label(event_type: str) -> str:
    marked = EVENT_LABELS.get(event_type)
    return QCoreApplication.translate("Events", marked) if marked else event_type


def relation_label(relation: str) -> str:
    marked = RELATION_LABELS.get(relation)
    return QCoreApplication.translate("Links", marked) if marked else relation


def describe(line: EventLine) -> str:
    """The event line in the desk's language: its name, then its fields."""
    parts = []
    for name, value in line.fields:
        marked = FIELD_LABELS.get(name)
        label = QCoreApplication.translate("EventFields", marked) if marked else name
        shown = kind_label(value) if name == "kind" and value in KIND_LABELS else value
        parts.append(
            QCoreApplication.translate("EventFields", "{field} {value}").format(
                field=label, value=shown
            )
        )
    name = event_label(line.event_type)
    if not parts:
        return name
    separator = QCoreApplication.translate("EventFields", ", ")
    return QCoreApplication.translate("EventFields", "{event}: {fields}").format(
        event=name, fields=separator.join(parts)
    )
