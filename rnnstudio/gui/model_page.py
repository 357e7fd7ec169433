"""Step 2: the network and how to train it, with what it will cost."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from ..core.config import DEFAULT_PRESET, PRESETS, ModelConfig, TrainConfig

DEFAULT_FLOPS = 2e11  # FLOP/s assumed until this computer has trained once (then measured)

EQUATIONS = {
    "rnn_tanh": "h<sub>t</sub> = tanh(W<sub>hh</sub>·h<sub>t−1</sub> + W<sub>xh</sub>·x<sub>t</sub> + b<sub>h</sub>)<br>"
                "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
    "rnn_relu": "h<sub>t</sub> = ReLU(W<sub>hh</sub>·h<sub>t−1</sub> + W<sub>xh</sub>·x<sub>t</sub> + b<sub>h</sub>)<br>"
                "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
    "lstm": "i<sub>t</sub> = σ(W<sub>xi</sub>x<sub>t</sub> + W<sub>hi</sub>h<sub>t−1</sub> + b<sub>i</sub>), "
            "f<sub>t</sub> = σ(W<sub>xf</sub>x<sub>t</sub> + W<sub>hf</sub>h<sub>t−1</sub> + b<sub>f</sub>)<br>"
            "g<sub>t</sub> = tanh(W<sub>xg</sub>x<sub>t</sub> + W<sub>hg</sub>h<sub>t−1</sub> + b<sub>g</sub>), "
            "o<sub>t</sub> = σ(W<sub>xo</sub>x<sub>t</sub> + W<sub>ho</sub>h<sub>t−1</sub> + b<sub>o</sub>)<br>"
            "c<sub>t</sub> = f<sub>t</sub> ⊙ c<sub>t−1</sub> + i<sub>t</sub> ⊙ g<sub>t</sub>, "
            "h<sub>t</sub> = o<sub>t</sub> ⊙ tanh(c<sub>t</sub>)<br>"
            "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
    "gru": "r<sub>t</sub> = σ(W<sub>xr</sub>x<sub>t</sub> + W<sub>hr</sub>h<sub>t−1</sub> + b<sub>r</sub>), "
           "z<sub>t</sub> = σ(W<sub>xz</sub>x<sub>t</sub> + W<sub>hz</sub>h<sub>t−1</sub> + b<sub>z</sub>)<br>"
           "n<sub>t</sub> = tanh(W<sub>xn</sub>x<sub>t</sub> + r<sub>t</sub> ⊙ (W<sub>hn</sub>h<sub>t−1</sub> + b<sub>hn</sub>) + b<sub>n</sub>)<br>"
           "h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ n<sub>t</sub> + z<sub>t</sub> ⊙ h<sub>t−1</sub><br>"
           "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
}


def _spin(low: int, high: int, step: int = 1) -> QSpinBox:
    s = QSpinBox()
    s.setRange(low, high)
    s.setSingleStep(step)
    s.setGroupSeparatorShown(True)
    return s


def _dspin(low: float, high: float, step: float, decimals: int) -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setRange(low, high)
    s.setSingleStep(step)
    s.setDecimals(decimals)
    return s


def _name_items(combo: QComboBox, names: dict) -> None:
    """Show each item's (translated) name; the item's data stays the config value."""
    for i in range(combo.count()):
        combo.setItemText(i, names[combo.itemData(i)])


def human_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class ModelPage(QWidget):
    validity_changed = Signal(bool, str)   # can training start, and if not, why
    changed = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.vocab_size = 0
        self.locked_shape = False   # continuing an opened model: its shape is fixed
        self._base_train = TrainConfig()
        self._applying = False

        self.preset = QComboBox()
        for key in PRESETS:
            self.preset.addItem("", key)
        self.preset.addItem("", "custom")
        self.preset_note = QLabel()
        self.preset_note.setWordWrap(True)

        self.cell = QComboBox()
        for key in ("rnn_tanh", "rnn_relu", "lstm", "gru"):
            self.cell.addItem("", key)
        self.layers = _spin(1, 8)
        self.hidden = _spin(8, 4096, 32)
        self.emb = _spin(4, 2048, 16)
        self.dropout = _dspin(0.0, 0.9, 0.05, 2)
        self.equations = QLabel()
        self.equations.setTextFormat(Qt.TextFormat.RichText)
        self.equations.setWordWrap(True)
        self.equations.setObjectName("equations")

        self.seq_len = _spin(2, 4096, 16)
        self.batch = _spin(1, 1024, 8)
        self.lr = QLineEdit()
        self.optimizer = QComboBox()
        for key in ("adam", "adamw", "sgd", "rmsprop"):
            self.optimizer.addItem(key.replace("adamw", "AdamW").replace("adam", "Adam").replace("sgd", "SGD")
                                   .replace("rmsprop", "RMSprop"), key)
        self.schedule = QComboBox()
        for key in ("constant", "cosine", "plateau"):
            self.schedule.addItem("", key)
        self.clip = _dspin(0.0, 100.0, 0.5, 2)
        self.max_steps = _spin(0, 10_000_000, 100)
        self.max_minutes = _dspin(0.0, 100_000.0, 1.0, 1)
        self.eval_interval = _spin(0, 1_000_000, 50)
        self.seed = _spin(0, 2_147_483_647)
        self.device = QComboBox()
        for key in ("auto", "cpu", "cuda", "mps"):
            self.device.addItem("", key)
        self.precision = QComboBox()
        for key in ("auto", "fp32", "bf16"):
            self.precision.addItem("", key)

        self.params_label = QLabel()
        self.speed_label = QLabel()
        self.speed_label.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setObjectName("problem")

        self.net_box = QGroupBox()
        net = QFormLayout(self.net_box)
        self.net_labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.net_labels, (self.cell, self.layers, self.hidden, self.emb, self.dropout)):
            net.addRow(label, field)
        net.addRow(self.equations)

        self.train_box = QGroupBox()
        tr_grid = QGridLayout(self.train_box)
        fields = (self.seq_len, self.batch, self.lr, self.optimizer, self.schedule, self.clip, self.max_steps,
                  self.max_minutes, self.eval_interval, self.seed, self.device, self.precision)
        self.train_labels = [QLabel() for _ in fields]
        for i, (label, field) in enumerate(zip(self.train_labels, fields)):
            row, col = i % 6, (i // 6) * 2
            tr_grid.addWidget(label, row, col)
            tr_grid.addWidget(field, row, col + 1)
        tr_grid.setColumnStretch(1, 1)
        tr_grid.setColumnStretch(3, 1)

        self.cost_box = QGroupBox()
        cost = QVBoxLayout(self.cost_box)
        cost.addWidget(self.params_label)
        cost.addWidget(self.speed_label)
        cost.addWidget(self.problem)

        top = QHBoxLayout()
        self.preset_label = QLabel()
        top.addWidget(self.preset_label)
        top.addWidget(self.preset)
        top.addWidget(self.preset_note, 1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(self.net_box, 1)
        row.addWidget(self.train_box, 2)
        layout.addLayout(row)
        layout.addWidget(self.cost_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.retranslate()
        self.apply_preset(DEFAULT_PRESET)
        self.preset.currentIndexChanged.connect(self._on_preset)
        for w in (self.layers, self.hidden, self.emb, self.seq_len, self.batch, self.max_steps, self.eval_interval,
                  self.seed):
            w.valueChanged.connect(self._on_edit)
        for w in (self.dropout, self.clip, self.max_minutes):
            w.valueChanged.connect(self._on_edit)
        for w in (self.cell, self.optimizer, self.schedule, self.device, self.precision):
            w.currentIndexChanged.connect(self._on_edit)
        self.lr.textChanged.connect(self._on_edit)
        self.refresh()

    # ---- text ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {"tiny": self.tr("Tiny"), "small": self.tr("Small (default)"), "medium": self.tr("Medium"),
                 "large": self.tr("Large"), "custom": self.tr("Custom")}
        _name_items(self.preset, names)
        cells = {"rnn_tanh": self.tr("Vanilla RNN (tanh)"), "rnn_relu": self.tr("Vanilla RNN (ReLU)"),
                 "lstm": self.tr("LSTM"), "gru": self.tr("GRU")}
        _name_items(self.cell, cells)
        schedules = {"constant": self.tr("Constant"), "cosine": self.tr("Cosine with warm-up"),
                     "plateau": self.tr("Reduce on plateau")}
        _name_items(self.schedule, schedules)
        devices = {"auto": self.tr("Automatic"), "cpu": self.tr("CPU"), "cuda": self.tr("NVIDIA GPU (CUDA)"),
                   "mps": self.tr("Apple GPU (MPS)")}
        _name_items(self.device, devices)
        precisions = {"auto": self.tr("Automatic"), "fp32": self.tr("32-bit float"), "bf16": self.tr("bfloat16 (mixed)")}
        _name_items(self.precision, precisions)
        self.preset_label.setText(self.tr("Preset:"))
        self.net_box.setTitle(self.tr("Network"))
        self.train_box.setTitle(self.tr("Training"))
        self.cost_box.setTitle(self.tr("Cost"))
        for label, text in zip(self.net_labels, (self.tr("Cell:"), self.tr("Layers:"), self.tr("Hidden size:"),
                                                 self.tr("Embedding size:"), self.tr("Dropout:"))):
            label.setText(text)
        for label, text in zip(self.train_labels, (
                self.tr("Window length:"), self.tr("Batch size:"), self.tr("Learning rate:"), self.tr("Optimiser:"),
                self.tr("Schedule:"), self.tr("Gradient clipping:"), self.tr("Max steps:"),
                self.tr("Max minutes:"), self.tr("Evaluate every:"), self.tr("Seed:"), self.tr("Device:"),
                self.tr("Precision:"))):
            label.setText(text)
        self.max_steps.setSpecialValueText(self.tr("no limit"))
        self.max_minutes.setSpecialValueText(self.tr("no limit"))
        self.eval_interval.setSpecialValueText(self.tr("only at the end"))
        self.clip.setSpecialValueText(self.tr("off"))
        self.eval_interval.setSuffix(self.tr(" steps"))
        tips = {
            self.preset: self.tr("Ready-made sizes. Small trains well on an ordinary laptop in a few minutes."),
            self.cell: self.tr("The kind of recurrent unit. LSTM and GRU remember longer and train more reliably "
                               "than a vanilla RNN."),
            self.layers: self.tr("How many recurrent layers are stacked. More layers learn more complex "
                                 "patterns but train slower."),
            self.hidden: self.tr("The size of each layer's memory. Bigger remembers more, costs more."),
            self.emb: self.tr("How many numbers describe each symbol on its way into the network."),
            self.dropout: self.tr("Randomly silences this fraction of connections while training, so the "
                                  "network does not just memorise the text. 0 turns it off."),
            self.seq_len: self.tr("How many symbols the network reads before it learns from its mistakes. "
                                  "Longer windows teach longer-range patterns."),
            self.batch: self.tr("How many pieces of text are read side by side in each step."),
            self.lr: self.tr("How big each learning step is. Too high and training blows up; too low and it "
                             "crawls. Written like 0.003 or 3e-3."),
            self.optimizer: self.tr("The rule that turns mistakes into weight changes. Adam is a safe choice."),
            self.schedule: self.tr("How the learning rate changes over time. Cosine starts gently, then "
                                   "slows down towards the end of the step or time limit."),
            self.clip: self.tr("Caps the size of each update, so one bad step cannot wreck the network."),
            self.max_steps: self.tr("Stop after this many steps (0 = no step limit)."),
            self.max_minutes: self.tr("Stop after this much training time (0 = no time limit)."),
            self.eval_interval: self.tr("How often to measure the loss on text held back from training, "
                                        "save a checkpoint and show a sample."),
            self.seed: self.tr("The starting point of the random numbers: the same seed and settings give "
                               "the same training run."),
            self.device: self.tr("Where to train. Automatic uses a GPU when there is one."),
            self.precision: self.tr("bfloat16 roughly doubles speed on recent CPUs and GPUs at the same "
                                    "quality. Automatic uses it where the hardware supports it."),
        }
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- presets and values ------------------------------------------------------------
    def apply_preset(self, key: str) -> None:
        if key not in PRESETS:
            return
        p = PRESETS[key]
        self._applying = True
        try:
            if not self.locked_shape:
                self._set_model(p.model)
            self._set_train(p.train)
            self.preset.setCurrentIndex(self.preset.findData(key))
        finally:
            self._applying = False
        self.refresh()

    def _set_model(self, m: ModelConfig) -> None:
        self.cell.setCurrentIndex(self.cell.findData(m.cell))
        self.layers.setValue(m.layers)
        self.hidden.setValue(m.hidden_size)
        self.emb.setValue(m.emb_size)
        self.dropout.setValue(m.dropout)

    def _set_train(self, t: TrainConfig) -> None:
        self.seq_len.setValue(t.seq_len)
        self.batch.setValue(t.batch_size)
        self.lr.setText(f"{t.lr:g}")
        self.optimizer.setCurrentIndex(self.optimizer.findData(t.optimizer))
        self.schedule.setCurrentIndex(self.schedule.findData(t.schedule))
        self.clip.setValue(t.clip)
        self.max_steps.setValue(t.max_steps)
        self.max_minutes.setValue(t.max_seconds / 60)
        self.eval_interval.setValue(t.eval_interval)
        self.seed.setValue(t.seed)
        self.device.setCurrentIndex(self.device.findData(t.device))
        self.precision.setCurrentIndex(self.precision.findData(t.precision))
        self._base_train = t   # fields the page does not show keep their values

    def set_model_locked(self, model: ModelConfig | None, train: TrainConfig | None = None) -> None:
        """Continuing an opened model: show its shape and keep it fixed."""
        self.locked_shape = model is not None
        for w in (self.cell, self.layers, self.hidden, self.emb, self.dropout):
            w.setEnabled(model is None)
        if model is not None:
            self._applying = True
            self._set_model(model)
            if train is not None:
                self._set_train(train)
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self._applying = False
        self.refresh()

    def model_config(self) -> ModelConfig:
        return ModelConfig(cell=self.cell.currentData(), vocab_size=self.vocab_size, emb_size=self.emb.value(),
                           hidden_size=self.hidden.value(), layers=self.layers.value(),
                           dropout=round(self.dropout.value(), 4))

    def _lr(self) -> float | None:
        try:
            value = float(self.lr.text().strip().replace(",", "."))
        except ValueError:
            return None
        return value if 0 < value <= 10 else None

    def train_config(self) -> TrainConfig:
        lr = self._lr()
        if lr is None:
            raise ValueError(self.tr("The learning rate must be a number above 0 and at most 10, like 0.003."))
        if self.max_steps.value() == 0 and self.max_minutes.value() == 0:
            raise ValueError(self.tr("Set a step limit, a time limit, or both."))
        base = self._base_train
        return base.replace(
            seq_len=self.seq_len.value(), batch_size=self.batch.value(), lr=lr,
            optimizer=self.optimizer.currentData(), schedule=self.schedule.currentData(),
            clip=round(self.clip.value(), 4), max_steps=self.max_steps.value(),
            max_seconds=round(self.max_minutes.value() * 60, 1), eval_interval=self.eval_interval.value(),
            seed=self.seed.value(), device=self.device.currentData(), precision=self.precision.currentData())

    # ---- reacting ------------------------------------------------------------------------
    @Slot()
    def _on_preset(self) -> None:
        if not self._applying:
            self.apply_preset(self.preset.currentData())

    @Slot()
    def _on_edit(self) -> None:
        if not self._applying and self.preset.currentData() != "custom":
            self._applying = True
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self._applying = False
        self.refresh()
        self.changed.emit()

    def set_vocab_size(self, size: int) -> None:
        self.vocab_size = size
        self.refresh()

    def refresh(self) -> None:
        key = self.preset.currentData()
        self.preset_note.setText({
            "tiny": self.tr("One layer of 128: trains in seconds, for a first look."),
            "small": self.tr("Two layers of 256: good text in a few minutes on a laptop."),
            "medium": self.tr("Two layers of 512: better text, wants half an hour or more."),
            "large": self.tr("Three layers of 768: best with a GPU or hours to spare."),
        }.get(key, self.tr("Your own settings.")))
        self.equations.setText(EQUATIONS.get(self.cell.currentData(), ""))
        model = self.model_config()
        params = model.parameter_count(self.vocab_size or 65)
        note = "" if self.vocab_size else self.tr(" (for a 65-symbol vocabulary; open a corpus for the exact figure)")
        self.params_label.setText(self.tr("Parameters: {n}").format(n=f"{params:,}") + note)
        problem = ""
        try:
            tc = self.train_config()
        except ValueError as exc:
            problem, tc = str(exc), None
        self.lr.setStyleSheet("" if self._lr() is not None else "border: 1px solid #b00020;")
        flops = self.settings.get("calibration/flops", DEFAULT_FLOPS) if self.settings else DEFAULT_FLOPS
        sps = flops / max(1, model.flops_per_symbol(self.vocab_size or 65))
        text = self.tr("Estimated speed on this computer: about {sps} symbols/s").format(sps=f"{sps:,.0f}")
        if tc is not None:
            per_step = tc.batch_size * tc.seq_len / sps
            budget = []
            if tc.max_steps:
                budget.append(tc.max_steps * per_step)
            if tc.max_seconds:
                budget.append(tc.max_seconds)
            text += self.tr("; one step ≈ {step}; the whole run ≈ {total}.").format(
                step=f"{per_step * 1000:,.0f} ms", total=human_duration(min(budget)))
        self.speed_label.setText(text)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.validity_changed.emit(not problem, problem)

    def problem_text(self) -> str:
        return self.problem.text()

    # ---- settings --------------------------------------------------------------------------
    def save_state(self, settings) -> None:
        settings.set("model/preset", self.preset.currentData())
        settings.set("model/config", self.model_config().to_dict())
        try:
            settings.set("model/train", self.train_config().to_dict())
        except ValueError:
            pass

    def restore_state(self, settings) -> None:
        key = settings.get("model/preset", DEFAULT_PRESET)
        if key in PRESETS:
            self.apply_preset(key)
            return
        try:
            model = ModelConfig.from_dict(settings.get("model/config", {}))
            train = TrainConfig.from_dict(settings.get("model/train", {}))
        except (TypeError, ValueError):
            return   # unreadable: keep the defaults
        self._applying = True
        self._set_model(model)
        self._set_train(train)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self._applying = False
        self.refresh()
