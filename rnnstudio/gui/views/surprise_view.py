"""The surprise view: each symbol on the colour of the model's probability for it (green
expected, red surprising), the alternatives it expected on hover, and the text's loss."""
from __future__ import annotations

import html
import math

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.inspect.report import surprise_colour
from .symbol_text import SymbolText

_SHOW = {" ": "␣", "\n": "↵", "\t": "⇥"}


class SurpriseView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.result = None
        self.summary = QLabel()
        self.summary.setObjectName("surpriseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.text = SymbolText()
        self.text.setObjectName("surpriseText")
        self.text.tooltip = self._tooltip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self._summarise()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_surprise(self, result) -> None:
        self.result = result
        if result is None:
            self.text.clear()
        else:
            self.text.show_symbols(result.symbols, [surprise_colour(p) for p in result.prob])
        self._summarise()

    def _summarise(self) -> None:
        r = self.result
        if r is None or not math.isfinite(r.nats):
            self.summary.setText(self.tr("The model's surprise at each symbol appears here."))
            return
        self.summary.setText(self.tr(
            "<b>{nats} nats</b> per symbol ({bits} bits, perplexity {ppl}) over {n} symbols. Green: the model "
            "expected it; red: it did not. Point at a symbol to see what it expected instead.").format(
            nats=f"{r.nats:.3f}", bits=f"{r.bits:.3f}", ppl=f"{math.exp(min(r.nats, 50)):.2f}",
            n=f"{len(r.symbols) - 1:,}"))

    def _tooltip(self, i: int) -> str | None:
        r = self.result
        if r is None or i <= 0:
            return None
        sym = html.escape(_SHOW.get(r.symbols[i], r.symbols[i]))
        rows = "".join(f"<tr><td>{html.escape(_SHOW.get(s, s))}</td><td align='right'>{p:.1%}</td></tr>"
                       for s, p in r.alternatives[i])
        expected = self.tr("Expected:")
        return (self.tr("<b>{sym}</b>: probability {p}, loss {loss} nats").format(
            sym=sym, p=f"{r.prob[i]:.1%}", loss=f"{r.loss[i]:.2f}") + f"<br>{expected}<table>{rows}</table>")
