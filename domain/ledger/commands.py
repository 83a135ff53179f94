"""Account commands: open an account, freeze, close."""

from __future__ import annotations

from dataclasses import dataclass

from bus import Command


@dataclass(frozen=True, kw_only=True)
class OpenAccount(Command):
    account_id: str
    holder_name: str
    kind: str
    currency: str
    overdraft_limit: int = 0
    # Optional; printed or pasted with spaces, stored without, checked with mod 97.
    iban: str = ""


@dataclass(frozen=True, kw_only=True)
class ChangeAccountStatus(Command):
    account_id: str
    frozen: bool
    closed: bool
