"""Start-up: the window comes up without torch, `python -m rnnstudio --self-test` works."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rnnstudio.core.model.bundle import load_bundle

ROOT = Path(__file__).resolve().parents[2]


def run_py(code_or_args, tmp_path, timeout=300):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d"),
           "XDG_STATE_HOME": str(tmp_path / "s"), "XDG_CACHE_HOME": str(tmp_path / "k")}
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=timeout)


def test_window_appears_before_torch_is_imported(tmp_path):
    code = ("import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from rnnstudio.gui.window import create_window\nw = create_window()\nw.show()\napp.processEvents()\n"
            "print('torch' in sys.modules, 'pyqtgraph' in sys.modules, 'numpy' in sys.modules)\n"
            "w.tabs.setCurrentWidget(w.train_page)\napp.processEvents()\n"
            "print('pyqtgraph' in sys.modules, w.train_page.curves.loss_plot.isVisible())\n")
    res = run_py(code, tmp_path)
    assert res.returncode == 0, res.stderr
    first, then = res.stdout.splitlines()[:2]
    # nor pyqtgraph and numpy (~0.4 s): the plots are made when their tab first shows
    assert first.split() == ["False", "False", "False"]
    assert then.split() == ["True", "True"]


def test_the_app_reports_its_first_paint(tmp_path):
    """`python -m rnnstudio` itself: with RNNSTUDIO_SHOWN_FILE set it writes the wall-clock time of
    the window's first paint there (bench/bench_speed.py times launch to window with it)."""
    import time
    shown = tmp_path / "shown"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "RNNSTUDIO_SHOWN_FILE": str(shown),
           "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d"),
           "XDG_STATE_HOME": str(tmp_path / "s"), "XDG_CACHE_HOME": str(tmp_path / "k")}
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "rnnstudio"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while not shown.exists() and time.time() - t0 < 60 and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(0.1)
        assert shown.exists(), "the app never reported its first paint"
        assert t0 < float(shown.read_text(encoding="utf-8")) < t0 + 60
        assert proc.poll() is None   # and it is still running: the window stays up
        if sys.platform != "win32":   # Windows cannot send a process SIGSEGV
            # a crash in native code (here a real SIGSEGV) leaves every thread's stack in the log
            import signal
            proc.send_signal(signal.SIGSEGV)
            assert proc.wait(timeout=30) != 0
            log = next((tmp_path / "s").rglob("rnnstudio.log")).read_text(encoding="utf-8")
            assert "Fatal Python error: Segmentation fault" in log and "most recent call first" in log
    finally:
        proc.kill()
        proc.wait()


def test_self_test_trains_samples_saves_and_reloads(tmp_path):
    model = tmp_path / "from-selftest.rnnstudio"
    res = run_py(["-m", "rnnstudio", "--self-test", "--save-model", str(model)], tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "self-test: passed" in res.stdout
    assert "FAIL" not in res.stdout
    assert load_bundle(model).resume.step == 30
    # and a second run opens the first one's model, as a bundle opens a pip install's
    again = run_py(["-m", "rnnstudio", "--self-test", "--check-model", str(model)], tmp_path)
    assert again.returncode == 0 and "opened a model made elsewhere" in again.stdout


def test_self_test_fails_loudly_on_a_bad_model(tmp_path):
    bad = tmp_path / "bad.rnnstudio"
    bad.write_bytes(b"nonsense")
    res = run_py(["-m", "rnnstudio", "--self-test", "--check-model", str(bad)], tmp_path)
    assert res.returncode == 1
    assert "FAIL opened a model made elsewhere" in res.stdout and "self-test: FAILED" in res.stdout


def test_first_launch_opens_the_sample_so_start_works(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.corpus_page.loaded, timeout=30000):
        window.start_up()
    assert window.session.corpus.name == "tinyshakespeare.txt"
    assert window.train_page.start_button.isEnabled()


def test_unexpected_errors_are_logged_and_explained(qtbot, window, answers, tmp_path, monkeypatch, app_hook):
    import logging
    from rnnstudio.gui import app

    log_path = tmp_path / "rnnstudio.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    import threading
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    try:
        app.install_excepthook(log_path)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "RuntimeError: boom in a slot" in log_path.read_text(encoding="utf-8")
    assert answers.errors and str(log_path) in answers.errors[-1][1]
    assert [str(e) for e in app_hook] == ["boom in a slot"]
    app_hook.clear()   # provoked on purpose


def test_an_exception_in_a_slot_reaches_the_apps_hook(qtbot, window, answers, app_hook):
    """What the autouse fixture relies on: with pytest-qt's capture off, an exception raised in a
    slot run by a real QAction goes to the app's hook (and so fails the test that caused it)."""
    from PySide6.QtGui import QAction

    def broken():
        raise ValueError("a slot that fails")

    action = QAction("broken", window)
    action.triggered.connect(broken)
    action.trigger()
    assert [str(e) for e in app_hook] == ["a slot that fails"] and answers.errors
    app_hook.clear()   # provoked on purpose


def test_macos_file_open_requests_reach_the_window(qtbot, window, corpus_file):
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from rnnstudio.gui.app import file_open_filter

    app = QApplication.instance()
    opener = file_open_filter()
    app.installEventFilter(opener)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(corpus_file)))  # before the window is known
        assert opener.pending == [str(corpus_file)]
        opener.window = window
        with qtbot.waitSignal(window.corpus_page.loaded, timeout=30000):
            QApplication.sendEvent(app, QFileOpenEvent(str(corpus_file)))
        assert window.session.corpus.name == corpus_file.name
    finally:
        app.removeEventFilter(opener)
