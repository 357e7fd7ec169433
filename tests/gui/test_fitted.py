"""Settings fitted to the text, measured speed, the loss baseline, generating while training,
a new text over an open model, and the temperature box — driven through the widgets."""
from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from .conftest import drop_files, set_tiny
from .test_workflow import train


def load(qtbot, window, paths):
    with qtbot.waitSignal(window.corpus_page.loaded, timeout=60000):
        drop_files(window, paths)
    return window.session.corpus


@pytest.fixture
def tang_file(tmp_path, tang_text):
    path = tmp_path / "poems.txt"
    path.write_text(tang_text, encoding="utf-8")
    return path


def test_chinese_text_gets_a_fitted_vocabulary_and_output_layer(qtbot, window, tang_file):
    corpus = load(qtbot, window, [tang_file])
    tok = corpus.tokenizer
    assert tok.has_unk and corpus.distinct > tok.vocab_size  # the rare characters were merged
    coverage = window.corpus_page.coverage.text()
    assert f"{len(tok.symbols):,}" in coverage and "%" in coverage
    page = window.model_page
    assert page.preset.currentData() == "auto"
    assert page.output_layer.currentData() == "adaptive"
    assert page.model_config().cutoffs and page.emb.value() >= 128
    assert "adaptive output layer" in page.preset_note.text()
    assert page.cell.currentData() == "gru" and page.layers.value() == 1 and page.seq_len.value() == 64
    assert "One GRU layer" in page.preset_note.text() and "Two layers" not in page.preset_note.text()
    # the user can still override every value
    page.output_layer.setCurrentIndex(page.output_layer.findData("full"))
    assert page.model_config().cutoffs == () and page.preset.currentData() == "custom"


def test_english_text_keeps_every_symbol_and_a_plain_softmax(qtbot, window, corpus_file):
    corpus = load(qtbot, window, [corpus_file])
    assert not corpus.tokenizer.has_unk
    assert "All" in window.corpus_page.coverage.text()
    assert window.model_page.output_layer.currentData() == "full"
    # one LSTM layer, and the page says why
    page = window.model_page
    assert page.preset.currentData() == "auto" and page.cell.currentData() == "lstm" and page.layers.value() == 1
    assert "One LSTM layer of 256" in page.preset_note.text()


def test_speed_is_measured_on_the_real_text(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window)
    page = window.model_page
    window.tabs.setCurrentWidget(page)   # measured only while shown
    qtbot.waitUntil(lambda: page.measured is not None, timeout=60000)
    key, estimate = page.measured
    assert estimate.symbols_per_sec > 0 and estimate.steps >= 2
    assert "Measured on this computer" in page.speed_label.text()
    assert f"{estimate.symbols_per_sec:,.0f}" in page.speed_label.text()
    page.hidden.setValue(64)  # new settings: measured again
    assert "measuring" in page.speed_label.text()
    qtbot.waitUntil(lambda: page.measured[0] != key, timeout=60000)


def test_loss_plot_shows_the_baseline_and_what_the_loss_means(qtbot, window, corpus_file):
    corpus = load(qtbot, window, [corpus_file])
    page = window.train_page
    assert page.curves.baseline == pytest.approx(corpus.unigram_entropy())
    set_tiny(window, steps=20, eval_interval=20)
    with qtbot.waitSignal(page.training_finished, timeout=120000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    page.redraw()
    assert page.curves.baseline_line.isVisible() and page.curves.baseline_line.value() == pytest.approx(page.curves.baseline)
    val = page.curves.val_losses[-1]
    summary = page.curves.summary.text()
    assert f"{val:.3f} nats" in summary and f"{val / math.log(2):.3f} bits" in summary
    assert f"perplexity {math.exp(val):.1f}" in summary
    page.bits.setChecked(True)
    assert page.curves.baseline_line.value() == pytest.approx(page.curves.baseline / math.log(2))


def test_an_opened_model_keeps_its_baseline_without_its_text(qtbot, make_window, answers, corpus_file, tmp_path):
    """The line and its label vanished when a model was opened on its own: the model file keeps
    its text's symbol counts, which give the same baseline."""
    window = make_window()
    corpus = load(qtbot, window, [corpus_file])
    set_tiny(window, steps=10, eval_interval=10)
    train(qtbot, window)
    answers.save_path = str(tmp_path / "m.rnnstudio")
    assert window.save_model(wait=True)
    fresh = make_window()
    answers.open_path = answers.save_path
    with qtbot.waitSignal(fresh.model_opened, timeout=30000):
        fresh.act_open_model.trigger()
    curves = fresh.train_page.curves
    assert curves.baseline == pytest.approx(corpus.unigram_entropy(), rel=1e-6)
    fresh.tabs.setCurrentWidget(fresh.train_page)
    fresh.train_page.redraw()
    assert curves.baseline_line.isVisible() and "baseline" in curves.baseline_line.label.textItem.toPlainText()


def test_generate_while_training(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=1_000_000, eval_interval=10)
    qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    sample = window.sample_page
    qtbot.waitUntil(lambda: sample.generate_button.isEnabled(), timeout=60000)
    assert window.train_page.running()
    assert "snapshot" in sample.status.text()
    sample.length.setValue(50)
    with qtbot.waitSignal(sample.generation_finished, timeout=60000):
        qtbot.mouseClick(sample.generate_button, Qt.MouseButton.LeftButton)
    assert len(sample.output.generated_text()) == 50
    assert window.train_page.running()  # training went on meanwhile
    with qtbot.waitSignal(window.train_page.training_finished, timeout=60000):
        window.train_page.stop()


def test_new_text_over_an_open_model_asks_new_or_continue(qtbot, window, answers, corpus_file, tang_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=10, eval_interval=10)
    with qtbot.waitSignal(window.train_page.training_finished, timeout=120000):
        qtbot.mouseClick(window.train_page.start_button, Qt.MouseButton.LeftButton)
    assert window.session.bundle is not None
    load(qtbot, window, [corpus_file])
    assert answers.choices == []   # the model's own text again: nothing to ask
    answers.choice = "continue"
    load(qtbot, window, [tang_file])
    title, text = answers.choices[-1]
    assert "does not know" in text and "%" in text  # the vocabulary mismatch is explained
    assert window.session.bundle is not None
    assert window.train_page.start_button.text() == "Continue training"
    answers.choice = "new"
    load(qtbot, window, [tang_file])
    assert len(answers.choices) == 2 and window.session.bundle is None
    assert window.train_page.start_button.text() == "Start training"


def test_typed_temperature_is_kept_as_typed(qtbot, window):
    box = window.sample_page.temperature
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "0.3")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == pytest.approx(0.3)
    assert window.sample_page.temp_slider.value() == 30
    window.sample_page.temp_slider.setValue(120)
    assert box.value() == pytest.approx(1.2)


@pytest.mark.parametrize("auto", ["bf16", "fp32"])
def test_chinese_defaults_train_at_either_automatic_precision(qtbot, window, answers, tang_file, monkeypatch, auto):
    """The fitted defaults on Chinese text, at what "Automatic" picks on a CPU with native bf16
    and on one without (whatever this CPU is): the speed is measured and training reaches its
    evaluation. On bf16 machines the adaptive head once failed here with a raw RuntimeError."""
    monkeypatch.setenv("RNNSTUDIO_AUTO_PRECISION", auto)
    load(qtbot, window, [tang_file])
    page = window.model_page
    window.tabs.setCurrentWidget(page)   # measured only while shown
    assert page.preset.currentData() == "auto" and page.precision.currentData() == "auto"
    page.max_minutes.setValue(0)
    page.max_steps.setValue(2)
    page.eval_interval.setValue(2)
    page.eval_seconds.setValue(0)
    assert page.preset.currentData() == "auto" and page.model_config().cutoffs
    qtbot.waitUntil(lambda: page.measured is not None, timeout=120000)
    assert "Measured on this computer" in page.speed_label.text(), page.speed_label.text()
    train_page = window.train_page
    with qtbot.waitSignal(train_page.training_finished, timeout=180000) as done:
        qtbot.mouseClick(train_page.start_button, Qt.MouseButton.LeftButton)
    assert done.args == ["steps"] and not answers.errors
    assert train_page.curves.val_losses and f"({auto})" in train_page.log.toPlainText()


def test_speed_is_measured_once_per_setting_and_the_app_then_rests(qtbot, window, corpus_file, monkeypatch):
    """Each measurement's result refreshed the page, and the refresh started the next: the app sat
    at 1.3 cores doing nothing. Now one measurement per distinct setting; then nothing runs."""
    from rnnstudio.core.training import speed
    calls = []
    real = speed.measure_speed
    monkeypatch.setattr(speed, "measure_speed", lambda *a, **k: calls.append(1) or real(*a, **k))
    load(qtbot, window, [corpus_file])
    set_tiny(window)
    page = window.model_page
    window.tabs.setCurrentWidget(page)   # measured only while shown
    # A measurement starts only from the settle timer (or one queued behind a running one): with
    # neither pending once the result is shown, none can follow. The old loop had re-armed the
    # timer by then.
    def idle():
        return not page._measure_timer.isActive() and page.meter.task is None and page.meter._next is None

    qtbot.waitUntil(lambda: page.measured is not None and page.meter.task is None, timeout=60000)
    settled, text = len(calls), page.speed_label.text()
    assert idle()
    assert len(calls) == settled and page.speed_label.text() == text
    # a setting changed while another page is shown is measured when the Model page shows again
    window.tabs.setCurrentWidget(window.corpus_page)
    page.hidden.setValue(64)
    assert idle() and len(calls) == settled
    window.tabs.setCurrentWidget(page)   # a new setting is measured, once
    qtbot.waitUntil(lambda: len(calls) == settled + 1 and page.meter.task is None, timeout=60000)
    assert idle()
    assert len(calls) == settled + 1


def test_empty_plots_show_no_numbers_until_there_is_data(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    page = window.train_page
    window.tabs.setCurrentWidget(page)
    curves = page.curves
    qtbot.waitUntil(lambda: curves.built, timeout=10000)
    assert not curves.loss_plot.getAxis("left").style["showValues"]
    assert not curves.grad_plot.getAxis("bottom").style["showValues"]
    set_tiny(window, steps=10, eval_interval=10)
    with qtbot.waitSignal(page.training_finished, timeout=120000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    page.redraw()
    assert curves.loss_plot.getAxis("left").style["showValues"]
    assert curves.grad_plot.getAxis("bottom").style["showValues"]
