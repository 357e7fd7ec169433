"""The Runs page over a real run library: runs from the app and the CLI listed, overlaid,
renamed, opened, exported and deleted; a damaged library moved aside with a message."""
from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from rnnstudio.core.experiments.runs import RunLibrary
from rnnstudio.gui import folders

from .conftest import set_tiny
from .test_workflow import load, train


def test_runs_are_recorded_listed_and_overlaid(qtbot, window, answers, corpus_file, tmp_path):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=40, eval_interval=20)
    train(qtbot, window)
    window.model_page.cell.setCurrentIndex(window.model_page.cell.findData("gru"))
    window.new_model()
    train(qtbot, window)
    page = window.runs_page
    window.tabs.setCurrentWidget(page)   # showing the page reads the library
    assert page.table.rowCount() == 2
    # newest first, and the header's arrow says so
    header = page.table.horizontalHeader()
    assert page.table.horizontalHeaderItem(header.sortIndicatorSection()).text() == "Started"
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert page.table.item(0, 0).text().startswith("#2") and page.table.item(1, 0).text().startswith("#1")
    lib = RunLibrary(folders.runs_path())
    runs = lib.runs()
    assert [r.model["cell"] for r in runs] == ["lstm", "gru"] and all(r.status == "finished" for r in runs)
    assert all(len(r.points) == 0 for r in runs) and [p[0] for p in lib.points(runs[0].id)] == [20, 40]
    page.table.selectAll()
    assert len(page.overlay.runs) == 2
    assert len(page.overlay.plot.listDataItems()) == 2     # one validation curve per run
    assert page.overlay.diff.verticalHeaderItem(0).text() == "cell"
    # by symbols seen: both saw 40 × 16 × 32 symbols
    page.overlay.axis.setCurrentIndex(page.overlay.axis.findData("symbols"))
    xs, _ = page.overlay.plot.listDataItems()[0].getData()
    assert list(xs) == [20 * 16 * 32, 40 * 16 * 32]
    # exports
    answers.save_path = str(tmp_path / "runs.csv")
    qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert len(list(csv.DictReader(open(tmp_path / "runs.csv", encoding="utf-8")))) == 4
    for name in ("plot.png", "plot.svg"):
        answers.save_path = str(tmp_path / name)
        qtbot.mouseClick(page.plot_button, Qt.MouseButton.LeftButton)
        assert (tmp_path / name).stat().st_size > 1000
    # a name typed in the table is kept
    page.table.clearSelection()
    row = next(i for i in range(page.table.rowCount())
               if page.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == runs[0].id)
    page.table.item(row, 0).setText("baseline LSTM")
    assert lib.get(runs[0].id).name == "baseline LSTM"


def test_saved_model_opens_from_its_run_and_runs_are_deleted(qtbot, window, answers, corpus_file, tmp_path):
    load(qtbot, window, [corpus_file])
    set_tiny(window, steps=20, eval_interval=10)
    train(qtbot, window)
    answers.save_path = str(tmp_path / "kept.rnnstudio")
    assert window.save_model(wait=True)
    run = RunLibrary(folders.runs_path()).runs()[-1]
    assert run.model_path == str(tmp_path / "kept.rnnstudio")
    page = window.runs_page
    window.tabs.setCurrentWidget(page)
    page.table.selectRow(0)
    window.new_model()
    with qtbot.waitSignal(window.model_opened, timeout=30000):
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.session.model_path == str(tmp_path / "kept.rnnstudio")
    # the open model is never deleted: the question lists no file, and Cancel keeps everything
    page.table.selectRow(0)
    answers.choice = None
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "(none:" in answers.choices[-1][1] and page.table.rowCount() == 1
    window.new_model()
    page.table.selectRow(0)
    answers.choice = "files"
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert str(tmp_path / "kept.rnnstudio") in answers.choices[-1][1]   # listed before it went
    assert page.table.rowCount() == 0 and not (tmp_path / "kept.rnnstudio").exists()
    import os
    trash = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"
    assert (trash / "kept.rnnstudio").exists()   # in the system's trash, where the user can take it back


def test_another_running_apps_autosave_is_never_deleted(qtbot, make_window, answers, corpus_file):
    first = make_window()
    load(qtbot, first, [corpus_file])
    set_tiny(first, steps=20, eval_interval=10)
    train(qtbot, first)
    assert first.autosave_path.exists()
    other = make_window()   # a second app, running at the same time
    page = other.runs_page
    other.tabs.setCurrentWidget(page)
    page.table.selectRow(0)
    answers.choice = "files"
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert str(first.autosave_path) not in answers.choices[-1][1]
    assert page.table.rowCount() == 0 and first.autosave_path.exists()
    # once that app is gone (its lock with it) the file is an orphan, and the next start offers it
    first.autosave.release()
    answers.ask_answer = False
    make_window().offer_autosave()
    assert answers.questions[-1] == "Restore unsaved model?" and not first.autosave_path.exists()  # declined
    import os
    assert (Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files" / first.autosave_path.name).exists()


def test_a_damaged_library_is_moved_aside_with_a_message(qtbot, window, answers):
    path = folders.runs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00garbage" * 500)
    window.tabs.setCurrentWidget(window.runs_page)
    assert answers.infos and "damaged" in answers.infos[-1][1]
    assert window.runs_page.table.rowCount() == 0
    assert list(path.parent.glob("runs.db.damaged-*"))
