"""The evidence behind a grading as the reviewer reads it: each criterion's citations as links
in the details pane, each opening its document at the passage in the main window."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser

from auditor.evidence.citations import Citation
from auditor.grading.rules import Assessment
from ui.common.workspace import Workspace

#: The links' scheme: ``citation:<id>``.
SCHEME = "citation"
#: How a details pane says what its links do (for its accessible description).
HOW_TO_OPEN = "Tab to a cited passage and press Enter (or click it) to open the document there"


def citation_url(citation: Citation) -> str:
    return f"{SCHEME}:{citation.id}"


def citations_html(citations: list[Citation]) -> str:
    """A criterion's citations, one link a line (nothing when there are none)."""
    return "".join(
        f"<br>Cited: <a href='{escape(citation_url(c))}'>{escape(c.label())}</a>" for c in citations
    )


def cited(workspace: Workspace, assessment: Assessment) -> dict[str, list[Citation]]:
    """The grading's standing citations, by criterion id."""
    return workspace.inspection.citations.by_criterion(assessment.case_id, assessment.assessor_id)


class CitationLinks:
    """Makes a details pane's citation links open their passage (``workspace.open_passage``)."""

    def __init__(self, browser: QTextBrowser, workspace: Workspace) -> None:
        self.workspace = workspace
        browser.setOpenLinks(False)  # a link is a passage to open, never a page to load
        browser.anchorClicked.connect(self.open)

    def open(self, url: QUrl) -> None:
        if url.scheme() != SCHEME:
            return
        citation = self.workspace.inspection.citations.get(url.path())
        if citation is None:
            self.workspace.status("That citation has been taken back since the view was read", 5000)
            return
        self.workspace.open_passage(citation.passage)
