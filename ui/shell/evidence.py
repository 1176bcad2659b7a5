"""Evidence in the window: citing the selection for the focused criterion, opening a passage
(a citation's, a search hit's) in the case file, the document search, the case list's
document filter, and indexing the documents a file's index lacks once the window is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from auditor.evidence.passage import Passage
from ui.cases.filter_bar import CaseFilterBar
from ui.common.background import work_under_way
from ui.search.indexing import DocumentIndexer

if TYPE_CHECKING:
    from ui.cases.file_view import CaseFileView
    from ui.common.workspace import Workspace
    from ui.grading.panel import GradingPanel
    from ui.search.panel import SearchPanel

#: While other background work runs (the case list loading, the opening backup), the
#: indexing waits this long before looking again: on two cores they would only slow each
#: other, and a backup of a file being written starts over.
INDEX_WAIT_MS = 500


class EvidenceLinks:
    """Wires the case file's reader, the grading panel, the search panel and the list."""

    def __init__(
        self,
        workspace: Workspace,
        case_file: CaseFileView,
        grading: GradingPanel,
        filter_bar: CaseFilterBar,
    ) -> None:
        self.workspace = workspace
        self.case_file = case_file
        self.grading = grading
        self.filter_bar = filter_bar  # the case list's: the search panel's "Show these cases"
        self.search_panel: SearchPanel | None = None
        self.indexer = DocumentIndexer(workspace)
        grading.passage_requested.connect(self.open_passage)
        case_file.cite_requested.connect(self.cite)  # the reader's "Cite for <criterion>"
        case_file.set_cite_label(grading.cite_label)
        # After the window's set-up, which fills a small list at once; a large list's loading
        # (and the opening backup) run on worker threads, and the indexing waits for them.
        QTimer.singleShot(0, self.indexer, self.index_when_idle)

    def cite(self) -> None:
        """Case → Cite the selection (Ctrl+Shift+C): for the focused criterion."""
        self.grading.cite(self.case_file.citation_selection())

    def open_passage(self, passage: Passage) -> None:
        """Show the passage's case, then its document at the passage, marked."""
        if self.workspace.shown_case_id() != passage.case_id:
            self.workspace.open_case(passage.case_id)
        self.case_file.show_passage(passage)

    def search(self) -> None:
        """View → Search documents (Ctrl+Shift+F): open or raise the search panel (and index
        what the index lacks, e.g. after a merge, unless the user stopped that)."""
        from ui.search.panel import open_document_search  # on first use: quicker start-up

        self.indexer.start()
        self.search_panel = open_document_search(
            self.workspace,
            self.search_panel,
            self.indexer,
            self.show_cases,
        )

    def show_cases(self, text: str, case_ids: set[str]) -> None:
        """List only the cases whose documents match ``text`` (the search panel's button)."""
        self.filter_bar.set_document_filter(text, case_ids)
        self.workspace.bring_to_front()

    def index_when_idle(self) -> None:
        """Index the documents the file's index lacks, once no other work runs."""
        if self.workspace.closed:
            return
        if work_under_way():
            QTimer.singleShot(INDEX_WAIT_MS, self.indexer, self.index_when_idle)
            return
        self.indexer.start()
