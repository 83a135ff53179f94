"""The command line's language: `--lang zh_CN|en`, else the system locale's (LC_ALL,
LC_MESSAGES, LANG). Messages are written as QCoreApplication.translate("Cli", ...) where
they are printed; without a translator installed (English) they stay the source text."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from bus import CommandRejected

_installed: list[str] = []


class QCoreApplication:
    """Qt's translate() for the command line, without loading Qt for an English run (a
    server running `eod` may have no Qt libraries). lupdate reads these calls like the
    desk's, by their text."""

    @staticmethod
    def translate(context: str, source: str) -> str:
        if not _installed:
            return source
        from PySide6.QtCore import QCoreApplication as Qt

        return Qt.translate(context, source)


def system_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def use_language(language: str | None, widgets: bool = False) -> str | None:
    """Install `language` (else the system's) for the messages to come; None and a
    message when it is not one the desk speaks. `widgets`: the command may draw (a plot,
    the desk measured offscreen), which needs a QApplication rather than the bare core
    application, and only one of either can ever be made."""
    chosen = language or system_language()
    if chosen.replace("-", "_").lower() in ("en", "en_us", "c"):
        return "en"
    from PySide6.QtCore import QCoreApplication as Qt

    from ui.translations import install_language

    if Qt.instance() is None and widgets:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        QApplication(sys.argv[:1])
    elif Qt.instance() is None:
        Qt(sys.argv[:1])
    try:
        installed = install_language(chosen)
    except ValueError as error:
        print(error, file=sys.stderr)
        return None
    _installed.append(installed)
    return installed


def refused(rejection: CommandRejected) -> str:
    """A refusal in the command line's language, by its code (the domain's English when
    the language is English or the code has no sentence yet)."""
    return refusal(rejection.reason_code, rejection.reason)


def refusal(code: str, english: str, details: dict[str, str] | None = None) -> str:
    """Any refusal with a code (a command's, an export's), filled from its `details`."""
    if not _installed:
        return english
    from ui.messages import refusal_text

    return refusal_text(code, english, **(details or {}))


def pdf_words() -> Callable[[str], str]:
    """The exported PDF's words in the command line's language: the desk's table
    (ui.pdf_words), or the domain's English as it is."""
    if not _installed:
        from domain.reporting.exports.common import english

        return english
    from ui.pdf_words import pdf_words as translated

    return translated


def risk_reason(text: str) -> str:
    """A stored risk reason (held or rejected payments keep theirs in English) in the
    command line's language."""
    if not _installed:
        return text
    from ui.messages import risk_reason as translated

    return translated(text)
