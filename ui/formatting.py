"""How amounts, kinds and times read on screen."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from babel.dates import format_date
from PySide6.QtCore import QCoreApplication

from domain.kernel.money import format_minor, format_money, parse_amount
from ui.translations import QT_TRANSLATE_NOOP, current_language

# The locale of money and dates follows the language installed; TELLER_LOCALE (e.g. de_DE)
# overrides it for a desk whose figures are written otherwise than its words.
LOCALE_ENV = "TELLER_LOCALE"
_LANGUAGE_LOCALES = {"en": "en_US", "zh_CN": "zh_CN"}
# An English desk handles many currencies, and CLDR's en_US symbols tell them apart by
# prefixes ('CN¥', 'A$') a teller misreads; the ISO code after the figure cannot be.
_CODE_AFTER = {"en_US"}

# Marked for lupdate here, translated where shown (the language may change while running).
KIND_LABELS = {
    "cash_deposit": QT_TRANSLATE_NOOP("Kinds", "Cash deposit"),
    "cash_withdrawal": QT_TRANSLATE_NOOP("Kinds", "Cash withdrawal"),
    "transfer": QT_TRANSLATE_NOOP("Kinds", "Transfer"),
    "interbank_transfer": QT_TRANSLATE_NOOP("Kinds", "To another bank"),
    "reversal": QT_TRANSLATE_NOOP("Kinds", "Reversal"),
    # The drawer's own moves: with the vault, and a closing count's difference.
    "vault_to_drawer": QT_TRANSLATE_NOOP("Kinds", "Vault to drawer"),
    "drawer_to_vault": QT_TRANSLATE_NOOP("Kinds", "Drawer to vault"),
    "cash_over": QT_TRANSLATE_NOOP("Kinds", "Cash over"),
    "cash_short": QT_TRANSLATE_NOOP("Kinds", "Cash short"),
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


def _label(context: str, labels: dict[str, str], value: str, unknown: str) -> str:
    """`value`'s word from `labels`, translated in `context`; `unknown` for a value the
    desk has no word for yet (a newer domain may send one)."""
    source = labels.get(value)
    return unknown if source is None else QCoreApplication.translate(context, source)


def kind_label(kind: str) -> str:
    return _label("Kinds", KIND_LABELS, kind, kind.replace("_", " ").capitalize())


def status_label(status: str) -> str:
    return _label("Statuses", STATUS_LABELS, status, status)


def desk_locale() -> str:
    chosen = os.environ.get(LOCALE_ENV, "").strip()
    return chosen.replace("-", "_") if chosen else _LANGUAGE_LOCALES[current_language()]


def money(minor: int, currency: str) -> str:
    """As CLDR writes money in the desk's locale: '¥1,234.50' in zh_CN, '1.234,50 €' in
    de_DE; in en_US the code after the figure, '1,234.50 EUR'. Exports and the command line
    keep format_money's locale-free '1,234.50 CNY'."""
    locale = desk_locale()
    if locale in _CODE_AFTER:
        return format_money(minor, currency)
    return format_money(minor, currency, locale)


def figure(minor: int, currency: str) -> str:
    """The figure alone, in the desk's locale: '1,234.50', '1.234,50'."""
    return format_minor(minor, currency, locale=desk_locale())


def parse_money(text: str, currency: str) -> int:
    """What the teller typed, read with the desk's decimal and group signs."""
    return parse_amount(text, currency, desk_locale())


def business_date(day: date) -> str:
    """A business date as written in the desk's locale (CLDR medium): '2026年11月30日',
    'Nov 30, 2026', '30.11.2026'. Exports and the command line keep ISO."""
    return format_date(day, format="medium", locale=desk_locale())


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 payment', '2 payments', '1 entry', '3 entries'."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def _local(moment: datetime) -> datetime:
    """A stored moment in this desk's time zone."""
    if moment.tzinfo is None:  # SQLite hands back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def local_datetime(moment: datetime) -> str:
    """A stored moment in this desk's local time, saying so: '2026-11-29 13:12:50 local
    time (CET, UTC+01:00)'."""
    local = _local(moment)
    offset = local.strftime("%z")
    return QCoreApplication.translate(
        "Formatting", "{moment} local time ({zone}, UTC{offset})"
    ).format(
        moment=f"{local:%Y-%m-%d %H:%M:%S}",
        zone=local.tzname(),
        offset=f"{offset[:3]}:{offset[3:]}",
    )


def local_datetime_short(moment: datetime) -> str:
    """'2026-11-29 13:12 (UTC+01:00)': a receipt's time, with the zone it was read in."""
    local = _local(moment)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def local_time(moment: datetime) -> str:
    return _local(moment).strftime("%H:%M:%S")


def denomination_label(minor: int, currency: str) -> str:
    """A note or coin as the counter names it: in Chinese, renminbi in 元 and 角 ('100 元',
    '5 角'), the words on the notes themselves; elsewhere its money ('¥100.00')."""
    if currency == "CNY" and current_language() == "zh_CN":
        if minor % 100 == 0:
            return f"{minor // 100} 元"
        if minor % 10 == 0:
            return f"{minor // 10} 角"
        return f"{minor} 分"
    return money(minor, currency)


# What the account screens show of an account (its kind, its state, how it was found)
# and the state of a drawer session.
ACCOUNT_WORDS = {
    "customer": QT_TRANSLATE_NOOP("Accounts", "customer"),
    "drawer": QT_TRANSLATE_NOOP("Accounts", "drawer"),
    "vault": QT_TRANSLATE_NOOP("Accounts", "vault"),
    "clearing": QT_TRANSLATE_NOOP("Accounts", "clearing"),
    "suspense": QT_TRANSLATE_NOOP("Accounts", "suspense"),
    "over_short": QT_TRANSLATE_NOOP("Accounts", "cash over/short"),
    "active": QT_TRANSLATE_NOOP("Accounts", "active"),
    "frozen": QT_TRANSLATE_NOOP("Accounts", "frozen"),
    "closed": QT_TRANSLATE_NOOP("Accounts", "closed"),
    "number": QT_TRANSLATE_NOOP("Accounts", "number"),
    "name": QT_TRANSLATE_NOOP("Accounts", "name"),
    "similar name": QT_TRANSLATE_NOOP("Accounts", "similar name"),
    "opening": QT_TRANSLATE_NOOP("Accounts", "opening"),
    "open": QT_TRANSLATE_NOOP("Accounts", "open"),
    "closing": QT_TRANSLATE_NOOP("Accounts", "closing"),
    "teller": QT_TRANSLATE_NOOP("Accounts", "teller"),
    "supervisor": QT_TRANSLATE_NOOP("Accounts", "supervisor"),
    "admin": QT_TRANSLATE_NOOP("Accounts", "admin"),
}


def account_word(value: str) -> str:
    """An account's kind, state or how it was found, in the desk's language."""
    return _label("Accounts", ACCOUNT_WORDS, value, value.replace("_", " "))
