"""Step 4: generate text, streamed into the view as it is written.

Hovering a generated symbol shows the probability the network gave it and the
alternatives it considered.
"""
from __future__ import annotations

import bisect
import html

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QCheckBox, QDialog, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QSlider, QSpinBox, QTextEdit,
                               QVBoxLayout, QWidget)

from ...core.config import SampleConfig
from ..views.symbol_text import show_tooltip
from ..workers import Task, Worker

COMPARE_TEMPERATURES = (0.2, 0.5, 0.8, 1.0, 1.3)


def _shade(prob: float) -> QColor:
    """Unlikely choices get a warm background, the less likely the stronger, so the
    network's surprises stand out; confident choices (over 60 %) stay unmarked."""
    alpha = int(max(0.0, 0.6 - prob) / 0.6 * 120)
    return QColor(255, 160, 40, alpha)


class OutputView(QTextEdit):
    """Read-only text that remembers, for each generated symbol, its probabilities."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)
        self.setMouseTracking(True)
        self.starts: list[int] = []   # document position of each generated symbol
        self.info: list[tuple] = []   # (text, prob, alternatives)

    def reset(self, prime: str) -> None:
        self.clear()
        self.starts, self.info = [], []
        if prime:
            fmt = QTextCharFormat()
            fmt.setFontWeight(700)
            self.textCursor().insertText(prime, fmt)

    def append_tokens(self, tokens) -> None:
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        for tok in tokens:
            fmt = QTextCharFormat()
            fmt.setBackground(_shade(tok.prob))
            self.starts.append(cursor.position())
            self.info.append((tok.text, tok.prob, tok.alternatives))
            cursor.insertText(tok.text, fmt)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def generated_text(self) -> str:
        return "".join(t for t, _, _ in self.info)

    def token_at(self, position: int):
        i = bisect.bisect_right(self.starts, position) - 1
        if i < 0:
            return None
        text, prob, alts = self.info[i]
        if position >= self.starts[i] + len(text):
            return None
        return text, prob, alts

    def describe(self, position: int) -> str | None:
        found = self.token_at(position)
        if found is None:
            return None
        text, prob, alts = found
        show = lambda s: {" ": "␣", "\n": "↵", "\t": "⇥"}.get(s, s)  # noqa: E731
        rows = "".join(f"<tr><td>{html.escape(show(s))}</td><td align='right'>{p:.1%}</td></tr>" for s, p in alts)
        return (self.tr("<b>{sym}</b>: probability {p}").format(sym=html.escape(show(text)), p=f"{prob:.1%}")
                + (f"<br>{self.tr('Alternatives:')}<table>{rows}</table>" if alts else ""))

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            return show_tooltip(self, e, self.describe(self.cursorForPosition(e.pos()).position()))
        return super().event(e)


class SamplePage(QWidget):
    generation_failed = Signal(object)
    generation_finished = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.bundle = None
        self.task: Task | None = None
        self.stop_event = None

        self.prime = QPlainTextEdit()
        self.prime.setMaximumHeight(70)
        self.prime.setObjectName("prime")
        self.length = QSpinBox()
        self.length.setRange(1, 100000)
        self.length.setValue(500)
        self.temp_slider = QSlider(Qt.Orientation.Horizontal)
        self.temp_slider.setRange(0, 200)
        self.temp_slider.setValue(80)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.05)
        self.temperature.setValue(0.8)
        # The box reports a value only when typing is done: otherwise typing "0.3" would pass
        # through 0, move the slider, and the slider would write "0.00" back under the cursor.
        self.temperature.setKeyboardTracking(False)
        self.temp_slider.valueChanged.connect(self._on_slider)
        self.temperature.valueChanged.connect(self._on_temperature)
        self.top_k = QSpinBox()
        self.top_k.setRange(0, 100000)
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(0.01, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setValue(1.0)
        self.penalty = QDoubleSpinBox()
        self.penalty.setRange(1.0, 5.0)
        self.penalty.setSingleStep(0.05)
        self.penalty.setValue(1.0)
        self.fixed_seed = QCheckBox()
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setEnabled(False)
        self.fixed_seed.toggled.connect(self.seed.setEnabled)
        self.stops = QLineEdit()
        self.skip_unknown = QCheckBox()
        self.skip_unknown.setChecked(True)

        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generate")
        self.stop_button = QPushButton()
        self.stop_button.setEnabled(False)
        self.copy_button = QPushButton()
        self.save_button = QPushButton()
        self.compare_button = QPushButton()
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save_text)
        self.compare_button.clicked.connect(self.compare)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.copy_label = QLabel()   # the memorisation meter of what was generated
        self.copy_label.setObjectName("copyMeter")
        self.copy_label.setWordWrap(True)
        self.output = OutputView()
        self.output.setObjectName("output")

        self.controls = QGroupBox()
        form = QFormLayout(self.controls)
        temp_row = QHBoxLayout()
        temp_row.addWidget(self.temp_slider, 1)
        temp_row.addWidget(self.temperature)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.fixed_seed)
        seed_row.addWidget(self.seed, 1)
        self.form_labels = [QLabel() for _ in range(8)]
        rows = (self.prime, self.length, temp_row, self.top_k, self.top_p, self.penalty, seed_row, self.stops)
        for label, row in zip(self.form_labels, rows):
            form.addRow(label, row)
        form.addRow(self.skip_unknown)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        form.addRow(buttons)
        more = QHBoxLayout()
        more.addWidget(self.copy_button)
        more.addWidget(self.save_button)
        form.addRow(more)
        form.addRow(self.compare_button)
        form.addRow(self.status)
        form.addRow(self.copy_label)
        left = QVBoxLayout()
        left.addWidget(self.controls)
        left.addStretch(1)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.output, 3)
        self.retranslate()
        self.set_bundle(None)

    def retranslate(self) -> None:
        self.controls.setTitle(self.tr("Generate"))
        for label, text in zip(self.form_labels, (
                self.tr("Start with:"), self.tr("Length:"), self.tr("Temperature:"), self.tr("Top-k:"),
                self.tr("Top-p:"), self.tr("Repetition penalty:"), self.tr("Fixed seed:"), self.tr("Stop at:"))):
            label.setText(text)
        self.prime.setPlaceholderText(self.tr("Optional text to continue, e.g. ROMEO:"))
        self.stops.setPlaceholderText(self.tr("e.g. \\n\\n | THE END"))
        self.skip_unknown.setText(self.tr("Skip unknown symbols"))
        self.skip_unknown.setToolTip(self.tr("Symbols the model never saw are left out of the start text, and the "
                                             "symbol that stands for “some rare symbol” (�) is never written. "
                                             "Untick to see them."))
        self.generate_button.setText(self.tr("Generate"))
        self.stop_button.setText(self.tr("Stop"))
        self.copy_button.setText(self.tr("Copy"))
        self.save_button.setText(self.tr("Save text…"))
        self.compare_button.setText(self.tr("Compare temperatures…"))
        self.top_k.setSpecialValueText(self.tr("off"))
        self.length.setSuffix(self.tr(" symbols"))
        self.temperature.setToolTip(self.tr("Low: safe and repetitive. High: adventurous, more mistakes. "
                                            "0 always picks the likeliest symbol."))
        self.temp_slider.setToolTip(self.temperature.toolTip())
        self.top_k.setToolTip(self.tr("Only choose among the k likeliest symbols (0 = no limit)."))
        self.top_p.setToolTip(self.tr("Only choose among the likeliest symbols that together make up this "
                                      "much probability (1 = no limit)."))
        self.penalty.setToolTip(self.tr("Above 1, symbols used in the last 64 are made less likely, "
                                        "to avoid loops."))
        self.seed.setToolTip(self.tr("With a fixed seed the same settings always give the same text."))
        self.stops.setToolTip(self.tr("Generation ends when one of these appears; separate several with |. "
                                      "Write \\n for a line break."))
        self.output.setToolTip("")
        if self.bundle is None:
            self.status.setText(self.tr("Train a model or open one to generate text."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        if round(self.temperature.value() * 100) != value:  # not an echo of the box
            self.temperature.setValue(value / 100)

    @Slot(float)
    def _on_temperature(self, value: float) -> None:
        if self.temp_slider.value() != round(value * 100):
            self.temp_slider.blockSignals(True)
            self.temp_slider.setValue(round(value * 100))
            self.temp_slider.blockSignals(False)

    # ---- model --------------------------------------------------------------------------
    def set_bundle(self, bundle, training: bool = False) -> None:
        """The model to generate with; while training runs, the latest snapshot (each evaluation
        brings a new one), so the model can be tried at any moment."""
        self.bundle = bundle
        ok = bundle is not None
        for w in (self.generate_button, self.compare_button):
            w.setEnabled(ok and not self.running())
        if ok and training:
            step = bundle.progress.step
            self.status.setText(self.tr("Training is running: generating from the snapshot at step {step}.").format(
                step=f"{step:,}"))
        elif ok:
            self.status.setText(self.tr("Ready."))
        else:
            self.retranslate()

    def config(self, temperature: float | None = None) -> SampleConfig:
        stops = tuple(s.replace("\\n", "\n").replace("\\t", "\t") for s in
                      (part.strip() for part in self.stops.text().split("|")) if s)
        return SampleConfig(prime=self.prime.toPlainText(), length=self.length.value(),
                            temperature=round(self.temperature.value() if temperature is None else temperature, 4),
                            top_k=self.top_k.value(), top_p=round(self.top_p.value(), 4),
                            repetition_penalty=round(self.penalty.value(), 4),
                            seed=self.seed.value() if self.fixed_seed.isChecked() else None, stop=stops,
                            unknown="skip" if self.skip_unknown.isChecked() else "error",
                            write_unknown=not self.skip_unknown.isChecked())

    def running(self) -> bool:
        return self.task is not None and self.task.running()

    def _start(self, job, on_tokens) -> None:
        from ...core.control import Control
        from ...core.model.sample import Token
        self.stop_event = stop = Control()  # the same pause/stop object training uses
        worker = Worker(lambda: job(stop), frequent=(Token, tuple), interval=0.03)
        worker.emitted.connect(on_tokens)
        worker.failed.connect(self._on_failed)
        self.task = Task(worker, self)
        self.task.done.connect(self._on_done)
        self.generate_button.setEnabled(False)
        self.compare_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Generating…"))
        self.task.start()

    @Slot()
    def generate(self) -> None:
        if self.bundle is None or self.running():
            return
        cfg = self.config()
        self.output.reset(cfg.prime)
        bundle = self.bundle  # the job sees only values taken here, never the page

        def job(stop):
            from ...core.model.sample import Sampler
            yield from Sampler.from_bundle(bundle).stream(cfg, stop=stop)

        self._start(job, self._on_tokens)

    @Slot(list)
    def _on_tokens(self, tokens: list) -> None:
        self.output.append_tokens(tokens)

    @Slot(object)
    def _on_failed(self, exc) -> None:
        from ..messages import describe
        self.status.setText(describe(exc))
        self.generation_failed.emit(exc)

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        self.stop_button.setEnabled(False)
        self.generate_button.setEnabled(self.bundle is not None)
        self.compare_button.setEnabled(self.bundle is not None)
        if self.status.text() == self.tr("Generating…"):
            self.status.setText(self.tr("Done: {n} symbols.").format(n=len(self.output.info)))
        self.generation_finished.emit()

    @Slot()
    def stop(self) -> None:
        if self.stop_event is not None:
            self.stop_event.stop()

    def show_copying(self, m) -> None:
        """How much of the generated text occurs verbatim in the training text (underlined)."""
        if m is None:
            self.copy_label.setText("")
            return
        from ..views.memorisation_view import shares_text, underline_copied
        self.copy_label.setText(self.tr("Found verbatim in the training text: {shares}; longest copied span {n} "
                                        "symbols (underlined).").format(shares=shares_text(m),
                                                                        n=m.longest.length if m.longest else 0))
        underline_copied(self.output, m)

    def shutdown(self) -> None:
        self.stop()
        if self.task is not None:
            self.task.wait()

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.output.toPlainText())

    def text(self) -> str:
        return self.output.toPlainText()

    @Slot()
    def save_text(self) -> None:
        from ...core.files import atomic_write
        from .. import dialogs
        from ..messages import describe

        path = dialogs.save_file(self, self.tr("Save text"), self.tr("Text files (*.txt);;All files (*)"))
        if not path:
            return
        try:
            atomic_write(path, self.text().encode("utf-8"))
        except OSError as exc:
            dialogs.error(self, self.tr("Could not save"), describe(exc))

    # ---- compare temperatures ------------------------------------------------------------
    @Slot()
    def compare(self) -> None:
        if self.bundle is None or self.running():
            return
        dialog = self.compare_dialog = CompareDialog(self)  # the latest, for a look from outside (tests)
        base = self.config()
        if base.seed is None:
            import random
            base = base.replace(seed=random.randrange(2**31))  # one seed for all: only the temperature differs
        base = base.replace(length=min(base.length, 400))
        # one batch, a row per temperature: the weights are read once a step for all of them
        cfg = base.replace(temperatures=COMPARE_TEMPERATURES, num_samples=len(COMPARE_TEMPERATURES))
        for view in dialog.views:
            view.reset(base.prime)
        bundle = self.bundle

        def job(stop):
            from ...core.model.sample import Sampler
            for tok in Sampler.from_bundle(bundle).stream(cfg, stop=stop):
                yield (tok.sample, tok)

        self._start(job, dialog.add)
        dialog.finished.connect(self.stop)  # closing the comparison ends its generation
        dialog.show()


class CompareDialog(QDialog):
    """The same start text at several temperatures, side by side."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # each comparison is a new dialog: free the old
        self.resize(1100, 500)
        layout = QHBoxLayout(self)
        self.views, self.labels = [], []
        for t in COMPARE_TEMPERATURES:
            col = QVBoxLayout()
            self.labels.append(QLabel())
            col.addWidget(self.labels[-1])
            view = OutputView()
            col.addWidget(view, 1)
            layout.addLayout(col)
            self.views.append(view)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare temperatures"))
        for label, t in zip(self.labels, COMPARE_TEMPERATURES):
            label.setText(self.tr("Temperature {t}").format(t=t))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:   # the language switched while it is open
            self.retranslate()
        super().changeEvent(event)

    @Slot(list)
    def add(self, items: list) -> None:
        by_view: dict[int, list] = {}
        for i, tok in items:
            by_view.setdefault(i, []).append(tok)
        for i, toks in by_view.items():
            self.views[i].append_tokens(toks)
