"""How amounts, kinds and times read on screen."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.money import format_money

KIND_LABELS = {
    "cash_deposit": "Cash deposit",
    "cash_withdrawal": "Cash withdrawal",
    "transfer": "Transfer",
    "interbank_transfer": "To another bank",
    "reversal": "Reversal",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


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


def local_time(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite hands back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%H:%M:%S")
