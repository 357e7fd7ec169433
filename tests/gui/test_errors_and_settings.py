"""Bad input gets a clear message in the user's language; the app keeps working.
Settings survive restarts and corruption; the interface switches to Chinese."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rnnstudio.gui.settings import Settings

from .conftest import drop_files, set_tiny
from .test_workflow import load, train


def wait_failed(qtbot, window, paths):
    with qtbot.waitSignal(window.corpus_page.failed, timeout=30000):
        drop_files(window, paths)


def test_binary_and_empty_files_are_explained(qtbot, window, answers, tmp_path, corpus_file):
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    wait_failed(qtbot, window, [png])
    assert "not a text file" in answers.errors[-1][1] and "PNG" in answers.errors[-1][1]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    wait_failed(qtbot, window, [empty])
    assert "is empty" in answers.errors[-1][1]
    # the app keeps working: a good file still loads
    assert load(qtbot, window, [corpus_file]) is not None


def test_too_short_text_disables_start_and_says_why(qtbot, window, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("abcdefabcdef" * 5, encoding="utf-8")
    load(qtbot, window, [short])
    assert not window.train_page.start_button.isEnabled()
    assert "too short" in window.train_page.reason.text()
    window.model_page.seq_len.setValue(8)
    assert window.train_page.start_button.isEnabled()


def test_fields_validate_as_the_user_types(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    page = window.model_page
    assert window.train_page.start_button.isEnabled()
    qtbot.keyClicks(page.lr, "x")  # "0.004x"
    assert not window.train_page.start_button.isEnabled()
    assert "learning rate" in window.train_page.reason.text().lower()
    page.lr.setText("0.004")
    assert window.train_page.start_button.isEnabled()
    page.max_steps.setValue(0)
    page.max_minutes.setValue(0)
    assert "step limit" in window.train_page.reason.text()


def test_damaged_model_file_is_explained(qtbot, window, answers, tmp_path):
    bad = tmp_path / "broken.rnnstudio"
    bad.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all")
    with qtbot.waitSignal(window.files.finished, timeout=30000):  # read in a worker
        drop_files(window, [bad])
    assert answers.errors and "could not be opened as a model" in answers.errors[-1][1]
    assert window.session.bundle is None


def test_unknown_prime_symbols_are_named(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=5, eval_interval=0)
    train(qtbot, window)
    page = window.sample_page
    window.tabs.setCurrentWidget(page)
    assert page.skip_unknown.isChecked()   # by default: "�" means "some rare symbol", not text
    tick = page.skip_unknown.rect().center()
    tick.setX(8)   # on the box itself: the check box is as wide as the form
    qtbot.mouseClick(page.skip_unknown, Qt.MouseButton.LeftButton, pos=tick)
    assert not page.skip_unknown.isChecked()
    page.prime.setPlainText("ROMEO 你好")
    with qtbot.waitSignal(page.generation_finished, timeout=30000):
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert "never saw" in page.status.text() and "你" in page.status.text()
    qtbot.mouseClick(page.skip_unknown, Qt.MouseButton.LeftButton, pos=tick)
    assert page.skip_unknown.isChecked()
    page.length.setValue(20)
    with qtbot.waitSignal(page.generation_finished, timeout=30000):
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert len(page.output.generated_text()) == 20


def test_switch_to_chinese_translates_the_interface(qtbot, window, answers, tmp_path):
    window.set_language("zh_CN")
    assert window.tabs.tabText(0) == "1 · 文本"
    assert window.train_page.start_button.text() == "开始训练"
    assert window.model_page.net_box.labels[0].text() == "单元："
    assert window.settings.get("language", "") == "zh_CN"
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    wait_failed(qtbot, window, [png])
    assert "不是文本文件" in answers.errors[-1][1] and "PNG 图片" in answers.errors[-1][1]
    window.set_language("en")
    assert window.tabs.tabText(0) == "1 · Text"


def test_the_language_menu_switches_both_ways_and_is_remembered(qtbot, make_window, tmp_path):
    """Through the menu's own actions, as a click does (each once failed: the slot asked
    self.sender(), which was None), and the choice survives a restart."""
    window = make_window()
    window.language_actions["zh_CN"].trigger()
    assert window.tabs.tabText(0) == "1 · 文本" and window.language_menu.title() == "语言(&L)"
    assert window.language_actions["zh_CN"].isChecked() and window.settings.get("language", "") == "zh_CN"
    window.language_actions["en"].trigger()
    assert window.tabs.tabText(0) == "1 · Text" and window.settings.get("language", "") == "en"
    window.language_actions["zh_CN"].trigger()
    again = make_window(language=None, settings_path=tmp_path / "settings.ini")
    assert again.tabs.tabText(0) == "1 · 文本" and again.language_actions["zh_CN"].isChecked()


def test_settings_are_remembered(qtbot, make_window, tmp_path, corpus_file):
    window = make_window()
    load(qtbot, window, [corpus_file])
    window.model_page.hidden.setValue(96)
    window.model_page.cell.setCurrentIndex(window.model_page.cell.findData("gru"))
    window.set_language("zh_CN")
    window.close()
    again = make_window(language=None)
    assert again.model_page.hidden.value() == 96
    assert again.model_page.cell.currentData() == "gru"
    assert again.tabs.tabText(0) == "1 · 文本"
    assert str(corpus_file) in again.settings.recent("corpora")


@pytest.mark.parametrize("content", [b"\x00\xff garbage \x01\x02", b"[General]\nsettings_version=999\nlanguage=zh_CN\n",
                                     b"[General]\nsettings_version=1\nmodel%2Fconfig=not json\ngeometry=%%%\n"])
def test_corrupt_or_newer_settings_fall_back_to_defaults(qtbot, make_window, tmp_path, content):
    path = tmp_path / "bad.ini"
    path.write_bytes(content)
    window = make_window(settings_path=path)
    assert window.model_page.preset.currentData() in ("auto", "custom")
    assert window.tabs.tabText(0) == "1 · Text"
    settings = Settings(path)
    assert settings.get("settings_version", 0) == 1


def test_changing_the_validation_split_rechecks_start(qtbot, window, tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("the quick brown fox jumps over the lazy dog. " * 4, encoding="utf-8")  # 180 symbols
    load(qtbot, window, [path])
    set_tiny(window)
    window.model_page.seq_len.setValue(120)
    assert window.train_page.start_button.isEnabled()
    window.corpus_page.val_split.setValue(50)   # the training part becomes shorter than a window
    assert not window.train_page.start_button.isEnabled()
    assert "too short" in window.train_page.reason.text()


def test_a_failed_second_run_reports_failure_not_the_first_runs_reason(qtbot, window, corpus_file, monkeypatch):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=5, eval_interval=0)
    with qtbot.waitSignal(window.train_page.training_finished, timeout=60000) as first:
        qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    assert first.args == ["steps"]
    from rnnstudio.core.training import train
    monkeypatch.setattr(train, "check_fits", lambda *a: (_ for _ in ()).throw(OSError("disk gone")))
    with qtbot.waitSignal(window.train_page.training_finished, timeout=60000) as second:
        qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    assert second.args == ["failed"]


def test_models_are_read_in_a_worker_thread(qtbot, window, tmp_path, corpus_file, monkeypatch):
    import threading

    from rnnstudio.core.model import bundle as bundle_module
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=5, eval_interval=0)
    train(qtbot, window)
    path = tmp_path / "m.rnnstudio"
    window.files.save(window.session.bundle, str(path), wait=True)
    threads = []
    real = bundle_module.load_bundle
    monkeypatch.setattr(bundle_module, "load_bundle", lambda p: threads.append(threading.current_thread()) or real(p))
    window.session.set_dirty(False)
    with qtbot.waitSignal(window.model_opened, timeout=30000):
        assert window.open_model(str(path))
    assert threads and threads[0] is not threading.main_thread()


def test_language_switch_reaches_qt_dialogs_and_leaves_no_stale_text(qtbot, window, corpus_file):
    from PySide6.QtWidgets import QMessageBox
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=5, eval_interval=5)
    train(qtbot, window)
    window.set_language("zh_CN")
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    assert "保存" in " ".join(b.text() for b in box.buttons())   # Qt's own buttons, from qtbase_zh_CN
    assert window.train_page.start_button.text() == "继续训练"
    assert "文本" in window.status_label.text()
    assert window.train_page.curves.loss_plot.getAxis("left").labelText == "每符号奈特"
    assert "验证损失" in window.train_page.curves.summary.text()
    window.set_language("en")
    assert window.train_page.start_button.text() == "Continue training"
    assert "Validation loss" in window.train_page.curves.summary.text()


def test_run_budget_is_remembered_and_keeps_the_fitted_preset(qtbot, make_window, corpus_file):
    window = make_window()
    page = window.model_page
    page.hidden.setValue(96)
    assert page.preset.currentData() == "custom"   # a preset's own setting changed
    page.preset.setCurrentIndex(page.preset.findData("auto"))
    page.max_minutes.setValue(7)
    page.eval_seconds.setValue(30)
    assert page.preset.currentData() == "auto"     # the budget is the run's, not the preset's
    window.close()
    again = make_window()
    assert again.model_page.preset.currentData() == "auto"
    assert again.model_page.max_minutes.value() == 7 and again.model_page.eval_seconds.value() == 30


def test_divergence_and_device_errors_reach_a_chinese_user_in_chinese(qtbot, window):
    from rnnstudio.core.errors import DeviceError
    from rnnstudio.core.events import Diverged, Progress
    from rnnstudio.gui.messages import describe, divergence

    event = Diverged(Progress(5, 0, 1.0, 0.0, None, 0.1, 0.01), "the training loss exploded from 4.17 to 20.00",
                     "lower the learning rate (try 0.0033)", "loss_exploded", (4.17, 20.0), (("lower_lr", 0.0033),))
    window.set_language("zh_CN")
    reason, tip = divergence(event)
    assert reason == "训练损失从 4.17 暴涨到 20.0" and tip == "降低学习率（试试 0.0033）"
    assert "CUDA" in describe(DeviceError(reason="cuda_missing", detail="x")) and "电脑" in describe(
        DeviceError(reason="cuda_missing", detail="x"))
    window.set_language("en")
    assert divergence(event)[0] == "the training loss exploded from 4.17 to 20.0"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_bug_in_a_worker_reaches_the_user_as_one_sentence_and_the_log(qtbot, make_window, answers, corpus_file,
                                                                         monkeypatch, language):
    """A failure that is not the user's (here every training step raises, as the adaptive head
    once did under bf16) reaches the speed line and the training dialog as one sentence in the
    user's language with the log's path, never the exception's own text."""
    from rnnstudio.core.model.network import CharRNN
    from rnnstudio.gui.folders import log_file

    def broken(*args, **kwargs):
        raise RuntimeError("index_copy_(): self and source expected to have the same dtype")

    monkeypatch.setattr(CharRNN, "loss", broken)
    window = make_window(language=language)
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=5, eval_interval=0)
    page = window.model_page
    window.tabs.setCurrentWidget(page)   # measured only while shown
    qtbot.waitUntil(lambda: page.measured is not None, timeout=60000)
    speed = page.speed_label.text()
    assert str(log_file()) in speed and "index_copy_" not in speed and "RuntimeError" not in speed
    assert ("could not be measured" in speed) == (language == "en")
    with qtbot.waitSignal(window.train_page.training_finished, timeout=60000) as finished:
        qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["failed"]
    (title, text), = answers.errors
    assert str(log_file()) in text and "index_copy_" not in text and "RuntimeError" not in text
    assert ("unexpected problem" in text) == (language == "en")
    assert "index_copy_" not in window.train_page.log.toPlainText()
    # and measuring does not start again for the same settings
    assert page.measured is not None and not page._measure_timer.isActive()


def test_small_things_a_picky_user_sees(qtbot, window, corpus_file):
    """The title names the app once (Qt adds it), the Search tab stops asking for a text once
    one is loaded, and the seed reads as a name, not a quantity."""
    assert "RNN Studio" not in window.windowTitle()
    assert window.search_page.status.text() == "Load a text first (step 1)."
    load(qtbot, window, [corpus_file])
    assert window.windowTitle() == corpus_file.name and "RNN Studio" not in window.windowTitle()
    assert window.search_page.status.text() == ""
    window.model_page.seed.setValue(1337)
    assert window.model_page.seed.text() == "1337"


def test_file_dialogs_never_open_in_the_install_folder(qtbot, window, monkeypatch):
    """After a bundled sample, the next file dialog opens in the user's documents, not among
    the app's own files (where a saved model once landed)."""
    from rnnstudio.gui import dialogs
    from rnnstudio.gui.bundled import resource_dir
    name = next(iter(window.corpus_page.sample_buttons))
    with qtbot.waitSignal(window.corpus_page.loaded, timeout=60000):
        qtbot.mouseClick(window.corpus_page.sample_buttons[name], Qt.MouseButton.LeftButton)
    asked = []
    monkeypatch.setattr(dialogs, "open_file", lambda parent, title, filters, start: asked.append(start))
    window.act_open_text.trigger()
    assert asked and asked[0] and str(resource_dir().resolve()) not in str(Path(asked[0]).resolve())
