"""Where the bundled files (sample corpora, icons, translations) live.

Installed, the top-level ``resources/`` folder is the package ``rnnstudio.resources``;
in a source checkout or a frozen build it is found beside the package.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "resources"] if frozen else []
    package = Path(__file__).resolve().parents[1]   # rnnstudio/
    candidates += [package.parent / "resources", package / "resources"]
    try:
        from importlib.resources import files

        candidates.append(Path(str(files("rnnstudio.resources"))))
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    for c in candidates:
        if (c / "corpora").is_dir():
            return c
    return candidates[0]


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


SAMPLE_CORPORA = {   # file: its name, translated by sample_name (lupdate reads the NOOP marks)
    "tinyshakespeare.txt": QT_TRANSLATE_NOOP("CorpusPage", "Tiny Shakespeare"),
    "tang_poems.txt": QT_TRANSLATE_NOOP("CorpusPage", "Tang poems (Chinese)"),
}


def sample_name(name: str) -> str:
    """A bundled text's name in the user's language (the Text page's buttons, File → Open a sample)."""
    return QCoreApplication.translate("CorpusPage", SAMPLE_CORPORA.get(name, name))
