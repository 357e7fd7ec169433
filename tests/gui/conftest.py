"""Fixtures for driving the app as a user would, with dialogs answered by the test."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from rnnstudio.gui import dialogs

REAL_DIALOGS = {name: getattr(dialogs, name) for name in ("open_file", "save_file")}   # before any patch


class Answers:
    """Records every dialog and answers it as the test says."""

    def __init__(self):
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.question_texts: list[str] = []
        self.ask_answer = True
        self.save_answer = "discard"
        self.save_path = None
        self.open_path = None
        self.choice = None          # what dialogs.choose answers (a key, or None for Cancel)
        self.choices: list[tuple[str, str]] = []   # (title, text) of each choice asked

    def install(self, monkeypatch):
        monkeypatch.setattr(dialogs, "error", lambda parent, title, text: self.errors.append((title, text)))
        monkeypatch.setattr(dialogs, "info", lambda parent, title, text: self.infos.append((title, text)))
        monkeypatch.setattr(dialogs, "ask", self._ask)
        monkeypatch.setattr(dialogs, "ask_save_discard_cancel", self._save_discard)
        monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: self.save_path)
        monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: self.open_path)
        monkeypatch.setattr(dialogs, "open_folder", lambda *a, **k: self.open_path)
        monkeypatch.setattr(dialogs, "choose", self._choose)

    def _choose(self, parent, title, text, options):
        self.choices.append((title, text))
        return self.choice

    def _ask(self, parent, title, text):
        self.questions.append(title)
        self.question_texts.append(text)
        return self.ask_answer

    def _save_discard(self, parent, title, text):
        self.questions.append(title)
        return self.save_answer


@pytest.fixture(autouse=True)
def gc_in_gui_thread(qapp):
    """As the app does (gui/gc_guard.py): the cycle collector never runs in a worker thread.
    Without it the suite once hung for good: a training worker collected an earlier test's
    window, and its Qt destructors deadlocked with the GUI thread. Earlier tests' windows are
    collected here, in the GUI thread, before this test starts any worker."""
    import gc

    from rnnstudio.gui.gc_guard import collect_in_gui_thread
    gc.collect()
    timer = collect_in_gui_thread(qapp)
    yield
    timer.stop()
    timer.deleteLater()
    gc.enable()


@pytest.fixture(autouse=True)
def app_hook(monkeypatch, tmp_path, answers):   # answers: the hook's message box must not block a test
    """The app's own exception hook, as in the real app (pytest-qt's capture is off in
    pyproject), and a test fails if it caught anything: an error the app "carried on" from is
    still a bug. A test that provokes one on purpose empties ``caught`` itself."""
    import sys
    import threading

    from rnnstudio.gui import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app.caught.clear()
    app.install_excepthook(tmp_path / "hook.log")
    yield app.caught
    assert not app.caught, f"the app's exception hook caught: {app.caught!r}"


@pytest.fixture
def answers(monkeypatch):
    a = Answers()
    a.install(monkeypatch)
    return a


@pytest.fixture
def make_window(qtbot, answers, tmp_path):
    from rnnstudio.gui.window import create_window
    from rnnstudio.gui.settings import Settings

    made = []

    def make(language="en", settings_path=None):
        settings = Settings(settings_path or tmp_path / "settings.ini")
        window = create_window(settings, language=language)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for w in made:  # never leave a thread running: Qt aborts the process if one is destroyed running
        w.train_page.shutdown()
        w.sample_page.shutdown()
        w.corpus_page.shutdown()
        w.model_page.shutdown()
        w.inspect_page.shutdown()
        w.files.shutdown()
    from rnnstudio.gui import i18n
    i18n.install("en")


@pytest.fixture
def window(make_window):
    return make_window()


def drop_files(widget, paths):
    """A synthetic drag-enter and drop of files, as from a file manager. (Qt ignores
    drop events sent without a real drag, so the handlers are called directly, as
    napari's tests do.)"""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    widget.dragEnterEvent(enter)
    assert enter.isAccepted(), "the window refused the drag"
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def set_tiny(window, steps=40, eval_interval=20):
    """Pick small settings through the widgets, as a user would."""
    page = window.model_page
    page.preset.setCurrentIndex(page.preset.findData("tiny"))
    page.hidden.setValue(48)
    page.emb.setValue(16)
    page.seq_len.setValue(32)
    page.batch.setValue(16)
    page.max_steps.setValue(steps)
    page.max_minutes.setValue(0)
    page.eval_interval.setValue(eval_interval)
    page.eval_seconds.setValue(0)  # steps only: the tests' evaluations do not depend on the machine's speed
    page.precision.setCurrentIndex(page.precision.findData("fp32"))
    page.device.setCurrentIndex(page.device.findData("cpu"))


@pytest.fixture
def corpus_file(tmp_path, small_text):
    path = tmp_path / "small.txt"
    path.write_text(small_text, encoding="utf-8")
    return path
