"""User-facing text for engine errors, in the user's language.

The engine raises errors with English messages plus their parameters; here each
class gets a translatable template, so the Chinese UI never shows English.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core import errors


def tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def _kind(kind: str) -> str:
    return {
        "a PNG image": tr("a PNG image"), "a JPEG image": tr("a JPEG image"), "a GIF image": tr("a GIF image"),
        "a zip archive or office document": tr("a zip archive or office document"),
        "a zip archive": tr("a zip archive"), "a PDF document": tr("a PDF document"),
        "binary data": tr("binary data"), "a program": tr("a program"),
        "a Windows program": tr("a Windows program"),
    }.get(kind, kind)


def describe(exc: BaseException) -> str:
    """One or two plain sentences for any error the user can cause."""
    p = getattr(exc, "params", {})
    if isinstance(exc, errors.CorpusNotFound):
        return tr("“{path}” does not exist.").format(**p)
    if isinstance(exc, errors.EmptyCorpus):
        return tr("“{path}” is empty: there is no text to learn from.").format(**p)
    if isinstance(exc, errors.NoTextFiles):
        return tr("The folder “{path}” holds no text files.").format(**p)
    if isinstance(exc, errors.BinaryFile):
        return tr("“{path}” is not a text file (it looks like {kind}). Choose a plain-text file.").format(
            path=p.get("path"), kind=_kind(p.get("kind", "")))
    if isinstance(exc, errors.UndecodableFile):
        return tr("“{path}” cannot be read as {encoding}. Choose another encoding, or “Detect”.").format(**p)
    if isinstance(exc, errors.TooFewSymbols):
        return tr("“{path}” has only {count} distinct symbol(s); at least 2 are needed.").format(**p)
    if isinstance(exc, errors.CorpusTooShort):
        return tr("“{path}” is too short: {count} symbols for training, but one training window needs "
                  "{needed}. Use more text or a shorter window.").format(**p)
    if isinstance(exc, errors.UnknownSymbols):
        return tr("The model never saw these symbols in its training text: {symbols}. "
                  "Remove them, or tick “Skip unknown symbols”.").format(**p)
    if isinstance(exc, errors.ModelFileError):
        return tr("“{path}” could not be opened as a model: {detail}").format(**p)
    if isinstance(exc, PermissionError):
        return tr("Permission denied: {path}").format(path=exc.filename or "")
    if isinstance(exc, OSError):
        return tr("Could not read or write “{path}”: {reason}").format(path=exc.filename or "",
                                                                      reason=exc.strerror or str(exc))
    if isinstance(exc, ValueError):
        return str(exc)
    return tr("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")
