"""A word-wrapped label that measures its text once per width.

A layout asks a word-wrapped QLabel its height for a width several times in one pass, and
again in every pass (the panes around it are laid out at each step to the next case); QLabel
shapes and wraps its whole text each time (its measured heights are a fifth of a step's time
in the profile, benchmarks/RESULTS.md). Qt keeps no such cache for a label, so this one does:
the heights by width, forgotten when the text, the font or the style changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

#: Widths remembered at most (a window resized by dragging asks many).
KEPT_WIDTHS = 16


class WrappedLabel(QLabel):
    """A word-wrapped QLabel remembering its height for each width until its text changes."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= KEPT_WIDTHS:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)

    def setTextFormat(self, text_format) -> None:
        self._heights.clear()
        super().setTextFormat(text_format)
