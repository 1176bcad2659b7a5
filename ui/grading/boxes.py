"""The boxes digit keys grade: one per criterion, and the overall grade."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from auditor.evidence.citations import Citation
from auditor.framework import Criterion, Framework
from auditor.grading.rules import Assessment
from ui.common.a11y import describe
from ui.grading.citation_list import CitationsBox
from ui.grading.widgets import GradeButtons, NoteEdit

if TYPE_CHECKING:
    from ui.grading.panel import GradingPanel


def grade_for_key(framework: Framework, key: int, *, criterion: bool) -> str | bool | None:
    """The grade code a digit key gives (None for Backspace: clear), or False for no grade."""
    if key == Qt.Key.Key_Backspace:
        return None
    if key == Qt.Key.Key_0:
        return framework.not_applicable.code if criterion else False
    number = key - Qt.Key.Key_1
    if 0 <= number < min(9, len(framework.grades)):
        return framework.grades[number].code
    return False


FOCUS_MARK = "\u25b6"  # ▶


class GradingKeys(QGroupBox):
    """A box graded by digit keys, one grade per press (Anki-style), then focus moves on.

    The focused box is where digit keys grade, so it is shown plainly and not by colour
    alone: a thick frame in the palette's highlight colour and a marker before the title.
    """

    panel: GradingPanel
    is_criterion: bool

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setTitle(f"{FOCUS_MARK} {self._plain_title()}")
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setTitle(self._plain_title())
        super().focusOutEvent(event)

    def _plain_title(self) -> str:
        return self.title().removeprefix(f"{FOCUS_MARK} ")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            pen = QPen(self.palette().color(self.palette().ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -2, -2), 4, 4)
            painter.end()

    def keyPressEvent(self, event) -> None:
        if not self.grading_key(event):
            super().keyPressEvent(event)

    def grading_key(self, event) -> bool:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or event.isAutoRepeat():
            return False
        code = grade_for_key(self.panel.framework, event.key(), criterion=self.is_criterion)
        if code is False:
            return False
        self.panel.grade_by_key(self, code)  # type: ignore[arg-type]
        return True


class CriterionCard(GradingKeys):
    """One criterion: its question, guidance on demand, grade buttons and evidence note."""

    is_criterion = True

    def __init__(self, framework: Framework, criterion: Criterion, panel: GradingPanel):
        super().__init__(criterion.title)
        self.panel = panel
        self.criterion = criterion
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Criterion: {criterion.title}")
        self.setAccessibleDescription(criterion.question)
        question = QLabel(criterion.question, wordWrap=True)
        self.guidance = QLabel(criterion.guidance, wordWrap=True)
        self.guidance.setObjectName("guidance")
        self.guidance.hide()
        toggle = QPushButton("Guidance")
        toggle.setCheckable(True)
        describe(
            toggle,
            f"Show guidance for {criterion.title}",
            "Shows or hides the framework's guidance on grading this criterion",
        )
        toggle.toggled.connect(self.guidance.setVisible)
        choices = [(g.code, g.label) for g in framework.grades]
        choices.append((framework.not_applicable.code, framework.not_applicable.label))
        self.buttons = GradeButtons(choices, criterion.title)
        self.buttons.chosen.connect(lambda code: panel.grade_criterion(criterion.id, code))
        self.note = NoteEdit(
            lambda text: panel.note_criterion(criterion.id, text), f"Evidence: {criterion.title}"
        )
        self.citations = CitationsBox(criterion.title)
        self.citations.lines.opened.connect(lambda c: panel.passage_requested.emit(c.passage))
        self.citations.lines.remove_requested.connect(panel.remove_citation)
        top = QHBoxLayout()
        top.addWidget(question, 1)
        top.addWidget(toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.guidance)
        layout.addWidget(self.buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.citations)

    def show_assessment(
        self, assessment: Assessment | None, citations: list[Citation] | None = None
    ) -> None:
        self.buttons.set_value(assessment.grade_of(self.criterion.id) if assessment else None)
        self.note.set_saved_text(assessment.note_of(self.criterion.id) if assessment else "")
        self.citations.set_citations(citations or [])


class OverallBox(GradingKeys):
    """The overall grade box: digit keys record the overall grade."""

    is_criterion = False

    def __init__(self, panel: GradingPanel):
        super().__init__("Overall grade")
        self.panel = panel
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
