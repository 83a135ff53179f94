"""IBAN (ISO 13616): normalised and checked with its mod-97 check digits."""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


def normalise_iban(text: str) -> str:
    """As printed (groups of four, any case) to as stored: no spaces, upper case."""
    return "".join(text.split()).upper()


def is_valid_iban(iban: str) -> bool:
    """A normalised IBAN whose check digits are right: moving the first four characters
    to the end and reading letters as 10..35 gives a number that is 1 modulo 97."""
    if not _SHAPE.match(iban):
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1
