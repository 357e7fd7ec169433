"""Step 6: every training run, kept. A sortable table of the run library (the app's and the
command line's runs), their curves overlaid for the selected ones, and the files: open a
run's model, delete runs (and their files), export the plot and the data."""
from __future__ import annotations

import datetime
import logging

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from .. import dialogs
from ..messages import describe
from ..trash import to_trash
from .model_texts import human_duration
from ..views.overlay_view import OverlayView

log = logging.getLogger("rnnstudio")
COLUMNS = ("name", "status", "cell", "layers", "hidden", "parameters", "best_val", "seconds", "symbols_per_s", "text",
           "started", "note")
EDITABLE = ("name", "note")


class _Number(QTableWidgetItem):
    """A cell that sorts by its number, not its text."""

    def __init__(self, value, text: str):
        super().__init__(text)
        self.value = value if value is not None else float("inf")

    def __lt__(self, other) -> bool:
        return self.value < getattr(other, "value", float("inf"))


class RunsPage(QWidget):
    open_model_requested = Signal(str)

    def __init__(self, library_path, parent=None):
        super().__init__(parent)
        self.library_path = library_path
        self.library = None
        self.runs = []
        self._filling = False
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("runsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # newest first, and the arrow says so (it once showed "ascending" on Name over rows #5 to #1)
        self.table.horizontalHeader().setSortIndicator(COLUMNS.index("started"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.overlay = OverlayView()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.refresh_button, self.open_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.csv_button, self.plot_button = QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.open_button, self.delete_button, self.csv_button, self.plot_button):
            buttons.addWidget(b)
        buttons.addWidget(self.status, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.overlay)
        split.setSizes([300, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self._open)
        self.delete_button.clicked.connect(self._delete)
        self.csv_button.clicked.connect(self._export_csv)
        self.plot_button.clicked.connect(self._export_plot)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemChanged.connect(self._on_edit)
        self.retranslate()

    def retranslate(self) -> None:
        headers = {"name": self.tr("Name"), "status": self.tr("Status"), "cell": self.tr("Cell"),
                   "layers": self.tr("Layers"), "hidden": self.tr("Hidden"), "parameters": self.tr("Parameters"),
                   "best_val": self.tr("Best validation"), "seconds": self.tr("Time"),
                   "symbols_per_s": self.tr("Symbols/s"), "text": self.tr("Text"), "started": self.tr("Started"),
                   "note": self.tr("Note")}
        self.table.setHorizontalHeaderLabels([headers[c] for c in COLUMNS])
        self.refresh_button.setText(self.tr("Refresh"))
        self.open_button.setText(self.tr("Open model"))
        self.delete_button.setText(self.tr("Delete…"))
        self.csv_button.setText(self.tr("Export data (CSV)…"))
        self.plot_button.setText(self.tr("Export plot…"))
        if self.library is not None:
            self._fill()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # ---- the library ---------------------------------------------------------------------------
    def open_library(self) -> bool:
        if self.library is not None:
            return True
        from ...core.experiments.runs import RunLibrary
        try:
            self.library = RunLibrary(self.library_path)
        except Exception as exc:   # noqa: BLE001 - say it on the page; the rest of the app goes on
            log.warning("run library %s: %s", self.library_path, exc)
            self.status.setText(self.tr("The run library cannot be opened: {error}").format(error=exc))
            return False
        if self.library.recovered is not None:
            dialogs.info(self, self.tr("Run library"), self.tr(
                "The run library was damaged. It was moved to {path} and a new one was started.").format(
                path=self.library.recovered))
        return True

    @Slot()
    def refresh(self) -> None:
        if not self.open_library():
            return
        self.runs = self.library.runs()
        self._fill()

    def _fill(self) -> None:
        self._filling = True
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.runs))
        statuses = {"running": self.tr("running"), "finished": self.tr("finished"), "stopped": self.tr("stopped"),
                    "diverged": self.tr("diverged"), "failed": self.tr("failed"),
                    "interrupted": self.tr("interrupted")}
        for row, r in enumerate(self.runs):
            m = r.model
            started = datetime.datetime.fromtimestamp(r.started).strftime("%Y-%m-%d %H:%M")
            cells = {
                "name": QTableWidgetItem(r.label), "status": QTableWidgetItem(statuses.get(r.status, r.status)),
                "cell": QTableWidgetItem(str(m.get("cell", ""))),
                "layers": _Number(m.get("layers"), str(m.get("layers", ""))),
                "hidden": _Number(m.get("hidden_size"), str(m.get("hidden_size", ""))),
                "parameters": _Number(r.parameters, f"{r.parameters:,}"),
                "best_val": _Number(r.best_val, "—" if r.best_val is None else f"{r.best_val:.4f}"),
                "seconds": _Number(r.seconds, human_duration(r.seconds)),
                "symbols_per_s": _Number(r.symbols_per_s, f"{r.symbols_per_s:,.0f}"),
                "text": QTableWidgetItem(r.corpus_name), "started": _Number(r.started, started),
                "note": QTableWidgetItem(r.note)}
            if r.status == "interrupted" and r.autosave_path:
                cells["status"].setToolTip(self.tr("Its last autosave: {path}").format(path=r.autosave_path))
            for col, key in enumerate(COLUMNS):
                item = cells[key]
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                flags = item.flags()
                item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if key in EDITABLE
                              else flags & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        # whole headers and texts ("Best validatior" was cut); the last column (Note) takes the rest
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.setSortingEnabled(True)
        self._filling = False
        self.status.setText(self.tr("{n} runs. Select several to compare them.").format(n=len(self.runs))
                            if self.runs else self.tr("No runs yet: every training run is kept here."))
        self._on_selection()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

    @Slot()
    def _on_selection(self) -> None:
        ids = self.selected_ids()
        chosen = [self.library.get(i) for i in ids] if self.library is not None else []
        chosen = [r for r in chosen if r is not None]
        self.overlay.show_runs(chosen)
        self.open_button.setEnabled(len(chosen) == 1 and bool(chosen[0].model_path or chosen[0].autosave_path))
        for b in (self.delete_button, self.csv_button, self.plot_button):
            b.setEnabled(bool(chosen))

    @Slot(QTableWidgetItem)
    def _on_edit(self, item) -> None:
        if self._filling or self.library is None:
            return
        key = COLUMNS[item.column()]
        if key in EDITABLE:
            run_id = item.data(Qt.ItemDataRole.UserRole)
            self.library.rename(run_id, **{key: item.text()})

    # ---- files ------------------------------------------------------------------------------------
    @Slot()
    def _open(self) -> None:
        from pathlib import Path
        ids = self.selected_ids()
        run = self.library.get(ids[0], points=False) if len(ids) == 1 else None
        if run is None:
            return
        for path in (run.model_path, run.autosave_path):
            if path and Path(path).is_file():
                self.open_model_requested.emit(path)
                return
        self.status.setText(self.tr("This run's model file is no longer there."))

    def keep_files(self) -> tuple:
        """Files the window still uses (its open model, its autosave): set by the main window."""
        return ()

    @Slot()
    def _delete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        keep = self.keep_files()
        # the library's rule, as the command line's: never a file another run, the open model or the
        # running app's autosave still uses; the files are listed before anything is deleted
        doomed = [str(p) for p in self.library.files_of(ids, keep=keep)]
        listing = "\n".join(doomed) if doomed else self.tr("(none: every file is still used by another run or "
                                                             "by this window)")
        answer = dialogs.choose(self, self.tr("Delete runs"), self.tr("Delete {n} run(s) from the library?").format(
            n=len(ids)) + "\n\n" + self.tr("With their files, these would be deleted:") + "\n" + listing,
            [("runs", self.tr("Delete the runs")), ("files", self.tr("Delete the runs and their model files"))])
        if answer is None:
            return
        self.library.delete(ids, files=answer == "files", keep=keep, remove=to_trash)   # never unlinked by the app
        self.refresh()

    @Slot()
    def _export_csv(self) -> None:
        from ...core.files import atomic_write
        from ...core.experiments.overlay import to_csv
        path = dialogs.save_file(self, self.tr("Export data"), self.tr("CSV (*.csv)"), "runs.csv")
        if not path:
            return
        try:
            atomic_write(path, to_csv(self.overlay.runs).encode("utf-8"))
        except OSError as exc:
            dialogs.error(self, self.tr("Could not export"), describe(exc))

    @Slot()
    def _export_plot(self) -> None:
        path = dialogs.save_file(self, self.tr("Export plot"), self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
                                 "runs.png")
        if not path:
            return
        try:
            export_plot(self.overlay.plot, path)
        except OSError as exc:
            dialogs.error(self, self.tr("Could not export"), describe(exc))


def export_plot(plot_widget, path: str) -> None:
    """Write the plot as SVG (Qt's own SVG painter: pyqtgraph's exporter fails on this Qt) or
    PNG, by the name's ending, through a temporary file in the same folder."""
    import os
    import tempfile

    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter
    svg = str(path).lower().endswith(".svg")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(suffix=".svg" if svg else ".png", dir=folder)
    os.close(fd)
    try:
        size = plot_widget.size()
        if svg:
            from PySide6.QtSvg import QSvgGenerator
            gen = QSvgGenerator()
            gen.setFileName(tmp)
            gen.setSize(QSize(size.width(), size.height()))
            gen.setViewBox(QRect(0, 0, size.width(), size.height()))
            gen.setTitle("RNN Studio runs")
            painter = QPainter(gen)
            plot_widget.render(painter)
            painter.end()
        elif not plot_widget.grab().save(tmp, "PNG"):
            raise OSError(f"could not write {path}")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

