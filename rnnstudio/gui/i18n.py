"""Languages: English (the source strings) and Simplified Chinese (a .qm file).

``system`` follows the locale. Switching at run time installs the translator
and asks each widget to re-read its strings (a LanguageChange event).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from .bundled import resource

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translator: QTranslator | None = None


def resolve(language: str) -> str:
    if language in LANGUAGES:
        return language
    name = QLocale.system().name()  # e.g. "zh_CN", "en_GB"
    return "zh_CN" if name.startswith("zh") else "en"


def install(language: str) -> str:
    """Install the translator for ``language`` ("system", "en" or "zh_CN"); returns the one used."""
    global _translator
    app = QCoreApplication.instance()
    code = resolve(language)
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if code != "en":
        t = QTranslator(app)
        if t.load(str(resource("translations", f"rnnstudio_{code}.qm"))):
            app.installTranslator(t)
            _translator = t
    return code
