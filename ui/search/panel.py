"""View → Search documents… (Ctrl+Shift+F): search every document of the inspection.

A search box (words, prefix*, "quoted phrases"; Enter searches), the matching documents best
first (case, document, page, snippet with the words in bold), opening a hit at its passage,
and "Show these cases in the list" for the case list's document filter. A search answers in
well under 100 ms, so it runs on the UI thread; indexing a file's missing documents runs on
a worker thread (``ui.search.indexing``) and is shown here while it runs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.evidence.filtering import unsearchable_count
from auditor.evidence.index import PANEL_LIMIT, Hit
from auditor.evidence.passage import Passage
from auditor.evidence.query import SearchError, marked_words
from ui.common.a11y import describe
from ui.common.widgets import MessageLine, make_table, size_within_screen
from ui.common.workspace import Workspace
from ui.search.indexing import DocumentIndexer
from ui.search.model import COL_SNIPPET, HitModel, SnippetDelegate

#: Shows the cases matching a search in the case list: (the search, the cases' ids).
ShowCases = Callable[[str, set[str]], None]
HINT = 'Words, a prefix like neglect*, or a "quoted phrase"; every term must match.'


def documents(count: int) -> str:
    return f"{count:,} document{'s' if count != 1 else ''}"


class QueryBox(QLineEdit):
    """The search box: Enter searches (``returnPressed``), Down goes to the results."""

    def __init__(self, results: QWidget) -> None:
        super().__init__()
        self.results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.results.isEnabled():
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)


class SearchPanel(QDialog):
    """The document search: a query, the matching documents, and opening one at its passage."""

    def __init__(
        self, workspace: Workspace, indexer: DocumentIndexer, show_cases: ShowCases | None
    ) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.indexer = indexer
        self.show_cases = show_cases
        self.searched = ""  # the last search that ran (what the hits and the list filter are)
        self._unsearchable: int | None = None  # counted once, again after indexing
        self.setWindowTitle("Search documents")
        describe(self, "Search documents", "Search the text of every document of the inspection")

        self.model = HitModel(workspace.inspection.framework, self)
        self.table = make_table(
            self.model,
            "Matching documents",
            "Best match first; Enter or a double-click opens the document at the passage",
            (120, 220, 50),
        )
        self.table.setItemDelegateForColumn(COL_SNIPPET, SnippetDelegate(self.table))
        self.table.activated.connect(self.open_hit)
        self.query = QueryBox(self.table)
        self.query.setPlaceholderText('e.g. "not seen" strateg* health')
        self.query.setClearButtonEnabled(True)
        describe(self.query, "Search for", HINT + " Enter searches; Down goes to the results.")
        self.query.returnPressed.connect(self.run_search)
        self.search_button = self._button("&Search", "Search the documents", self.run_search)
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.message = MessageLine("Search message")
        self.message.hide()
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setAccessibleName("Documents found")
        self.count.hide()  # until a search has run
        self.indexing = QLabel()
        self.indexing.setWordWrap(True)
        self.indexing.setAccessibleName("Indexing")
        self.index_button = self._button(
            "Stop &indexing", "Stop indexing; the rest is indexed next time", self.toggle_indexing
        )
        self.list_button = self._button(
            "Show these cases in the &list",
            "List only the cases with a document matching this search (the list says so, "
            "with a button to clear it)",
            self.show_in_list,
        )
        self.open_button = self._button(
            "&Open", "Open the selected document at the passage", self.open_selected
        )

        top = QHBoxLayout()
        top.addWidget(QLabel("&Find:", buddy=self.query))
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        indexing = QHBoxLayout()
        indexing.addWidget(self.indexing, 1)
        indexing.addWidget(self.index_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.list_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(indexing)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        size_within_screen(self, 1100, 680)
        indexer.changed.connect(self.show_indexing)
        self.show_indexing()
        self._enable()

    def _button(self, text: str, description: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        describe(button, text.replace("&", ""), description)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _enable(self) -> None:
        found = self.model.rowCount() > 0
        self.open_button.setEnabled(found)
        self.list_button.setEnabled(found and self.show_cases is not None)

    # --- searching -------------------------------------------------------------------------

    def search_for(self, text: str) -> None:
        """Put ``text`` in the box and search."""
        self.query.setText(text)
        self.run_search()

    def run_search(self) -> None:
        """Search the documents for the box's text (logged once); a bad search says why."""
        text = self.query.text().strip()
        inspection = self.workspace.inspection
        try:
            hits = inspection.search.documents(text)
        except SearchError as exc:  # an open quote, nothing to search for: in words
            self._refused(f"{exc}.")
            return
        try:
            if not inspection.read_only:  # a read-only view writes nothing, not even this
                inspection.search.log_search(self.workspace.user, text, len(hits))
        except (Refused, *FILE_FAILURES) as exc:  # the log could not be written: say so
            self._refused(f"the search could not be logged ({exc}), so it is not shown.")
            return
        self.message.hide()
        self.searched = text
        self.model.reload(hits)
        self.count.setText(self._count_words(len(hits)))
        self.count.show()
        if hits:
            self.table.selectRow(0)
        self._enable()

    def _refused(self, text: str) -> None:
        self.message.refuse(text)
        self.message.show()
        self.searched = ""
        self.model.reload([])
        self.count.setText("")
        self.count.hide()
        self._enable()

    def _count_words(self, found: int) -> str:
        if not found:
            said = "No document matches."
        elif found >= PANEL_LIMIT:
            said = f"At least {documents(found)} match; the best {found:,} are listed."
        else:
            said = f"{documents(found)} match{'es' if found == 1 else ''}."
        if self._unsearchable is None:
            self._unsearchable = unsearchable_count(self.workspace.inspection)
        unsearchable = self._unsearchable
        if unsearchable:
            said += (
                f" {documents(unsearchable)} cannot be searched "
                "(scanned PDFs or images with no text)."
            )
        return said

    # --- opening ---------------------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def open_hit(self, index: QModelIndex) -> None:
        """Open a hit's document at its page, the search's words marked."""
        hit = self.model.item(index.row())
        if hit is None:
            return
        words = tuple(marked_words(self.searched))
        self.workspace.open_passage(Passage(hit.case_id, hit.document_id, hit.page, words=words))

    def open_selected(self) -> None:
        self.open_hit(self.table.currentIndex())

    def show_in_list(self) -> None:
        """List only the cases with a document matching the search shown."""
        if self.show_cases is None or not self.searched:
            return
        try:
            case_ids = self.workspace.inspection.search.case_ids(self.searched)
        except SearchError as exc:
            self._refused(f"{exc}.")
            return
        self.show_cases(self.searched, case_ids)

    # --- indexing --------------------------------------------------------------------------

    def show_indexing(self) -> None:
        """Say how the indexing goes (while it runs, or documents waiting for it)."""
        indexer = self.indexer
        self._unsearchable = None  # documents were (or are being) indexed: count again
        if indexer.running:
            text = indexer.text  # "Indexing documents: 120 of 800"
        elif indexer.pending:
            text = f"{documents(indexer.pending)} not indexed yet: a search does not see them."
        else:
            text = ""  # nothing waits: how a run ended is said in the status bar
        self.indexing.setText(text)
        self.indexing.setVisible(bool(text))
        self.index_button.setText("Stop &indexing" if indexer.running else "&Index them now")
        can_index = not self.workspace.inspection.read_only
        self.index_button.setVisible(can_index and (indexer.running or indexer.pending > 0))

    def toggle_indexing(self) -> None:
        if self.indexer.running:
            self.indexer.stop()
        else:
            self.indexer.start(asked=True)


def open_document_search(
    workspace: Workspace,
    panel: SearchPanel | None,
    indexer: DocumentIndexer,
    show_cases: ShowCases | None = None,
) -> SearchPanel:
    """View → Search documents (Ctrl+Shift+F): open (or raise) the search panel."""
    indexer.count_pending()
    if panel is None:
        panel = SearchPanel(workspace, indexer, show_cases)
    panel.show_indexing()
    panel.show()
    panel.raise_()
    panel.activateWindow()
    panel.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
    panel.query.selectAll()
    return panel
