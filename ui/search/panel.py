"""The document search panel (to be built: issue 21, Search everything)."""

from __future__ import annotations

from ui.common.workspace import Workspace


def open_document_search(workspace: Workspace) -> None:
    """Edit → Search documents (Ctrl+Shift+F): open (or raise) the search panel."""
    workspace.status("Searching the documents is not built yet", 3000)
