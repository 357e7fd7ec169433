"""Gate saturation (Karpathy et al. 2015, fig. 4): for every gate unit, the share of symbols at
which it is closed (< 0.1, left) against open (> 0.9, right). Units far along the axes act as
switches; units near the origin work in between."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .gradient_view import COLOURS
from .lazy_plot import PlotSlot, pyqtgraph
from .neuron_view import signal_names


class SaturationView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.trace, self.layer = None, 0
        self.plot_slot = PlotSlot(self._setup_plot)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.plot_slot, 1)
        self.retranslate()

    @property
    def plot(self):
        return self.plot_slot.plot()

    def _setup_plot(self, plot) -> None:
        plot.setBackground("w")
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setXRange(0, 1, padding=0.02)
        plot.setYRange(0, 1, padding=0.02)
        plot.setLimits(xMin=-0.05, xMax=1.05, yMin=-0.05, yMax=1.05)
        self.retranslate()

    def retranslate(self) -> None:
        if self.plot_slot.built:
            self.plot.setLabel("bottom", self.tr("share of symbols with the gate closed (&lt; 0.1)"))
            self.plot.setLabel("left", self.tr("share of symbols with the gate open (&gt; 0.9)"))
        self._draw()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_layer(self, trace, layer: int) -> None:
        self.trace, self.layer = trace, layer
        self._draw()

    def _draw(self) -> None:
        if self.trace is None:
            self.note.setText(self.tr("Gate saturation of the layer chosen in the neuron view appears here."))
            if self.plot_slot.built:
                self.plot.clear()
            return
        pg = pyqtgraph()
        self.plot.clear()
        legend = self.plot.addLegend(offset=(-10, 10))
        legend.clear()
        if self.trace is None:
            self.note.setText(self.tr("Gate saturation of the layer chosen in the neuron view appears here."))
            return
        if not self.trace.layers[self.layer].gates:
            self.note.setText(self.tr("A vanilla RNN has no gates. Choose an LSTM or a GRU to see them."))
            return
        self.note.setText(self.tr("Layer {layer}: each dot is one unit's gate. Along the axes: gates that act as "
                                  "switches; near the corner (0, 0): gates that work in between.").format(
            layer=self.layer))
        from ...core.inspect.activations import saturation
        names = signal_names()
        for i, (gate, (left, right)) in enumerate(saturation(self.trace, self.layer).items()):
            colour = COLOURS[i % len(COLOURS)]
            self.plot.addItem(pg.ScatterPlotItem(left, right, size=6, brush=colour, pen=None,
                                                 name=names.get(gate, gate)))
