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
from domain.business_day.refusals import DayRefusal
from domain.door.refusals import FieldRefusal, SessionRefusal
from domain.drawers.refusals import DrawerRefusal
from domain.kernel.money import AmountRefusal
from domain.kernel.refusals import Refusal
from domain.ledger.refusals import LedgerRefusal
from domain.operators.refusals import OperatorRefusal
from domain.payments.refusals import PaymentRefusal
from domain.reporting.checkpoints import CheckpointRefusal
from domain.reporting.exports import ExportRefusal
from domain.reporting.receipts import ReceiptRefusal
from ui.translations import QT_TRANSLATE_NOOP, SOURCE_LANGUAGE, current_language

MESSAGES: dict[str, str] = {
    # A screen reacts to these beyond showing them (domain.kernel.refusals).
    Refusal.OVERRIDE_REQUIRED: QT_TRANSLATE_NOOP(
        "Messages", "This is above your limit: a supervisor must sign it off at this desk."
    ),
    Refusal.POSSIBLE_DUPLICATE: QT_TRANSLATE_NOOP(
        "Messages",
        "Possible duplicate: the same amount between the same accounts was keyed a "
        "moment ago. Press Enter again to post it anyway.",
    ),
    Refusal.PAYMENT_ID_REUSED: QT_TRANSLATE_NOOP(
        "Messages", "This payment was already sent; clear the form and key it again."
    ),
    # Refusals of commands (CommandRejected.reason_code) and of typed amounts and receipts:
    # one sentence per code, without the domain's figures, which the screen shows beside
    # it (balances, limits). tests/ui/test_refusal_messages.py keeps every code covered.
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
    AmountRefusal.NOT_POSITIVE: QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    AmountRefusal.ZERO: QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    AmountRefusal.NEGATIVE: QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    AmountRefusal.UNKNOWN_CURRENCY: QT_TRANSLATE_NOOP("Messages", "Unknown currency"),
    ReceiptRefusal.NOT_CUSTOMER: QT_TRANSLATE_NOOP(
        "Messages", "Payment {payment_id} is the bank's own move: it has no customer receipt."
    ),
    ReceiptRefusal.HELD: QT_TRANSLATE_NOOP(
        "Messages",
        "Payment {payment_id} is held for a supervisor's approval: no receipt "
        "until it is approved and posted.",
    ),
    ReceiptRefusal.NOT_POSTED: QT_TRANSLATE_NOOP(
        "Messages", "Payment {payment_id} is {status}: no money moved, so there is no receipt."
    ),
    FieldRefusal.INVALID_TYPE: QT_TRANSLATE_NOOP(
        "Messages", "This field holds the wrong kind of value."
    ),
    FieldRefusal.OUT_OF_RANGE: QT_TRANSLATE_NOOP(
        "Messages", "This number is outside what the field allows."
    ),
    FieldRefusal.REQUIRED: QT_TRANSLATE_NOOP("Messages", "This field is required."),
    FieldRefusal.TOO_LONG: QT_TRANSLATE_NOOP("Messages", "This field is too long."),
    FieldRefusal.CONTROL_CHARACTERS: QT_TRANSLATE_NOOP(
        "Messages", "Remove the control characters (tabs, line breaks) from this field."
    ),
    FieldRefusal.INVALID_IDENTIFIER: QT_TRANSLATE_NOOP(
        "Messages", "That is not a valid number or name for this field."
    ),
    FieldRefusal.UNKNOWN_VALUE: QT_TRANSLATE_NOOP(
        "Messages", "That is not one of the values this field accepts."
    ),
    FieldRefusal.INVALID_DATE: QT_TRANSLATE_NOOP(
        "Messages", "That is not a calendar date: give it as YYYY-MM-DD."
    ),
    SessionRefusal.SESSION_REQUIRED: QT_TRANSLATE_NOOP(
        "Messages", "Log in at a desk first: this needs the login session of its operator."
    ),
    SessionRefusal.SESSION_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "This login session is not the operator's own: log in again."
    ),
    SessionRefusal.SESSION_CLOSED: QT_TRANSLATE_NOOP(
        "Messages", "This login session was closed (logged out or locked): log in again."
    ),
    OperatorRefusal.FORBIDDEN: QT_TRANSLATE_NOOP("Messages", "Your role may not do this."),
    OperatorRefusal.NEEDS_SUPERVISOR: QT_TRANSLATE_NOOP(
        "Messages", "Only a supervisor can do this."
    ),
    OperatorRefusal.APPROVER_NOT_SUPERVISOR: QT_TRANSLATE_NOOP(
        "Messages", "Only a supervisor can approve this."
    ),
    OperatorRefusal.OVERRIDE_BY_MAKER: QT_TRANSLATE_NOOP(
        "Messages", "The approver must be another person than the one who keyed it."
    ),
    OperatorRefusal.CREDENTIALS_REFUSED: QT_TRANSLATE_NOOP(
        "Messages", "The name or password was not accepted (or the operator is locked out)."
    ),
    OperatorRefusal.DISABLE_SELF: QT_TRANSLATE_NOOP("Messages", "You cannot disable yourself."),
    OperatorRefusal.NAME_INVALID: QT_TRANSLATE_NOOP(
        "Messages",
        "A name is 2-32 lower-case letters, digits, '.', '_' or '-', starting with a letter.",
    ),
    OperatorRefusal.OPERATOR_DISABLED: QT_TRANSLATE_NOOP(
        "Messages", "This operator is disabled and may not act."
    ),
    OperatorRefusal.OPERATOR_EXISTS: QT_TRANSLATE_NOOP("Messages", "That operator already exists."),
    OperatorRefusal.OPERATOR_LOCKED: QT_TRANSLATE_NOOP(
        "Messages", "This operator is locked out for a while after wrong passwords."
    ),
    OperatorRefusal.PASSWORD_WEAK: QT_TRANSLATE_NOOP(
        "Messages", "The password is too weak or contains the name."
    ),
    OperatorRefusal.ROLE_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "That is not a role of this bank."),
    OperatorRefusal.SESSION_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages", "A desk can only close its own login session."
    ),
    OperatorRefusal.UNKNOWN_OPERATOR: QT_TRANSLATE_NOOP("Messages", "No such operator."),
    OperatorRefusal.UNLOCK_FORBIDDEN: QT_TRANSLATE_NOOP(
        "Messages", "Only the operator of this desk or a supervisor can unlock it."
    ),
    LedgerRefusal.ACCOUNT_CLOSED: QT_TRANSLATE_NOOP(
        "Messages", "The account is closed: no payments in or out."
    ),
    LedgerRefusal.ACCOUNT_EXISTS: QT_TRANSLATE_NOOP(
        "Messages", "That account number already exists."
    ),
    LedgerRefusal.ACCOUNT_FROZEN: QT_TRANSLATE_NOOP(
        "Messages", "The account is frozen: no payments in or out."
    ),
    LedgerRefusal.ACCOUNT_ID_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "Account numbers are 1 to 34 letters, digits and dashes."
    ),
    LedgerRefusal.ACCOUNT_KIND_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "That is not a kind of account this bank keeps."
    ),
    LedgerRefusal.CURRENCY_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages", "The account holds another currency than the payment's."
    ),
    LedgerRefusal.HOLDER_NAME_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "Give the holder's name (1 to 140 characters)."
    ),
    LedgerRefusal.IBAN_IN_USE: QT_TRANSLATE_NOOP(
        "Messages", "That IBAN already belongs to another account."
    ),
    LedgerRefusal.IBAN_INVALID: QT_TRANSLATE_NOOP("Messages", "That is not a valid IBAN."),
    LedgerRefusal.INSUFFICIENT_FUNDS: QT_TRANSLATE_NOOP(
        "Messages", "Not enough money available on the account for this payment."
    ),
    LedgerRefusal.OVERDRAFT_NEGATIVE: QT_TRANSLATE_NOOP(
        "Messages", "An overdraft limit cannot be negative."
    ),
    LedgerRefusal.UNKNOWN_ACCOUNT: QT_TRANSLATE_NOOP("Messages", "No such account."),
    LedgerRefusal.WRONG_ACCOUNT_KIND: QT_TRANSLATE_NOOP(
        "Messages", "This account cannot take this kind of payment."
    ),
    PaymentRefusal.ABOVE_APPROVER_LIMIT: QT_TRANSLATE_NOOP(
        "Messages",
        "The amount is above this approver's limit; someone with a higher limit must approve it.",
    ),
    PaymentRefusal.BANK_CODE_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "The beneficiary's bank code is 4 to 11 letters and digits (a BIC)."
    ),
    PaymentRefusal.BENEFICIARY_ACCOUNT_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "The beneficiary's account is 1 to 34 letters, digits, spaces and dashes."
    ),
    PaymentRefusal.BENEFICIARY_NAME_MISSING: QT_TRANSLATE_NOOP(
        "Messages", "Give the beneficiary's name."
    ),
    PaymentRefusal.MAKER_IS_CHECKER: QT_TRANSLATE_NOOP(
        "Messages", "Whoever keyed the payment cannot also approve it: another supervisor must."
    ),
    PaymentRefusal.PAYMENT_ID_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "A payment id has 1 to 36 characters."
    ),
    PaymentRefusal.PAYMENT_KIND_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "That is not a kind of payment this desk makes."
    ),
    PaymentRefusal.REASON_MISSING: QT_TRANSLATE_NOOP("Messages", "Say why."),
    PaymentRefusal.REFERENCE_TOO_LONG: QT_TRANSLATE_NOOP("Messages", "The reference is too long."),
    PaymentRefusal.REVERSAL_OF_REVERSAL: QT_TRANSLATE_NOOP(
        "Messages", "A reversal cannot itself be reversed; key a new payment instead."
    ),
    PaymentRefusal.SAME_ACCOUNT: QT_TRANSLATE_NOOP("Messages", "Pick two different accounts."),
    PaymentRefusal.UNKNOWN_PAYMENT: QT_TRANSLATE_NOOP("Messages", "No such payment."),
    PaymentRefusal.CANNOT_CHECK: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be checked in the state it is in."
    ),
    PaymentRefusal.CANNOT_HOLD: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be held in the state it is in."
    ),
    PaymentRefusal.CANNOT_POST: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be posted in the state it is in."
    ),
    PaymentRefusal.CANNOT_RESERVE: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be reserved in the state it is in."
    ),
    PaymentRefusal.CANNOT_SETTLE: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be settled in the state it is in."
    ),
    PaymentRefusal.CANNOT_REJECT: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be rejected in the state it is in."
    ),
    PaymentRefusal.CANNOT_DECLINE: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be declined in the state it is in."
    ),
    PaymentRefusal.CANNOT_VOID: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be voided in the state it is in."
    ),
    PaymentRefusal.CANNOT_REVERSE: QT_TRANSLATE_NOOP(
        "Messages", "This payment cannot be reversed in the state it is in."
    ),
    PaymentRefusal.CANNOT_CREATE: QT_TRANSLATE_NOOP(
        "Messages", "A payment with this id already exists."
    ),
    DrawerRefusal.CASH_ACCOUNT_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages", "That is not this desk's cash drawer in this currency."
    ),
    DrawerRefusal.COUNT_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "The count is not valid: each note or coin once, pieces within the limit."
    ),
    DrawerRefusal.DENOMINATION_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "That is not a note or coin of this currency."
    ),
    DrawerRefusal.DIRECTION_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "Move cash from the vault or to the vault."
    ),
    DrawerRefusal.DRAWER_CLOSING: QT_TRANSLATE_NOOP(
        "Messages", "The drawer is being closed and accepts nothing more."
    ),
    DrawerRefusal.DRAWER_NOT_COUNTED: QT_TRANSLATE_NOOP(
        "Messages", "Count the cash first; the drawer closes on its count."
    ),
    DrawerRefusal.DRAWER_NOT_OPEN: QT_TRANSLATE_NOOP(
        "Messages", "The drawer is not open: count the opening cash first (Desk menu)."
    ),
    DrawerRefusal.DRAWER_NOT_OPENING: QT_TRANSLATE_NOOP(
        "Messages", "This drawer session is no longer waiting for its opening count."
    ),
    DrawerRefusal.DRAWER_SESSION_ACTIVE: QT_TRANSLATE_NOOP(
        "Messages", "You already have a drawer session: continue it or close it first."
    ),
    DrawerRefusal.DRAWER_SESSION_EXISTS: QT_TRANSLATE_NOOP(
        "Messages", "This drawer session id is already taken."
    ),
    DrawerRefusal.NO_DENOMINATIONS: QT_TRANSLATE_NOOP(
        "Messages", "No notes or coins are set up for this currency."
    ),
    DrawerRefusal.NOT_YOUR_DRAWER: QT_TRANSLATE_NOOP(
        "Messages", "This drawer belongs to another teller."
    ),
    DrawerRefusal.UNKNOWN_DRAWER_SESSION: QT_TRANSLATE_NOOP("Messages", "No such drawer session."),
    DayRefusal.DATE_CLOSED: QT_TRANSLATE_NOOP("Messages", "That business date is already closed."),
    DayRefusal.DATE_INVALID: QT_TRANSLATE_NOOP("Messages", "Give the date as YYYY-MM-DD."),
    DayRefusal.DATE_NOT_BEGUN: QT_TRANSLATE_NOOP(
        "Messages", "A business date cannot be closed before its calendar day has begun."
    ),
    DayRefusal.DATE_OPEN: QT_TRANSLATE_NOOP(
        "Messages", "The business date is still open; close it first."
    ),
    DayRefusal.DATE_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "That business date was never opened."),
    DayRefusal.DATE_USED: QT_TRANSLATE_NOOP("Messages", "That business date was already opened."),
    DayRefusal.DRAWERS_OPEN: QT_TRANSLATE_NOOP("Messages", "Close every cash drawer first."),
    DayRefusal.NO_OPEN_DATE: QT_TRANSLATE_NOOP("Messages", "No business date is open."),
    CheckpointRefusal.CHECKPOINT_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages",
        "The signed hash is not the one stored at that position: the signature is "
        "of another history.",
    ),
    # An export's refusals name what the teller typed (the export's details), as the
    # command line shows no field beside them.
    ExportRefusal.UNKNOWN_FORMAT: QT_TRANSLATE_NOOP(
        "Messages", "Unknown format {format}: choose one of {formats}"
    ),
    ExportRefusal.PERIOD_INVERTED: QT_TRANSLATE_NOOP(
        "Messages", "The period starts ({start}) after it ends ({end})"
    ),
    ExportRefusal.PERIOD_AFTER_TODAY: QT_TRANSLATE_NOOP(
        "Messages",
        "The period ends on {end}, after the open business date {today}: "
        "end it on {today} or earlier",
    ),
    ExportRefusal.NO_ACCOUNT: QT_TRANSLATE_NOOP("Messages", "No account {account}"),
    ExportRefusal.NO_OPERATOR: QT_TRANSLATE_NOOP("Messages", "No operator {teller}"),
    ExportRefusal.OUT_IS_FOLDER: QT_TRANSLATE_NOOP(
        "Messages", "{path} is a folder; name a file to write"
    ),
    ExportRefusal.OUT_UNDER_FILE: QT_TRANSLATE_NOOP("Messages", "{path} is a file, not a folder"),
    ExportRefusal.NO_FOLDER: QT_TRANSLATE_NOOP("Messages", "The folder {folder} does not exist"),
    ExportRefusal.FOLDER_READ_ONLY: QT_TRANSLATE_NOOP(
        "Messages", "Cannot write into {folder}: permission denied"
    ),
    ExportRefusal.FILE_READ_ONLY: QT_TRANSLATE_NOOP(
        "Messages", "Cannot replace {path}: permission denied"
    ),
    ExportRefusal.WRITE_FAILED: QT_TRANSLATE_NOOP("Messages", "Could not write {path}: {error}"),
    ExportRefusal.NOTHING_MOVED: QT_TRANSLATE_NOOP(
        "Messages",
        "No account moved between {start} and {end}: name an --account for a statement "
        "without entries",
    ),
    ExportRefusal.TOO_MANY_ROWS: QT_TRANSLATE_NOOP(
        "Messages",
        "{count} payments do not fit in one XLSX sheet (at most {limit}); export CSV or a "
        "shorter period",
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
