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


def local_time(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite hands back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%H:%M:%S")
