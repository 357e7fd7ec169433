"""User-facing text for engine errors, in the user's language.

The engine raises errors with English messages plus their parameters; here each
class gets a translatable template, so the Chinese UI never shows English.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core import errors


translate = QCoreApplication.translate  # lupdate collects translate("messages", "...") calls


def _kind(kind: str) -> str:
    names = {
        "a PNG image": translate("messages", "a PNG image"),
        "a JPEG image": translate("messages", "a JPEG image"),
        "a GIF image": translate("messages", "a GIF image"),
        "a zip archive or office document": translate("messages", "a zip archive or office document"),
        "a zip archive": translate("messages", "a zip archive"),
        "a PDF document": translate("messages", "a PDF document"),
        "binary data": translate("messages", "binary data"),
        "a program": translate("messages", "a program"),
        "a Windows program": translate("messages", "a Windows program"),
    }
    return names.get(kind, kind)


def _model_detail(detail: str) -> str:
    known = (
        ("no such file", translate("messages", "the file does not exist")),
        ("empty or truncated", translate("messages", "the file is empty or cut short")),
        ("not an RNN Studio model file", translate("messages", "this is not an RNN Studio model file")),
        ("newer RNN Studio", translate("messages", "it was saved by a newer RNN Studio; please update the app")),
        ("damaged", translate("messages", "the file is damaged or cut short")),
    )
    for needle, text in known:
        if needle in detail:
            return text
    return detail


def describe(exc: BaseException) -> str:
    """One or two plain sentences for any error the user can cause."""
    p = getattr(exc, "params", {})
    if isinstance(exc, errors.CorpusNotFound):
        return translate("messages", "“{path}” does not exist.").format(**p)
    if isinstance(exc, errors.EmptyCorpus):
        return translate("messages", "“{path}” is empty: there is no text to learn from.").format(**p)
    if isinstance(exc, errors.NoTextFiles):
        return translate("messages", "The folder “{path}” holds no text files.").format(**p)
    if isinstance(exc, errors.BinaryFile):
        return translate("messages", "“{path}” is not a text file (it looks like {kind}). Choose a plain-text file.").format(
            path=p.get("path"), kind=_kind(p.get("kind", "")))
    if isinstance(exc, errors.UndecodableFile):
        return translate("messages", "“{path}” cannot be read as {encoding}. Choose another encoding, or “Detect”.").format(**p)
    if isinstance(exc, errors.TooFewSymbols):
        return translate("messages", "“{path}” has only {count} distinct symbol(s); at least 2 are needed.").format(**p)
    if isinstance(exc, errors.CorpusTooShort):
        return translate("messages", "“{path}” is too short: {count} symbols for training, but one training window needs "
                  "{needed}. Use more text or a shorter window.").format(**p)
    if isinstance(exc, errors.UnknownSymbols):
        return translate("messages", "The model never saw these symbols in its training text: {symbols}. "
                  "Remove them, or tick “Skip unknown symbols”.").format(**p)
    if isinstance(exc, errors.ModelFileError):
        return translate("messages", "“{path}” could not be opened as a model: {detail}").format(
            path=p.get("path"), detail=_model_detail(p.get("detail", "")))
    if isinstance(exc, PermissionError):
        return translate("messages", "Permission denied: {path}").format(path=exc.filename or "")
    if isinstance(exc, OSError):
        return translate("messages", "Could not read or write “{path}”: {reason}").format(path=exc.filename or "",
                                                                      reason=exc.strerror or str(exc))
    if isinstance(exc, ValueError):
        return str(exc)
    return translate("messages", "Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")
