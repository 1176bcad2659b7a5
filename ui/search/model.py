"""The search panel's results: one row per matching document, the snippet's words in bold."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from auditor.evidence.index import MARKS, Hit
from ui.common.table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex

COL_CASE, COL_DOCUMENT, COL_PAGE, COL_SNIPPET = range(4)
#: The snippet as rich text, its matched words in bold (the delegate paints it).
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 10

#: Control characters a document's text may hold (besides the marks): never shown.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_snippet(hit: Hit) -> str:
    """The snippet on one line, without marks or control characters."""
    return _CONTROLS.sub(" ", hit.plain_snippet())


def snippet_html(hit: Hit) -> str:
    """The snippet as HTML: escaped, one line, the matched words in bold."""
    text = " ".join(hit.snippet.split())
    parts = re.split(f"({re.escape(MARKS[0])}|{re.escape(MARKS[1])})", text)
    html: list[str] = []
    for part in parts:
        if part == MARKS[0]:
            html.append("<b>")
        elif part == MARKS[1]:
            html.append("</b>")
        else:
            html.append(escape(_CONTROLS.sub(" ", part)))
    return "".join(html)


class HitModel(ListTableModel[Hit]):
    """The hits of one search, best first: case, document, page and snippet."""

    HEADERS = ("Case", "Document", "Page", "Snippet")

    def display(self, item: Hit, column: int) -> str:
        if column == COL_CASE:
            return item.reference
        if column == COL_DOCUMENT:
            return item.title
        if column == COL_PAGE:
            return str(item.page) if item.page is not None else ""
        return plain_snippet(item)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == SnippetHtmlRole and column == COL_SNIPPET:
            return snippet_html(item)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DOCUMENT:
            return f"{item.title} ({item.filename})"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_PAGE:
            return f"page {item.page}" if item.page is not None else "a text document"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class SnippetDelegate(QStyledItemDelegate):
    """Paints a snippet's rich text (the matched words bold) on one line, clipped to its cell."""

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        document.setDefaultTextOption(text_option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role).name()
        document.setHtml(f"<span style='color:{colour}'>{html}</span>")
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        html = index.data(SnippetHtmlRole)
        if not html:
            super().paint(painter, option, index)
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        shown.text = ""
        widget = shown.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
        document = self._document(shown, html)
        top = area.top() + max(0, (area.height() - document.size().height()) / 2)
        painter.save()
        painter.setClipRect(area)
        painter.translate(area.left() + 2, top)
        document.drawContents(painter, QRectF(0, 0, area.width(), area.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        html = index.data(SnippetHtmlRole)
        if not html:
            return super().sizeHint(option, index)
        document = self._document(option, html)
        return QSize(int(document.idealWidth()) + 8, option.fontMetrics.height() + 8)
