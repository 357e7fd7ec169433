"""Languages: English (the source strings) and Simplified Chinese (a .qm file).

``system`` follows the locale. Switching at run time installs the translator
and asks each widget to re-read its strings (a LanguageChange event).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .bundled import resource

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translators: list[QTranslator] = []


def resolve(language: str) -> str:
    if language in LANGUAGES:
        return language
    name = QLocale.system().name()  # e.g. "zh_CN", "en_GB"
    return "zh_CN" if name.startswith("zh") else "en"


def install(language: str) -> str:
    """Install the translator for ``language`` ("system", "en" or "zh_CN"); returns the one used."""
    app = QCoreApplication.instance()
    code = resolve(language)
    while _translators:
        app.removeTranslator(_translators.pop())
    if code != "en":
        # The app's own strings, and Qt's (file dialogs, Save/Discard/Cancel) shipped with PySide6.
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for folder, name in ((str(resource("translations")), f"rnnstudio_{code}"), (qt_dir, f"qtbase_{code}")):
            t = QTranslator(app)
            if t.load(name, folder):
                app.installTranslator(t)
                _translators.append(t)
    return code
