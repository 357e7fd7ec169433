"""Step 3: train in the background and watch it learn.

The engine's events arrive in batches from the worker thread; plots are redrawn
from a timer with ``setData`` (never once per event), so the window stays
responsive however fast the steps come.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from .model_page import human_duration
from .workers import Task, Worker

SMOOTHING = 0.95  # exponential moving average of the training loss
REDRAW_MS = 1000  # plots refresh at most this often, and only while visible: painting
                  # them is what the GUI thread spends most time on, taken from training


@dataclass(frozen=True)
class ModelReady:
    """A snapshot of the model, taken in the worker thread between steps."""
    bundle: object
    final: bool


class TrainPage(QWidget):
    training_started = Signal()
    training_finished = Signal(str)        # the reason
    model_ready = Signal(object, bool)     # bundle, final
    failed = Signal(object)
    diverged = Signal(str, str)            # reason, suggestion

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.task: Task | None = None
        self.trainer = None
        self._stop_requested = False
        self._pause_requested = False
        self.paused = False
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.smooth: list[float] = []
        self.val_steps: list[int] = []
        self.val_losses: list[float] = []
        self.lrs: list[float] = []
        self.grad_norms: list[float] = []
        self.dirty = False
        self._redraws = 0
        self._ema = 0.0
        self.last_progress = None
        self.flops_per_symbol = 0

        self.start_button = QPushButton()
        self.start_button.setObjectName("start")
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("pause")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stop")
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b00020;")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setValue(0)
        self.bits = QCheckBox()
        self.bits.toggled.connect(self._mark_dirty)

        import pyqtgraph as pg

        # Plain lines: antialiased curves cost far more CPU to paint, and on a 2-core
        # machine every cycle the GUI spends is taken from training.
        pg.setConfigOptions(antialias=False)
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setBackground("w")
        self.loss_plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.loss_plot.addLegend(offset=(-10, 10))
        self.raw_curve = self.loss_plot.plot(pen=pg.mkPen("#c0c8d2", width=1))
        self.smooth_curve = self.loss_plot.plot(pen=pg.mkPen("#2563eb", width=2))
        self.val_curve = self.loss_plot.plot(pen=pg.mkPen("#ea580c", width=2), symbol="o", symbolSize=7,
                                             symbolBrush="#ea580c", symbolPen=None)
        for plot in (self.loss_plot,):
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
        self.lr_plot = pg.PlotWidget()
        self.grad_plot = pg.PlotWidget()
        for p in (self.lr_plot, self.grad_plot):
            p.setBackground("w")
            p.showGrid(x=True, y=True, alpha=0.25)
            p.setMaximumHeight(170)
            p.setDownsampling(auto=True, mode="peak")
            p.setClipToView(True)
        self.lr_curve = self.lr_plot.plot(pen=pg.mkPen("#16a34a", width=2))
        self.grad_curve = self.grad_plot.plot(pen=pg.mkPen("#9333ea", width=1))

        self.sample_view = QPlainTextEdit()
        self.sample_view.setReadOnly(True)
        self.sample_view.setAcceptDrops(False)
        self.sample_view.setObjectName("trainSample")
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAcceptDrops(False)
        self.log.setMaximumBlockCount(2000)
        self.log.setObjectName("log")

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.bits)

        small = QHBoxLayout()
        small.addWidget(self.lr_plot)
        small.addWidget(self.grad_plot)
        plots = QWidget()
        pl = QVBoxLayout(plots)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.loss_plot, 3)
        pl.addLayout(small, 1)

        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        self.sample_label = QLabel()
        self.log_label = QLabel()
        sl.addWidget(self.sample_label)
        sl.addWidget(self.sample_view, 3)
        sl.addWidget(self.log_label)
        sl.addWidget(self.log, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(plots)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.reason)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("Start training"))
        self.pause_button.setText(self.tr("Resume") if self.paused else self.tr("Pause"))
        self.stop_button.setText(self.tr("Stop"))
        self.bits.setText(self.tr("Bits per symbol"))
        self.bits.setToolTip(self.tr("Show the loss in bits per symbol instead of nats (divide by ln 2)."))
        self.sample_label.setText(self.tr("What the network writes now (refreshed at each evaluation)"))
        self.log_label.setText(self.tr("Log"))
        self.loss_plot.setTitle(self.tr("Loss"))
        self.loss_plot.setLabel("bottom", self.tr("step"))
        self.lr_plot.setTitle(self.tr("Learning rate"))
        self.grad_plot.setTitle(self.tr("Gradient norm"))
        self.legend.clear()
        self.legend.addItem(self.raw_curve, self.tr("training"))
        self.legend.addItem(self.smooth_curve, self.tr("training (smoothed)"))
        self.legend.addItem(self.val_curve, self.tr("validation"))
        self.start_button.setToolTip(self.tr("Train on the chosen text with the chosen settings."))
        if self.last_progress is None and not self.running():
            self.progress.setFormat(self.tr("Not started"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- control ---------------------------------------------------------------------
    def running(self) -> bool:
        return self.task is not None and self.task.running()

    def set_start_allowed(self, allowed: bool, reason: str) -> None:
        self.start_button.setEnabled(allowed and not self.running())
        self.reason.setText("" if allowed else reason)
        self.reason.setVisible(not allowed and bool(reason))

    def start(self, corpus, model_config, train_config, *, resume=None, checkpoint_path=None,
              reload_paths=None, reload_options=None) -> None:
        """Train in a worker thread. With ``resume`` (a bundle) training continues it;
        the corpus is re-encoded with its vocabulary when needed (``reload_paths``)."""
        if self.running():
            return
        self._stop_requested = self._pause_requested = False
        self.paused = False
        if resume is None:
            self.clear_plots()
        else:
            self.load_history(resume.history)
        self.flops_per_symbol = model_config.flops_per_symbol(corpus.tokenizer.vocab_size)

        def job():
            from ..core.corpus import load_corpus
            from ..core.events import Evaluated
            from ..core.train import Trainer

            data = corpus
            if resume is not None and data.tokenizer.symbols != resume.tokenizer.symbols:
                opts = dict(reload_options or {})
                opts.pop("tokenizer", None)
                opts.pop("min_count", None)
                data = load_corpus(reload_paths, vocabulary=resume.tokenizer, **opts)
            trainer = Trainer(data, model_config, train_config, checkpoint_path=checkpoint_path, resume_from=resume)
            self.trainer = trainer
            if self._pause_requested:
                trainer.pause()
            if self._stop_requested:
                trainer.stop()
            for event in trainer.run():
                yield event
                if isinstance(event, Evaluated):
                    yield ModelReady(trainer.bundle(), False)
            yield ModelReady(trainer.bundle(), True)

        from ..core.events import Step
        worker = Worker(job, frequent=(Step,))
        worker.emitted.connect(self._on_events)
        worker.failed.connect(self._on_failed)
        self.task = Task(worker, self)
        self.task.done.connect(self._on_done)
        self.start_button.setEnabled(False)
        self.pause_button.setEnabled(True)
        self.stop_button.setEnabled(True)
        self.retranslate()
        self.progress.setFormat(self.tr("Starting…"))
        self.task.start()
        self.training_started.emit()

    @Slot()
    def toggle_pause(self) -> None:
        if not self.running():
            return
        if self.paused:
            self.paused = False
            self._pause_requested = False
            if self.trainer is not None:
                self.trainer.resume()
        else:
            self.paused = True
            self._pause_requested = True
            if self.trainer is not None:
                self.trainer.pause()
        self.retranslate()

    @Slot()
    def stop(self) -> None:
        self._stop_requested = True
        if self.trainer is not None:
            self.trainer.stop()

    def shutdown(self, ms: int = 60000) -> None:
        """Stop training and wait for the thread (from closeEvent, never from a worker slot)."""
        if self.task is not None:
            self.stop()
            self.task.wait(ms)

    # ---- events from the worker ----------------------------------------------------------
    @Slot(list)
    def _on_events(self, events: list) -> None:
        from ..core import events as ev

        for e in events:
            if isinstance(e, ev.Step):
                self._add_step(e)
            elif isinstance(e, ModelReady):
                self.model_ready.emit(e.bundle, e.final)
            elif isinstance(e, ev.Evaluated):
                self.val_steps.append(e.progress.step)
                self.val_losses.append(e.val_loss)
                self.dirty = True
                self._log(self.tr("step {step}: validation loss {loss:.4f} nats ({bits:.3f} bits/symbol, "
                                  "perplexity {ppl:.2f})").format(step=e.progress.step, loss=e.val_loss,
                                                                  bits=e.val_bits, ppl=e.perplexity)
                          + (" ★" if e.best else ""))
                if e.lr_reduced:
                    self._log(self.tr("no improvement: learning rate lowered to {lr:.2g}").format(lr=e.progress.lr))
            elif isinstance(e, ev.Sampled):
                self.sample_view.setPlainText(e.text)
            elif isinstance(e, ev.Started):
                self._log(self.tr("started on {device} ({precision}), {params} parameters, batch {batch}").format(
                    device=e.device, precision=e.precision, params=f"{e.parameters:,}", batch=e.batch_size)
                    + (self.tr(", continuing from step {step}").format(step=e.progress.step) if e.resumed else ""))
                self._show_progress(e.progress)
            elif isinstance(e, ev.Checkpointed):
                self._log(self.tr("checkpoint saved"))
            elif isinstance(e, ev.Paused):
                self._log(self.tr("paused at step {step}").format(step=e.progress.step))
                self.progress.setFormat(self.tr("Paused"))
            elif isinstance(e, ev.Resumed):
                self._log(self.tr("resumed"))
            elif isinstance(e, ev.Diverged):
                self._log(self.tr("training diverged: {reason}").format(reason=e.reason))
                self.diverged.emit(e.reason, e.suggestion)
            elif isinstance(e, ev.Finished):
                self._finished(e)

    def _add_step(self, e) -> None:
        self.steps.append(e.progress.step)
        self.losses.append(e.loss)
        self.smooth.append(self._smoothed(e.loss))
        self.lrs.append(e.progress.lr)
        self.grad_norms.append(e.grad_norm)
        self.last_progress = e.progress
        self.dirty = True   # the timer shows it: one repaint for many steps

    def _smoothed(self, loss: float) -> float:
        """Exponential moving average, corrected for its start at zero (as Adam does),
        so the smoothed curve does not lag far behind the first steps."""
        self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * loss
        return self._ema / (1 - SMOOTHING ** (len(self.losses)))

    def _show_progress(self, p) -> None:
        self.last_progress = p
        self.progress.setValue(int(p.fraction * 1000))
        eta = human_duration(p.eta) if p.eta is not None else "—"
        self.progress.setFormat(self.tr("{pct}% · step {step} · {sps} symbols/s · {eta} left").format(
            pct=int(p.fraction * 100), step=p.step, sps=f"{p.symbols_per_sec:,.0f}", eta=eta))

    def _finished(self, e) -> None:
        reasons = {"steps": self.tr("reached the step limit"), "time": self.tr("reached the time limit"),
                   "stopped": self.tr("stopped"), "early_stop": self.tr("stopped early: no more improvement"),
                   "diverged": self.tr("diverged")}
        self._log(self.tr("finished: {reason} after {step} steps, {time}").format(
            reason=reasons.get(e.reason, e.reason), step=e.progress.step, time=human_duration(e.progress.elapsed)))
        self.progress.setFormat(self.tr("Finished: {reason}").format(reason=reasons.get(e.reason, e.reason)))
        if e.progress.symbols_per_sec > 0 and self.flops_per_symbol and self.settings is not None:
            self.settings.set("calibration/flops", e.progress.symbols_per_sec * self.flops_per_symbol)
        self.finished_reason = e.reason

    @Slot(object)
    def _on_failed(self, exc) -> None:
        from .messages import describe
        self._log(self.tr("error: {message}").format(message=describe(exc)))
        self.failed.emit(exc)

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        self.trainer = None
        self.paused = False
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.start_button.setEnabled(True)
        self.retranslate()
        self.redraw()
        self.training_finished.emit(getattr(self, "finished_reason", "failed"))

    def _log(self, line: str) -> None:
        self.log.appendPlainText(line)

    # ---- plots ------------------------------------------------------------------------
    @Slot()
    def _mark_dirty(self) -> None:
        self.dirty = True
        self.redraw()

    def clear_plots(self) -> None:
        self._ema = 0.0
        for series in (self.steps, self.losses, self.smooth, self.val_steps, self.val_losses, self.lrs,
                       self.grad_norms):
            series.clear()
        self.log.clear()
        self.sample_view.clear()
        self.last_progress = None
        self.dirty = True
        self.redraw()

    def load_history(self, history: dict) -> None:
        """Show a saved model's curves, so continuing it draws on from where it was."""
        self.clear_plots()
        lr = dict((s, v) for s, v in history.get("lr", []))
        gn = dict((s, v) for s, v in history.get("grad_norm", []))
        for step, loss in history.get("train", []):
            self.steps.append(step)
            self.losses.append(loss)
            self.smooth.append(self._smoothed(loss))
            self.lrs.append(lr.get(step, math.nan))
            self.grad_norms.append(gn.get(step, math.nan))
        for step, loss in history.get("val", []):
            self.val_steps.append(step)
            self.val_losses.append(loss)
        self.dirty = True
        self.redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.redraw()

    @Slot()
    def redraw(self) -> None:
        if not self.dirty or not self.isVisible():
            return
        self.dirty = False
        if self.last_progress is not None and self.running() and not self.paused:
            self._show_progress(self.last_progress)
        scale = 1 / math.log(2) if self.bits.isChecked() else 1.0
        self.loss_plot.setLabel("left", self.tr("bits per symbol") if scale != 1 else self.tr("nats per symbol"))
        self.raw_curve.setData(self.steps, [v * scale for v in self.losses])
        self.smooth_curve.setData(self.steps, [v * scale for v in self.smooth])
        self.val_curve.setData(self.val_steps, [v * scale for v in self.val_losses])
        self._redraws += 1
        if self._redraws % 3 == 1 or not self.running():  # the small plots change slowly: spare the CPU
            self.lr_curve.setData(self.steps, self.lrs)
            self.grad_curve.setData(self.steps, self.grad_norms)
