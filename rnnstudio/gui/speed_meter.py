"""Measuring training speed in a worker: a few real steps of the real model on the real text.

One measurement at a time; settings that change meanwhile are measured next. Not
while training runs (``allowed``): the two would slow each other and both be wrong.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from .workers import Task, Worker

MEASURE_SECONDS = 1.2      # of timed training steps per measurement


class SpeedMeter(QObject):
    measured = Signal(object, object)   # the settings' key, a core.speed.SpeedEstimate
    failed = Signal(object, object)     # the settings' key, the exception (logged by the worker)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.allowed = True
        self.task: Task | None = None
        self._next = None   # (key, corpus, model, train) asked for while busy

    def measure(self, key, corpus, model, train) -> None:
        if not self.allowed:
            return
        if self.task is not None:
            self._next = (key, corpus, model, train)
            self.task.worker.cancelled = True  # the running one is out of date
            return

        def job():
            from ..core.training.speed import measure_speed
            estimate = measure_speed(corpus, model, train, MEASURE_SECONDS, lambda: worker.cancelled)
            if estimate is not None:
                yield key, estimate

        worker = Worker(job)
        worker.cancelled = False
        worker.key = key
        worker.emitted.connect(self._on_emitted)
        worker.failed.connect(self._on_failed)
        self.task = Task(worker, self)
        self.task.done.connect(self._on_done)
        self.task.start()

    @Slot(list)
    def _on_emitted(self, items: list) -> None:
        self.measured.emit(*items[-1])

    @Slot(object)
    def _on_failed(self, exc) -> None:
        if self.task is not None and not self.task.worker.cancelled:
            self.failed.emit(self.task.worker.key, exc)

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        pending, self._next = self._next, None
        if pending is not None and self.allowed:
            self.measure(*pending)

    def cancel(self) -> None:
        self._next = None
        if self.task is not None:
            self.task.worker.cancelled = True

    def shutdown(self) -> None:
        self.cancel()
        if self.task is not None:
            self.task.wait()
