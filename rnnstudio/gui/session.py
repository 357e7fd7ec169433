"""What the user is working on: the corpus, the model, and whether it is saved."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Session(QObject):
    corpus_changed = Signal()
    model_changed = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.corpus = None          # rnnstudio.core.data.corpus.Corpus
        self.corpus_path: list[str] | None = None   # the files and folders it was read from
        self.corpus_options: dict = {}   # encoding, tokenizer, min_count used to load it
        self.bundle = None          # rnnstudio.core.model.bundle.ModelBundle: the latest model
        self.model_path: str | None = None
        self.dirty = False

    def set_corpus(self, corpus, path: list[str] | None, options: dict) -> None:
        self.corpus, self.corpus_path, self.corpus_options = corpus, path, dict(options)
        self.corpus_changed.emit()

    def set_model(self, bundle, path: str | None = None, *, dirty: bool) -> None:
        self.bundle = bundle
        if path is not None or bundle is None:
            self.model_path = path
        self.model_changed.emit()
        self.set_dirty(dirty)

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)
