"""Start the desktop app: ``rnnstudio`` or ``python -m rnnstudio``.

The window appears before torch is imported: torch (~1.5 s) and the optimiser
machinery (~1.5 s more) are warmed up in a background thread once the window
has painted (started earlier, the import's hold on the interpreter slowed the
window's own building by half on two cores).

``RNNSTUDIO_SHOWN_FILE=PATH`` makes the app write the wall-clock time of that
first paint to PATH (bench/bench_speed.py times launch to window with it).
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import traceback
from pathlib import Path

from . import folders
from .window import app_icon, create_window

log = logging.getLogger("rnnstudio")


def _warm_up_torch() -> None:
    try:
        import torch

        torch.optim.Adam([torch.zeros(1, requires_grad=True)])  # imports torch._dynamo once, off the GUI thread
        import rnnstudio.core.training.train  # noqa: F401
    except Exception:  # noqa: BLE001 - the real import later reports any problem properly
        log.exception("warming up torch failed")


def after_first_paint(window, then):
    """Call ``then()`` once, when ``window`` first paints (or after a second at the latest)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self):
            super().__init__(window)
            self.done = False

        def fire(self) -> None:
            if not self.done:
                self.done = True
                window.removeEventFilter(self)
                then()

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self.fire)   # after this paint is on the screen
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    QTimer.singleShot(1000, watcher.fire)
    return watcher


def _on_shown() -> None:
    threading.Thread(target=_warm_up_torch, name="torch-warm-up", daemon=True).start()
    report = os.environ.get("RNNSTUDIO_SHOWN_FILE")
    if report:
        import time
        Path(report).write_text(repr(time.time()), encoding="utf-8")


def setup_logging() -> Path:
    path = folders.log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # A crash in native code (Qt, torch) ends the process with no Python exception: the stacks
    # of every thread still reach the log, where the next bug report can point to them.
    import faulthandler
    faulthandler.enable(handler.stream, all_threads=True)
    return path


caught: list[BaseException] = []   # what the hook caught: the GUI tests fail if anything is here


def install_excepthook(log_path: Path) -> None:
    """Log anything unexpected and tell the user where the details are, instead of
    a traceback dialog or a silent crash."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        caught.append(exc)
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication

        from . import dialogs

        if QApplication.instance() is not None and threading.current_thread() is threading.main_thread():
            dialogs.error(None, QCoreApplication.translate("app", "Something went wrong"),
                          QCoreApplication.translate("app", "RNN Studio met an unexpected problem and carried on. "
                                          "Details were written to:\n{path}").format(path=log_path))

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="rnnstudio", description="RNN Studio: train recurrent networks on text.")
    ap.add_argument("paths", nargs="*", help="text files, folders or .rnnstudio models to open")
    ap.add_argument("--language", choices=("system", "en", "zh_CN"), help="interface language")
    ap.add_argument("--self-test", action="store_true",
                    help="start headless, train a few steps, sample, save and reload a model, then exit")
    ap.add_argument("--save-model", metavar="PATH", help="with --self-test: keep the model it saves here")
    ap.add_argument("--check-model", metavar="PATH", help="with --self-test: also open this model file")
    return ap.parse_args(argv)


def file_open_filter(parent=None):
    """An event filter for the application that forwards macOS "open this file"
    requests (a double-clicked model, a text dropped on the Dock icon) to the
    window; requests that come before the window exists wait in ``pending``."""
    from PySide6.QtCore import QEvent, QObject

    class FileOpenFilter(QObject):
        def __init__(self):
            super().__init__(parent)
            self.window = None
            self.pending: list[str] = []

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.FileOpen:
                path = event.file()
                if self.window is not None:
                    self.window.open_paths([path])
                else:
                    self.pending.append(path)
                return True
            return False

    return FileOpenFilter()


def _exit_now(code: int) -> None:
    """Leave without Python's final clean-up of PySide and torch objects: everything is
    saved by now, and that clean-up is where PySide6's reference-count bug (see
    refcount_guard) used to abort the process after a clean quit."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from .selftest import run
        _exit_now(run(args.save_model, args.check_model))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    opener = file_open_filter(app)
    app.installEventFilter(opener)
    app.setApplicationName("RNN Studio")
    app.setOrganizationName("RNN Studio")
    app.setApplicationDisplayName("RNN Studio")
    app.setDesktopFileName("rnnstudio")
    app.setWindowIcon(app_icon())
    log_path = setup_logging()
    install_excepthook(log_path)
    from .gc_guard import collect_in_gui_thread
    collect_in_gui_thread(app)   # never in a worker thread: see gc_guard
    window = create_window(language=args.language)
    paths = list(args.paths)

    def shown() -> None:   # loading a text starts a worker that imports torch: after the first paint too
        _on_shown()
        paths.extend(opener.pending)
        opener.window = window
        if paths:
            window.offer_autosave()   # a crashed run's checkpoint is offered however the app starts
            window.open_paths(paths)
        else:
            window.start_up()

    after_first_paint(window, shown)
    window.show()
    code = app.exec()
    window.train_page.shutdown()  # closeEvent has stopped it; never leave a thread running
    _exit_now(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
