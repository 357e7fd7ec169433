"""The Inspect page, the sample timeline and the copying meters, driven through the widgets
on a model trained here."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from .conftest import set_tiny
from .test_workflow import load, train


@pytest.fixture
def trained(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=60, eval_interval=20)
    assert train(qtbot, window) == "steps"
    qtbot.waitUntil(lambda: window.text_index.index is not None, timeout=30000)
    return window


def inspect(qtbot, window, source="validation"):
    page = window.inspect_page
    window.tabs.setCurrentWidget(page)
    page.source.setCurrentIndex(page.source.findData(source))
    with qtbot.waitSignal(page.inspected, timeout=60000):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running())   # the button is "Cancel" until the worker has ended
    return page


def test_inspect_validation_text(qtbot, trained):
    from rnnstudio.core.inspect.surprise import surprise
    page = inspect(qtbot, trained)
    r = page.result
    assert len(r.trace.symbols) == 2000 and "Inspected 2,000 symbols" in page.status.text()
    # the surprise view shows the model's own loss on the text
    bundle = trained.session.bundle
    expected = surprise(bundle.build_model(), bundle.tokenizer, "".join(r.trace.symbols)).nats
    assert r.surprise.nats == pytest.approx(expected, rel=1e-5)
    assert f"{expected:.3f} nats" in page.surprise.summary.text()
    # the neuron view: one coloured span per symbol, and the heat map of the layer
    neurons = page.neurons
    assert len(neurons.text.starts) == 2000 and neurons.image.image.shape == (2000, 48)
    # a probe ranks units; picking one shows it
    neurons.probe.setCurrentIndex(neurons.probe.findData("newline"))
    qtbot.mouseClick(neurons.find_probe, Qt.MouseButton.LeftButton)
    assert neurons.results.count() == 10
    item = neurons.results.item(3)
    neurons.results.itemClicked.emit(item)
    layer, signal, unit = item.data(Qt.ItemDataRole.UserRole)
    assert (neurons.layer.value(), neurons.signal.currentData(), neurons.unit.value()) == (layer, signal, unit)
    # the unit's gates for the symbol under the mouse
    neurons.text.hovered.emit(5)
    assert "input gate i" in neurons.gates.text() and "forget gate f" in neurons.gates.text()
    # gradient flow: one value per step back, falling off
    g = page.gradients.back_curve.getData()[1]
    assert len(g) == 101 and g[0] > g[-1]
    assert "Clipping" in page.gradients.clipping.text()
    assert len(page.gates.plot.listDataItems()) == 3   # input, forget, output gates


def test_neuron_search_from_a_selection(qtbot, trained):
    page = inspect(qtbot, trained)
    neurons = page.neurons
    text = neurons.text
    # select the symbols of the first line, as a user dragging over it
    first_break = page.result.trace.symbols.index("\n")
    cursor = text.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(text.starts[first_break], cursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    assert text.selected_symbols() == (0, first_break)
    assert neurons.find_selection.isEnabled()
    qtbot.mouseClick(neurons.find_selection, Qt.MouseButton.LeftButton)
    assert neurons.results.count() == 10


def test_copying_of_a_sample_and_of_the_training_text(qtbot, trained):
    window = trained
    # the Generate page measures what it generated
    sample = window.sample_page
    with qtbot.waitSignal(sample.generation_finished, timeout=60000):
        sample.length.setValue(300)
        sample.generate()
    assert "Found verbatim in the training text" in sample.copy_label.text()
    page = inspect(qtbot, window, "sample")
    assert page.result.memorisation is not None and len(page.result.trace.symbols) == 300
    # own text copied from the training part: all copied
    corpus = window.session.corpus
    training = corpus.tokenizer.decode(corpus.ids[:3000].numpy())
    page.source.setCurrentIndex(page.source.findData("own"))
    page.own_text.setPlainText(training[1000:1500])
    with qtbot.waitSignal(page.inspected, timeout=60000):
        page.run()
    m = page.result.memorisation
    assert m.shares[32] == 1.0 and m.longest.length == 500
    assert "32-grams 100%" in page.copying.summary.text()
    assert page.copying.source.text()   # where it comes from, in context


def test_timeline_shows_what_the_network_wrote_at_each_evaluation(qtbot, trained):
    page = trained.train_page
    curves = page.curves
    assert [s for s, _ in curves.samples] == [20, 40, 60]
    assert "Copied from the training text" in page.copy_label.text()
    curves.choose_sample(25)   # between two evaluations: the one before
    assert page.sample_view.toPlainText() == curves.samples[0][1]
    assert "step 20" in page.sample_label.text()
    curves.choose_sample(60)
    assert page.sample_view.toPlainText() == curves.samples[-1][1] and "now" in page.sample_label.text()
    # the timeline is saved with the model
    assert [s for s, _ in trained.session.bundle.history["samples"]] == [20, 40, 60]


def test_inspect_needs_a_model_and_says_so(window):
    page = window.inspect_page
    assert not page.run_button.isEnabled() and "model" in page.status.text()


def test_inspect_in_chinese(qtbot, make_window, tmp_path):
    text = ("床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" * 40 + "白日依山尽，黄河入海流。\n" * 40) * 3
    path = tmp_path / "poems.txt"
    path.write_text(text, encoding="utf-8")
    window = make_window(language="zh_CN")
    load(qtbot, window, [path])
    set_tiny(window, steps=20, eval_interval=10)
    train(qtbot, window)
    page = inspect(qtbot, window)
    assert page.views.tabText(0) == "神经元" and page.run_button.text() == "检查"
    assert "奈特" in page.surprise.summary.text()
    assert np.isfinite(page.result.surprise.nats)


def test_cancel_a_long_inspection(qtbot, trained):
    page = trained.inspect_page
    page.source.setCurrentIndex(page.source.findData("own"))
    page.own_text.setPlainText("To be, or not to be, that is the question. " * 500)
    page.run()
    assert page.run_button.text() == "Cancel"
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running(), timeout=60000)
    assert page.status.text() == "Cancelled." and page.result is None
    assert page.run_button.text() == "Inspect"
