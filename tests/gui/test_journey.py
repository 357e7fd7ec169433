"""One user's sitting, through the real menus, buttons and keys, in each language: open a
sample from the menu, train to the first evaluation, generate while training, stop, save,
delete the run with its files, switch language, continue training and quit while it runs.
No file in use may disappear, and nothing unexpected may reach the log or the app's hook."""
from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from rnnstudio.core.model.bundle import load_bundle

from .conftest import set_tiny

SAMPLE = {"en": "tinyshakespeare.txt", "zh_CN": "tang_poems.txt"}
OTHER = {"en": "zh_CN", "zh_CN": "en"}
TAB = {"en": "1 · Text", "zh_CN": "1 · 文本"}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_sitting_in_each_language(qtbot, make_window, answers, tmp_path, caplog, language):
    caplog.set_level(logging.WARNING)
    window = make_window(language=language)
    assert window.tabs.tabText(0) == TAB[language]

    # File → Open a sample text
    with qtbot.waitSignal(window.corpus_page.loaded, timeout=60000):
        window.sample_actions[SAMPLE[language]].trigger()
    assert window.session.corpus_path and window.session.corpus_path[0].endswith(SAMPLE[language])

    # train until the first evaluation, and generate while it goes on
    set_tiny(window, steps=1_000_000, eval_interval=10)
    train_page, sample = window.train_page, window.sample_page
    qtbot.mouseClick(train_page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(train_page.curves.val_losses), timeout=120000)
    window.tabs.setCurrentWidget(sample)
    qtbot.waitUntil(lambda: sample.generate_button.isEnabled(), timeout=60000)
    sample.length.setValue(40)
    with qtbot.waitSignal(sample.generation_finished, timeout=60000):
        qtbot.mouseClick(sample.generate_button, Qt.MouseButton.LeftButton)
    assert len(sample.output.generated_text()) == 40 and "\ufffd" not in sample.output.generated_text()
    assert train_page.running()

    # stop (a last evaluation and checkpoint), then save with Ctrl+S
    window.tabs.setCurrentWidget(train_page)
    with qtbot.waitSignal(train_page.training_finished, timeout=120000):
        qtbot.mouseClick(train_page.stop_button, Qt.MouseButton.LeftButton)
    autosave = window.autosave_path
    assert autosave.exists()
    model = tmp_path / "journey.rnnstudio"
    answers.save_path = str(model)
    with qtbot.waitSignal(window.files.saved, timeout=60000):
        window.act_save.trigger()
    assert model.exists() and not window.session.dirty
    stopped_at = load_bundle(model).resume.step

    # delete that run "with its files": its model is the open one, so it stays
    runs = window.runs_page
    window.tabs.setCurrentWidget(runs)
    qtbot.waitUntil(lambda: runs.table.rowCount() == 1, timeout=10000)
    runs.table.selectRow(0)
    answers.choice = "files"
    qtbot.mouseClick(runs.delete_button, Qt.MouseButton.LeftButton)
    assert str(model) not in answers.choices[-1][1]
    assert runs.table.rowCount() == 0 and model.exists()

    # Language → the other language, from the menu
    other = OTHER[language]
    window.language_actions[other].trigger()
    assert window.tabs.tabText(0) == TAB[other] and window.settings.get("language", "") == other
    assert window.train_page.start_button.text() == {"en": "Continue training", "zh_CN": "继续训练"}[other]

    # continue training, then quit while it runs: the app stops with a last evaluation and
    # saves where the model came from
    qtbot.mouseClick(train_page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(train_page.curves.steps) and train_page.curves.steps[-1] > stopped_at + 3,
                    timeout=120000)
    answers.ask_answer, answers.save_answer = True, "save"
    with qtbot.waitSignal(window.files.saved, timeout=120000):
        assert window.close()
    final = load_bundle(model)
    assert final.resume.step > stopped_at
    evaluated = [step for step, _ in final.history.get("val", [])]
    assert evaluated and evaluated[-1] == final.resume.step   # the promised final evaluation
    assert model.exists() and window.session.corpus_path[0].endswith(SAMPLE[language])
    assert not autosave.exists()   # saved, so its checkpoint went; nothing else was removed
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()], caplog.text
