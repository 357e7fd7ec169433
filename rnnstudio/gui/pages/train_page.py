"""Step 3: train in the background and watch it learn.

The engine's events arrive in batches from the worker thread; the curves are
redrawn from a timer (never once per event), so the window stays responsive
however fast the steps come.
"""
from __future__ import annotations


from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from ..views.curves import Curves
from .model_texts import human_duration
from ..workers import Task, Worker

REDRAW_MS = 1000  # plots refresh at most this often, and only while visible: painting
                  # them is what the GUI thread spends most time on, taken from training


class TrainPage(QWidget):
    training_finished = Signal(str)        # the reason
    model_ready = Signal(object, bool)     # bundle, final
    failed = Signal(object)
    diverged = Signal(str, str)            # reason, suggestion
    sampled = Signal(str)                  # what the network wrote at an evaluation
    run_recorded = Signal(int)             # the run library's id of the run just started

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.task: Task | None = None
        self.control = None   # the running job's pause / stop flags (core.control.Control)
        self.paused = False
        self.last_progress = None
        self.trained_steps = None   # of an opened model, before it is trained further
        self.finished_reason = ""
        self.continuing = False   # a model is open: Start continues it

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
        self.bits.toggled.connect(self._on_bits)

        self.curves = Curves()
        self.curves.sample_chosen.connect(self._on_sample_chosen)
        self._sample_step = None   # the timeline's step shown, None for the latest

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


        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.copy_label = QLabel()   # the memorisation meter of the latest sample
        self.copy_label.setObjectName("copyMeter")
        self.copy_label.setWordWrap(True)
        self.copy_label.setTextFormat(Qt.TextFormat.RichText)
        self.log_label = QLabel()
        sl.addWidget(self.sample_label)
        sl.addWidget(self.sample_view, 3)
        sl.addWidget(self.copy_label)
        sl.addWidget(self.log_label)
        sl.addWidget(self.log, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.curves)
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
        self.start_button.setText(self.tr("Continue training") if self.continuing else self.tr("Start training"))
        self.pause_button.setText(self.tr("Resume") if self.paused else self.tr("Pause"))
        self.stop_button.setText(self.tr("Stop"))
        self.bits.setText(self.tr("Bits per symbol"))
        self.bits.setToolTip(self.tr("Show the loss in bits per symbol instead of nats (divide by ln 2)."))
        if self._sample_step is None:
            self.sample_label.setText(self.tr("What the network writes now (refreshed at each evaluation; drag the "
                                              "dotted line along the loss curve to go back)"))
        else:
            self.sample_label.setText(self.tr("What the network wrote at step {step}").format(
                step=f"{self._sample_step:,}"))
        self.log_label.setText(self.tr("Log"))
        self.start_button.setToolTip(self.tr("Train on the chosen text with the chosen settings."))
        if self.last_progress is None and not self.running():
            self.progress.setFormat(self.tr("{steps} steps trained").format(steps=f"{self.trained_steps:,}")
                                    if self.trained_steps else self.tr("Not started"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- control ---------------------------------------------------------------------
    def running(self) -> bool:
        return self.task is not None and self.task.running()

    def set_continuing(self, continuing: bool) -> None:
        self.continuing = continuing
        self.retranslate()

    def set_start_allowed(self, allowed: bool, reason: str) -> None:
        self.start_button.setEnabled(allowed and not self.running())
        self.reason.setText("" if allowed else reason)
        self.reason.setVisible(not allowed and bool(reason))

    def start(self, corpus, model_config, train_config, *, resume=None, checkpoint_path=None,
              reload_paths=None, reload_options=None, library_path=None) -> None:
        """Train in a worker thread. With ``resume`` (a bundle) training continues it;
        the corpus is re-encoded with its vocabulary when needed (``reload_paths``)."""
        if self.running():
            return
        from ...core.control import Control
        self.control = control = Control()   # made here, read by the worker: the job touches no widget
        self.paused = False
        self.finished_reason = "failed"  # until this run says otherwise
        if resume is None:
            self.clear_plots()
        else:
            self.load_history(resume.history)

        def job():
            from ...core.data.corpus import load_corpus
            from ...core.experiments.runs import recording
            from ...core.training.session import TrainingSession

            def reencode(vocabulary):   # continuing a model whose vocabulary the text was not read with
                opts = dict(reload_options or {})
                opts.pop("tokenizer", None)
                opts.pop("min_count", None)
                return load_corpus(reload_paths, vocabulary=vocabulary, **opts)

            session = TrainingSession(corpus, model_config, train_config, resume=resume,
                                      reencode=reencode if reload_paths else None, checkpoint_path=checkpoint_path,
                                      control=control, record=recording(library_path, source="app"))
            try:
                yield from session.run(snapshots=True)
            finally:
                session.close()

        from ...core.events import Step
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

    @Slot()
    def toggle_pause(self) -> None:
        if not self.running():
            return
        self.paused = not self.paused
        if self.paused:
            self.control.pause()
        else:
            self.control.resume()
        self.retranslate()

    @Slot()
    def stop(self) -> None:
        if self.control is not None:
            self.control.stop()

    def shutdown(self, ms: int = 60000, *, report: bool = False) -> None:
        """Stop training and wait for the thread (from closeEvent, never from a worker slot).
        With ``report`` (the user quits while training) the run ends as Stop ends it: one more
        evaluation, sample and checkpoint; without, the last snapshot now."""
        if self.task is not None:
            if self.control is not None:
                self.control.stop(report=report)
            self.task.wait(ms)

    # ---- events from the worker ----------------------------------------------------------
    @Slot(list)
    def _on_events(self, events: list) -> None:
        from ...core import events as ev
        from ...core.training.session import Recorded, Snapshot

        for e in events:
            if isinstance(e, ev.Step):
                self.curves.add_step(e.progress.step, e.loss, e.progress.lr, e.grad_norm)
                self.last_progress = e.progress
            elif isinstance(e, Snapshot):
                self.model_ready.emit(e.bundle, e.final)
            elif isinstance(e, Recorded):
                self.run_recorded.emit(e.run_id)
            elif isinstance(e, ev.Evaluated):
                self.curves.add_validation(e.progress.step, e.val_loss)
                self._log(self.tr("step {step}: validation loss {loss:.4f} nats ({bits:.3f} bits/symbol, "
                                  "perplexity {ppl:.2f})").format(step=e.progress.step, loss=e.val_loss,
                                                                  bits=e.val_bits, ppl=e.perplexity)
                          + (" ★" if e.best else ""))
                if e.lr_reduced:
                    self._log(self.tr("no improvement: learning rate lowered to {lr:.2g}").format(lr=e.progress.lr))
            elif isinstance(e, ev.Sampled):
                self.curves.add_sample(e.progress.step, e.text)
                if self._sample_step is None:
                    self.sample_view.setPlainText(e.text)
                self.sampled.emit(e.text)
            elif isinstance(e, ev.Started):
                self._log(self.tr("started on {device} ({precision}), {params} parameters, batch {batch}").format(
                    device=e.device, precision=e.precision, params=f"{e.parameters:,}", batch=e.batch_size)
                    + (self.tr(", continuing from step {step}").format(step=e.progress.step) if e.resumed else ""))
                self._show_progress(e.progress)
            elif isinstance(e, ev.Checkpointed):
                self._log(self.tr("checkpoint saved"))
            elif isinstance(e, ev.CheckpointFailed):
                self._log(self.tr("could not save the checkpoint ({error}); training goes on").format(error=e.error))
            elif isinstance(e, ev.Paused):
                self._log(self.tr("paused at step {step}").format(step=e.progress.step))
                self.progress.setFormat(self.tr("Paused"))
            elif isinstance(e, ev.Resumed):
                self._log(self.tr("resumed"))
            elif isinstance(e, ev.Diverged):
                from ..messages import divergence
                reason, suggestion = divergence(e)
                self._log(self.tr("training diverged: {reason}").format(reason=reason))
                self.diverged.emit(reason, suggestion)
            elif isinstance(e, ev.Finished):
                self._finished(e)

    @Slot(int, str, bool)
    def _on_sample_chosen(self, step: int, text: str, latest: bool) -> None:
        self._sample_step = None if latest else step
        self.sample_view.setPlainText(text)
        self.retranslate()

    def show_copying(self, m) -> None:
        """The memorisation meter of the latest sample, beside the gap between the validation
        and the training loss: copying that grows as the gap opens is over-fitting."""
        if m is None:
            self.copy_label.setText("")
            return
        from ..views.memorisation_view import shares_text
        text = self.tr("Copied from the training text: {shares}; longest span {n} symbols.").format(
            shares=shares_text(m), n=m.longest.length if m.longest else 0)
        c = self.curves
        if c.val_losses and c.smooth:
            text += " " + self.tr("Validation − training loss: {gap} nats.").format(
                gap=f"{c.val_losses[-1] - c.smooth[-1]:+.3f}")
        self.copy_label.setText(text)

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
        self.finished_reason = e.reason

    @Slot(object)
    def _on_failed(self, exc) -> None:
        from ..messages import describe
        self._log(self.tr("error: {message}").format(message=describe(exc)))
        self.failed.emit(exc)

    @Slot()
    def _on_done(self) -> None:
        self.task = None
        self.paused = False
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.start_button.setEnabled(True)
        self.retranslate()
        self.redraw()
        self.training_finished.emit(self.finished_reason)

    def _log(self, line: str) -> None:
        self.log.appendPlainText(line)

    # ---- plots ------------------------------------------------------------------------
    def clear_plots(self) -> None:
        self.curves.clear()
        self.log.clear()
        self.sample_view.clear()
        self.last_progress = None
        self.trained_steps = None
        self.retranslate()
        self.redraw()

    def load_history(self, history: dict) -> None:
        """Show a saved model's curves, so continuing it draws on from where it was."""
        self.clear_plots()
        self.curves.load_history(history)
        self.redraw()

    def show_opened(self, history: dict, steps: int) -> None:
        """An opened model: its curves, its last sample, and how far it was trained (the page
        read "Not started" with an empty log and sample after a restored autosave)."""
        self.load_history(history)
        self.trained_steps = steps
        if self.curves.samples:
            self.sample_view.setPlainText(self.curves.samples[-1][1])
        if self.curves.val_losses:
            self._log(self.tr("opened a model trained for {steps} steps; validation loss at step {at}: {loss}").format(
                steps=f"{steps:,}", at=f"{self.curves.val_steps[-1]:,}", loss=f"{self.curves.val_losses[-1]:.4f}"))
        else:
            self._log(self.tr("opened a model trained for {steps} steps").format(steps=f"{steps:,}"))
        self.retranslate()
        self.redraw()

    def set_baseline(self, nats: float | None) -> None:
        self.curves.set_baseline(nats)
        self.redraw()

    @Slot(bool)
    def _on_bits(self, bits: bool) -> None:
        self.curves.set_bits(bits)
        self.redraw()

    @Slot()
    def redraw(self) -> None:
        if self.last_progress is not None and self.running() and not self.paused:
            self._show_progress(self.last_progress)
        self.curves.redraw(busy=self.running())
