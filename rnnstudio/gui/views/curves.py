"""The training curves: loss (raw, smoothed, validation, the context-free baseline),
learning rate and gradient norm, with a line saying what the latest loss means.

Series grow as events arrive; the plots are redrawn by the owner's timer with
``setData`` (never once per event), and only while visible.
"""
from __future__ import annotations

import math

import bisect

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .lazy_plot import pyqtgraph

SMOOTHING = 0.95  # exponential moving average of the training loss


class Curves(QWidget):
    sample_chosen = Signal(int, str, bool)   # step, what the network wrote then, is it the latest

    def __init__(self, parent=None):
        super().__init__(parent)
        self.samples: list[tuple[int, str]] = []   # the timeline: (step, sample) at each evaluation
        self._scrubbing = False                    # the user has moved the timeline back
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.smooth: list[float] = []
        self.val_steps: list[int] = []
        self.val_losses: list[float] = []
        self.lrs: list[float] = []
        self.grad_norms: list[float] = []
        self.baseline: float | None = None   # unigram entropy of the text, nats
        self.in_bits = False
        self.dirty = False
        self._redraws = 0
        self._ema = 0.0

        self.summary = QLabel()
        self.summary.setObjectName("valSummary")
        self.summary.setWordWrap(True)
        self.built = False   # the plots are made when first shown (see lazy_plot: start-up time)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.summary)
        self.retranslate()

    def build(self) -> None:
        """Make the plots (once); the series gathered meanwhile are drawn at the next redraw."""
        if self.built:
            return
        self.built = True
        self.dirty = True   # the first redraw sets the axes up, data or not
        pg = pyqtgraph()
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setBackground("w")
        self.loss_plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.loss_plot.addLegend(offset=(-10, 10))
        self.raw_curve = self.loss_plot.plot(pen=pg.mkPen("#c0c8d2", width=1))
        self.smooth_curve = self.loss_plot.plot(pen=pg.mkPen("#2563eb", width=2))
        self.val_curve = self.loss_plot.plot(pen=pg.mkPen("#ea580c", width=2), symbol="o", symbolSize=7,
                                             symbolBrush="#ea580c", symbolPen=None)
        # What a model that ignores context would score: the line a network must get below.
        self.baseline_line = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#6b7280", width=1,
                                                                                   style=Qt.PenStyle.DashLine),
                                             label="", labelOpts={"position": 0.02, "color": "#4b5563",
                                                                  "anchors": [(0, 1), (0, 1)]})
        self.baseline_line.setVisible(False)
        self.loss_plot.addItem(self.baseline_line, ignoreBounds=True)
        # The sample timeline: drag along the curve to see what the network wrote at that step.
        self.timeline = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen("#111827", width=1,
                                                                              style=Qt.PenStyle.DotLine),
                                        hoverPen=pg.mkPen("#111827", width=3))
        self.timeline.setVisible(False)
        self.loss_plot.addItem(self.timeline, ignoreBounds=True)
        self.timeline.sigDragged.connect(self._on_timeline)
        self.lr_plot = pg.PlotWidget()
        self.grad_plot = pg.PlotWidget()
        for p in (self.loss_plot, self.lr_plot, self.grad_plot):
            p.setDownsampling(auto=True, mode="peak")
            p.setClipToView(True)
        for p in (self.lr_plot, self.grad_plot):
            p.setBackground("w")
            p.showGrid(x=True, y=True, alpha=0.25)
            p.setMaximumHeight(170)
        self.lr_curve = self.lr_plot.plot(pen=pg.mkPen("#16a34a", width=2))
        self.grad_curve = self.grad_plot.plot(pen=pg.mkPen("#9333ea", width=1))

        small = QHBoxLayout()
        small.addWidget(self.lr_plot)
        small.addWidget(self.grad_plot)
        self._layout.addWidget(self.loss_plot, 3)
        self._layout.addLayout(small, 1)
        if self.samples:
            self.timeline.setVisible(True)
            self.timeline.setValue(self.samples[-1][0])
        self.retranslate()

    def retranslate(self) -> None:
        self.show_summary()
        self.dirty = True
        if not self.built:
            return
        self.loss_plot.setTitle(self.tr("Loss"))
        self.loss_plot.setLabel("bottom", self.tr("step"))
        self.lr_plot.setTitle(self.tr("Learning rate"))
        self.grad_plot.setTitle(self.tr("Gradient norm"))
        self.legend.clear()
        self.legend.addItem(self.raw_curve, self.tr("training"))
        self.legend.addItem(self.smooth_curve, self.tr("training (smoothed)"))
        self.legend.addItem(self.val_curve, self.tr("validation"))
        self._label_axis()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- data ----------------------------------------------------------------------------
    def add_step(self, step: int, loss: float, lr: float, grad_norm: float) -> None:
        self.steps.append(step)
        self.losses.append(loss)
        self.smooth.append(self._smoothed(loss))
        self.lrs.append(lr)
        self.grad_norms.append(grad_norm)
        self.dirty = True   # the timer shows it: one repaint for many steps

    def add_validation(self, step: int, loss: float) -> None:
        self.val_steps.append(step)
        self.val_losses.append(loss)
        self.show_summary()
        self.dirty = True

    def add_sample(self, step: int, text: str) -> None:
        self.samples.append((int(step), str(text)))
        if not self.built:
            return
        self.timeline.setVisible(True)
        if not self._scrubbing:
            self.timeline.setValue(step)

    def _on_timeline(self) -> None:
        if not self.samples:
            return
        steps = [s for s, _ in self.samples]
        i = max(0, bisect.bisect_right(steps, self.timeline.value()) - 1)
        latest = i == len(self.samples) - 1
        self._scrubbing = not latest
        step, text = self.samples[i]
        self.sample_chosen.emit(step, text, latest)

    def choose_sample(self, step: float) -> None:
        """Move the timeline to ``step`` as a drag would (for keyboard users and tests)."""
        self.build()
        self.timeline.setValue(step)
        self._on_timeline()

    def _smoothed(self, loss: float) -> float:
        """Exponential moving average, corrected for its start at zero (as Adam does),
        so the smoothed curve does not lag far behind the first steps."""
        self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * loss
        return self._ema / (1 - SMOOTHING ** len(self.losses))  # called after the loss was added

    def clear(self) -> None:
        self._ema = 0.0
        for series in (self.steps, self.losses, self.smooth, self.val_steps, self.val_losses, self.lrs,
                       self.grad_norms, self.samples):
            series.clear()
        self._scrubbing = False
        if self.built:
            self.timeline.setVisible(False)
        self.dirty = True
        self.show_summary()

    def load_history(self, history: dict) -> None:
        """A saved model's curves, so continuing it draws on from where it was."""
        self.clear()
        lr = dict((s, v) for s, v in history.get("lr", []))
        gn = dict((s, v) for s, v in history.get("grad_norm", []))
        for step, loss in history.get("train", []):
            self.add_step(step, loss, lr.get(step, math.nan), gn.get(step, math.nan))
        for step, loss in history.get("val", []):
            self.add_validation(step, loss)
        for entry in history.get("samples") or []:
            if isinstance(entry, (list, tuple)) and len(entry) == 2 and isinstance(entry[1], str):
                try:
                    self.add_sample(int(entry[0]), entry[1])
                except (TypeError, ValueError):
                    continue   # a damaged entry (an edited file): the rest of the timeline stays

    def set_baseline(self, nats: float | None) -> None:
        """The unigram entropy of the text (a model that ignores context scores this)."""
        self.baseline = nats
        self.dirty = True
        self.show_summary()

    def set_bits(self, bits: bool) -> None:
        self.in_bits = bits
        self._label_axis()
        self.dirty = True

    # ---- drawing ----------------------------------------------------------------------------
    def _label_axis(self) -> None:
        if not self.built:
            return
        self.loss_plot.setLabel("left", self.tr("bits per symbol") if self.in_bits else self.tr("nats per symbol"))

    def show_summary(self) -> None:
        parts = []
        if self.val_losses:
            v = self.val_losses[-1]
            parts.append(self.tr("Validation loss at step {step}: <b>{nats:.3f} nats</b> = {bits:.3f} bits per "
                                 "symbol = perplexity {ppl:.1f} (as unsure as a choice among {ppl:.1f} symbols)").format(
                step=f"{self.val_steps[-1]:,}", nats=v, bits=v / math.log(2), ppl=math.exp(min(v, 50))))
        if self.baseline is not None:
            parts.append(self.tr("Ignoring context (symbol frequencies only): {nats:.3f} nats, perplexity "
                                 "{ppl:.1f}").format(nats=self.baseline, ppl=math.exp(min(self.baseline, 50))))
        self.summary.setText("<br>".join(parts))
        self.summary.setVisible(bool(parts))

    def redraw(self, busy: bool = False) -> None:
        """Push the series to the plots (``busy``: training runs, so the small plots wait)."""
        if not self.dirty or not self.isVisible() or not self.built:
            return
        self.dirty = False
        scale = 1 / math.log(2) if self.in_bits else 1.0
        self.raw_curve.setData(self.steps, [v * scale for v in self.losses])
        self.smooth_curve.setData(self.steps, [v * scale for v in self.smooth])
        self.val_curve.setData(self.val_steps, [v * scale for v in self.val_losses])
        # shown before its text is set: pyqtgraph's label ignores a new text while it is hidden,
        # and the line lost its label when a model was opened (hidden, then shown with no text)
        self.baseline_line.setVisible(self.baseline is not None)
        if self.baseline is not None:
            self.baseline_line.setValue(self.baseline * scale)
            self.baseline_line.label.setFormat(self.tr("context-free baseline {value:.2f}").format(
                value=self.baseline * scale))
        # no numbers on empty axes: pyqtgraph's default 0–1 range read as data that was not there
        for plot, has_data in ((self.loss_plot, bool(self.steps or self.val_steps)), (self.lr_plot, bool(self.steps)),
                               (self.grad_plot, bool(self.steps))):
            for side in ("left", "bottom"):
                if plot.getAxis(side).style["showValues"] != has_data:
                    plot.getAxis(side).setStyle(showValues=has_data)
        self._redraws += 1
        if self._redraws % 3 == 1 or not busy:  # the small plots change slowly: spare the CPU
            self.lr_curve.setData(self.steps, self.lrs)
            self.grad_curve.setData(self.steps, self.grad_norms)

    def showEvent(self, event) -> None:
        self.build()
        super().showEvent(event)
        self.redraw()
