"""How amounts, kinds and times read on screen."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from domain.kernel.money import format_money
from ui.translations import QT_TRANSLATE_NOOP

# Marked for lupdate here, translated where shown (the language may change while running).
KIND_LABELS = {
    "cash_deposit": QT_TRANSLATE_NOOP("Kinds", "Cash deposit"),
    "cash_withdrawal": QT_TRANSLATE_NOOP("Kinds", "Cash withdrawal"),
    "transfer": QT_TRANSLATE_NOOP("Kinds", "Transfer"),
    "interbank_transfer": QT_TRANSLATE_NOOP("Kinds", "To another bank"),
    "reversal": QT_TRANSLATE_NOOP("Kinds", "Reversal"),
}

STATUS_LABELS = {
    "created": QT_TRANSLATE_NOOP("Statuses", "created"),
    "risk_checked": QT_TRANSLATE_NOOP("Statuses", "risk checked"),
    "held": QT_TRANSLATE_NOOP("Statuses", "held"),
    "posted": QT_TRANSLATE_NOOP("Statuses", "posted"),
    "reserved": QT_TRANSLATE_NOOP("Statuses", "reserved"),
    "settled": QT_TRANSLATE_NOOP("Statuses", "settled"),
    "rejected": QT_TRANSLATE_NOOP("Statuses", "rejected"),
    "declined": QT_TRANSLATE_NOOP("Statuses", "declined"),
    "voided": QT_TRANSLATE_NOOP("Statuses", "voided"),
    "reversed": QT_TRANSLATE_NOOP("Statuses", "reversed"),
}


def kind_label(kind: str) -> str:
    if kind in KIND_LABELS:
        return QCoreApplication.translate("Kinds", KIND_LABELS[kind])
    return kind.replace("_", " ").capitalize()


def status_label(status: str) -> str:
    if status in STATUS_LABELS:
        return QCoreApplication.translate("Statuses", STATUS_LABELS[status])
    return status


money = format_money


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 payment', '2 payments', '1 entry', '3 entries'."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def local_datetime(moment: datetime) -> str:
    """A stored moment in this desk's local time, saying so: '2026-11-29 13:12:50 local
    time (CET, UTC+01:00)'."""
    if moment.tzinfo is None:  # SQLite hands back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} local time ({local.tzname()}, UTC{offset[:3]}:{offset[3:]})"


def local_datetime_short(moment: datetime) -> str:
    """'2026-11-29 13:12 (UTC+01:00)': a receipt's time, with the zone it was read in."""
    if moment.tzinfo is None:  # SQLite hands back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def local_time(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite hands back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%H:%M:%S")
