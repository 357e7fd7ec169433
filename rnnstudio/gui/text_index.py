"""The memorisation index of the loaded text, built once off the GUI thread and shared by
the pages that ask "was this copied?" (Train, Generate, Inspect).

The build is one call into C (seconds for 100 MB) that cannot be interrupted, so it runs in
a daemon thread rather than a QThread: closing the window never waits for it.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot


class SharedTextIndex(QObject):
    ready = Signal()
    _built = Signal(object, object)   # key, index (emitted from the build thread, received queued)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.index = None      # core.memorise.TextIndex of the training part, once built
        self.key = None        # (corpus hash, validation fraction) it was built for
        self._wanted = None
        self._built.connect(self._on_built)

    def request(self, corpus, val_fraction: float) -> None:
        """Build the index for this text's training part unless it is built or being built."""
        key = (corpus.hash, round(val_fraction, 6))
        if key in (self.key, self._wanted):
            return
        self._wanted = key
        self.index, self.key = None, None

        def build():
            try:
                from ..core.inspect.memorise import TextIndex, training_text
                index = TextIndex(training_text(corpus, val_fraction))
            except Exception:   # noqa: BLE001 - without an index the pages say nothing of copying
                return
            try:
                self._built.emit(key, index)
            except RuntimeError:   # the window has gone meanwhile
                pass

        threading.Thread(target=build, name="text-index", daemon=True).start()

    @Slot(object, object)
    def _on_built(self, key, index) -> None:
        if key == self._wanted:   # a later text may have been asked for meanwhile
            self.index, self.key = index, key
            self.ready.emit()

    def measure(self, symbols: list[str]):
        """The memorisation of these symbols, or None while there is no index."""
        if self.index is None or not symbols:
            return None
        from ..core.inspect.memorise import memorisation
        return memorisation(self.index, symbols)
