"""Errors a user can cause, each with a plain message.

Every error carries ``params`` (the values named in the message) so that a UI
can build the same message in another language from the class and the values.
"""
from __future__ import annotations


class StudioError(Exception):
    """Base of every error caused by the user's input rather than by a bug."""

    template = "{detail}"

    def __init__(self, **params):
        self.params = params
        super().__init__(self.template.format(**params))


class CorpusError(StudioError):
    template = "{path}: {detail}"


class CorpusNotFound(CorpusError):
    template = "{path}: no such file or folder"


class EmptyCorpus(CorpusError):
    template = "{path}: the text is empty"


class NoTextFiles(CorpusError):
    template = "{path}: the folder holds no text files"


class BinaryFile(CorpusError):
    template = "{path}: this is not a text file (it looks like {kind})"


class UndecodableFile(CorpusError):
    template = "{path}: cannot read this text as {encoding}"


class UndecodableByte(CorpusError):
    template = "{path}: cannot read this text as {encoding}: the byte at offset {offset} ({byte}) does not fit"


class UnknownEncoding(CorpusError):
    template = "{path}: unknown encoding {encoding!r}"


class TooFewSymbols(CorpusError):
    template = "{path}: the text has only {count} distinct symbol(s); at least 2 are needed"


class CorpusTooShort(CorpusError):
    template = ("{path}: the text is too short: {count} symbols for training, "
                "but one training window needs {needed}")


class ModelFileError(StudioError):
    template = "{path}: {detail}"


class UnknownSymbols(StudioError):
    template = "the model never saw these symbols in its training text: {symbols}"


class OutputError(StudioError):
    """An output path that would destroy something or cannot be written. ``reason`` is one of
    input, model_in, not_ours, folder, no_folder, read_only."""
    template = "{path}: {detail}"


class DeviceError(StudioError):
    """A device or precision this machine cannot give. ``reason``: cuda_missing, mps_missing,
    bf16_mps, unknown."""
    template = "{detail}"


class TooLarge(StudioError):
    template = ("these settings need about {need} of memory ({params} weights), but only {free} is free; "
                "choose fewer or smaller layers, a smaller batch or a shorter window")
