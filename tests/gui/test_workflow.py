"""The whole workflow, driven through the widgets: drop, train, pause, stop, save, reopen, sample."""
from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt

from .conftest import drop_files, set_tiny


def load(qtbot, window, paths):
    with qtbot.waitSignal(window.corpus_page.loaded, timeout=30000):
        drop_files(window, paths)
    return window.session.corpus


def train(qtbot, window):
    with qtbot.waitSignal(window.train_page.training_finished, timeout=120000) as blocker:
        qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_start_is_disabled_until_there_is_text(window):
    assert not window.train_page.start_button.isEnabled()
    assert "text" in window.train_page.reason.text().lower()


def test_drop_train_watch_and_sample(qtbot, window, corpus_file):
    corpus = load(qtbot, window, [corpus_file])
    assert corpus is not None and window.corpus_page.stat_labels["vocab"].text() == str(corpus.tokenizer.vocab_size)
    assert window.corpus_page.preview.toPlainText().startswith("First Citizen")
    assert window.corpus_page.bars is not None
    set_tiny(window, steps=40, eval_interval=20)
    assert window.train_page.start_button.isEnabled()
    assert train(qtbot, window) == "steps"
    page = window.train_page
    page.redraw()
    xs, ys = page.curves.raw_curve.getData()
    assert len(xs) == 40 and ys[-1] < ys[0]
    vx, vy = page.curves.val_curve.getData()
    assert list(vx) == [20, 40]
    assert len(page.sample_view.toPlainText()) > 20
    assert "validation loss" in page.log.toPlainText()
    assert window.session.bundle is not None and window.session.dirty
    assert window.windowTitle().endswith("*")
    assert page.start_button.text() == "Continue training"
    # bits per symbol rescales the curve
    page.bits.setChecked(True)
    _, bits = page.curves.raw_curve.getData()
    assert bits[0] == pytest.approx(ys[0] / 0.6931471805599453)


def test_pause_resume_and_stop(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=1_000_000, eval_interval=0)
    page = window.train_page
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.curves.steps) > 3, timeout=30000)
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "paused at step" in page.log.toPlainText(), timeout=10000)
    assert page.pause_button.text() == "Resume" and page.control.paused
    paused_at = int(page.log.toPlainText().split("paused at step ")[1].split()[0])
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.curves.steps) > paused_at + 3, timeout=30000)
    # the trainer reports Paused before it blocks and Resumed when it wakes: nothing in between
    lines = page.log.toPlainText().splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("paused at step"))
    assert lines[i + 1] == "resumed"
    assert page.curves.steps[:paused_at + 1] == list(range(1, paused_at + 2))
    with qtbot.waitSignal(page.training_finished, timeout=30000) as blocker:
        qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["stopped"]
    assert page.start_button.isEnabled() and not page.stop_button.isEnabled()
    assert window.session.bundle is not None


def test_save_reopen_continue_and_sample_reproducibly(qtbot, make_window, answers, corpus_file, tmp_path):
    window = make_window()
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=30, eval_interval=15)
    train(qtbot, window)
    answers.save_path = str(tmp_path / "saved")
    with qtbot.waitSignal(window.files.saved, timeout=30000):
        assert window.save_model()
    saved = tmp_path / "saved.rnnstudio"
    assert saved.exists() and not window.session.dirty and not window.windowTitle().endswith("*")

    other = make_window()
    with qtbot.waitSignal(other.model_opened, timeout=30000):
        drop_files(other, [saved])  # a model dropped on the window opens as a model
    assert other.session.bundle is not None and other.session.model_path == str(saved)
    assert other.tabs.currentWidget() is other.sample_page
    page = other.sample_page
    page.prime.setPlainText("ROMEO:")
    page.length.setValue(80)
    page.fixed_seed.setChecked(True)
    page.seed.setValue(7)
    texts = []
    for _ in range(2):
        with qtbot.waitSignal(page.generation_finished, timeout=30000):
            qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
        texts.append(page.text())
    assert texts[0] == texts[1] and texts[0].startswith("ROMEO:") and len(texts[0]) == 86
    # the hover text names the symbol's probability and its alternatives
    tip = page.output.describe(len("ROMEO:") + 1)
    assert "probability" in tip and "Alternatives" in tip

    # continue training the reopened model on the same text: steps count on
    load(qtbot, other, [corpus_file])
    set_tiny(other, steps=10, eval_interval=0)
    assert other.train_page.start_button.text() == "Continue training"
    train(qtbot, other)
    assert other.session.bundle.resume.step == 40
    assert "continuing from step 30" in other.train_page.log.toPlainText()


def test_stop_generation_and_compare_temperatures(qtbot, window, corpus_file, monkeypatch):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=20, eval_interval=0)
    train(qtbot, window)
    page = window.sample_page
    # The tiny model writes 100,000 symbols in well under a second on a fast machine, before Stop
    # could be pressed: until Stop is clicked each call takes 50 ms, as a big model's would.
    import threading
    from rnnstudio.core.model.stepper import Stepper
    clicked = threading.Event()

    def held(real):
        def call(self, *args):
            clicked.wait(timeout=0.05)
            return real(self, *args)
        return call

    monkeypatch.setattr(Stepper, "run", held(Stepper.run))     # compiled calls of 8, 16, ... 256 steps
    monkeypatch.setattr(Stepper, "step", held(Stepper.step))   # one step a call
    page.length.setValue(100000)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.output.info) > 10, timeout=10000)
    with qtbot.waitSignal(page.generation_finished, timeout=10000):
        qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
        clicked.set()
    assert 10 < len(page.output.info) < 100000
    page.length.setValue(60)
    page.fixed_seed.setChecked(True)
    page.seed.setValue(9)
    with qtbot.waitSignal(page.generation_finished, timeout=30000):
        qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    views = page.compare_dialog.views
    assert all(len(v.generated_text()) == 60 for v in views)
    assert views[0].generated_text() != views[-1].generated_text()
    # the temperatures ran as one batch, a row each: the core's batch gives the same texts
    from rnnstudio.core.model.sample import Sampler
    from rnnstudio.gui.pages.sample_page import COMPARE_TEMPERATURES
    cfg = page.config().replace(length=60, temperatures=COMPARE_TEMPERATURES)
    assert [v.generated_text() for v in views] == Sampler.from_bundle(page.bundle).generate(cfg)
    # the language switched from the menu while the comparison is open: it switches too
    window.language_actions["zh_CN"].trigger()
    assert page.compare_dialog.windowTitle() == "比较不同温度"
    assert page.compare_dialog.labels[0].text().startswith("温度")
    page.compare_dialog.close()


def test_export_from_the_menu(qtbot, window, answers, corpus_file, tmp_path):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=10, eval_interval=0)
    train(qtbot, window)
    answers.save_path = str(tmp_path / "exported.onnx")
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export.trigger()
    assert (tmp_path / "exported.onnx").exists()
    vocab = json.loads((tmp_path / "exported.onnx.vocab.json").read_text(encoding="utf-8"))
    assert vocab["symbols"] == window.session.bundle.tokenizer.symbols
    answers.save_path = str(tmp_path / "exported.pt2")
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export.trigger()
    assert (tmp_path / "exported.pt2").exists() and not answers.errors
    # a web page, in the language the app shows: its own vocabulary inside, none beside it
    window.language_actions["zh_CN"].trigger()
    answers.save_path = str(tmp_path / "page")
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export.trigger()
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and '"language":"zh_CN"' in page and not answers.errors
    assert json.dumps(window.session.bundle.tokenizer.symbols, ensure_ascii=False, separators=(",", ":")) in page
    assert not (tmp_path / "page.html.vocab.json").exists()
    assert "page.html" in window.statusBar().currentMessage()
    window.language_actions["en"].trigger()


def test_closing_while_training_stops_the_worker(qtbot, make_window, answers, corpus_file):
    window = make_window()
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=1_000_000, eval_interval=0)
    qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.train_page.curves.steps) > 2, timeout=30000)
    answers.ask_answer = True
    answers.save_answer = "discard"
    thread = window.train_page.task.thread
    t0 = time.perf_counter()
    assert window.close()
    assert time.perf_counter() - t0 < 5.0  # it froze 60 s: quitting the thread waited for the event loop
    assert not thread.isRunning()
    assert answers.questions == ["Training is running", "Unsaved model"]
    # quitting ends the run as Stop does: the model offered for saving was evaluated where it stopped
    bundle = window.session.bundle
    assert bundle.history["val"] and bundle.history["val"][-1][0] == bundle.progress.step > 2


def test_unsaved_model_can_cancel_closing(qtbot, window, answers, corpus_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=5, eval_interval=0)
    train(qtbot, window)
    answers.save_answer = "cancel"
    assert not window.close()
    answers.save_answer = "discard"
    assert window.close()


def test_autosave_is_offered_after_a_crash(qtbot, make_window, answers, corpus_file):
    window = make_window()
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=20, eval_interval=10)
    train(qtbot, window)
    assert window.autosave_path.exists()  # checkpointed at evaluations
    # a second app running beside it has its own autosave, and is not offered the first one's
    beside = make_window()
    assert beside.autosave_path != window.autosave_path
    beside.offer_autosave()
    assert "Restore unsaved model?" not in answers.questions and window.autosave_path.exists()
    # the app "crashes": its lock goes with its process (the real kill is in test_app_faults.py);
    # nothing was saved, so the next start offers the checkpoint
    window.autosave.release()
    again = make_window()
    answers.ask_answer = True
    with qtbot.waitSignal(again.model_opened, timeout=30000):
        again.offer_autosave()
    assert again.session.bundle is not None and again.session.dirty
    assert again.session.bundle.resume.step == 20
    # the Train page says how far it got, with its last sample and a line in the log
    page = again.train_page
    assert page.progress.format() == "20 steps trained" and "opened a model trained for 20 steps" in page.log.toPlainText()
    assert page.sample_view.toPlainText() == again.session.bundle.history["samples"][-1][1]
    # the offer says which text, how far, and when
    offer = answers.question_texts[-1]
    assert f"“{corpus_file.name}”" in offer and "20 steps" in offer and "saved 20" in offer
