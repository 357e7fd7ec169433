"""Killing the real app (a subprocess) while it trains: the next start offers the autosave,
and at most one evaluation interval of training is lost."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


APP_CHILD = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rnnstudio.gui.settings import Settings
from rnnstudio.gui.window import create_window
w = create_window(Settings(sys.argv[2]), language="en")
w.show()
def started():
    page = w.model_page
    page.preset.setCurrentIndex(page.preset.findData("tiny"))
    page.hidden.setValue(32); page.seq_len.setValue(16); page.batch.setValue(4)
    page.max_steps.setValue(10**6); page.max_minutes.setValue(0); page.eval_interval.setValue(10)
    page.eval_seconds.setValue(0)
    w.start_training()
print("autosave", w.autosave_path, flush=True)
def report():
    if w.train_page.curves.steps:
        print("step", w.train_page.curves.steps[-1], flush=True)
w.corpus_page.loaded.connect(lambda corpus: QTimer.singleShot(0, started))
timer = QTimer(); timer.timeout.connect(report); timer.start(20)
w.load_corpus([sys.argv[1]])
app.exec()
"""


@POSIX
def test_killing_the_app_while_training_loses_at_most_one_interval(qtbot, make_window, answers, tmp_path,
                                                                   small_text, isolated_dirs):
    text = tmp_path / "text.txt"
    text.write_text(small_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-c", APP_CHILD, str(text), str(tmp_path / "child.ini")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    autosave = None
    last = 0
    deadline = time.monotonic() + 180
    for line in proc.stdout:
        if line.startswith("step "):
            last = int(line.split()[1])
        if line.startswith("autosave "):
            autosave = Path(line.split(" ", 1)[1].strip())
        if last >= 35 or time.monotonic() > deadline:
            break
    proc.kill()
    proc.wait(timeout=30)
    assert last >= 35, "the app never trained"
    assert autosave.exists()
    # the killed app's lock is stale (its process is gone): the next start offers its file and adopts it
    window = make_window()
    answers.ask_answer = True
    with qtbot.waitSignal(window.model_opened, timeout=30000):
        window.offer_autosave()
    step = window.session.bundle.resume.step
    assert step % 10 == 0 and last - step <= 10 + 5  # one interval, and the few steps printed late
    assert window.session.dirty and answers.questions[-1] == "Restore unsaved model?"
    assert window.autosave_path == autosave
    assert json.dumps(window.session.bundle.history)  # the curves came back too
    # the Runs tab shows the killed run as interrupted, pointing at that autosave
    window.tabs.setCurrentWidget(window.runs_page)
    run = window.runs_page.runs[-1]
    assert run.status == "interrupted" and run.autosave_path == str(autosave) and run.steps >= 10
