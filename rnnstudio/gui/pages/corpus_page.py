"""Step 1: the text to learn from. Loading runs in a worker thread."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ..bundled import SAMPLE_CORPORA, resource, sample_name
from ..views.lazy_plot import PlotSlot, pyqtgraph
from ...core.config import TOKENIZERS
from ..workers import Task, Worker

ENCODINGS = ("", "utf-8", "utf-16", "gb18030", "big5", "shift_jis", "euc-kr", "cp1252", "latin-1", "koi8-r")


def visible_symbol(s: str) -> str:
    return {" ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍"}.get(s, s)


class CorpusPage(QWidget):
    loaded = Signal(object)      # the Corpus
    failed = Signal(object)      # the exception
    open_file_requested = Signal()
    open_folder_requested = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.paths: list[str] | None = None
        self.task: Task | None = None
        self._pending = None
        self.corpus = None

        self.hint = QLabel()
        self.hint.setObjectName("dropHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("QLabel#dropHint { border: 2px dashed #9aa5b1; border-radius: 8px; padding: 14px;"
                                " color: #3e4c59; font-size: 11pt; }")
        self.open_file_button = QPushButton()
        self.open_folder_button = QPushButton()
        self.sample_buttons = {}
        for name in SAMPLE_CORPORA:
            self.sample_buttons[name] = QPushButton()
            self.sample_buttons[name].setObjectName(f"sample_{name}")
            self.sample_buttons[name].clicked.connect(partial(self._on_sample, name))
        self.open_file_button.clicked.connect(self.open_file_requested)
        self.open_folder_button.clicked.connect(self.open_folder_requested)

        self.encoding = QComboBox()
        for enc in ENCODINGS:
            self.encoding.addItem(enc, enc)
        self.tokenizer = QComboBox()
        for kind in TOKENIZERS:
            self.tokenizer.addItem("", kind)
        self.min_count = QSpinBox()
        self.min_count.setRange(0, 100000)  # 0: chosen from the text
        self.min_count.setValue(0)
        self.val_split = QDoubleSpinBox()
        self.val_split.setRange(1, 50)
        self.val_split.setDecimals(1)
        self.val_split.setValue(10)
        self.val_split.setSuffix(" %")
        for w in (self.encoding, self.tokenizer):
            w.currentIndexChanged.connect(self.reload)
        self.min_count.editingFinished.connect(self.reload)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("corpusStatus")
        self.stats_box = QGroupBox()
        self.stats_form = QFormLayout(self.stats_box)
        self.stat_labels = {}
        self.stat_names = {}
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.coverage.setObjectName("coverage")
        for key in ("name", "files", "encoding", "size", "characters", "symbols", "vocab", "unknown"):
            self.stat_names[key] = QLabel()
            self.stat_labels[key] = QLabel("—")
            self.stat_labels[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.stats_form.addRow(self.stat_names[key], self.stat_labels[key])

        # made when the first text is drawn: pyqtgraph is not imported before the window shows
        self.chart_slot = PlotSlot(self._setup_chart, on_show=False)
        self.chart_slot.setMinimumHeight(160)
        self.bars = None

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAcceptDrops(False)  # drops go to the window
        self.preview.setObjectName("preview")

        self.options_box = QGroupBox()
        options = QFormLayout(self.options_box)
        self.option_labels = [QLabel() for _ in range(4)]
        for label, w in zip(self.option_labels, (self.encoding, self.tokenizer, self.min_count, self.val_split)):
            options.addRow(label, w)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addSpacing(20)
        self.samples_label = QLabel()
        buttons.addWidget(self.samples_label)
        for b in self.sample_buttons.values():
            buttons.addWidget(b)
        buttons.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.options_box)
        left.addWidget(self.coverage)
        left.addWidget(self.stats_box)
        left.addStretch(1)
        right = QVBoxLayout()
        self.chart_label = QLabel()
        right.addWidget(self.chart_label)
        right.addWidget(self.chart_slot, 2)
        self.preview_label = QLabel()
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 3)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(columns, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Drop a text file, several files or a folder anywhere on this window — "
                                  "or start with a sample."))
        self.open_file_button.setText(self.tr("Open text file…"))
        self.open_folder_button.setText(self.tr("Open folder…"))
        self.samples_label.setText(self.tr("Samples:"))
        for key, b in self.sample_buttons.items():
            b.setText(sample_name(key))
        self.encoding.setItemText(0, self.tr("Detect automatically"))
        self.tokenizer.setItemText(0, self.tr("Characters"))
        self.tokenizer.setItemText(1, self.tr("Words and punctuation"))
        self.options_box.setTitle(self.tr("Reading"))
        for label, text in zip(self.option_labels, (self.tr("Encoding:"), self.tr("Symbols are:"),
                                                    self.tr("Rare-symbol threshold:"), self.tr("Validation split:"))):
            label.setText(text)
        self.encoding.setToolTip(self.tr("How the file's bytes map to characters. Detection is usually right; "
                                         "pick one if the preview shows garbled text."))
        self.tokenizer.setToolTip(self.tr("Characters work for every language, Chinese included. Words suit "
                                          "languages written with spaces and large texts."))
        self.min_count.setToolTip(self.tr("Symbols seen fewer times than this become one “unknown” symbol. "
                                          "Useful for Chinese, which has thousands of rare characters. "
                                          "Automatic keeps every symbol of a small alphabet, and of a large one "
                                          "the symbols that make up 99.5 % of the text."))
        self.min_count.setSpecialValueText(self.tr("Automatic"))
        self.val_split.setToolTip(self.tr("The last part of the text is held back to measure how well the "
                                          "network writes text it has not seen."))
        self.stats_box.setTitle(self.tr("Statistics"))
        for key, text in (("name", self.tr("Name:")), ("files", self.tr("Files:")), ("encoding", self.tr("Encoding:")),
                          ("size", self.tr("Size:")), ("characters", self.tr("Characters:")),
                          ("symbols", self.tr("Symbols:")), ("vocab", self.tr("Vocabulary:")),
                          ("unknown", self.tr("Unknown symbols:"))):
            self.stat_names[key].setText(text)
        self.chart_label.setText(self.tr("Most frequent symbols"))
        self.preview_label.setText(self.tr("Preview"))
        if self.task is None and self.corpus is None:
            self.status.setText(self.tr("No text yet."))
        self._show_coverage()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- loading -------------------------------------------------------------------------
    def options(self) -> dict:
        return {"encoding": self.encoding.currentData() or None, "tokenizer": self.tokenizer.currentData(),
                "min_count": self.min_count.value()}

    def val_fraction(self) -> float:
        return round(self.val_split.value() / 100, 4)

    def _on_sample(self, name: str, _checked: bool = False) -> None:
        # the name comes with the signal: self.sender() can be None in PySide6 6.12
        self.load([str(resource("corpora", name))])

    def load(self, paths: list[str]) -> None:
        """Read and encode in the background; ``loaded`` or ``failed`` follows."""
        if self.task is not None:
            self._pending = paths  # the latest request wins; it starts when this load ends
            return
        paths = self.paths = list(paths)  # the job reads its own copy, never the page
        opts = self.options()

        def job():
            from ...core.data.corpus import load_corpus  # torch comes in with it, off the GUI thread
            corpus = load_corpus(paths, **opts)
            corpus.stats()  # torch maths stay off the GUI thread: there they slowed every later training thread
            corpus.unigram_entropy()
            corpus.hash  # noqa: B018  (computed here, off the GUI thread, and cached)
            yield corpus

        self.status.setText(self.tr("Reading {name}…").format(name=", ".join(p.split("/")[-1] for p in paths)))
        worker = Worker(job)
        worker.emitted.connect(self._on_loaded)
        worker.failed.connect(self._on_failed)
        self.task = Task(worker, self)
        self.task.done.connect(self._on_done)
        self.task.start()

    @Slot()
    def reload(self) -> None:
        if self.paths:
            self.load(self.paths)

    @Slot(list)
    def _on_loaded(self, items: list) -> None:
        self.show_corpus(items[-1])
        self.loaded.emit(items[-1])

    @Slot(object)
    def _on_failed(self, exc) -> None:
        from ..messages import describe
        self.status.setText(describe(exc))
        self.failed.emit(exc)

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        pending, self._pending = self._pending, None
        if pending is not None:
            self.load(pending)

    def show_corpus(self, corpus) -> None:
        self.corpus = corpus
        st = corpus.stats(top=20)
        self.status.setText(self.tr("Ready: {name}").format(name=st.name))
        if corpus.replaced:
            self.status.setText(self.status.text() + " — " + self.tr(
                "{n} undecodable byte(s) were read as �; the first at {where}.").format(
                n=f"{corpus.replaced:,}", where=corpus.first_bad))
        values = {"name": st.name, "files": f"{st.files:,}", "encoding": st.encoding,
                  "size": f"{st.size_bytes / 1024:,.1f} KiB" if st.size_bytes < 2**20 else
                  f"{st.size_bytes / 2**20:,.1f} MiB",
                  "characters": f"{st.characters:,}", "symbols": f"{st.symbols:,}", "vocab": f"{st.vocab_size:,}",
                  "unknown": f"{st.unknown:,}"}
        for key, value in values.items():
            self.stat_labels[key].setText(value)
        self.preview.setPlainText(corpus.preview)
        self._draw_chart(st.most_common)
        self._show_coverage()

    def _show_coverage(self) -> None:
        corpus = self.corpus
        if corpus is None:
            self.coverage.clear()
            return
        tok = corpus.tokenizer
        if tok.has_unk:
            from ...core.data.tokenizer import UNK_TEXT
            self.coverage.setText(self.tr("{kept} symbols cover {share} of the text; {rare} rarer ones become {unk} "
                                          "(threshold: seen at least {n} times).").format(
                kept=f"{len(tok.symbols):,}", share=f"{tok.coverage():.2%}",
                rare=f"{corpus.distinct - len(tok.symbols):,}", unk=UNK_TEXT, n=tok.min_count))
        else:
            self.coverage.setText(self.tr("All {n} distinct symbols are kept.").format(n=f"{tok.vocab_size:,}"))

    @staticmethod
    def _setup_chart(chart) -> None:
        chart.setBackground("w")
        chart.setMouseEnabled(x=False, y=False)
        chart.hideButtons()

    @property
    def chart(self):
        return self.chart_slot.plot()

    def _draw_chart(self, common) -> None:
        pg = pyqtgraph()

        self.chart.clear()
        if not common:
            return
        xs = list(range(len(common)))
        heights = [n for _, n in common]
        self.bars = pg.BarGraphItem(x=xs, height=heights, width=0.7, brush="#3b82f6")
        self.chart.addItem(self.bars)
        axis = self.chart.getAxis("bottom")
        axis.setTicks([[(i, visible_symbol(s)) for i, (s, _) in enumerate(common)]])
        font = QFont()
        font.setPointSize(10)
        axis.setStyle(tickFont=font)
        self.chart.setXRange(-0.6, len(common) - 0.4, padding=0)
        self.chart.setYRange(0, max(heights) * 1.05, padding=0)

    def busy(self) -> bool:
        return self.task is not None and self.task.running()

    def shutdown(self) -> None:
        if self.task is not None:
            self.task.wait()
