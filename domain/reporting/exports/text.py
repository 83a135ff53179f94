"""Text that leaves the bank, made harmless for its reader.

Two dangers: a spreadsheet evaluates a cell that starts with `=`, `+`, `-`, `@`, a tab or
a carriage return (OWASP "CSV injection"), and XML 1.0 (xlsx, camt.053) cannot hold most
control characters at all, so one stored ESC would make the whole export fail. The new
domain refuses such text at the boundary, but data stored before that must still export.
"""

from __future__ import annotations

import re

# What a spreadsheet reads as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 cannot hold: C0 controls other than tab, LF and CR, lone surrogates
# and the two non-characters U+FFFE/U+FFFF. openpyxl refuses the same C0 controls.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    """Each character XML cannot hold becomes U+FFFD, so the reader sees that something
    was there (stripping would silently join the words on either side)."""
    return _NOT_XML.sub(REPLACEMENT, text)


def formula_safe(text: str) -> str:
    """A leading apostrophe makes a would-be formula plain text, as OWASP advises; the
    spreadsheet shows the text, never runs it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(text: str) -> str:
    """Text for an xlsx cell: XML-safe and never a formula."""
    return formula_safe(xml_safe(text))
