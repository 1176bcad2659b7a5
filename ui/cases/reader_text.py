"""The reader's text view: read-only text in a readable column, its selection as a passage to
cite (offsets in the source text), risk words and a cited passage marked."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from ui.common.theme import risk_colour

#: Text documents are set no wider than this many average characters (a readable line).
TEXT_COLUMN_CHARS = 90
#: What the text widget makes of line ends: one position for a CRLF pair, any break a newline.
_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")


def shown_form(text: str) -> str:
    """``text`` as the text widget holds it (every line break one newline)."""
    return _BREAKS.sub("\n", text)


class TextMap:
    """Positions in a source text (as indexed) and in the widget showing it, which counts a
    CRLF pair as one character."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._pairs = [m.start() for m in re.finditer("\r\n", source)]

    def to_widget(self, offset: int) -> int:
        """The widget position of a source offset."""
        return offset - bisect.bisect_left(self._pairs, offset)

    def to_source(self, position: int) -> int:
        """The source offset of a widget position."""
        low, high = position, position + len(self._pairs)
        while low < high:  # the least offset whose widget position is at least ``position``
            middle = (low + high) // 2
            if self.to_widget(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low


class ReadableText(QPlainTextEdit):
    """Read-only text no wider than TEXT_COLUMN_CHARS characters (centred by its page); risk
    words and a cited passage are marked, and its selection can be cited."""

    #: The context menu's Cite item was chosen.
    cite_requested = Signal()

    def __init__(self) -> None:
        super().__init__(readOnly=True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.zoom = 1.0
        self._base = self.font().pointSizeF()
        self._map = TextMap("")
        self._risk: list[tuple[int, int]] = []
        self._marks: list[tuple[int, int]] = []  # a cited passage, or a search's words
        #: The label of the context menu's Cite item ("Cite for <criterion>"), or None.
        self.cite_label: Callable[[], str] | None = None
        self._fit_column()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        font = self.font()
        font.setPointSizeF(self._base * zoom)
        self.setFont(font)
        self._fit_column()

    def _fit_column(self) -> None:
        column = self.fontMetrics().averageCharWidth() * TEXT_COLUMN_CHARS
        bar = self.verticalScrollBar().sizeHint().width()
        self.setMaximumWidth(column + 2 * self.frameWidth() + bar + 12)

    # --- text and marks ------------------------------------------------------------------------

    def show_text(self, source: str, risk_spans: Sequence[tuple[int, int, str]] = ()) -> None:
        """Show ``source`` (a text document's or a PDF page's text), its risk words marked."""
        self._map = TextMap(source)
        self._marks = []
        self.setPlainText(source)
        self._risk = [(self._map.to_widget(s), self._map.to_widget(e)) for s, e, _w in risk_spans]
        self._paint_marks()

    def source_text(self) -> str:
        return self._map.source

    def selection(self) -> tuple[int, str] | None:
        """The selection as (start offset in the source text, quote), trimmed; None if none."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_source(cursor.selectionStart())
        end = self._map.to_source(cursor.selectionEnd())
        quote = self._map.source[start:end]
        trimmed = quote.lstrip()
        start += len(quote) - len(trimmed)
        trimmed = trimmed.rstrip()
        return (start, trimmed) if trimmed else None

    def mark_passage(self, quote: str, start: int | None, words: Sequence[str] = ()) -> bool:
        """Highlight ``quote`` at ``start`` (else where the quote first occurs), or every word
        beginning with one of ``words`` (a search's); the cursor is put at the first mark and
        shown. Whether something was marked."""
        shown = self.toPlainText()
        found = self._find(shown, quote, start) if quote.strip() else None
        marks = [found] if found is not None else []
        if not marks and words:
            pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            marks = [
                (m.start(), m.end())
                for m in re.finditer(rf"(?<!\w)(?:{pattern})\w*", shown, re.IGNORECASE)
            ]
        self._marks = marks
        self._paint_marks()
        if not marks:
            return False
        first = marks[0]
        cursor = self.textCursor()
        cursor.setPosition(first[1])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(first[0])
        self.setTextCursor(cursor)  # the start of the passage shown, the end too when it fits
        self.ensureCursorVisible()
        return True

    def marked(self) -> tuple[int, int] | None:
        """The widget positions of the (first) passage marked, or None."""
        return self._marks[0] if self._marks else None

    def marks(self) -> list[tuple[int, int]]:
        """The widget positions of every passage or word marked."""
        return list(self._marks)

    def _find(self, shown: str, quote: str, start: int | None) -> tuple[int, int] | None:
        wanted = shown_form(quote)
        if start is not None:
            at = self._map.to_widget(start)
            if shown[at : at + len(wanted)] == wanted:
                return (at, at + len(wanted))
        at = shown.find(wanted)
        if at < 0:  # spacing differs (a line wrapped elsewhere): the words in order
            words = [re.escape(w) for w in wanted.split()]
            match = re.search(r"\s+".join(words), shown) if words else None
            return (match.start(), match.end()) if match else None
        return (at, at + len(wanted))

    def _paint_marks(self) -> None:
        palette = self.palette()
        risk = QTextCharFormat()
        risk.setBackground(risk_colour(palette))
        risk.setForeground(palette.color(palette.ColorRole.Text))
        risk.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)  # not colour alone
        extras = [self._extra(s, e, risk) for s, e in self._risk]
        cited = QTextCharFormat()
        cited.setBackground(palette.color(palette.ColorRole.Highlight))
        cited.setForeground(palette.color(palette.ColorRole.HighlightedText))
        cited.setProperty(QTextFormat.Property.FullWidthSelection, False)
        extras += [self._extra(s, e, cited) for s, e in self._marks]
        self.setExtraSelections(extras)

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def changeEvent(self, event) -> None:
        """Follow a switch between light and dark palettes while open."""
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._paint_marks()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.cite_label is not None:
            menu.addSeparator()
            action = menu.addAction(self.cite_label())
            action.setEnabled(self.textCursor().hasSelection())
            action.triggered.connect(self.cite_requested.emit)
        menu.exec(event.globalPos())
        menu.deleteLater()
