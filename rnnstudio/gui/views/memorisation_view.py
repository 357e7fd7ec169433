"""The memorisation meter: how much of a text the network could have copied from its
training text (n-grams found verbatim), with the copied spans highlighted and the longest
one shown where it occurs in the training text."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .symbol_text import SymbolText

COPIED = "#ffd54f"


def shares_text(m) -> str:
    """"8-grams 12 % · 16-grams 3 % · 32-grams 0 %" with translated words."""
    return " · ".join(QCoreApplication.translate("MemorisationView", "{n}-grams {share}").format(
        n=n, share=f"{v:.0%}") for n, v in m.shares.items())


def underline_copied(view, m) -> None:
    """Underline, in a Generate page's OutputView, the symbols inside copied spans."""
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
    cursor = QTextCursor(view.document())
    cursor.beginEditBlock()
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(QColor("#d97706"))
    for start, (text, _, _), copied in zip(view.starts, view.info, m.copied):
        if copied:
            cursor.setPosition(start)
            cursor.setPosition(start + len(text.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()


class MemorisationView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.result = None
        self.context = ""
        self.summary = QLabel()
        self.summary.setObjectName("memorisationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.text = SymbolText()
        self.text.setObjectName("memorisationText")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.source)
        self.retranslate()

    def retranslate(self) -> None:
        self._summarise()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_memorisation(self, symbols, result, context: str = "") -> None:
        """``context``: the training text around the longest copied span."""
        self.result, self.context = result, context
        if result is None:
            self.text.clear()
        else:
            self.text.show_symbols(symbols, [COPIED if c else "#ffffff" for c in result.copied])
        self._summarise()

    def _summarise(self) -> None:
        m = self.result
        if m is None:
            self.summary.setText(self.tr("Which parts of the text were copied from the training text appears here "
                                         "(the index of the training text is built once, in the background)."))
            self.source.setText("")
            return
        self.summary.setText(self.tr("Found verbatim in the training text: <b>{shares}</b>. Longest copied span: "
                                     "<b>{n}</b> symbols. Highlighted: spans of 8 or more symbols that occur in "
                                     "the training text.").format(shares=shares_text(m),
                                                                  n=m.longest.length if m.longest else 0))
        if m.longest and m.longest.length >= 8 and self.context:
            self.source.setText(self.tr("The longest span comes from character {at} of the training text: "
                                        "“{context}”").format(at=f"{m.longest.corpus_offset:,}",
                                                              context=html.escape(self.context)))
        else:
            self.source.setText("")
