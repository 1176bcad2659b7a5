"""A criterion's standing citations, under its evidence note: one line each; Enter or a
double-click opens the passage, Delete (or Remove) takes the citation back."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from auditor.evidence.citations import Citation
from ui.common.a11y import describe

#: Rows shown before the list scrolls (vertically only).
MAX_ROWS = 4
CitationRole = Qt.ItemDataRole.UserRole + 1


class CitationLines(QListWidget):
    """The citations, one elided line each (never a sideways scroll); the full label on hover."""

    opened = Signal(object)  # Citation
    remove_requested = Signal(object)  # Citation

    def __init__(self, title: str) -> None:
        super().__init__()
        describe(
            self,
            f"Citations: {title}",
            "Passages cited for this criterion; Enter opens one, Delete takes it back",
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.itemActivated.connect(self._activated)

    def set_citations(self, citations: list[Citation]) -> None:
        current = self.current()
        shaded = bool(self.selectedItems())
        self.clear()
        for citation in citations:
            label = citation.label()
            item = QListWidgetItem(label)
            item.setData(CitationRole, citation)
            item.setToolTip(f"{citation.label(400)}\nEnter opens it; Delete takes it back")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.addItem(item)
            if current is not None and citation.id == current.id:  # kept, shaded as it was
                flag = QItemSelectionModel.SelectionFlag
                self.setCurrentItem(item, flag.ClearAndSelect if shaded else flag.NoUpdate)
        if self.currentItem() is None and citations:  # Remove acts on it (not shaded yet)
            self.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        rows = min(len(citations), MAX_ROWS)
        row = self.sizeHintForRow(0) if citations else 0
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 2)

    def current(self) -> Citation | None:
        item = self.currentItem()
        return item.data(CitationRole) if item is not None else None

    def citations(self) -> list[Citation]:
        return [self.item(i).data(CitationRole) for i in range(self.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.opened.emit(item.data(CitationRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current():
            self.remove_requested.emit(self.current())
            return
        super().keyPressEvent(event)


class CitationsBox(QWidget):
    """The heading ("2 citations"), the Remove button and the lines; hidden when none."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.heading = QLabel()
        self.lines = CitationLines(title)
        self.heading.setBuddy(self.lines)
        self.remove = QPushButton("Remove")
        describe(
            self.remove,
            f"Remove the citation chosen for {title}",
            "Takes back the citation chosen in the list (Ctrl+Z brings it back); Delete too",
        )
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(self._remove_clicked)
        self.lines.currentItemChanged.connect(lambda *_: self._enable())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.lines)
        self.hide()

    def set_citations(self, citations: list[Citation]) -> None:
        if not citations and not self.lines.count():
            return  # none before, none now (most criteria of most cases): nothing to redo
        self.lines.set_citations(citations)
        count = len(citations)
        self.heading.setText(f"{count} citation" + ("" if count == 1 else "s"))
        self.setVisible(bool(citations))
        self._enable()

    def _enable(self) -> None:
        self.remove.setEnabled(self.lines.current() is not None)

    def _remove_clicked(self) -> None:
        citation = self.lines.current()
        if citation is not None:
            self.lines.remove_requested.emit(citation)
