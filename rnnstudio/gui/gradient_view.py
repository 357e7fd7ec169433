"""Gradient flow: how far back the loss reaches (the gradient with respect to the hidden state
k steps earlier, on a log scale), the gradient norm of each part of the network over training,
and what clipping did."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

COLOURS = ("#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#4b5563")


class GradientView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        import pyqtgraph as pg
        self.gradient = None
        self.history = {}
        self.clip = 0.0
        self.back = pg.PlotWidget()
        self.parts = pg.PlotWidget()
        for p in (self.back, self.parts):
            p.setBackground("w")
            p.showGrid(x=True, y=True, alpha=0.25)
            p.setLogMode(y=True)
            p.getAxis("left").enableAutoSIPrefix(False)
        self.back_curve = self.back.plot(pen=pg.mkPen("#2563eb", width=2), symbol="o", symbolSize=4,
                                         symbolBrush="#2563eb", symbolPen=None)
        self.parts.addLegend(offset=(-10, 10))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.clipping = QLabel()
        self.clipping.setObjectName("clippingSummary")
        self.clipping.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addWidget(self.parts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        layout.addWidget(self.clipping)
        self.retranslate()

    def retranslate(self) -> None:
        self.back.setTitle(self.tr("How far back the loss reaches"))
        self.back.setLabel("bottom", self.tr("steps back (k)"))
        self.back.setLabel("left", self.tr("‖∂loss / ∂h(t−k)‖"))
        self.parts.setTitle(self.tr("Gradient norm of each part, during training"))
        self.parts.setLabel("bottom", self.tr("step"))
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
        self.gradient = gradient
        if gradient is None:
            self.back_curve.setData([], [])
            return
        g = np.maximum(np.asarray(gradient, dtype=float), 1e-30)
        self.back_curve.setData(np.arange(len(g)), g)

    def show_history(self, history: dict, clip: float) -> None:
        """The per-part norms the trainer recorded at each evaluation, and the clipping summary."""
        import pyqtgraph as pg
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
        from ..core.gradflow import clipping
        try:
            share, factor = clipping(self.history.get("grad_norm") or [], self.clip)
        except (TypeError, ValueError):
            share, factor = 0.0, 1.0
        if not self.clip:
            self.clipping.setText(self.tr("Gradient clipping is off."))
        elif share == 0:
            self.clipping.setText(self.tr("Clipping (at {clip}) never had to cut a step.").format(clip=self.clip))
        else:
            self.clipping.setText(self.tr("Clipping (at {clip}) cut {share} of the steps, on average by a factor "
                                          "of {factor}.").format(clip=self.clip, share=f"{share:.1%}",
                                                                 factor=f"{factor:.1f}"))
