"""Evidence in the window: citing the selection for the focused criterion, opening a passage
(a citation's, a search hit's) in the case file, and the document search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.evidence.passage import Passage
from ui.search.panel import open_document_search

if TYPE_CHECKING:
    from ui.cases.file_view import CaseFileView
    from ui.common.workspace import Workspace
    from ui.grading.panel import GradingPanel


class EvidenceLinks:
    """Wires the case file's reader, the grading panel and the search panel together."""

    def __init__(
        self, workspace: Workspace, case_file: CaseFileView, grading: GradingPanel
    ) -> None:
        self.workspace = workspace
        self.case_file = case_file
        self.grading = grading
        grading.passage_requested.connect(self.open_passage)

    def cite(self) -> None:
        """Case → Cite the selection (Ctrl+Shift+C): for the focused criterion."""
        self.grading.cite(self.case_file.citation_selection())

    def open_passage(self, passage: Passage) -> None:
        """Show the passage's case, then its document at the passage, marked."""
        if self.workspace.shown_case_id() != passage.case_id:
            self.workspace.open_case(passage.case_id)
        self.case_file.show_passage(passage)

    def search(self) -> None:
        """Edit → Search documents (Ctrl+Shift+F)."""
        open_document_search(self.workspace)
