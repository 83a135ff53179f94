"""Why the ledger refuses a command: stable codes the desk translates (ui.messages)."""

from __future__ import annotations

from enum import StrEnum


class LedgerRefusal(StrEnum):
    ACCOUNT_CLOSED = "account_closed"
    ACCOUNT_EXISTS = "account_exists"
    ACCOUNT_FROZEN = "account_frozen"
    ACCOUNT_ID_INVALID = "account_id_invalid"
    ACCOUNT_KIND_UNKNOWN = "account_kind_unknown"
    CURRENCY_MISMATCH = "currency_mismatch"
    HOLDER_NAME_INVALID = "holder_name_invalid"
    IBAN_IN_USE = "iban_in_use"
    IBAN_INVALID = "iban_invalid"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    OVERDRAFT_NEGATIVE = "overdraft_negative"
    UNKNOWN_ACCOUNT = "unknown_account"
    WRONG_ACCOUNT_KIND = "wrong_account_kind"
