"""Commands of the business date: open, close (end of day)."""

from __future__ import annotations

from dataclasses import dataclass

from bus import Command


@dataclass(frozen=True, kw_only=True)
class OpenBusinessDate(Command):
    business_date: str  # ISO date


@dataclass(frozen=True, kw_only=True)
class CloseBusinessDate(Command):
    """Settle with other banks, close the open business date and open the next.

    `business_date` is the date the closer means to close (ISO); a run that finds it
    already closed by someone else is refused rather than closing the next one. Empty:
    whichever date is open."""

    business_date: str = ""
