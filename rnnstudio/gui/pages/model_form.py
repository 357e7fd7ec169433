"""The Model page's two groups of fields: the network, and how to train it. Each group builds
its fields and names them; the page reads and sets their values. Strings are translated in
ModelPage's context, written out so lupdate finds them."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit,
                               QSpinBox)

translate = QCoreApplication.translate


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


def name_items(combo: QComboBox, names: dict) -> None:
    """Show each item's (translated) name; the item's data stays the config value."""
    for i in range(combo.count()):
        combo.setItemText(i, names[combo.itemData(i)])


def _combo(keys) -> QComboBox:
    combo = QComboBox()
    for key in keys:
        combo.addItem("", key)
    return combo


class NetworkBox(QGroupBox):
    FIELDS = ("cell", "layers", "hidden", "emb", "dropout", "output_layer")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cell = _combo(("rnn_tanh", "rnn_relu", "lstm", "gru"))
        self.layers = _spin(1, 8)
        self.hidden = _spin(8, 4096, 32)
        self.emb = _spin(4, 2048, 16)
        self.dropout = _dspin(0.0, 0.9, 0.05, 2)
        self.output_layer = _combo(("full", "adaptive"))
        self.equations = QLabel()
        self.equations.setTextFormat(Qt.TextFormat.RichText)
        self.equations.setWordWrap(True)
        self.equations.setObjectName("equations")
        form = QFormLayout(self)
        self.labels = [QLabel() for _ in self.FIELDS]
        for label, name in zip(self.labels, self.FIELDS):
            form.addRow(label, getattr(self, name))
        form.addRow(self.equations)

    def retranslate(self) -> None:
        self.setTitle(translate("ModelPage", "Network"))
        name_items(self.cell, {"rnn_tanh": translate("ModelPage", "Vanilla RNN (tanh)"),
                               "rnn_relu": translate("ModelPage", "Vanilla RNN (ReLU)"),
                               "lstm": translate("ModelPage", "LSTM"), "gru": translate("ModelPage", "GRU")})
        name_items(self.output_layer, {
            "full": translate("ModelPage", "Full softmax"),
            "adaptive": translate("ModelPage", "Adaptive softmax (fast for many symbols)")})
        for label, text in zip(self.labels, (
                translate("ModelPage", "Cell:"), translate("ModelPage", "Layers:"),
                translate("ModelPage", "Hidden size:"), translate("ModelPage", "Embedding size:"),
                translate("ModelPage", "Dropout:"), translate("ModelPage", "Output layer:"))):
            label.setText(text)


class TrainingBox(QGroupBox):
    FIELDS = ("seq_len", "batch", "lr", "optimizer", "schedule", "clip", "max_steps", "max_minutes",
              "eval_interval", "eval_seconds", "seed", "device", "precision")
    ROWS = 7   # fields per column

    def __init__(self, parent=None):
        super().__init__(parent)
        self.seq_len = _spin(2, 4096, 16)
        self.batch = _spin(1, 1024, 8)
        self.lr = QLineEdit()
        self.optimizer = QComboBox()
        for key, name in (("adam", "Adam"), ("adamw", "AdamW"), ("sgd", "SGD"), ("rmsprop", "RMSprop")):
            self.optimizer.addItem(name, key)
        self.schedule = _combo(("constant", "cosine", "plateau"))
        self.clip = _dspin(0.0, 100.0, 0.5, 2)
        self.max_steps = _spin(0, 10_000_000, 100)
        self.max_minutes = _dspin(0.0, 100_000.0, 1.0, 1)
        self.eval_interval = _spin(0, 1_000_000, 50)
        self.eval_seconds = _spin(0, 86_400, 10)
        self.seed = _spin(0, 2_147_483_647)
        self.seed.setGroupSeparatorShown(False)   # a name for a run, not a quantity: 1337, not 1,337
        self.device = _combo(("auto", "cpu", "cuda", "mps"))
        self.precision = _combo(("auto", "fp32", "bf16"))
        grid = QGridLayout(self)
        self.labels = [QLabel() for _ in self.FIELDS]
        for i, (label, name) in enumerate(zip(self.labels, self.FIELDS)):
            row, col = i % self.ROWS, (i // self.ROWS) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(getattr(self, name), row, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def retranslate(self) -> None:
        self.setTitle(translate("ModelPage", "Training"))
        name_items(self.schedule, {"constant": translate("ModelPage", "Constant"),
                                   "cosine": translate("ModelPage", "Cosine with warm-up"),
                                   "plateau": translate("ModelPage", "Reduce on plateau")})
        name_items(self.device, {"auto": translate("ModelPage", "Automatic"), "cpu": translate("ModelPage", "CPU"),
                                 "cuda": translate("ModelPage", "NVIDIA GPU (CUDA)"),
                                 "mps": translate("ModelPage", "Apple GPU (MPS)")})
        name_items(self.precision, {"auto": translate("ModelPage", "Automatic"),
                                    "fp32": translate("ModelPage", "32-bit float"),
                                    "bf16": translate("ModelPage", "bfloat16 (mixed)")})
        for label, text in zip(self.labels, (
                translate("ModelPage", "Window length:"), translate("ModelPage", "Batch size:"),
                translate("ModelPage", "Learning rate:"), translate("ModelPage", "Optimiser:"),
                translate("ModelPage", "Schedule:"), translate("ModelPage", "Gradient clipping:"),
                translate("ModelPage", "Max steps:"), translate("ModelPage", "Max minutes:"),
                translate("ModelPage", "Evaluate every:"), translate("ModelPage", "… or every:"),
                translate("ModelPage", "Seed:"), translate("ModelPage", "Device:"),
                translate("ModelPage", "Precision:"))):
            label.setText(text)
        self.max_steps.setSpecialValueText(translate("ModelPage", "no limit"))
        self.max_minutes.setSpecialValueText(translate("ModelPage", "no limit"))
        self.eval_interval.setSpecialValueText(translate("ModelPage", "only at the end"))
        self.clip.setSpecialValueText(translate("ModelPage", "off"))
        self.eval_interval.setSuffix(translate("ModelPage", " steps"))
        self.eval_seconds.setSuffix(translate("ModelPage", " s"))
        self.eval_seconds.setSpecialValueText(translate("ModelPage", "steps only"))
