"""The Search page: a short real search through the widgets, its trials shown as they finish,
kept as runs, and the best model opened."""
from __future__ import annotations

from PySide6.QtCore import Qt

from rnnstudio.core.experiments.runs import RunLibrary
from rnnstudio.gui import folders

from .test_workflow import load


def test_a_short_search_from_the_page(qtbot, window, corpus_file):
    load(qtbot, window, [corpus_file])
    page = window.search_page
    window.tabs.setCurrentWidget(page)
    for key, box in page.vary.items():
        box.setChecked(key in ("hidden_size", "lr"))
    page.trial.setValue(1)
    page.budget.setValue(0.15)   # 9 seconds: a few trials
    assert page.study.text() == "search-small.txt"
    with qtbot.waitSignal(page.search_finished, timeout=120000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        assert page.start_button.text() == "Stop"
    n = page.table.rowCount()
    assert n >= 2 and len(page.results) == n
    assert page.progress_plot.listDataItems() and len(page.parallel_plot.listDataItems()) >= 2
    assert "the best: trial" in page.status.text()
    runs = RunLibrary(folders.runs_path()).runs(study="search-small.txt")
    assert len(runs) == n and all(r.source == "search" for r in runs)
    assert page.best_button.isEnabled()
    with qtbot.waitSignal(window.model_opened, timeout=30000):
        qtbot.mouseClick(page.best_button, Qt.MouseButton.LeftButton)
    assert "search-small.txt-trial-" in window.session.model_path


def test_search_needs_a_text_and_a_setting(window):
    page = window.search_page
    assert not page.start_button.isEnabled() and "text" in page.status.text()
