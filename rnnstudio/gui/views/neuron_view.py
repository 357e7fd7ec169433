"""The neuron view: the text coloured by one unit's activation, a heat map of every unit of a
layer over the text (click a row to pick its unit), the unit's gates under the mouse, and the
search for units that track a selection or a ready-made probe."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
                               QSplitter, QVBoxLayout, QWidget)

from ...core.inspect.report import diverging, scale_of
from .lazy_plot import PlotSlot, pyqtgraph
from .symbol_text import SymbolText

translate = QCoreApplication.translate
PROBES = ("quotes", "brackets", "line", "word", "newline")


def signal_names() -> dict[str, str]:
    return {"h": translate("NeuronView", "hidden state h"), "c": translate("NeuronView", "cell state c"),
            "input": translate("NeuronView", "input gate i"), "forget": translate("NeuronView", "forget gate f"),
            "cell": translate("NeuronView", "candidate g"), "output": translate("NeuronView", "output gate o"),
            "reset": translate("NeuronView", "reset gate r"), "update": translate("NeuronView", "update gate z"),
            "new": translate("NeuronView", "candidate n")}


class NeuronView(QWidget):
    unit_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trace = None
        self.layer = QSpinBox()
        self.signal = QComboBox()
        self.signal.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit = QSpinBox()
        self.text = SymbolText()
        self.text.setObjectName("neuronText")
        self.gates = QLabel()        # the unit's values for the symbol under the mouse
        self.gates.setTextFormat(Qt.TextFormat.RichText)
        self.gates.setWordWrap(True)
        self.probe = QComboBox()
        for key in PROBES:
            self.probe.addItem("", key)
        self.find_probe = QPushButton()
        self.find_selection = QPushButton()
        self.find_selection.setEnabled(False)
        self.results = QListWidget()
        self.results.setObjectName("unitResults")
        self.search_note = QLabel()
        self.search_note.setWordWrap(True)

        self.image = self.marker = None
        self.heat_slot = PlotSlot(self._setup_heat)
        self.heat_slot.setMaximumHeight(220)

        pick = QHBoxLayout()
        self.layer_label, self.signal_label, self.unit_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.layer_label, self.layer), (self.signal_label, self.signal),
                             (self.unit_label, self.unit)):
            pick.addWidget(label)
            pick.addWidget(field)
        pick.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(pick)
        lv.addWidget(self.heat_slot)
        lv.addWidget(self.text, 1)
        lv.addWidget(self.gates)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.search_title = QLabel()
        rv.addWidget(self.search_title)
        rv.addWidget(self.find_selection)
        row = QHBoxLayout()
        row.addWidget(self.probe, 1)
        row.addWidget(self.find_probe)
        rv.addLayout(row)
        rv.addWidget(self.results, 1)
        rv.addWidget(self.search_note)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 340])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

        self.layer.valueChanged.connect(self._on_layer)
        self.signal.currentIndexChanged.connect(self._redraw)
        self.unit.valueChanged.connect(self._on_unit)
        self.text.hovered.connect(self._on_hover)
        self.text.selection_changed.connect(lambda a, b: self.find_selection.setEnabled(b - a > 0))
        self.find_selection.clicked.connect(self._search_selection)
        self.find_probe.clicked.connect(self._search_probe)
        self.results.itemClicked.connect(self._on_result)
        self.retranslate()

    def retranslate(self) -> None:
        self.layer_label.setText(self.tr("Layer:"))
        self.signal_label.setText(self.tr("Signal:"))
        self.unit_label.setText(self.tr("Unit:"))
        self.search_title.setText("<b>" + self.tr("Find units") + "</b>")
        self.find_selection.setText(self.tr("Units that track the selected text"))
        self.find_probe.setText(self.tr("Find"))
        names = {"quotes": self.tr("Inside quotes"), "brackets": self.tr("Inside brackets"),
                 "line": self.tr("Position in the line"), "word": self.tr("Inside a word"),
                 "newline": self.tr("After a line break")}
        for i in range(self.probe.count()):
            self.probe.setItemText(i, names[self.probe.itemData(i)])
        self.search_note.setText(self.tr("Score: 0 is chance, 1 separates perfectly. Select some text (for example "
                                         "everything inside quotes) to rank the units by how well they pick it out."))
        self._label_heat()
        names = signal_names()
        for i in range(self.signal.count()):
            self.signal.setItemText(i, names.get(self.signal.itemData(i), self.signal.itemData(i)))
        self._on_hover(-1)

    @property
    def heat(self):
        return self.heat_slot.plot()

    def _setup_heat(self, heat) -> None:
        pg = pyqtgraph()
        heat.setBackground("w")
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("CET-D1"))   # blue - white - red, as the text
        heat.addItem(self.image)
        heat.invertY(True)
        self.marker = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#111827", width=1))
        heat.addItem(self.marker)
        self.image.mouseClickEvent = self._on_heat_click
        self._label_heat()

    def _label_heat(self) -> None:
        if self.heat_slot.built:
            self.heat.setLabel("bottom", self.tr("symbol"))
            self.heat.setLabel("left", self.tr("unit"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- showing a trace -------------------------------------------------------------------
    def show_trace(self, trace) -> None:
        self.trace = trace
        self.results.clear()
        self.layer.blockSignals(True)
        self.layer.setRange(0, len(trace.layers) - 1)
        self.layer.blockSignals(False)
        self._fill_signals()
        self.unit.blockSignals(True)
        self.unit.setRange(0, trace.layers[0].h.shape[1] - 1)
        self.unit.blockSignals(False)
        self.text.show_symbols(trace.symbols, self._colours())
        self._redraw()

    def _fill_signals(self) -> None:
        current = self.signal.currentData() or "h"
        names = signal_names()
        self.signal.blockSignals(True)
        self.signal.clear()
        for key in self.trace.layers[self.layer.value()].signals():
            self.signal.addItem(names.get(key, key), key)
        self.signal.setCurrentIndex(max(0, self.signal.findData(current)))
        self.signal.blockSignals(False)

    def values(self):
        """(T, H) the chosen layer's chosen signal."""
        return self.trace.signal(self.layer.value(), self.signal.currentData() or "h")

    def _colours(self) -> list[str]:
        v = self.values()[:, self.unit.value()]
        scale = scale_of(v)
        return [diverging(x / scale) for x in v]

    @Slot()
    def _on_layer(self) -> None:
        self._fill_signals()
        self._redraw()

    @Slot()
    def _on_unit(self) -> None:
        if self.trace is not None:
            self.text.recolour(self._colours())
            self.heat_slot.plot()
            self.marker.setPos(self.unit.value() + 0.5)
            self.unit_changed.emit()

    @Slot()
    def _redraw(self) -> None:
        if self.trace is None:
            return
        v = self.values()
        scale = max(scale_of(v), 1e-9)
        self.heat_slot.plot()
        self.image.setImage(v / scale, levels=(-1, 1), autoLevels=False)   # x: symbols, y: units
        self.heat.setLimits(xMin=0, xMax=v.shape[0], yMin=0, yMax=v.shape[1])
        self.marker.setPos(self.unit.value() + 0.5)
        self.text.recolour(self._colours())

    def _on_heat_click(self, event) -> None:
        pos = event.pos()
        unit = int(pos.y())
        if self.trace is not None and 0 <= unit <= self.unit.maximum():
            self.unit.setValue(unit)
        event.accept()

    @Slot(int)
    def _on_hover(self, i: int) -> None:
        """The cell, explained: this unit's gates and states at the symbol under the mouse."""
        if self.trace is None or i < 0:
            self.gates.setText(self.tr("Point at a symbol to see this unit's gates and state there."))
            return
        layer, unit = self.trace.layers[self.layer.value()], self.unit.value()
        names = signal_names()
        parts = [f"{html.escape(names.get(k, k))} <b>{v[i, unit]:+.2f}</b>" for k, v in layer.signals().items()]
        sym = {"\n": "↵", " ": "␣", "\t": "⇥"}.get(self.trace.symbols[i], self.trace.symbols[i])
        self.gates.setText(f"“{html.escape(sym)}” — " + " · ".join(parts))

    # ---- unit search -------------------------------------------------------------------------
    def _show_results(self, found) -> None:
        self.results.clear()
        names = signal_names()
        for u in found:
            arrow = "↑" if u.direction > 0 else "↓"
            item = QListWidgetItem(self.tr("layer {layer}, {signal}, unit {unit}: {score} {arrow}").format(
                layer=u.layer, signal=names.get(u.signal, u.signal), unit=u.unit, score=f"{u.score:.2f}",
                arrow=arrow))
            item.setData(Qt.ItemDataRole.UserRole, (u.layer, u.signal, u.unit))
            self.results.addItem(item)

    def _search(self, target) -> None:
        from ...core.inspect.units import rank_units
        try:
            found = rank_units(self.trace, target, signals=tuple(self.trace.layers[0].signals()), top=10)
        except ValueError:
            self.results.clear()
            self.search_note.setText(self.tr("Select part of the text, not none or all of it."))
            return
        self._show_results(found)

    @Slot()
    def _search_selection(self) -> None:
        if self.trace is None:
            return
        from ...core.inspect.units import mask_from_span
        start, end = self.text.selected_symbols()
        self._search(mask_from_span(len(self.trace.symbols), [(start, end)]))

    @Slot()
    def _search_probe(self) -> None:
        if self.trace is None:
            return
        from ...core.inspect.units import probe
        self._search(probe(self.trace.symbols, self.probe.currentData()))

    @Slot(QListWidgetItem)
    def _on_result(self, item) -> None:
        layer, signal, unit = item.data(Qt.ItemDataRole.UserRole)
        self.layer.setValue(layer)
        self.signal.setCurrentIndex(max(0, self.signal.findData(signal)))
        self.unit.setValue(unit)
