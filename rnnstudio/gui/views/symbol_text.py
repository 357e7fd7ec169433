"""Read-only text whose every symbol has its own colour, and which says which symbol the
mouse is over and which symbols are selected (the Inspect views build on it)."""
from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

SHOWN = {"\n": "↵\n", "\t": "⇥\t"}   # a line break stays a break, but can be seen (and coloured)


def show_tooltip(view, event, tip: str | None) -> bool:
    """Show ``tip`` for a ToolTip event of a text view (or hide it when there is none)."""
    if tip:
        QToolTip.showText(event.globalPos(), tip, view)
    else:
        QToolTip.hideText()
        event.ignore()
    return True


def _units(text: str) -> int:
    """Length in the document's UTF-16 positions (a character outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


class SymbolText(QTextEdit):
    hovered = Signal(int)          # the symbol under the mouse (-1: none)
    selection_changed = Signal(int, int)   # selected symbols [start, end)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)
        self.setMouseTracking(True)
        self.starts: list[int] = []
        self.lengths: list[int] = []
        self.tooltip = None        # callable(index) -> rich text, or None
        self._last = -1
        self.selectionChanged.connect(self._on_selection)

    def show_symbols(self, symbols: list[str], colours: list[str]) -> None:
        """Replace the text; ``colours`` are '#rrggbb' backgrounds, one per symbol."""
        self.setUpdatesEnabled(False)
        self.clear()
        cursor = self.textCursor()
        cursor.beginEditBlock()
        self.starts, self.lengths = [], []
        fmt = QTextCharFormat()
        for s, c in zip(symbols, colours):
            shown = SHOWN.get(s, s)
            fmt.setBackground(QColor(c))
            self.starts.append(cursor.position())
            cursor.insertText(shown, fmt)
            self.lengths.append(_units(shown))
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.setUpdatesEnabled(True)

    def recolour(self, colours: list[str]) -> None:
        """New colours for the same symbols (another unit): no re-layout of the text."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        fmt = QTextCharFormat()
        for start, length, c in zip(self.starts, self.lengths, colours):
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            fmt.setBackground(QColor(c))
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def index_at(self, position: int) -> int:
        i = bisect.bisect_right(self.starts, position) - 1
        if i < 0 or position >= self.starts[i] + self.lengths[i]:
            return -1
        return i

    def selected_symbols(self) -> tuple[int, int]:
        c = self.textCursor()
        if not c.hasSelection() or not self.starts:
            return 0, 0
        start = bisect.bisect_right(self.starts, c.selectionStart()) - 1
        end = bisect.bisect_left(self.starts, c.selectionEnd())
        return max(0, start), end

    def _on_selection(self) -> None:
        self.selection_changed.emit(*self.selected_symbols())

    def mouseMoveEvent(self, e) -> None:
        i = self.index_at(self.cursorForPosition(e.pos()).position())
        if i != self._last:
            self._last = i
            self.hovered.emit(i)
        super().mouseMoveEvent(e)

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip and self.tooltip is not None:
            i = self.index_at(self.cursorForPosition(e.pos()).position())
            return show_tooltip(self, e, self.tooltip(i) if i >= 0 else None)
        return super().event(e)
