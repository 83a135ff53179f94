"""The desk's language: Qt translators for English (the source) and Simplified Chinese.

The `.ts` sources live in ui/i18n/ next to the compiled `.qm` files, which are committed
(built by `python scripts/build_translations.py`; a test fails when they are stale), so a
fresh clone and an installed wheel speak Chinese without a build step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

I18N_DIR = Path(__file__).parent / "i18n"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "zh_CN")
# What each language calls itself, for the menu that switches.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
_SETTINGS_KEY = "language/{operator}"

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks `source` for lupdate (which knows this name) and returns it untranslated;
    typed as str, unlike PySide6's own."""
    del context
    return source


def words_in(context: str) -> Callable[[str], str]:
    """Translates, in `context`, the English words a domain report writes (marked for
    lupdate beside the caller with QT_TRANSLATE_NOOP)."""

    def words(text: str) -> str:
        return QCoreApplication.translate(context, text)

    return words


def system_language(locale: QLocale | None = None) -> str:
    """The language of the system locale, when the desk speaks it; English otherwise."""
    name = (locale or QLocale.system()).name()
    return "zh_CN" if name.startswith("zh") else SOURCE_LANGUAGE


def normalise(language: str) -> str:
    cleaned = language.replace("-", "_")
    for known in LANGUAGES:
        if cleaned.lower() == known.lower():
            return known
    raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")


def qm_path(language: str) -> Path:
    return I18N_DIR / f"teller_{language}.qm"


def current_language() -> str:
    app = QCoreApplication.instance()
    return str(app.property("teller_language") or SOURCE_LANGUAGE) if app else SOURCE_LANGUAGE


def install_language(language: str) -> str:
    """Make `language` the application's: translators, and QLocale's default for numbers
    and dates. Returns the language installed. Widgets retranslate on the LanguageChange
    event Qt sends them."""
    app = QCoreApplication.instance()
    assert app is not None, "a QCoreApplication must exist"
    language = normalise(language)
    while _installed:
        app.removeTranslator(_installed.pop())
    if language != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if not ours.load(str(qm_path(language))):
            raise FileNotFoundError(
                f"{qm_path(language)} is missing: run python scripts/build_translations.py"
            )
        qt_own = QTranslator(app)
        # Qt's own words (Cancel, Yes, No...) in the same language, when Qt ships them.
        if qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
        app.installTranslator(ours)
        _installed.append(ours)
    QLocale.setDefault(QLocale(language))
    app.setProperty("teller_language", language)
    return language


def remembered_language(operator: str) -> str | None:
    value = QSettings("teller-desk", "desk").value(_SETTINGS_KEY.format(operator=operator))
    return str(value) if value in LANGUAGES else None


def remember_language(operator: str, language: str) -> None:
    QSettings("teller-desk", "desk").setValue(
        _SETTINGS_KEY.format(operator=operator), normalise(language)
    )
