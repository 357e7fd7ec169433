"""Step 5: see inside the network. Runs the model over a text (validation text, the latest
sample, or the user's own) in a worker and shows what it computed: units and gates, surprise,
copying from the training text, and gradient flow."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from ...core.errors import StudioError
from ..views.gradient_view import GradientView
from ..views.memorisation_view import MemorisationView
from ..views.neuron_view import NeuronView
from ..views.saturation_view import SaturationView
from ..views.surprise_view import SurpriseView
from ..workers import Task, Worker

SOURCES = ("validation", "sample", "own")
MAX_SYMBOLS = 20_000   # longer texts are cut: the views stay responsive


class _Cancelled(StudioError):
    """The user pressed Cancel (an expected end, not a bug to log)."""
    template = "cancelled"


class InspectPage(QWidget):
    inspected = Signal()       # a run finished and its results are shown
    failed = Signal(object)

    def __init__(self, text_index, parent=None):
        super().__init__(parent)
        self.text_index = text_index      # SharedTextIndex
        self.bundle = None
        self.corpus = None
        self.val_fraction = 0.1
        self.last_sample = ""
        self.task: Task | None = None
        self._cancel = False
        self.result = None

        self.source = QComboBox()
        for key in SOURCES:
            self.source.addItem("", key)
        self.own_text = QPlainTextEdit()
        self.own_text.setObjectName("ownText")
        self.own_text.setMaximumHeight(80)
        self.own_text.setVisible(False)
        self.run_button = QPushButton()
        self.run_button.setObjectName("inspectButton")
        self.run_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.neurons = NeuronView()
        self.gates = SaturationView()
        self.surprise = SurpriseView()
        self.copying = MemorisationView()
        self.gradients = GradientView()
        self.views = QTabWidget()
        for view in (self.neurons, self.gates, self.surprise, self.copying, self.gradients):
            self.views.addTab(view, "")

        top = QHBoxLayout()
        self.source_label = QLabel()
        top.addWidget(self.source_label)
        top.addWidget(self.source)
        top.addWidget(self.run_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.own_text)
        layout.addWidget(self.views, 1)

        self.source.currentIndexChanged.connect(self._on_source)
        self.run_button.clicked.connect(self.run)
        self.neurons.layer.valueChanged.connect(self._on_layer)
        self.text_index.ready.connect(self._on_index_ready)
        self.retranslate()

    def retranslate(self) -> None:
        names = {"validation": self.tr("Validation text (an excerpt)"), "sample": self.tr("The latest sample"),
                 "own": self.tr("My own text")}
        for i in range(self.source.count()):
            self.source.setItemText(i, names[self.source.itemData(i)])
        self.source_label.setText(self.tr("Text:"))
        self.own_text.setPlaceholderText(self.tr("Type or paste a text to run the model over…"))
        for i, title in enumerate((self.tr("Neurons"), self.tr("Gates"), self.tr("Surprise"), self.tr("Copying"),
                                   self.tr("Gradients"))):
            self.views.setTabText(i, title)
        self._update_button()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- what to inspect -----------------------------------------------------------------------
    def set_bundle(self, bundle) -> None:
        self.bundle = bundle
        if bundle is not None:
            clip = bundle.train_config.clip if bundle.train_config else 0.0
            self.gradients.show_history(bundle.history, clip)
        self._update_button()

    def set_corpus(self, corpus, val_fraction: float) -> None:
        self.corpus, self.val_fraction = corpus, val_fraction
        self._update_button()

    def set_last_sample(self, text: str) -> None:
        self.last_sample = text
        self._update_button()

    def text(self) -> str:
        source = self.source.currentData()
        if source == "own":
            return self.own_text.toPlainText()
        if source == "sample":
            return self.last_sample
        if self.corpus is None:
            return ""
        from ...core.inspect.inspection import validation_excerpt
        return validation_excerpt(self.corpus, self.val_fraction)

    @Slot()
    def _on_source(self) -> None:
        self.own_text.setVisible(self.source.currentData() == "own")
        self._update_button()

    def _update_button(self, status: bool = True) -> None:
        running = self.running()
        self.run_button.setText(self.tr("Cancel") if running else self.tr("Inspect"))
        source = self.source.currentData()
        has_text = {"validation": self.corpus is not None, "sample": bool(self.last_sample), "own": True}[source]
        self.run_button.setEnabled(running or (self.bundle is not None and has_text))
        if running or not status:
            return
        if self.bundle is None:
            self.status.setText(self.tr("Train or open a model first."))
        elif not has_text and source == "validation":
            self.status.setText(self.tr("Load a text first."))
        elif not has_text:
            self.status.setText(self.tr("Generate a sample first (step 4)."))
        elif self.result is None:
            self.status.setText(self.tr("Choose a text and press Inspect."))

    # ---- running ---------------------------------------------------------------------------------
    def running(self) -> bool:
        return self.task is not None

    @Slot()
    def run(self) -> None:
        if self.running():
            self._cancel = True
            return
        text = self.text()[:MAX_SYMBOLS]
        if self.bundle is None or len(text) < 2:
            self.status.setText(self.tr("The text needs at least two symbols."))
            return
        if self.corpus is not None:
            self.text_index.request(self.corpus, self.val_fraction)
        bundle, corpus, vf, index = self.bundle, self.corpus, self.val_fraction, self.text_index.index
        self._cancel = False

        def check():
            if self._cancel:
                raise _Cancelled()

        def job():
            from ...core.inspect.inspection import gradient_windows, inspect_text
            windows = gradient_windows(corpus, vf) if corpus is not None else None
            if corpus is not None and corpus.tokenizer.symbols != bundle.tokenizer.symbols:
                windows = None   # another text's ids mean nothing to this model
            yield inspect_text(bundle, text, index=index, windows=windows, check=check)

        worker = Worker(job)
        worker.emitted.connect(self._on_result)
        worker.failed.connect(self._on_failed)
        self.task = Task(worker, self)
        self.task.done.connect(self._on_done)
        self.task.start()
        self.status.setText(self.tr("Running the model over {n} symbols…").format(n=f"{len(text):,}"))
        self._update_button()

    @Slot(list)
    def _on_result(self, items: list) -> None:
        for result in items:
            self.result = result
            self.neurons.show_trace(result.trace)
            self.gates.show_layer(result.trace, self.neurons.layer.value())
            self.surprise.show_surprise(result.surprise)
            self._show_copying(result)
            self.gradients.show_gradient(result.gradient)
            self.status.setText(self.tr("Inspected {n} symbols.").format(n=f"{len(result.trace.symbols):,}"))
            self.inspected.emit()

    @Slot()
    def _on_index_ready(self) -> None:
        """The index was still being built when the run started: measure the copying now (a
        few milliseconds for a text of this size)."""
        r = self.result
        if r is not None and r.memorisation is None:
            r.memorisation = self.text_index.measure(r.trace.symbols)
            self._show_copying(r)

    def _show_copying(self, result) -> None:
        context = ""
        m, index = result.memorisation, self.text_index.index
        if m is not None and m.longest and m.longest.byte_offset >= 0 and index is not None:
            span = "".join(result.trace.symbols[m.longest.start:m.longest.start + m.longest.length])
            context = index.around(m.longest.byte_offset, len(span.encode("utf-8")))
        self.copying.show_memorisation(result.trace.symbols, m, context)

    @Slot(object)
    def _on_failed(self, exc) -> None:
        from ..messages import describe
        self.status.setText(self.tr("Cancelled.") if isinstance(exc, _Cancelled) else describe(exc))
        if not isinstance(exc, _Cancelled):
            self.failed.emit(exc)

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        self._update_button(status=False)   # the run's own last word (done, cancelled, failed) stays

    @Slot(int)
    def _on_layer(self, layer: int) -> None:
        if self.result is not None:
            self.gates.show_layer(self.result.trace, layer)

    def shutdown(self) -> None:
        if self.task is not None:
            self._cancel = True
            self.task.wait(5000)
