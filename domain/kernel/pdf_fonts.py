"""The fonts a reportlab PDF is written with: its own Helvetica for Latin text, and the
PDF's standard Chinese font (Adobe's STSong-Light, a CID font every PDF reader has) when
any text is Chinese, so the words stay text that `pdftotext` and a search read back."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

CJK_FONT = "STSong-Light"


def has_cjk(text: str) -> bool:
    return any(
        "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\uf900" <= ch <= "\ufaff"
        for ch in text
    )


def cjk_runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut where it changes between Chinese and anything else: (is Chinese, run)."""
    return [(cjk, "".join(chars)) for cjk, chars in groupby(text, has_cjk)]


def pdf_fonts(texts: Iterable[str]) -> tuple[str, str]:
    """(regular, bold) font names for a document holding `texts`."""
    if not any(has_cjk(text) for text in texts):
        return "Helvetica", "Helvetica-Bold"
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    # The CID font has no bold face; headings stand out by their size.
    return CJK_FONT, CJK_FONT
