"""Step 2: the network and how to train it, with what it will cost."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...core.config import PRESETS, ModelConfig, TrainConfig
from ..views.equations import EQUATIONS
from .model_form import NetworkBox, TrainingBox, name_items
from .model_texts import model_tips, reasons_html, speed_text
from ..messages import Invalid, describe
from ..speed_meter import SpeedMeter

AUTO = "auto"              # the default preset: Small, fitted to the loaded text (core/training/autoconfig.py)
MEASURE_DELAY_MS = 700     # settings must rest this long before their speed is measured


class ModelPage(QWidget):
    validity_changed = Signal(bool, str)   # can training start, and if not, why
    changed = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.vocab_size = 0
        self.corpus = None          # the loaded text, for fitting settings and measuring speed
        self.reasons = ()           # why the automatic preset chose what it did
        self.locked_shape = False   # continuing an opened model: its shape is fixed
        self.locked_model = None
        self.measured = None        # (settings key, SpeedEstimate) of the last measurement
        self.meter = SpeedMeter(self)
        self.meter.measured.connect(self._on_measured)
        self.meter.failed.connect(self._on_measured)   # the failure is shown in its place
        self._measure_timer = QTimer(self)
        self._measure_timer.setSingleShot(True)
        self._measure_timer.setInterval(MEASURE_DELAY_MS)
        self._measure_timer.timeout.connect(self.measure)
        self._base_train = TrainConfig()
        self._applying = False

        self.preset = QComboBox()
        self.preset.addItem("", AUTO)
        for key in PRESETS:
            self.preset.addItem("", key)
        self.preset.addItem("", "custom")
        self.preset_note = QLabel()
        self.preset_note.setWordWrap(True)

        self.net_box = NetworkBox()
        self.train_box = TrainingBox()
        for box in (self.net_box, self.train_box):   # the page reads and sets the fields by name
            for name in box.FIELDS:
                setattr(self, name, getattr(box, name))
        self.equations = self.net_box.equations

        self.params_label = QLabel()
        self.speed_label = QLabel()
        self.speed_label.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setObjectName("problem")

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
        self.apply_preset(AUTO)
        self.preset.currentIndexChanged.connect(self._on_preset)
        # What a preset chooses: editing it makes the settings "custom" ...
        for w in (self.layers, self.hidden, self.emb, self.seq_len, self.batch, self.dropout, self.clip):
            w.valueChanged.connect(self._on_edit)
        for w in (self.cell, self.optimizer, self.schedule, self.output_layer):
            w.currentIndexChanged.connect(self._on_edit)
        self.lr.textChanged.connect(self._on_edit)
        # ... while the budget, the evaluations, the seed and the device are the run's, not the preset's
        for w in (self.max_steps, self.max_minutes, self.eval_interval, self.eval_seconds, self.seed):
            w.valueChanged.connect(self._on_run_edit)
        for w in (self.device, self.precision):
            w.currentIndexChanged.connect(self._on_run_edit)
        self.refresh()

    # ---- text ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {AUTO: self.tr("Fitted to this text (default)"), "tiny": self.tr("Tiny"), "small": self.tr("Small"),
                 "medium": self.tr("Medium"),
                 "large": self.tr("Large"), "custom": self.tr("Custom")}
        name_items(self.preset, names)
        self.preset_label.setText(self.tr("Preset:"))
        self.net_box.retranslate()
        self.train_box.retranslate()
        self.cost_box.setTitle(self.tr("Cost"))
        tips = model_tips(self)
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- presets and values ------------------------------------------------------------
    def apply_preset(self, key: str) -> None:
        if key == AUTO:
            model, train, self.reasons = self._fitted()
        elif key in PRESETS:
            model, train, self.reasons = PRESETS[key].model, PRESETS[key].train, ()
            if self.corpus is not None:
                from ...core.training.autoconfig import adaptive_cutoffs
                model = model.replace(cutoffs=adaptive_cutoffs(self.corpus.tokenizer.counts, self.vocab_size))
        else:
            return
        self._applying = True
        try:
            if not self.locked_shape:
                self._set_model(model)
            self._set_train(train)
            self.preset.setCurrentIndex(self.preset.findData(key))
        finally:
            self._applying = False
        self.refresh()

    def _fitted(self):
        from ...core.config import DEFAULT_PRESET
        if self.corpus is None:
            p = PRESETS[DEFAULT_PRESET]
            return p.model, p.train, ()
        from ...core.training.autoconfig import suggest
        fitted = suggest(self.corpus)
        return fitted.model, fitted.train, fitted.reasons

    def _set_model(self, m: ModelConfig) -> None:
        self.cell.setCurrentIndex(self.cell.findData(m.cell))
        self.layers.setValue(m.layers)
        self.hidden.setValue(m.hidden_size)
        self.emb.setValue(m.emb_size)
        self.dropout.setValue(m.dropout)
        self.output_layer.setCurrentIndex(self.output_layer.findData("adaptive" if m.cutoffs else "full"))

    def _set_train(self, t: TrainConfig) -> None:
        self.seq_len.setValue(t.seq_len)
        self.batch.setValue(t.batch_size)
        self.lr.setText(f"{t.lr:g}")
        self.optimizer.setCurrentIndex(self.optimizer.findData(t.optimizer))
        self.schedule.setCurrentIndex(self.schedule.findData(t.schedule))
        self.clip.setValue(t.clip)
        self._set_run_fields(t)
        self._base_train = t   # fields the page does not show keep their values

    def _set_run_fields(self, t: TrainConfig) -> None:
        """The run's own fields: budget, evaluations, seed, device (no preset sets them apart)."""
        self.max_steps.setValue(t.max_steps)
        self.max_minutes.setValue(t.max_seconds / 60)
        self.eval_interval.setValue(t.eval_interval)
        self.eval_seconds.setValue(round(t.eval_seconds))
        self.seed.setValue(t.seed)
        self.device.setCurrentIndex(self.device.findData(t.device))
        self.precision.setCurrentIndex(self.precision.findData(t.precision))

    def set_model_locked(self, model: ModelConfig | None, train: TrainConfig | None = None) -> None:
        """Continuing an opened model: show its shape and keep it fixed."""
        self.locked_shape = model is not None
        self.locked_model = model
        for w in (self.cell, self.layers, self.hidden, self.emb, self.dropout, self.output_layer):
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
        cutoffs = ()
        if self.output_layer.currentData() == "adaptive" and self.corpus is not None:
            from ...core.training.autoconfig import adaptive_cutoffs
            cutoffs = adaptive_cutoffs(self.corpus.tokenizer.counts, self.vocab_size, force=True)
        return ModelConfig(cell=self.cell.currentData(), vocab_size=self.vocab_size, emb_size=self.emb.value(),
                           hidden_size=self.hidden.value(), layers=self.layers.value(),
                           dropout=round(self.dropout.value(), 4), cutoffs=cutoffs)

    def _lr(self) -> float | None:
        try:
            value = float(self.lr.text().strip().replace(",", "."))
        except ValueError:
            return None
        return value if 0 < value <= 10 else None

    def train_config(self) -> TrainConfig:
        lr = self._lr()
        if lr is None:
            raise Invalid(self.tr("The learning rate must be a number above 0 and at most 10, like 0.003."))
        if self.max_steps.value() == 0 and self.max_minutes.value() == 0:
            raise Invalid(self.tr("Set a step limit, a time limit, or both."))
        base = self._base_train
        return base.replace(
            seq_len=self.seq_len.value(), batch_size=self.batch.value(), lr=lr,
            optimizer=self.optimizer.currentData(), schedule=self.schedule.currentData(),
            clip=round(self.clip.value(), 4), max_steps=self.max_steps.value(),
            max_seconds=round(self.max_minutes.value() * 60, 1), eval_interval=self.eval_interval.value(),
            eval_seconds=float(self.eval_seconds.value()),
            first_eval_seconds=float(min(base.first_eval_seconds or 20.0, self.eval_seconds.value())),
            seed=self.seed.value(), device=self.device.currentData(), precision=self.precision.currentData())

    # ---- reacting ------------------------------------------------------------------------
    @Slot()
    def _on_preset(self) -> None:
        if not self._applying:
            self.apply_preset(self.preset.currentData())

    @Slot()
    def _on_run_edit(self) -> None:
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_edit(self) -> None:
        if not self._applying and self.preset.currentData() != "custom":
            self._applying = True
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self._applying = False
        self.refresh()
        self.changed.emit()

    def set_corpus(self, corpus) -> None:
        """A text was loaded: the automatic preset fits itself to it, and speed is measured on it."""
        self.corpus = corpus
        self.vocab_size = corpus.tokenizer.vocab_size if corpus is not None else 0
        self.measured = None
        key = self.preset.currentData()
        if key == AUTO or (key in PRESETS and not self.locked_shape):
            self.apply_preset(key)   # a preset's output layer depends on the vocabulary too
        else:
            self.refresh()

    def refresh(self) -> None:
        key = self.preset.currentData()
        self.preset_note.setText({
            "tiny": self.tr("One layer of 128: trains in seconds, for a first look."),
            "small": self.tr("Two layers of 256: good text in a few minutes on a laptop."),
            "medium": self.tr("Two layers of 512: better text, wants half an hour or more."),
            "large": self.tr("Three layers of 768: best with a GPU or hours to spare."),
            # the fitted network differs with the text (one GRU layer for Chinese): the fields and
            # the reasons below say which
            AUTO: self.tr("Fitted to the text: good text in a few minutes on a laptop."),
        }.get(key, self.tr("Your own settings.")) + self._reasons_html())
        self.equations.setText(EQUATIONS.get(self.cell.currentData(), ""))
        model = self.model_config()
        params = model.parameter_count(self.vocab_size or 65)
        note = "" if self.vocab_size else self.tr(" (for a 65-symbol vocabulary; open a corpus for the exact figure)")
        self.params_label.setText(self.tr("Parameters: {n}").format(n=f"{params:,}") + note)
        problem = ""
        try:
            tc = self.train_config()
        except ValueError as exc:
            problem, tc = describe(exc), None
        self.lr.setStyleSheet("" if self._lr() is not None else "border: 1px solid #b00020;")
        text = self._speed_text(model, tc)
        self.speed_label.setText(text)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.validity_changed.emit(not problem, problem)

        if not problem and not self._measured_now(model, tc) and self.isVisible():
            self._measure_timer.start()   # once per distinct setting: a result must not start the next

    def _reasons_html(self) -> str:
        return reasons_html(self.reasons) if self.preset.currentData() == AUTO else ""

    # ---- measured speed ----------------------------------------------------------------------
    def _settings_key(self, model, tc) -> tuple:
        return (model, tc.batch_size, tc.seq_len, tc.device, tc.precision, tc.val_fraction, id(self.corpus))

    def _measured_now(self, model, tc) -> bool:
        return (self.corpus is not None and tc is not None and self.measured is not None
                and self.measured[0] == self._settings_key(model, tc))

    def _speed_text(self, model, tc) -> str:
        return speed_text(self.measured[1] if self._measured_now(model, tc) else None, tc,
                          has_text=self.corpus is not None, allowed=self.meter.allowed)

    def set_measure_allowed(self, allowed: bool) -> None:
        self.meter.allowed = allowed
        if not allowed:
            self.meter.cancel()
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()   # settings changed while another page was shown are measured now

    @Slot()
    def measure(self) -> None:
        """Time a few real training steps of these settings on the loaded text, off the GUI thread:
        only while this page is shown, since nobody else reads the figure."""
        if self.corpus is None or self.problem.text() or not self.isVisible():
            return
        model = self.locked_model if self.locked_shape and self.locked_model is not None else self.model_config()
        tc = self.train_config()
        self.meter.measure(self._settings_key(model, tc), self.corpus, model, tc)

    @Slot(object, object)
    def _on_measured(self, key, estimate) -> None:
        """A SpeedEstimate, or the exception that ended the measurement."""
        self.measured = (key, estimate)
        self.refresh()

    def shutdown(self) -> None:
        self._measure_timer.stop()
        self.meter.allowed = False   # closing: no new measurement may start
        self.meter.shutdown()

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
        key = settings.get("model/preset", AUTO)
        try:
            model = ModelConfig.from_dict(settings.get("model/config", {}))
            train = TrainConfig.from_dict(settings.get("model/train", {}))
        except (TypeError, ValueError):
            model = train = None   # unreadable: the defaults
        if key in PRESETS or key == AUTO:
            self.apply_preset(key)
            if train is not None:   # the run's own fields (budget, evaluations, seed, device) come back too
                self._applying = True
                self._set_run_fields(train)
                self._applying = False
                self.refresh()
            return
        if model is None:
            return
        self._applying = True
        self._set_model(model)
        self._set_train(train)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self._applying = False
        self.refresh()
