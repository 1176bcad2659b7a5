"""The case file (centre): details, timeliness, chronology and documents, opened lazily."""

from __future__ import annotations

import html
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.evidence import risk
from auditor.evidence.passage import Passage
from auditor.evidence.text import INDEXED, STATE_WORDS
from auditor.inspection import Inspection
from auditor.records import Case, Document, Event, attribute_text
from auditor.timeliness import MeasureResult
from ui.cases.chronology_model import COL_DETAIL, COL_EVENT, COL_WHEN, ChronologyModel
from ui.common.a11y import (
    CurrentWhenFocused,
    buddy_label,
    describe,
    explain,
    read_tabs_by_focus,
)
from ui.common.framework_words import area_heading
from ui.common.theme import warning_colour
from ui.common.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ui.cases.document_reader import DocumentReader

WHEN_WIDTH = 130  # "2018-03-27 14:05" on one line; wider when a time has seconds
EVENT_WIDTH, EVENT_MIN, EVENT_SHARE = 190, 90, 0.3  # at most a third of a narrow pane


NO_RISK_WORDS = "no risk words"


def risk_summary(words: tuple[str, ...], counts: dict[str, int]) -> str:
    """ "3 risk words: missing 2, not seen 1" (most first, then in the framework's order)."""
    if not counts:
        return NO_RISK_WORDS
    total = sum(counts.values())
    order = sorted(counts, key=lambda w: (-counts[w], words.index(w) if w in words else 0))
    noun = "risk word" if total == 1 else "risk words"
    return f"{total} {noun}: " + ", ".join(f"{w} {counts[w]}" for w in order)


class CaseFileView(QWidget):
    """Everything the inspector reads about one case."""

    #: The reader's context menu asked to cite the selection.
    cite_requested = Signal()

    def __init__(self, inspection: Inspection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self.case: Case | None = None
        self._measures: list[MeasureResult] = []
        self._documents: list[Document] = []
        self._loaded_documents = False
        self._one_line: tuple[str, int] = ("", 0)  # (font key, height of a one-line row)
        self._risk_counts: dict[str, dict[str, int]] = {}  # document id: its risk words

        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        # Labels are read by their text (a name set on them would hide it); the description
        # says what the text is.
        explain(self.title, "Case reference and type")
        self.summary = WrappedLabel()
        explain(self.summary, "Case summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QFormLayout()
        self.area = WrappedLabel()  # a long area or team wraps in a narrow pane
        self.team = WrappedLabel()
        self.opened = QLabel()
        details.addRow(f"{area_heading(inspection.framework.words)}:", self.area)
        details.addRow("Team:", self.team)
        details.addRow("Opened:", self.opened)
        self.attributes: dict[str, QLabel] = {}  # the case attributes its framework declares
        for attribute in inspection.framework.attributes:
            self.attributes[attribute.id] = WrappedLabel()
            details.addRow(f"{attribute.label}:", self.attributes[attribute.id])

        self.timeliness = WrappedLabel()
        self.timeliness.setObjectName("timeliness")
        explain(self.timeliness, "Timeliness against the framework's measures")
        self.timeliness.setTextFormat(Qt.TextFormat.RichText)

        self.chronology_model = ChronologyModel(self)
        self.chronology = CurrentWhenFocused()  # its current cell reads focused only when it is
        self.chronology.setModel(self.chronology_model)
        describe(
            self.chronology,
            "Chronology",
            "Events of the case in time order; events late against a measure say late",
        )
        self.chronology.verticalHeader().hide()
        self.chronology.setTabKeyNavigation(False)
        self.chronology.setWordWrap(True)
        header = self.chronology.horizontalHeader()
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_WHEN, WHEN_WIDTH)
        header.resizeSection(COL_EVENT, EVENT_WIDTH)
        # Rows are fitted to their text again when a column's width changes (the pane resized,
        # a column dragged), so a wrapped detail is never cut off with "…".
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_shown_rows)
        header.sectionResized.connect(lambda *_: self._refit.start())
        # The Event column gives way in a narrow pane, so Detail always has room to wrap.
        self.chronology.viewport().installEventFilter(self)
        self._shown: tuple[list[Event], dict[str, str], set[str]] = ([], {}, set())

        self.document_list = QListWidget()
        describe(
            self.document_list,
            "Documents",
            "Documents of the case, each with its risk words; choose one to read it",
        )
        # The reader is made when a document is first read: it loads QtPdf and the readers of
        # each kind of document, about 25 ms of start-up (benchmarks/RESULTS.md).
        self._viewer: DocumentReader | None = None
        self._cite_label: Callable[[], str] | None = None
        documents = self._documents_pane = QSplitter(Qt.Orientation.Vertical)
        documents.addWidget(self.document_list)
        self.document_list.currentRowChanged.connect(self._open_document)

        self.tabs = QTabWidget()
        describe(self.tabs, "Case file sections", "Chronology and documents of the case")
        describe(
            self.tabs.tabBar(), "Case file sections", "Switch between chronology and documents"
        )
        # Qt names a tab list by its current tab ("Chronology", like the table in it); its
        # section is read from a label it is labelled by.
        buddy_label("Case file sections", self.tabs.tabBar()).setParent(self.tabs)
        read_tabs_by_focus(self.tabs.tabBar())  # its tabs read focused only when it is
        self.tabs.addTab(self.chronology, "Chronology")
        self.tabs.addTab(documents, "Documents")
        self.tabs.currentChanged.connect(self._tab_changed)

        # These labels take the width they are given: if their texts' widths fed the layout,
        # every step to another case would resize the whole window's minimum and lay out and
        # repaint all of it (about a third of stepping's cost).
        for label in (
            self.title,
            self.summary,
            self.area,
            self.team,
            self.opened,
            self.timeliness,
        ):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(200, 280)  # fixed: a longer summary must not resize the window

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(details)
        layout.addWidget(self.timeliness)
        layout.addWidget(self.tabs, 1)

    def show_case(self, case: Case, events: list[Event], measures: list[MeasureResult]) -> None:
        self.case = case
        framework = self.inspection.framework
        self.title.setText(f"{case.reference}: {framework.case_type_label(case.case_type)}")
        self.summary.setText(case.summary)
        self.area.setText(" / ".join(p for p in (case.borough, case.bcu) if p) or "not recorded")
        self.team.setText(case.team or "not recorded")
        self.opened.setText(case.date_opened or "not recorded")
        for attribute_id, label in self.attributes.items():
            label.setText(attribute_text(case.attributes.get(attribute_id)) or "not recorded")
        self._measures = measures
        self._show_timeliness()
        late_events = {r.measure.to_event for r in measures if r.needs_attention}
        labels = {e.code: e.label for e in framework.event_types}
        self.chronology_model.reload(events, labels, late_events)
        self._fit_when(events)
        self._shown = (events, labels, late_events)
        self._fit_rows(events, labels, late_events)
        # Documents are listed (and read) only when their tab is shown.
        self._loaded_documents = False
        self.document_list.clear()
        if self._viewer is not None:
            self._viewer.clear()
        if self.tabs.currentIndex() == 1:
            self._load_documents()

    def _fit_when(self, events: list[Event]) -> None:
        """Widen the When column to one line when a time has seconds (shown where given)."""
        width = WHEN_WIDTH
        if any(len(e.occurred_at) > len("YYYY-MM-DDTHH:MM") for e in events):
            sample = "0000-00-00 00:00:00"
            width = max(width, self.chronology.fontMetrics().horizontalAdvance(sample) + 16)
        self.chronology.horizontalHeader().resizeSection(COL_WHEN, width)

    def _fit_rows(self, events: list[Event], labels: dict[str, str], late: set[str]) -> None:
        """Size each row to its text, laying out only the rows whose text wraps.

        ``resizeRowsToContents`` lays out the text of every cell to size every row (a tenth of
        the time taken to step to the next case). Most rows hold one line: they are given the
        height of one line, measured once; only rows whose event or detail is wider than its
        column, or holds a line break, are laid out.
        """
        table = self.chronology
        metrics = table.fontMetrics()
        slack = 12  # the cell's margins
        event_width = table.columnWidth(COL_EVENT) - slack
        detail_width = table.columnWidth(COL_DETAIL) - slack
        key = table.font().key()
        for row, event in enumerate(events):
            label = labels.get(event.event_type, event.event_type)
            if event.event_type in late:
                label += " (late)"
            if (
                "\n" in event.detail
                or metrics.horizontalAdvance(event.detail) > detail_width
                or metrics.horizontalAdvance(label) > event_width
            ):
                table.resizeRowToContents(row)
            else:
                if self._one_line[0] != key:
                    self._one_line = (key, table.sizeHintForRow(row))
                table.setRowHeight(row, self._one_line[1])

    def _fit_shown_rows(self) -> None:
        self._fit_rows(*self._shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.chronology.viewport() and event.type() == QEvent.Type.Resize:
            width = self.chronology.viewport().width()
            event_width = max(EVENT_MIN, min(EVENT_WIDTH, int(width * EVENT_SHARE)))
            if self.chronology.columnWidth(COL_EVENT) != event_width:
                self.chronology.horizontalHeader().resizeSection(COL_EVENT, event_width)
        return super().eventFilter(watched, event)

    def _show_timeliness(self) -> None:
        colour = warning_colour(self.palette())
        self.chronology_model.set_warning_colour(colour)
        lines = [
            f"<span style='color:{colour.name()}'>&#9888; {html.escape(r.text)}</span>"
            if r.needs_attention
            else f"&#10003; {html.escape(r.text)}"
            for r in self._measures
        ]
        self.timeliness.setText("<br>".join(lines) or "No timeliness measures for this case type.")

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch between light, dark and high-contrast palettes while open."""
        if event.type() == QEvent.Type.PaletteChange:
            self._show_timeliness()
        super().changeEvent(event)

    def _tab_changed(self, index: int) -> None:
        if index == 1 and not self._loaded_documents:
            self._load_documents()

    def _load_documents(self) -> None:
        if self.case is None:
            return
        self._documents = self.inspection.documents(self.case.id)
        self._loaded_documents = True
        states = self.inspection.search.states([d.id for d in self._documents])
        self.document_list.blockSignals(True)
        self.document_list.clear()
        for document in self._documents:
            about = self.document_about(document, states.get(document.id))
            second = "" if about == NO_RISK_WORDS else f"\n    {about}"  # only what matters
            item = QListWidgetItem(f"{document.title}  ({document.filename}){second}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{document.title}: {about}")
            item.setToolTip(about)
            self.document_list.addItem(item)
        self.document_list.blockSignals(False)

    def document_about(self, document: Document, state: str | None) -> str:
        """A document's second line: its risk words, and its index state when not searchable."""
        words = self.inspection.framework.risk_words
        said = []
        if state is not None and state != INDEXED:
            said.append(STATE_WORDS.get(state, state))
        elif state is None:
            said.append("not indexed yet")
        if words and state == INDEXED:
            counts = self._risk_counts.get(document.id)
            if counts is None:  # a document's text never changes: counted once
                pages = self.inspection.search.pages(document.id)
                counts = risk.counts(words, (text for _page, text in pages))
                self._risk_counts[document.id] = counts
            said.insert(0, risk_summary(words, counts))
        return " · ".join(said)

    def _open_document(self, row: int) -> None:
        if 0 <= row < len(self._documents):
            document = self._documents[row]
            state = self.inspection.search.state(document.id)
            self.viewer.show_document(
                document,
                self.inspection.document_content(document.id),
                "" if state == STATE_WORDS[INDEXED] else state,
            )

    # --- evidence ----------------------------------------------------------------------------

    def citation_selection(self) -> Passage | None:
        """What is selected in the document shown, as a passage to cite (None: nothing)."""
        document = self._viewer.document if self._viewer is not None else None
        if self.case is None or document is None or self.tabs.currentIndex() != 1:
            return None
        chosen = self.viewer.selection()
        if chosen is None:
            return None
        page, start, quote, region = chosen
        return Passage(self.case.id, document.id, page, quote, start, region)

    def set_cite_label(self, label: Callable[[], str] | None) -> None:
        """What the reader's context menu offers ("Cite for <criterion>"); None: nothing."""
        self._cite_label = label
        if self._viewer is not None:
            self._viewer.set_cite_label(label)

    @property
    def viewer(self) -> DocumentReader:
        """The document reader below the list, made the first time a document is read."""
        if self._viewer is None:
            reader = import_module("ui.cases.document_reader").DocumentReader()
            reader.risk_words = self.inspection.framework.risk_words
            reader.cite_requested.connect(self.cite_requested)
            reader.set_cite_label(self._cite_label)
            self._documents_pane.addWidget(reader)
            self._documents_pane.setSizes([110, 400])
            self._viewer = reader
        return self._viewer

    def show_passage(self, passage: Passage) -> bool:
        """Open the passage's document at the passage, marked (at once, in the same frame);
        whether the passage was found (its case must be the one shown)."""
        if self.case is None or self.case.id != passage.case_id:
            return False
        self.tabs.setCurrentIndex(1)  # lists the documents when not listed yet
        row = next((i for i, d in enumerate(self._documents) if d.id == passage.document_id), None)
        if row is None:
            return False
        if self.document_list.currentRow() != row:
            self.document_list.setCurrentRow(row)  # opens the document
        elif self.viewer.document is None or self.viewer.document.id != passage.document_id:
            self._open_document(row)
        self.document_list.scrollToItem(self.document_list.item(row))
        return self.viewer.mark(passage)
