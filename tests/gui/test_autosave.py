"""Each app's own autosave: what happens to a crashed app's checkpoint when the user declines
it, when it cannot be read, when the app quits while restoring it, and when the folder cannot
be written. Nothing the user may still want is deleted outright."""
from __future__ import annotations

import os
from pathlib import Path

from rnnstudio.gui import autosave, folders

from .conftest import set_tiny
from .test_workflow import load, train


def _trash() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"


def _crashed_app_checkpoint(qtbot, make_window, corpus_file) -> Path:
    window = make_window()
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=10, eval_interval=10)
    train(qtbot, window)
    path = window.autosave_path
    assert path.exists()
    window.autosave.release()   # its process "died": the lock goes (test_app_faults.py kills one for real)
    return path


def test_a_declined_checkpoint_goes_to_the_trash(qtbot, make_window, answers, corpus_file):
    path = _crashed_app_checkpoint(qtbot, make_window, corpus_file)
    answers.ask_answer = False
    make_window().offer_autosave()
    assert "No moves it to the trash" in answers.question_texts[-1]
    assert not path.exists() and (_trash() / path.name).exists()


def test_quitting_while_a_restore_is_read_keeps_the_checkpoint(qtbot, make_window, answers, corpus_file):
    path = _crashed_app_checkpoint(qtbot, make_window, corpus_file)
    again = make_window()
    answers.ask_answer = True
    again.offer_autosave()          # the model is read in a worker; its result has not arrived
    assert again.close()
    assert path.exists()            # still unsaved work: offered again at the next start
    answers.questions.clear()
    make_window().offer_autosave()
    assert answers.questions == ["Restore unsaved model?"]


def test_an_unreadable_checkpoint_is_moved_aside_and_the_app_gets_a_fresh_one(qtbot, make_window, answers):
    folder = autosave.folder()
    folder.mkdir(parents=True, exist_ok=True)
    broken = folder / "autosave-20260101-000000-1-1.rnnstudio"
    broken.write_bytes(b"not a model at all")
    window = make_window()
    answers.ask_answer = True
    with qtbot.waitSignal(window.files.finished, timeout=30000):
        window.offer_autosave()
    assert answers.errors and "could not be opened as a model" in answers.errors[-1][1]
    assert not broken.exists() and (_trash() / broken.name).exists()
    assert window.autosave_path != broken and window.autosave_path.parent == folder
    answers.questions.clear()
    make_window().offer_autosave()
    assert answers.questions == []   # offered once, not at every start


def test_a_folder_that_cannot_be_written_does_not_stop_the_app(qtbot, make_window, monkeypatch, tmp_path):
    """A full disk or a read-only profile: the lock cannot be written. The app used to try new
    names for ever and never opened; now it opens without the lock."""
    blocked = tmp_path / "data"
    blocked.mkdir()
    (blocked / "autosaves").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setattr(folders, "data_dir", lambda: blocked)
    window = make_window()
    assert window.isVisible() and window.autosave_path.parent == blocked / "autosaves"
    window.autosave.release()
