"""A place in a layout for a pyqtgraph plot that is built only when needed.

Importing pyqtgraph (and numpy with it) takes ~0.4 s and each PlotWidget ~20 ms;
the window has a dozen of them on tabs nobody sees at start. Built eagerly they
were most of the time from launch to a visible window, so each plot is made the
first time its slot is shown (or, with ``on_show=False``, the first time it is
drawn on), and its set-up runs then.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


def pyqtgraph():
    """pyqtgraph, imported and configured on first use."""
    import pyqtgraph as pg

    # Plain lines: antialiased curves cost far more CPU to paint, and on a 2-core
    # machine every cycle the GUI spends is taken from training.
    pg.setConfigOptions(antialias=False)
    return pg


class PlotSlot(QWidget):
    def __init__(self, setup: Callable | None = None, on_show: bool = True, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._setup = setup
        self._on_show = on_show
        self._plot = None

    @property
    def built(self) -> bool:
        return self._plot is not None

    def plot(self):
        """The PlotWidget, made (and set up) on first use."""
        if self._plot is None:
            self._plot = pyqtgraph().PlotWidget()
            self.layout().addWidget(self._plot)
            if self._setup is not None:
                self._setup(self._plot)
        return self._plot

    def showEvent(self, event) -> None:
        if self._on_show:
            self.plot()
        super().showEvent(event)
