"""User-facing text for engine errors, in the user's language.

The engine raises errors with English messages plus their parameters; here each
class gets a translatable template, so the Chinese UI never shows English.
"""
from __future__ import annotations

import logging

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
        "a gzip archive": translate("messages", "a gzip archive"),
        "a bzip2 archive": translate("messages", "a bzip2 archive"),
        "an xz archive": translate("messages", "an xz archive"),
        "a 7-Zip archive": translate("messages", "a 7-Zip archive"),
        "a RAR archive": translate("messages", "a RAR archive"),
        "a sound or video file": translate("messages", "a sound or video file"),
        "an MP3 file": translate("messages", "an MP3 file"),
        "an Ogg file": translate("messages", "an Ogg file"),
        "an old Office document": translate("messages", "an old Office document"),
        "a SQLite database": translate("messages", "a SQLite database"),
        "a NumPy array": translate("messages", "a NumPy array"),
    }
    return names.get(kind, kind)


def _model_detail(detail: str) -> str:
    known = (
        ("a folder", translate("messages", "this is a folder, not a model file")),
        ("invalid numbers", translate("messages", "the weights hold invalid numbers (the file is damaged)")),
        ("do not match the model's settings", translate("messages", "the weights do not match the model's "
                                                        "settings (the file is damaged)")),
        ("vocabulary", translate("messages", "the vocabulary in the file is damaged")),
        ("symbol", translate("messages", "the vocabulary in the file is damaged")),
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


def divergence(event) -> tuple[str, str]:
    """(what happened, what to try) for a Diverged event, in the user's language."""
    reasons = {
        "loss_nan": translate("messages", "the training loss became infinite or not a number"),
        "grad_nan": translate("messages", "the gradients became infinite or not a number"),
        "loss_exploded": translate("messages", "the training loss exploded from {0} to {1}"),
    }
    reason = reasons.get(event.code, event.reason).format(*event.params)
    tips = []
    for code, *values in event.tips:
        tips.append({
            "lower_lr": translate("messages", "lower the learning rate (try {0})"),
            "clip": translate("messages", "turn on gradient clipping (e.g. 1.0)"),
            "gated_cell": translate("messages", "or use an LSTM or GRU cell, which are far more stable than a "
                                    "ReLU RNN"),
        }.get(code, code).format(*values))
    return reason, translate("messages", "; ").join(tips) if tips else event.suggestion


def _device(p: dict) -> str:
    return {
        "cuda_missing": translate("messages", "CUDA was asked for, but this computer has no CUDA GPU. "
                                  "Choose “Automatic” or “CPU” as the device."),
        "mps_missing": translate("messages", "Apple MPS was asked for, but it is not available on this computer. "
                                 "Choose “Automatic” or “CPU” as the device."),
        "bf16_mps": translate("messages", "bfloat16 training is not supported on Apple MPS; choose 32-bit float."),
    }.get(p.get("reason"), p.get("detail", ""))


def _output_detail(p: dict) -> str:
    return {
        "input": translate("messages", "it is the text being read"),
        "model_in": translate("messages", "it is the model being read"),
        "not_ours": translate("messages", "the file exists and is not an RNN Studio model"),
        "folder": translate("messages", "it is a folder"),
        "no_folder": translate("messages", "the folder does not exist"),
        "read_only": translate("messages", "the folder cannot be written (permission denied or read-only)"),
    }.get(p.get("reason"), p.get("detail", ""))


def _os_reason(exc: OSError) -> str:
    import errno
    return {
        errno.ENOSPC: translate("messages", "the disk is full"),
        errno.EROFS: translate("messages", "the disk is read-only"),
        errno.ENOENT: translate("messages", "it does not exist"),
        errno.EISDIR: translate("messages", "it is a folder"),
        errno.ENAMETOOLONG: translate("messages", "the name is too long"),
        errno.EDQUOT: translate("messages", "the disk quota is used up"),
    }.get(exc.errno, exc.strerror or translate("messages", "the system refused"))


class Invalid(ValueError):
    """A setting the GUI itself refused, its message already in the user's language."""


def _value_text(message: str) -> str | None:
    """The engine's ValueErrors that the app's input can cause, in the user's language."""
    known = {
        "the marked symbols must be some of the text, not none or all of it":
            translate("messages", "Mark some of the text, not none or all of it."),
        "the text is empty": translate("messages", "The text is empty."),
        "the text has no symbols the model knows": translate("messages", "The text has no symbols the model knows."),
        "the text needs at least two symbols the model knows":
            translate("messages", "The text needs at least two symbols the model knows."),
        "the corpus must be encoded with the model's vocabulary to continue training it":
            translate("messages", "This text cannot continue this model: it was read with another vocabulary. "
                      "Load the text again."),
        "the model needs a vocabulary of at least 2 symbols":
            translate("messages", "The text needs at least 2 distinct symbols."),
        "need at least 2 symbols": translate("messages", "The text needs at least 2 distinct symbols."),
        "set a step limit, a time limit, or both": translate("messages", "Set a step limit, a time limit, or both."),
        "the time for a trial and for the search must be above 0":
            translate("messages", "The time for a trial and for the search must be above 0."),
    }
    if message.startswith("cannot vary"):
        return translate("messages", "Some of the chosen settings cannot be varied by a search.")
    return known.get(message)


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
    if isinstance(exc, errors.UndecodableByte):
        return translate("messages", "“{path}” cannot be read as {encoding}: the byte at offset {offset} ({byte}) "
                         "does not fit. Choose another encoding, or “Detect”.").format(**p)
    if isinstance(exc, errors.UnknownEncoding):
        return translate("messages", "“{encoding}” is not an encoding this app knows.").format(**p)
    if isinstance(exc, errors.TooLarge):
        return translate("messages", "These settings need about {need} of memory ({params} weights), but only "
                         "{free} is free. Choose fewer or smaller layers, a smaller batch or a shorter window.").format(**p)
    if isinstance(exc, errors.DeviceError):
        return _device(p)
    if isinstance(exc, errors.OutputError):
        return translate("messages", "“{path}” cannot be written: {detail}").format(path=p.get("path"),
                                                                                   detail=_output_detail(p))
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
                                                                                         reason=_os_reason(exc))
    if isinstance(exc, Invalid):
        return str(exc)
    if isinstance(exc, ValueError) and (known := _value_text(str(exc))):
        return known
    # A bug, not bad input: the worker logged its traceback; the user gets one sentence in their
    # language and where the details are, never the exception's own text.
    from .folders import log_file
    if isinstance(exc, ValueError):   # a check of the GUI thread, which no worker logged
        logging.getLogger(__name__).error("unexpected: %s: %s", type(exc).__name__, exc)
    return translate("messages", "RNN Studio met an unexpected problem and stopped this task. "
                     "The details were written to {path}").format(path=log_file())
