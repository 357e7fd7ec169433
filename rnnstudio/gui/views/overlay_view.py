"""Selected runs overlaid: their loss curves on one plot (by step, symbols seen or seconds),
a legend from the settings that differ, and the table of those differences."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ...core.experiments.overlay import AXES, differences, legend, series, shown
from .gradient_view import COLOURS
from .lazy_plot import PlotSlot, pyqtgraph


class OverlayView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs = []
        self.axis = QComboBox()
        for key in AXES:
            self.axis.addItem("", key)
        self.axis.setCurrentIndex(self.axis.findData("seconds"))
        self.show_val = QCheckBox()
        self.show_val.setChecked(True)
        self.show_train = QCheckBox()
        self.plot_slot = PlotSlot(self._setup_plot)
        self.diff = QTableWidget()
        self.diff.setObjectName("runDifferences")
        self.diff.setMaximumHeight(150)
        self.axis_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.axis_label)
        row.addWidget(self.axis)
        row.addWidget(self.show_val)
        row.addWidget(self.show_train)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.plot_slot, 1)
        layout.addWidget(self.diff)
        self.axis.currentIndexChanged.connect(self.redraw)
        self.show_val.toggled.connect(self.redraw)
        self.show_train.toggled.connect(self.redraw)
        self.retranslate()

    def retranslate(self) -> None:
        names = {"step": self.tr("steps"), "symbols": self.tr("symbols seen"), "seconds": self.tr("seconds of training")}
        for i in range(self.axis.count()):
            self.axis.setItemText(i, names[self.axis.itemData(i)])
        self.axis_label.setText(self.tr("Compare by:"))
        self.show_val.setText(self.tr("validation"))
        self.show_train.setText(self.tr("training"))
        self.redraw()

    @property
    def plot(self):
        return self.plot_slot.plot()

    def _setup_plot(self, plot) -> None:
        plot.setBackground("w")
        plot.showGrid(x=True, y=True, alpha=0.25)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_runs(self, runs) -> None:
        """``runs``: core.runs.Run with their points."""
        self.runs = list(runs)
        self.redraw()

    def redraw(self) -> None:
        from PySide6.QtCore import Qt
        if not self.runs and not self.plot_slot.built:
            self._fill_differences([])
            return
        pg = pyqtgraph()
        self.plot.clear()
        self.plot.setLabel("left", self.tr("nats per symbol"))
        self.plot.addLegend(offset=(-10, 10))
        self.plot.setLabel("bottom", self.axis.currentText())
        diff = differences(self.runs) if len(self.runs) > 1 else []
        differing = [k for k, _ in diff]
        axis = self.axis.currentData()
        for i, run in enumerate(self.runs):
            colour = COLOURS[i % len(COLOURS)]
            name = legend(run, differing)
            if self.show_val.isChecked():
                xs, ys = series(run, axis, "val")
                self.plot.plot(xs, ys, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=5, symbolBrush=colour,
                               symbolPen=None, name=name)
            if self.show_train.isChecked():
                xs, ys = series(run, axis, "train")
                self.plot.plot(xs, ys, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                               name=name + " · " + self.tr("training") if not self.show_val.isChecked() else None)
        self._fill_differences(diff)

    def _fill_differences(self, diff) -> None:
        self.diff.clear()
        self.diff.setRowCount(len(diff))
        self.diff.setColumnCount(len(self.runs))
        self.diff.setHorizontalHeaderLabels([r.label for r in self.runs])
        self.diff.setVerticalHeaderLabels([k for k, _ in diff])
        for row, (_, values) in enumerate(diff):
            for col, v in enumerate(values):
                self.diff.setItem(row, col, QTableWidgetItem(shown(v)))
        self.diff.resizeColumnsToContents()   # each run's name whole, not "4 rnn_tanh 2×3"
        self.diff.setVisible(bool(diff))
