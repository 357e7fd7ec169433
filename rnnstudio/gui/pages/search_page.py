"""Step 7: architecture search. The user picks what may vary and how much time to spend; Optuna
chooses the settings of each trial (core/experiments/search.py) in a worker; the page shows the trials as
they finish: the best so far, what mattered, and every trial as a line across the settings
(parallel coordinates). "Open the best" opens its model."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.experiments.search import SPACE
from ..messages import describe
from ..views.lazy_plot import PlotSlot, pyqtgraph
from ..workers import Task, Worker


class SearchPage(QWidget):
    open_model_requested = Signal(str)
    trial_finished = Signal()
    search_finished = Signal()

    def __init__(self, library_path, models_folder, parent=None):
        super().__init__(parent)
        self.library_path, self.models_folder = library_path, models_folder
        self.corpus = None
        self.results = []
        self.importance, self.best_path = {}, ""
        self.task: Task | None = None
        self.control = None

        self.vary = {key: QCheckBox(key) for key in SPACE}
        for key in ("cell", "layers", "hidden_size", "lr"):
            self.vary[key].setChecked(True)
        self.budget = QDoubleSpinBox()
        self.budget.setRange(0.05, 24 * 60)
        self.budget.setValue(10)
        self.trial = QSpinBox()
        self.trial.setRange(1, 3600)
        self.trial.setValue(30)
        self.study = QLineEdit()
        self.start_button, self.best_button = QPushButton(), QPushButton()
        self.start_button.setObjectName("searchStart")
        self.best_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("trials")
        self.slots = {name: PlotSlot(self._setup_plot) for name in ("progress", "importance", "parallel")}

        self.box = QGroupBox()
        form = QFormLayout(self.box)
        grid = QGridLayout()
        for i, box in enumerate(self.vary.values()):
            grid.addWidget(box, i // 2, i % 2)
        self.labels = [QLabel() for _ in range(4)]
        form.addRow(self.labels[0], grid)
        form.addRow(self.labels[1], self.budget)
        form.addRow(self.labels[2], self.trial)
        form.addRow(self.labels[3], self.study)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.best_button)
        form.addRow(buttons)
        form.addRow(self.status)
        left = QVBoxLayout()
        left.addWidget(self.box)
        left.addWidget(self.table, 1)
        right = QGridLayout()
        right.addWidget(self.slots["progress"], 0, 0)
        right.addWidget(self.slots["importance"], 0, 1)
        right.addWidget(self.slots["parallel"], 1, 0, 1, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self.start_button.clicked.connect(self.toggle)
        self.best_button.clicked.connect(self._open_best)
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setTitle(self.tr("Search"))
        names = {"cell": self.tr("Cell"), "layers": self.tr("Layers"), "hidden_size": self.tr("Hidden size"),
                 "emb_size": self.tr("Embedding size"), "dropout": self.tr("Dropout"), "lr": self.tr("Learning rate"),
                 "seq_len": self.tr("Window length")}
        self.names = names
        for key, box in self.vary.items():
            box.setText(names.get(key, key))
        for label, text in zip(self.labels, (self.tr("May vary:"), self.tr("Time for the search:"),
                                             self.tr("Each trial trains:"), self.tr("Study name:"))):
            label.setText(text)
        self.budget.setSuffix(self.tr(" min"))
        self.trial.setSuffix(self.tr(" s"))
        self.best_button.setText(self.tr("Open the best model"))
        self.table.setHorizontalHeaderLabels([self.tr("Trial"), self.tr("State"), self.tr("Validation loss"),
                                              self.tr("Settings")])
        self._title_plots()
        self._update_button()
        if self.results:
            self._show()

    @property
    def progress_plot(self):
        return self.slots["progress"].plot()

    @property
    def importance_plot(self):
        return self.slots["importance"].plot()

    @property
    def parallel_plot(self):
        return self.slots["parallel"].plot()

    def _setup_plot(self, plot) -> None:
        plot.setBackground("w")
        plot.showGrid(x=True, y=True, alpha=0.25)
        self._title_plots()

    def _title_plots(self) -> None:
        if self.slots["progress"].built:
            self.progress_plot.setTitle(self.tr("Each trial and the best so far"))
            self.progress_plot.setLabel("bottom", self.tr("trial"))
            self.progress_plot.setLabel("left", self.tr("nats per symbol"))
        if self.slots["importance"].built:
            self.importance_plot.setTitle(self.tr("What mattered"))
        if self.slots["parallel"].built:
            self.parallel_plot.setTitle(self.tr("Every trial across its settings (darker: better)"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_corpus(self, corpus) -> None:
        self.corpus = corpus
        if corpus is not None and not self.study.text():
            self.study.setText(f"search-{corpus.name}")
        self._update_button()

    def running(self) -> bool:
        return self.task is not None

    def _update_button(self) -> None:
        self.start_button.setText(self.tr("Stop") if self.running() else self.tr("Start the search"))
        self.start_button.setEnabled(self.running() or self.corpus is not None)
        waiting = self.tr("Load a text first (step 1).")
        if not self.running() and self.corpus is None:
            self.status.setText(waiting)
        elif self.status.text() == waiting:   # a text came: the hint no longer applies
            self.status.clear()

    # ---- running ---------------------------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        if self.running():
            self.control.stop(False)
            self.status.setText(self.tr("Stopping after this trial's current step…"))
            return
        from ...core.control import Control
        from ...core.experiments.search import SearchSettings
        try:
            settings = SearchSettings(vary=tuple(k for k, b in self.vary.items() if b.isChecked()),
                                      trial_seconds=float(self.trial.value()), budget_seconds=self.budget.value() * 60,
                                      threads=0, folder=str(self.models_folder))
        except ValueError as exc:
            self.status.setText(describe(exc))
            return
        if not settings.vary:
            self.status.setText(self.tr("Choose at least one setting that may vary."))
            return
        corpus, name, library_path = self.corpus, self.study.text().strip() or "search", self.library_path
        self.control = control = Control()

        def job():
            # the study is read here only, in the worker's thread: the page gets plain values
            from ...core.experiments.runs import RunLibrary
            from ...core.experiments.search import adopt_from_library, importances, open_study, run_trials
            from ...core.experiments.storage import default_storage, open_storage
            library = RunLibrary(library_path)
            try:
                storage = open_storage(default_storage(library_path))
                adopt_from_library(name, library_path, storage)
                study = open_study(name, storage)
                yield ("study", len(study.trials), {}, "")
                for result in run_trials(corpus, settings, study, library=library, control=control,
                                         study_name=name):
                    try:
                        best_path = study.best_trial.user_attrs.get("model_path", "")
                    except ValueError:
                        best_path = ""
                    yield ("trial", result, importances(study), best_path)
            finally:
                library.close()

        worker = Worker(job)
        worker.emitted.connect(self._on_items)
        worker.failed.connect(self._on_failed)
        self.task = Task(worker, self)
        self.task.done.connect(self._on_done)
        self.results = []
        self.importance, self.best_path = {}, ""
        self.task.start()
        self.status.setText(self.tr("Searching: the first trial is training…"))
        self._update_button()

    @Slot(list)
    def _on_items(self, items: list) -> None:
        for kind, value, importance, best_path in items:
            if kind == "study":
                if value:
                    self.status.setText(self.tr("Continuing the study: {n} earlier trials.").format(n=value))
            else:
                self.results.append(value)
                self.importance, self.best_path = importance, best_path
                self._show()
                self.trial_finished.emit()

    def _show(self) -> None:
        self._fill_table()
        self._plot_progress()
        self._plot_importance()
        self._plot_parallel()
        best = [r for r in self.results if r.best_number is not None]
        if best:
            b = best[-1]
            self.status.setText(self.tr("{n} trials; the best: trial {best}, {value} nats per symbol.").format(
                n=len(self.results), best=b.best_number, value=f"{b.best_value:.4f}"))
        self.best_button.setEnabled(bool(self.best_path))

    def _fill_table(self) -> None:
        states = {"complete": self.tr("complete"), "pruned": self.tr("stopped early")}
        self.table.setRowCount(len(self.results))
        for row, r in enumerate(self.results):
            settings = ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in r.params.items())
            for col, text in enumerate((str(r.number), states.get(r.state, r.state),
                                        "—" if r.value is None else f"{r.value:.4f}", settings)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _plot_progress(self) -> None:
        pg = pyqtgraph()
        self.progress_plot.clear()
        done = [r for r in self.results if r.value is not None]
        xs, ys = [r.number for r in done], [r.value for r in done]
        self.progress_plot.plot(xs, ys, pen=None, symbol="o", symbolBrush="#9ca3af", symbolPen=None)
        best, run = [], math.inf
        for r in done:
            if r.state == "complete":
                run = min(run, r.value)
            best.append(run)
        self.progress_plot.plot(xs, best, pen=pg.mkPen("#2563eb", width=2), stepMode=None)

    def _plot_importance(self) -> None:
        pg = pyqtgraph()
        self.importance_plot.clear()
        imp = self.importance
        if not imp:
            return
        names = list(imp)
        self.importance_plot.addItem(pg.BarGraphItem(x=list(range(len(names))), height=[imp[n] for n in names],
                                                     width=0.6, brush="#2563eb"))
        self.importance_plot.getAxis("bottom").setTicks([list(enumerate(self.names.get(n, n) for n in names))])

    def _plot_parallel(self) -> None:
        pg = pyqtgraph()
        self.parallel_plot.clear()
        done = [r for r in self.results if r.value is not None and r.params]
        if not done:
            return
        keys = list(done[0].params)
        values = [r.value for r in done]
        lo, hi = min(values), max(values)
        for r in sorted(done, key=lambda r: -r.value):   # the best drawn last, on top
            ys = [_position(k, r.params.get(k)) for k in keys] + [(r.value - lo) / ((hi - lo) or 1)]
            shade = 1 - (r.value - lo) / ((hi - lo) or 1)
            colour = pg.mkColor(int(220 - 190 * shade), int(225 - 150 * shade), 255)
            self.parallel_plot.plot(list(range(len(keys) + 1)), ys, pen=pg.mkPen(colour, width=1 + 2 * shade))
        labels = [self.names.get(k, k) for k in keys] + [self.tr("loss")]
        self.parallel_plot.getAxis("bottom").setTicks([list(enumerate(labels))])

    @Slot()
    def _open_best(self) -> None:
        if self.best_path:
            self.open_model_requested.emit(self.best_path)

    @Slot(object)
    def _on_failed(self, exc) -> None:
        from ..messages import describe
        self.status.setText(describe(exc))

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        self._update_button()
        self.search_finished.emit()

    def shutdown(self) -> None:
        if self.task is not None:
            self.control.stop(False)
            self.task.wait(10000)


def _position(key: str, value) -> float:
    """Where a setting's value sits on its axis, 0 … 1."""
    kind, *spec = SPACE[key]
    if value is None:
        return 0.5
    if kind == "choice":
        options = list(spec[0])
        return options.index(value) / max(1, len(options) - 1) if value in options else 0.5
    low, high = spec[0], spec[1]
    if kind == "log":
        return (math.log(value) - math.log(low)) / (math.log(high) - math.log(low))
    return (value - low) / ((high - low) or 1)
