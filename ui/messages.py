"""Domain messages in the teller's language, chosen by their reason code.

The domain speaks English and gives every refusal a stable `code` (Rejection.code,
AmountError.code, ReceiptRefused.code); the desk translates by that code and shows the
domain's own English text for a code it does not know yet, so nothing is ever lost.
Placeholders are filled from the fields the caller passes.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from PySide6.QtCore import QCoreApplication

from bus import Command, CommandFailed, CommandRejected, Event
from domain.kernel.money import AmountRefusal
from domain.kernel.refusals import Refusal
from domain.reporting.receipts import ReceiptRefusal
from ui.translations import QT_TRANSLATE_NOOP, SOURCE_LANGUAGE, current_language

MESSAGES: dict[str, str] = {
    ReceiptRefusal.HELD: QT_TRANSLATE_NOOP(
        "Messages",
        "Payment {payment_id} is held for a supervisor's approval: no receipt "
        "until it is approved and posted.",
    ),
    ReceiptRefusal.NOT_POSTED: QT_TRANSLATE_NOOP(
        "Messages", "Payment {payment_id} is {status}: no money moved, so there is no receipt."
    ),
    ReceiptRefusal.NOT_CUSTOMER: QT_TRANSLATE_NOOP(
        "Messages", "Payment {payment_id} is the bank's own move: it has no customer receipt."
    ),
    AmountRefusal.MISSING: QT_TRANSLATE_NOOP("Messages", "Enter an amount"),
    AmountRefusal.MALFORMED: QT_TRANSLATE_NOOP(
        "Messages",
        "Cannot read that amount: use digits, the decimal sign, grouping "
        "between thousands, '+' or '-'",
    ),
    AmountRefusal.TOO_MANY_DECIMALS: QT_TRANSLATE_NOOP(
        "Messages", "Too many decimals for this currency"
    ),
    AmountRefusal.TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "That amount is refused as too large"),
    AmountRefusal.UNKNOWN_CURRENCY: QT_TRANSLATE_NOOP("Messages", "Unknown currency"),
    # Refusals of commands (CommandRejected.reason_code): one sentence per code, without
    # the domain's figures, which the screen shows beside it (balances, limits).
    "above_approver_limit": QT_TRANSLATE_NOOP(
        "Messages",
        "The amount is above this approver's limit; someone with a higher limit must approve it.",
    ),
    "account_closed": QT_TRANSLATE_NOOP(
        "Messages", "The account is closed: no payments in or out."
    ),
    "account_exists": QT_TRANSLATE_NOOP("Messages", "That account number already exists."),
    "account_frozen": QT_TRANSLATE_NOOP(
        "Messages", "The account is frozen: no payments in or out."
    ),
    "account_id_invalid": QT_TRANSLATE_NOOP(
        "Messages", "Account numbers are 1 to 34 letters, digits and dashes."
    ),
    AmountRefusal.NOT_POSITIVE: QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    "approver_not_supervisor": QT_TRANSLATE_NOOP("Messages", "Only a supervisor can approve this."),
    "bank_code_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The beneficiary's bank code is 4 to 11 letters and digits (a BIC)."
    ),
    "beneficiary_account_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The beneficiary's account is 1 to 34 letters, digits, spaces and dashes."
    ),
    "beneficiary_name_missing": QT_TRANSLATE_NOOP("Messages", "Give the beneficiary's name."),
    "cash_account_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "That is not this desk's cash drawer in this currency."
    ),
    "count_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The count is not valid: each note or coin once, pieces within the limit."
    ),
    "currency_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The account holds another currency than the payment's."
    ),
    "date_closed": QT_TRANSLATE_NOOP("Messages", "That business date is already closed."),
    "date_invalid": QT_TRANSLATE_NOOP("Messages", "Give the date as YYYY-MM-DD."),
    "date_not_begun": QT_TRANSLATE_NOOP(
        "Messages", "A business date cannot be closed before its calendar day has begun."
    ),
    "date_open": QT_TRANSLATE_NOOP("Messages", "The business date is still open; close it first."),
    "date_unknown": QT_TRANSLATE_NOOP("Messages", "That business date was never opened."),
    "date_used": QT_TRANSLATE_NOOP("Messages", "That business date was already opened."),
    "denomination_unknown": QT_TRANSLATE_NOOP(
        "Messages", "That is not a note or coin of this currency."
    ),
    "drawer_closing": QT_TRANSLATE_NOOP(
        "Messages", "The drawer is being closed and accepts nothing more."
    ),
    "drawer_not_counted": QT_TRANSLATE_NOOP(
        "Messages", "Count the cash first; the drawer closes on its count."
    ),
    "drawer_not_open": QT_TRANSLATE_NOOP(
        "Messages", "The drawer is not open: count the opening cash first (Desk menu)."
    ),
    "drawer_session_active": QT_TRANSLATE_NOOP(
        "Messages", "You already have a drawer session: continue it or close it first."
    ),
    "drawers_open": QT_TRANSLATE_NOOP("Messages", "Close every cash drawer first."),
    "forbidden": QT_TRANSLATE_NOOP("Messages", "Your role may not do this."),
    "insufficient_funds": QT_TRANSLATE_NOOP(
        "Messages", "Not enough money available on the account for this payment."
    ),
    "maker_is_checker": QT_TRANSLATE_NOOP(
        "Messages", "Whoever keyed the payment cannot also approve it: another supervisor must."
    ),
    "name_invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "A name is 2-32 lower-case letters, digits, '.', '_' or '-', starting with a letter.",
    ),
    "needs_supervisor": QT_TRANSLATE_NOOP("Messages", "Only a supervisor can do this."),
    "no_open_date": QT_TRANSLATE_NOOP("Messages", "No business date is open."),
    "not_your_drawer": QT_TRANSLATE_NOOP("Messages", "This drawer belongs to another teller."),
    "operator_disabled": QT_TRANSLATE_NOOP(
        "Messages", "This operator is disabled and may not act."
    ),
    "operator_exists": QT_TRANSLATE_NOOP("Messages", "That operator already exists."),
    "operator_locked": QT_TRANSLATE_NOOP(
        "Messages", "This operator is locked out for a while after wrong passwords."
    ),
    "override_by_maker": QT_TRANSLATE_NOOP(
        "Messages", "The approver must be another person than the one who keyed it."
    ),
    "password_weak": QT_TRANSLATE_NOOP(
        "Messages", "The password is too weak or contains the name."
    ),
    Refusal.PAYMENT_ID_REUSED: QT_TRANSLATE_NOOP(
        "Messages", "This payment was already sent; clear the form and key it again."
    ),
    Refusal.POSSIBLE_DUPLICATE: QT_TRANSLATE_NOOP(
        "Messages",
        "Possible duplicate: the same amount between the same accounts was keyed a "
        "moment ago. Press Enter again to post it anyway.",
    ),
    "reason_missing": QT_TRANSLATE_NOOP("Messages", "Say why."),
    "reference_too_long": QT_TRANSLATE_NOOP("Messages", "The reference is too long."),
    "reversal_of_reversal": QT_TRANSLATE_NOOP(
        "Messages", "A reversal cannot itself be reversed; key a new payment instead."
    ),
    "same_account": QT_TRANSLATE_NOOP("Messages", "Pick two different accounts."),
    "session_closed": QT_TRANSLATE_NOOP(
        "Messages", "This login session was closed (logged out or locked): log in again."
    ),
    "unknown_account": QT_TRANSLATE_NOOP("Messages", "No such account."),
    "unknown_operator": QT_TRANSLATE_NOOP("Messages", "No such operator."),
    "unknown_payment": QT_TRANSLATE_NOOP("Messages", "No such payment."),
    "unlock_forbidden": QT_TRANSLATE_NOOP(
        "Messages", "Only the operator of this desk or a supervisor can unlock it."
    ),
    "wrong_account_kind": QT_TRANSLATE_NOOP(
        "Messages", "This account cannot take this kind of payment."
    ),
    "credentials_refused": QT_TRANSLATE_NOOP(
        "Messages", "The name or password was not accepted (or the operator is locked out)."
    ),
}


def refusal_text(code: str, english: str, **fields: str) -> str:
    """The message for `code` in the current language; `english` when none is known."""
    source = MESSAGES.get(code)
    if source is None:
        return english
    if current_language() == SOURCE_LANGUAGE:
        # In English the domain's own sentence says more (the balance, the limit).
        return english
    if "status" in fields:
        from ui.formatting import status_label

        fields = {**fields, "status": status_label(fields["status"])}
    try:
        return QCoreApplication.translate("Messages", source).format(**fields)
    except (KeyError, IndexError):
        return english


def refuses_or_fails(
    event: Event, command: Command | None
) -> TypeGuard[CommandRejected | CommandFailed]:
    """`event` answers `command`, the one this screen is waiting for, with a no."""
    return isinstance(event, CommandRejected | CommandFailed) and (
        command is not None and event.command_id == command.message_id
    )


def why_not_done(event: CommandRejected | CommandFailed) -> str:
    """A refusal's reason in the desk's language, or what failed, as the system said it."""
    if isinstance(event, CommandRejected):
        return refusal_text(event.reason_code, event.reason)
    return event.error


# The risk rules' reasons for holding or rejecting a payment are stored as English
# sentences in its events (which are never edited); the desk reads them back by their
# shape and says them in its language, and shows the stored sentence when none fits.
RISK_REASONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"(?P<reason>.+); approved at the desk by (?P<approver>\S+)"),
        QT_TRANSLATE_NOOP("Risk", "{reason}; approved at the desk by {approver}"),
    ),
    (
        re.compile(
            r"(?P<amount>.+) is above the bank's absolute limit of (?P<limit>.+) for one payment"
        ),
        QT_TRANSLATE_NOOP("Risk", "{amount} is above the bank's absolute limit of {limit}"),
    ),
    (
        re.compile(
            r"(?P<amount>.+) is above the (?P<role>\w+)'s limit of (?P<limit>.+) for one payment"
        ),
        QT_TRANSLATE_NOOP(
            "Risk", "{amount} is above the {role}'s limit of {limit} for one payment"
        ),
    ),
    (
        re.compile(
            r"Account (?P<account>\S+) would send (?P<total>.+) today, "
            r"above its daily limit of (?P<limit>.+)"
        ),
        QT_TRANSLATE_NOOP(
            "Risk", "Account {account} would send {total} today, above its daily limit of {limit}"
        ),
    ),
    (
        re.compile(
            r"Account (?P<account>\S+) has made (?P<count>\d+) payments in (?P<minutes>\d+) "
            r"minutes; more than (?P<most>\d+) needs a supervisor"
        ),
        QT_TRANSLATE_NOOP(
            "Risk",
            "Account {account} has made {count} payments in {minutes} minutes; "
            "more than {most} needs a supervisor",
        ),
    ),
    (
        re.compile(
            r"Teller (?P<teller>\S+) would have keyed (?P<total>.+) today, "
            r"above the daily limit of (?P<limit>.+)"
        ),
        QT_TRANSLATE_NOOP(
            "Risk",
            "Teller {teller} would have keyed {total} today, above the daily limit of {limit}",
        ),
    ),
    (
        re.compile(r"Cash of (?P<amount>.+) or more is reported to the regulator"),
        QT_TRANSLATE_NOOP("Risk", "Cash of {amount} or more is reported to the regulator"),
    ),
    (
        re.compile(
            r"The name (?P<name>.+) matches (?P<listed>.+) on the block list "
            r"\((?P<score>\d+)% alike\)"
        ),
        QT_TRANSLATE_NOOP(
            "Risk", "The name {name} matches {listed} on the block list ({score}% alike)"
        ),
    ),
]


def risk_reason(text: str) -> str:
    """A stored risk reason in the desk's language."""
    if current_language() == SOURCE_LANGUAGE:
        return text
    for shape, source in RISK_REASONS:
        found = shape.fullmatch(text)
        if found:
            fields = found.groupdict()
            if "reason" in fields:
                fields["reason"] = risk_reason(fields["reason"])
            if "role" in fields:
                from ui.formatting import account_word

                fields["role"] = account_word(fields["role"])
            return QCoreApplication.translate("Risk", source).format(**fields)
    return text


def risk_reasons(reasons: list[str]) -> list[str]:
    return [risk_reason(reason) for reason in reasons]
