"""Running engine work off the GUI thread.

A ``Worker`` runs a generator function in its own QThread and forwards what it
yields as signals; it does no maths itself. Frequent items (training steps,
sampled symbols) are coalesced and sent at most every ``interval`` seconds so
the event loop never drowns; everything else is sent at once (a ``Paused``
event must arrive before the loop blocks).

Control (pause, stop) goes through thread-safe flags on the engine objects,
never through queued calls into the busy thread: it has no event loop to run them.
"""
from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..core.errors import StudioError

log = logging.getLogger("rnnstudio")


class Worker(QObject):
    emitted = Signal(list)     # a batch of yielded items, in order
    failed = Signal(object)    # the exception (already logged)
    finished = Signal()        # always, after success or failure

    def __init__(self, job: Callable[[], Iterator], *, frequent: tuple[type, ...] = (), interval: float = 0.05):
        super().__init__()
        self.job = job
        self.frequent = frequent
        self.interval = interval

    @Slot()
    def run(self) -> None:
        buffer: list = []
        last = time.monotonic()
        try:
            for item in self.job():
                buffer.append(item)
                now = time.monotonic()
                if not isinstance(item, self.frequent) or now - last >= self.interval:
                    self.emitted.emit(buffer)
                    buffer, last = [], now
        except Exception as exc:  # every failure reaches the window; none kills the thread silently
            if buffer:
                self.emitted.emit(buffer)
                buffer = []
            exc.formatted_traceback = traceback.format_exc()
            if not isinstance(exc, (StudioError, OSError)):  # a bug, or input the app should have caught: keep the details
                log.error("worker failed:\n%s", exc.formatted_traceback)
            self.failed.emit(exc)
        finally:
            if buffer:
                self.emitted.emit(buffer)
            # Back to the GUI thread (only the worker's own thread may push it), so that it can
            # be deleted there once its thread has ended: a thread without an event loop never
            # runs a deleteLater.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.finished.emit()


class Task(QObject):
    """A worker and its thread, started together and cleaned up together."""

    done = Signal()

    def __init__(self, worker: Worker, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.thread = QThread()
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # Direct: quit() is thread-safe and must not wait for the GUI's event loop, or a
        # wait() on the GUI thread (closing the window) would sit out its whole timeout.
        worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._on_thread_finished)

    def start(self) -> "Task":
        self.thread.start()
        return self

    def running(self) -> bool:
        return self.thread.isRunning()

    def wait(self, ms: int = 30000) -> bool:
        """Block until the thread ends. Never call from a slot of ``worker.finished``."""
        return self.thread.wait(ms)

    @Slot()
    def _on_thread_finished(self) -> None:
        self.done.emit()
        # Free the worker (and what its job captured: a corpus, a model), the thread and
        # this task once the owner has heard of it.
        self.worker.deleteLater()
        self.thread.deleteLater()
        self.deleteLater()
