"""Gradient flow: how far back the loss reaches (the gradient with respect to the hidden state
k steps earlier, on a log scale), the gradient norm of each part of the network over training,
and what clipping did."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .lazy_plot import PlotSlot, pyqtgraph

COLOURS = ("#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#4b5563")


class GradientView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.gradient = None
        self.history = {}
        self.clip = 0.0
        self.back_curve = None
        self.back_slot = PlotSlot(self._setup_back)
        self.parts_slot = PlotSlot(self._setup_parts)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.clipping = QLabel()
        self.clipping.setObjectName("clippingSummary")
        self.clipping.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.back_slot)
        row.addWidget(self.parts_slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        layout.addWidget(self.clipping)
        self.retranslate()

    @property
    def back(self):
        return self.back_slot.plot()

    @property
    def parts(self):
        return self.parts_slot.plot()

    @staticmethod
    def _log_plot(p) -> None:
        p.setBackground("w")
        p.showGrid(x=True, y=True, alpha=0.25)
        p.setLogMode(y=True)
        p.getAxis("left").enableAutoSIPrefix(False)

    def _setup_back(self, p) -> None:
        self._log_plot(p)
        self.back_curve = p.plot(pen=pyqtgraph().mkPen("#2563eb", width=2), symbol="o", symbolSize=4,
                                 symbolBrush="#2563eb", symbolPen=None)
        self._title_plots()

    def _setup_parts(self, p) -> None:
        self._log_plot(p)
        p.addLegend(offset=(-10, 10))
        self._title_plots()

    def _title_plots(self) -> None:
        if self.back_slot.built:
            self.back.setTitle(self.tr("How far back the loss reaches"))
            self.back.setLabel("bottom", self.tr("steps back (k)"))
            self.back.setLabel("left", self.tr("‖∂loss / ∂h(t−k)‖"))
        if self.parts_slot.built:
            self.parts.setTitle(self.tr("Gradient norm of each part, during training"))
            self.parts.setLabel("bottom", self.tr("step"))

    def retranslate(self) -> None:
        self._title_plots()
        self.note.setText(self.tr("Left: the gradient of the loss at the last symbol of a window with respect to "
                                  "the hidden state k steps earlier, from validation text. Where it falls to "
                                  "nothing, the network cannot learn from that far back: vanishing gradients, "
                                  "the vanilla RNN's weakness, which the LSTM's cell state was made to fix."))
        self._show_clipping()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_gradient(self, gradient) -> None:
        import numpy as np

        self.gradient = gradient
        self.back_slot.plot()
        if gradient is None:
            self.back_curve.setData([], [])
            return
        g = np.maximum(np.asarray(gradient, dtype=float), 1e-30)
        self.back_curve.setData(np.arange(len(g)), g)

    def show_history(self, history: dict, clip: float) -> None:
        """The per-part norms the trainer recorded at each evaluation, and the clipping summary."""
        pg = pyqtgraph()
        self.history, self.clip = history or {}, clip
        self.parts.clear()
        self.parts.addLegend(offset=(-10, 10))
        series: dict[str, list] = {}
        for entry in self.history.get("grad_groups") or []:
            try:
                step, groups = entry
                for name, value in groups.items():
                    series.setdefault(str(name), []).append((float(step), max(float(value), 1e-30)))
            except (TypeError, ValueError, AttributeError):
                continue   # a damaged entry in an old or edited file: skip it
        for i, (name, points) in enumerate(sorted(series.items())):
            xs, ys = zip(*points)
            self.parts.plot(xs, ys, pen=pg.mkPen(COLOURS[i % len(COLOURS)], width=2), name=name)
        self._show_clipping()

    def _show_clipping(self) -> None:
        share, factor = 0.0, 1.0
        if self.history.get("grad_norm"):   # (numpy comes with gradflow: not before the window shows)
            from ...core.inspect.gradflow import clipping
            try:
                share, factor = clipping(self.history["grad_norm"], self.clip)
            except (TypeError, ValueError):
                pass
        if not self.clip:
            self.clipping.setText(self.tr("Gradient clipping is off."))
        elif share == 0:
            self.clipping.setText(self.tr("Clipping (at {clip}) never had to cut a step.").format(clip=self.clip))
        else:
            self.clipping.setText(self.tr("Clipping (at {clip}) cut {share} of the steps, on average by a factor "
                                          "of {factor}.").format(clip=self.clip, share=f"{share:.1%}",
                                                                 factor=f"{factor:.1f}"))
