"""Opening, saving and exporting model files, each in a worker thread.

Reading or writing a model is torch work (building tensors, checking weights),
and torch maths on the GUI thread slow every later training thread; a large
model also takes long enough to freeze the window. So every file operation is a
job here; the window hears the result through signals. ``wait=True`` (used when
closing, or before replacing an unsaved model) blocks until the job is done and
its result delivered.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from .workers import Task, Worker


class ModelFiles(QObject):
    opened = Signal(object, str, bool)    # bundle, path, dirty (true for an autosave)
    saved = Signal(object, str)           # bundle, path
    exported = Signal(object, object)     # model path, vocabulary path (None for a web page)
    failed = Signal(str, object)          # what ("open", "save", "export"), the exception
    finished = Signal(str)                # what, after success or failure

    def __init__(self, parent=None):
        super().__init__(parent)
        self.operations: set[_Operation] = set()
        self.last_ok = False

    def busy(self, what: str | None = None) -> bool:
        return any(op.task.running() and (what is None or op.what == what) for op in self.operations)

    def open(self, path: str, *, dirty: bool = False, wait: bool = False) -> bool:
        def job():
            from ..core.model.bundle import load_bundle
            yield load_bundle(path)

        return self._run("open", job, lambda bundle: self.opened.emit(bundle, path, dirty), wait)

    def save(self, bundle, path: str, *, wait: bool = False) -> bool:
        def job():
            from ..core.model.bundle import save_bundle
            save_bundle(bundle, path)
            yield path

        return self._run("save", job, lambda _: self.saved.emit(bundle, path), wait)

    def export(self, bundle, fmt: str, path: str, *, name: str = "", language: str = "en") -> bool:
        def job():
            from ..core.model.export import export
            yield export(bundle, fmt, path, name=name, language=language)

        return self._run("export", job, lambda result: self.exported.emit(*result), False)

    def _run(self, what: str, job, on_result, wait: bool) -> bool:
        worker = Worker(job)
        op = _Operation(self, what, on_result)
        worker.emitted.connect(op.on_emitted)
        worker.failed.connect(op.on_failed)
        op.task = Task(worker, self)
        op.task.done.connect(op.on_done)
        self.operations.add(op)
        self.last_ok = False
        op.task.start()
        if wait:
            op.task.wait()
            QCoreApplication.sendPostedEvents()   # deliver the result before returning
            return self.last_ok
        return True

    def shutdown(self) -> None:
        for op in list(self.operations):
            if op.task.running():
                op.task.wait()


class _Operation(QObject):
    """One file operation's receiver. It lives in the GUI thread, so its slots run there
    (a bare lambda connected to a worker's signal would run in the worker thread)."""

    def __init__(self, files: ModelFiles, what: str, on_result):
        super().__init__(files)
        self.files, self.what, self.on_result = files, what, on_result
        self.task: Task | None = None

    @Slot(list)
    def on_emitted(self, items: list) -> None:
        self.files.last_ok = True
        self.on_result(items[-1])

    @Slot(object)
    def on_failed(self, exc) -> None:
        self.files.failed.emit(self.what, exc)

    @Slot()
    def on_done(self) -> None:
        self.files.operations.discard(self)
        self.files.finished.emit(self.what)
        self.deleteLater()
