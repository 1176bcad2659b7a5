"""Citing in the grading panel: the criterion a citation goes to (the one last focused),
citing a passage for it and taking a citation back, as undoable edits of the grading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from auditor.errors import FILE_FAILURES, Refused
from auditor.evidence.citations import AlreadyCited, Citation
from auditor.evidence.passage import Passage
from auditor.framework import Criterion
from ui.grading.boxes import CriterionCard
from ui.grading.cards import case_attributes

if TYPE_CHECKING:
    from ui.grading.panel import GradingPanel

NOTHING_SELECTED = (
    "Select a passage in a document first (a PDF: Page text, Alt+T; an image: drag over it), "
    "then cite it (Ctrl+Shift+C)"
)
NO_CRITERION = (
    "Focus a criterion in the grading panel first (click it or Tab to it), "
    "then cite the selection (Ctrl+Shift+C)"
)
READ_ONLY = "Not cited: the file is open read-only"


class Citing(QObject):
    """Which criterion the panel cites for, and its citing and taking back."""

    def __init__(self, panel: GradingPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.criterion_id: str | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None:
            if isinstance(widget, CriterionCard) and widget.panel is self.panel:
                self.criterion_id = widget.criterion.id
                return
            widget = widget.parentWidget()

    def target(self) -> Criterion | None:
        """The criterion last focused, when it applies to the case shown."""
        panel = self.panel
        if self.criterion_id is None or panel.case is None:
            return None
        criterion = panel.framework.criterion(self.criterion_id)
        if criterion is None or not criterion.applies(
            panel.case.case_type, case_attributes(panel.case)
        ):
            return None
        return criterion

    def menu_label(self) -> str:
        """The reader's context menu item: "Cite for <criterion> (Ctrl+Shift+C)"."""
        criterion = self.target()
        if criterion is None:
            return "Cite the selection (focus a criterion first)"
        return f"Cite for {criterion.title} (Ctrl+Shift+C)"

    def refused_here(self) -> bool:
        """Someone else's grading, or a read-only file: said, and nothing written."""
        if self.panel.held_elsewhere():
            return True
        if self.panel.inspection.read_only:
            self.panel.failed.emit(READ_ONLY)
            return True
        return False

    def cite(self, passage: Passage | None) -> Citation | None:
        panel = self.panel
        case = panel.case
        if passage is None:
            panel.failed.emit(NOTHING_SELECTED)
            return None
        if case is None or passage.case_id != case.id:
            panel.failed.emit("Not cited: the passage is not in the case shown")
            return None
        if self.refused_here():
            return None
        criterion = self.target()
        if criterion is None:
            panel.failed.emit(NO_CRITERION)
            return None
        panel.flush()
        try:
            citation = panel.history.cite(
                case.id,
                criterion.id,
                passage.document_id,
                quote=passage.quote,
                page=passage.page,
                start=passage.start,
                region=passage.region,
            )
        except AlreadyCited as exc:  # the same passage, for the same criterion
            panel.failed.emit(str(exc))
            return None
        except (Refused, *FILE_FAILURES) as exc:  # GradingError, a locked file: in words
            panel.failed.emit(f"Not cited: {exc}")
            return None
        panel.refresh(panel.inspection.grading.assessment(case.id, panel.user.id))
        panel.changed.emit(case.id)
        panel.failed.emit(f"Cited for {criterion.title}: {citation.label()} (Ctrl+Z undoes it)")
        return citation

    def remove(self, citation: Citation) -> None:
        panel = self.panel
        case = panel.case
        if case is None or citation.case_id != case.id or self.refused_here():
            return
        card = panel.cards[citation.criterion_id]
        try:
            panel.history.remove_citation(case.id, citation.criterion_id, citation.id)
        except (Refused, *FILE_FAILURES) as exc:
            panel.failed.emit(f"Not taken back: {exc}")
            return
        panel.refresh(panel.inspection.grading.assessment(case.id, panel.user.id))
        panel.changed.emit(case.id)
        panel.failed.emit(f"Citation taken back: {citation.label()} (Ctrl+Z brings it back)")
        lines = card.citations.lines
        (lines if lines.count() else card).setFocus(Qt.FocusReason.OtherFocusReason)
