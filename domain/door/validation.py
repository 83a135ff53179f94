"""The domain's front door: every command's fields are checked and normalised here,
before any handler (and so before any database) sees them.

Commands come from the desk's forms, the command line and scripts; only the form parses
what a teller types, so the domain cannot trust a command's fields to be what its type
hints say. One declared spec per command type (FIELDS, plus ENVELOPE for what every
command carries) names a check for each field; `at_the_door` wraps every command handler
with them when the desk is wired (app.bootstrap), and wiring fails for a command type
without a spec. A refused field is a Rejection with a stable code and the field's name,
so a form shows it where it was typed; nothing has been read or written yet.

Reason codes (README, "Bad input"):
  invalid_type        not the exact type: an int that is a bool, a float for money, None
  out_of_range        a number below or above the field's range
  required            empty where a value is needed
  too_long            longer than the column that keeps it
  control_characters  C0/C1 controls (NUL, BEL, ESC, TAB, LF, DEL...), the Unicode
                      line/paragraph separators, lone surrogates
  invalid_identifier  not the shape of an account number, operator name or other id
  unknown_value       not one of a closed set (account kind, payment kind, role...)
  unknown_currency    not an ISO 4217 currency the bank handles (domain.kernel.money)
  invalid_date        not an ISO date (YYYY-MM-DD)

Business rules that need the database or other fields (funds, limits per currency,
duplicates, who may do what) stay in the handlers.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from bus import Command, Event, Rejection
from domain.business_day.commands import CloseBusinessDate, OpenBusinessDate
from domain.door.refusals import FieldRefusal
from domain.drawers.commands import (
    CloseDrawer,
    CountClosingCash,
    CountOpeningCash,
    MoveCash,
    StartDrawerSession,
)
from domain.drawers.sessions import DRAWER_TO_VAULT, VAULT_TO_DRAWER
from domain.eventstore.checkpoints import RecordCheckpoint
from domain.kernel.money import CURRENCY_EXPONENTS, MAX_MAJOR_UNITS, AmountRefusal
from domain.ledger import accounts as account_kinds
from domain.ledger.commands import ChangeAccountStatus, OpenAccount
from domain.operators.commands import (
    Approval,
    CreateOperator,
    DisableOperator,
    LockDesk,
    LogIn,
    LogOut,
    ResetPassword,
    UnlockDesk,
)
from domain.operators.passwords import LOGIN_FAILED, MAX_PASSWORD, NAME
from domain.operators.roles import ROLES
from domain.payments.commands import (
    ApprovePayment,
    DeclinePayment,
    ExpireReservations,
    ReversePayment,
    SubmitPayment,
    VoidPayment,
)
from domain.payments.kinds import PAYMENT_KINDS

# The largest amount any field may carry, in minor units: a billion major units of the
# currency with the most decimals (KWD, 3), i.e. 10**12. Far inside PostgreSQL's BIGINT
# (9.2 * 10**18), so sums of many such amounts cannot overflow a balance; the per-currency
# limit (domain.kernel.money.max_minor_units, `amount_too_large`) is checked by the handler.
MAX_AMOUNT = MAX_MAJOR_UNITS * 10 ** max(CURRENCY_EXPONENTS.values())
MAX_COUNT_LINES = 64  # denominations in one cash count; real currencies have about 15

# Characters a bank's systems refuse in text: C0 and C1 controls with DEL (TAB and the
# line breaks too: references, names and reasons are single lines in every export), the
# Unicode line and paragraph separators, and lone surrogates (not encodable in UTF-8).
# Other Unicode (accents, CJK, emoji, bidi marks in a name) is kept verbatim; exports
# neutralise what their reader would misread.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
ACCOUNT_ID = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,33}$")
# Client-made ids (payment, session, message ids): a UUID's text, or any short token.
TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,35}$")
UNLOCK_REFUSED = "Not unlocked: the name or password was not accepted."

Check = Callable[[Any, str], Any]
T = TypeVar("T")
S = TypeVar("S", bound=str)


def _refuse(code: FieldRefusal | AmountRefusal, reason: str, field: str) -> Rejection:
    return Rejection(code, reason, field)


def _exact(value: object, kind: type[T], field: str, what: str) -> T:
    # bool is an int subclass: True must not pass as an amount of 1.
    if type(value) is not kind:
        raise _refuse(FieldRefusal.INVALID_TYPE, f"{what} (got {type(value).__name__})", field)
    return value


class Text:
    """A single line of text: exact str, no control characters, at most `max_len`."""

    def __init__(self, max_len: int, *, required: bool = False, strip: bool = False) -> None:
        self.max_len, self.required, self.strip = max_len, required, strip

    def __call__(self, raw: object, field: str) -> str:
        value = _exact(raw, str, field, "Expected text")
        if CONTROL.search(value):
            raise _refuse(
                FieldRefusal.CONTROL_CHARACTERS,
                "Remove control characters (tab, line break, escape...)",
                field,
            )
        text = value.strip() if self.strip else value
        if self.required and not text.strip():
            raise _refuse(FieldRefusal.REQUIRED, "This field is required", field)
        if len(text) > self.max_len:
            raise _refuse(FieldRefusal.TOO_LONG, f"At most {self.max_len} characters", field)
        return text


class Identifier:
    """An id of a closed shape, normalised first (stripped; upper or lower case), so
    `c0000001` and `C0000001` are one account and ` teller1` is `teller1`. With
    `optional`, an empty value passes as "" (the handler decides whether it is needed)."""

    def __init__(
        self, pattern: re.Pattern[str], what: str, *, case: str = "", optional: bool = False
    ) -> None:
        self.pattern, self.what, self.case, self.optional = pattern, what, case, optional

    def __call__(self, raw: object, field: str) -> str:
        value = _exact(raw, str, field, "Expected text")
        if CONTROL.search(value):
            raise _refuse(FieldRefusal.CONTROL_CHARACTERS, "Remove control characters", field)
        text = value.strip()
        text = text.upper() if self.case == "upper" else text.lower() if self.case else text
        if not text and self.optional:
            return text
        if not self.pattern.match(text):
            raise _refuse(FieldRefusal.INVALID_IDENTIFIER, f"Not a valid {self.what}", field)
        return text


class Integer:
    def __init__(self, low: int, high: int, below: str = "") -> None:
        self.low, self.high, self.below = low, high, below

    def __call__(self, raw: object, field: str) -> int:
        value = _exact(raw, int, field, "Expected a whole number of minor units")
        if value < self.low and self.below:
            raise _refuse(FieldRefusal.OUT_OF_RANGE, self.below, field)
        if not self.low <= value <= self.high:
            raise _refuse(
                FieldRefusal.OUT_OF_RANGE, f"Must be between {self.low:,} and {self.high:,}", field
            )
        return int(value)


def flag(raw: object, field: str) -> bool:
    value = _exact(raw, bool, field, "Expected true or false")
    return bool(value)


class OneOf(Generic[S]):
    """One of a closed set of strings (or of a StrEnum's members): text passes as the
    member it names, so a handler gets `PaymentKind.TRANSFER`, not "transfer"."""

    def __init__(self, allowed: Sequence[S]) -> None:
        self.allowed = tuple(allowed)
        self._by_value: dict[str, S] = {str(a): a for a in self.allowed}

    def __call__(self, raw: object, field: str) -> S:
        # A member of the set passes as itself; anything else must be plain text.
        for member in self.allowed:
            if raw is member:
                return member
        value = _exact(raw, str, field, "Expected text")
        found = self._by_value.get(value)
        if found is None:
            shown = repr(value[:40]) if not CONTROL.search(value) else "this value"
            raise _refuse(
                FieldRefusal.UNKNOWN_VALUE, f"Not {shown}: one of {', '.join(self.allowed)}", field
            )
        return found


def currency(raw: object, field: str) -> str:
    value = _exact(raw, str, field, "Expected a currency code")
    code = value.strip().upper()
    if code not in CURRENCY_EXPONENTS:
        raise _refuse(
            AmountRefusal.UNKNOWN_CURRENCY,
            f"Not a currency this bank handles (ISO 4217: {', '.join(CURRENCY_EXPONENTS)})",
            field,
        )
    return code


def iso_date(raw: object, field: str) -> str:
    value = _exact(raw, str, field, "Expected an ISO date")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _refuse(FieldRefusal.INVALID_DATE, "Expected a date as YYYY-MM-DD", field)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _refuse(FieldRefusal.INVALID_DATE, f"{value} is not a calendar date", field) from None
    return value


def optional_iso_date(value: Any, field: str) -> str:
    """A calendar date, or empty for "whichever is open"."""
    if value == "" and type(value) is str:
        return value
    return iso_date(value, field)


def password(raw: object, field: str) -> str:
    """Any printable characters; how long and how strong is the handler's rule (and a
    login must fail the same way whatever was typed)."""
    value = _exact(raw, str, field, "Expected a password")
    if CONTROL.search(value):
        raise _refuse(
            FieldRefusal.CONTROL_CHARACTERS, "A password has no control characters", field
        )
    if len(value) > MAX_PASSWORD:
        raise _refuse(FieldRefusal.TOO_LONG, f"At most {MAX_PASSWORD} characters", field)
    return value


def counts(value: Any, field: str) -> list[list[int]]:
    """Pairs of (denomination, pieces); which denominations exist is the handler's rule."""
    if type(value) not in (list, tuple):
        raise _refuse(FieldRefusal.INVALID_TYPE, "Expected a list of [denomination, pieces]", field)
    if len(value) > MAX_COUNT_LINES:
        raise _refuse(FieldRefusal.TOO_LONG, f"At most {MAX_COUNT_LINES} lines in one count", field)
    pieces = Integer(0, MAX_AMOUNT)
    result = []
    for pair in value:
        if type(pair) not in (list, tuple) or len(pair) != 2:
            raise _refuse(FieldRefusal.INVALID_TYPE, "Each count is [denomination, pieces]", field)
        result.append([pieces(pair[0], field), pieces(pair[1], field)])
    return result


account_id = Identifier(
    ACCOUNT_ID, "account number (1 to 34 letters, digits, '.', '_', '-')", case="upper"
)
token = Identifier(TOKEN, "id (1 to 36 letters, digits, '.', '_', ':', '-')")
operator_name = Identifier(
    NAME,
    "operator name (2 to 32 lower-case letters, digits, '.', '_', '-', starting with a letter)",
    case="lower",
)
amount = Integer(1, MAX_AMOUNT, below="The amount must be more than zero")


def approval(value: Any, field: str) -> Approval | None:
    """A supervisor's sign-off typed at the desk, or none."""
    if value is None:
        return None
    if type(value) is not Approval:
        raise _refuse(FieldRefusal.INVALID_TYPE, "Expected a supervisor's name and password", field)
    approver = operator_name(value.approver, f"{field}.approver")
    typed = password(value.password, f"{field}.password")
    if (approver, typed) == (value.approver, value.password):
        return value
    return Approval(approver=approver, password=typed)


# What every command carries (bus.messages.Message): ids are 36 wide in the event log,
# the operator 64.
ENVELOPE: dict[str, Check] = {
    "message_id": Text(36, required=True),
    "actor": Text(64, required=True),
    "correlation_id": Text(36),
    "causation_id": Text(36),
    "login_session": Text(36),
}
PAYMENT_ID = token
REASON = Text(200, strip=True)  # payments.decision_note

FIELDS: dict[type[Command], dict[str, Check]] = {
    OpenAccount: {
        "account_id": account_id,
        "holder_name": Text(140, required=True, strip=True),
        "kind": OneOf(account_kinds.KINDS),
        "currency": currency,
        "overdraft_limit": Integer(0, MAX_AMOUNT, below="An overdraft limit cannot be negative"),
        # Typed with spaces as often as not; the mod-97 check is the handler's rule.
        "iban": Text(42, strip=True),
    },
    ChangeAccountStatus: {"account_id": account_id, "frozen": flag, "closed": flag},
    SubmitPayment: {
        "payment_id": PAYMENT_ID,
        "kind": OneOf(tuple(PAYMENT_KINDS)),
        "debit_account": account_id,
        # Empty for a transfer to another bank: the handler names the clearing account.
        "credit_account": Identifier(ACCOUNT_ID, account_id.what, case="upper", optional=True),
        "amount": amount,
        "currency": currency,
        "reference": Text(140),
        "beneficiary_bank": Text(11, strip=True),
        "beneficiary_account": Text(34, strip=True),
        "beneficiary_name": Text(140, strip=True),
        "confirm_duplicate": flag,
        "approval": approval,
        "offer_override": flag,
    },
    ApprovePayment: {"payment_id": PAYMENT_ID, "note": REASON},
    DeclinePayment: {"payment_id": PAYMENT_ID, "reason": REASON},
    VoidPayment: {"payment_id": PAYMENT_ID, "reason": REASON},
    ExpireReservations: {},
    ReversePayment: {"payment_id": PAYMENT_ID, "reversal_id": PAYMENT_ID, "reason": REASON},
    OpenBusinessDate: {"business_date": iso_date},
    CloseBusinessDate: {"business_date": optional_iso_date},
    CreateOperator: {"name": operator_name, "role": OneOf(ROLES), "password": password},
    DisableOperator: {"name": operator_name},
    ResetPassword: {"name": operator_name, "password": password},
    LogIn: {"name": operator_name, "password": password, "desk": Text(64)},
    LogOut: {"login_id": token},
    LockDesk: {},
    UnlockDesk: {"name": operator_name, "password": password, "desk": Text(64)},
    StartDrawerSession: {"session_id": token, "currency": currency},
    CountOpeningCash: {"session_id": token, "counts": counts, "approval": approval},
    CountClosingCash: {"session_id": token, "counts": counts},
    CloseDrawer: {"session_id": token, "approval": approval},
    MoveCash: {
        "session_id": token,
        "payment_id": PAYMENT_ID,
        "direction": OneOf((VAULT_TO_DRAWER, DRAWER_TO_VAULT)),
        "amount": amount,
        "approval": approval,
    },
    RecordCheckpoint: {
        "seq": Integer(1, 2**62),
        "hash": Text(64, required=True),
        "business_date": iso_date,
        "signed_at": Text(40, required=True),
        "signature": Text(120, required=True),
        "key_fingerprint": Text(64, required=True),
    },
}

# A login form must not say more than "not accepted", whatever was wrong with the input;
# the code and field still tell a script what to fix.
REFUSAL_TEXT: dict[type[Command], str] = {LogIn: LOGIN_FAILED, UnlockDesk: UNLOCK_REFUSED}


def validate(command: Command) -> Command:
    """The command with its fields normalised, or a Rejection naming the first bad field."""
    command_type = type(command)
    spec = FIELDS[command_type]
    changed: dict[str, Any] = {}
    try:
        for checks in (ENVELOPE, spec):
            for name, check in checks.items():
                value = getattr(command, name)
                clean = check(value, name)
                # A text that names an enum's member equals it, but is replaced by it.
                if clean is not value and (clean != value or type(clean) is not type(value)):
                    changed[name] = clean
    except Rejection as refused:
        text = REFUSAL_TEXT.get(command_type)
        if text is not None:
            raise Rejection(refused.code, text, refused.field) from None
        raise
    return dataclasses.replace(command, **changed) if changed else command


def at_the_door(
    command_type: type[Command], handler: Callable[[Any], Sequence[Event]]
) -> Callable[[Any], Sequence[Event]]:
    """`handler` behind the checks of `command_type`'s fields (MessageBus.wrap_handlers)."""
    if command_type not in FIELDS:
        raise LookupError(f"{command_type.__name__} has no field spec in domain.door.validation")

    def checked(command: Command) -> Sequence[Event]:
        return handler(validate(command))

    checked.__qualname__ = getattr(handler, "__qualname__", repr(handler))
    return checked
