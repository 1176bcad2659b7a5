"""The boxes digit keys grade: one per criterion, and the overall grade."""

from __future__ import annotations

from bisect import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionGroupBox,
    QVBoxLayout,
    QWidget,
)

from auditor.evidence.citations import Citation
from auditor.framework import Criterion, Domain, Framework
from auditor.grading.rules import Assessment
from ui.common.a11y import describe, explain
from ui.common.scale_words import keys_text, not_a_key, scale
from ui.common.wrapped_label import WrappedLabel
from ui.grading.citation_list import CitationsBox
from ui.grading.prompt_list import PromptList
from ui.grading.widgets import GradeButtons, NoteEdit

if TYPE_CHECKING:
    from ui.grading.panel import GradingPanel


def key_text(key: int, text: str) -> str:
    """What a key press names: its digit (main row or keypad), else the text it types."""
    number = key - Qt.Key.Key_0.value
    return str(number) if 0 <= number <= 9 else text


def grade_for_key(framework: Framework, key: str, *, criterion: bool) -> str | bool | None:
    """The code a key gives on the box's scale (a criterion's answers and Not applicable, or
    the overall ratings; keys from ``Grade.key``), or False when it gives none."""
    found = framework.grade_for_key(key, answers=criterion) if key else None
    return found.code if found is not None else False


FOCUS_MARK = "\u25b6"  # ▶
TITLE_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class PlainGroupBox(QGroupBox):
    """A group box (read as a grouping with its title, laid out as Qt lays one out) painted
    as a plain line and its title: Fusion draws a group box's frame from border pixmaps, a
    sixth of the time taken to paint a step to the next case when every card is one."""

    _placed: tuple[tuple[int, int, str], QRect, QRect] | None = None
    #: Whether the box, when it has the focus, shows it with a thick frame (a grading box).
    focus_ring = False
    #: The widget beneath that paints this box's frame and title with its other boxes' (a
    #: page of criterion cards), or None: the box paints its own.
    framed_by: QWidget | None = None

    def _frame_and_label(self) -> tuple[QRect, QRect]:
        """Where the style puts the frame and the title (worked out again when resized,
        retitled, or given another font or style)."""
        key = (self.width(), self.height(), self.title())
        if self._placed is None or self._placed[0] != key:
            option = QStyleOptionGroupBox()
            self.initStyleOption(option)
            style = self.style()
            control = QStyle.ComplexControl.CC_GroupBox
            frame = style.subControlRect(control, option, QStyle.SubControl.SC_GroupBoxFrame, self)
            label = style.subControlRect(control, option, QStyle.SubControl.SC_GroupBoxLabel, self)
            self._placed = (key, frame, label)
        return self._placed[1], self._placed[2]

    def paint_frame(self, painter: QPainter) -> None:
        """Draw the frame, the title and the focus frame, the painter at the box's top left."""
        frame, label = self._frame_and_label()
        palette = self.palette()
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
        box = frame.adjusted(0, 0, -1, -1)
        box.setTop(max(box.top(), label.bottom() + 1))  # the title above the frame
        painter.drawRect(box)
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(palette.color(group, palette.ColorRole.WindowText))
        painter.drawText(label, TITLE_ALIGN, self.title())
        if self.focus_ring and self.hasFocus():
            painter.setPen(QPen(palette.color(palette.ColorRole.Highlight), 3))
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -2, -2), 4, 4)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._placed = None  # the title's place is worked out again
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.framed_by is not None:
            return  # its page paints it with the page's other cards: one Python paint, not 5
        painter = QPainter(self)
        self.paint_frame(painter)
        painter.end()


class GradingKeys(PlainGroupBox):
    """A box graded by digit keys, one grade per press (Anki-style), then focus moves on.

    The focused box is where digit keys grade, so it is shown plainly and not by colour
    alone: a thick frame in the palette's highlight colour and a marker before the title.
    """

    panel: GradingPanel
    is_criterion: bool
    focus_ring = True

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setTitle(f"{FOCUS_MARK} {self._plain_title()}")
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setTitle(self._plain_title())
        super().focusOutEvent(event)

    def _plain_title(self) -> str:
        return self.title().removeprefix(f"{FOCUS_MARK} ")

    def keyPressEvent(self, event) -> None:
        if not self.grading_key(event):
            super().keyPressEvent(event)

    def grading_key(self, event) -> bool:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or event.isAutoRepeat():
            return False
        if event.key() == Qt.Key.Key_Backspace:
            self.panel.grade_by_key(self, None)  # type: ignore[arg-type]
            return True
        key = key_text(event.key(), event.text())
        code = grade_for_key(self.panel.framework, key, criterion=self.is_criterion)
        if code is False:
            if not key.isdigit():
                return False
            # A digit that records nothing here says so, rather than silently nothing.
            self.panel.hint_key(not_a_key(key, self.panel.framework, answers=self.is_criterion))
            return True
        self.panel.grade_by_key(self, code)  # type: ignore[arg-type]
        return True


class CriterionCard(GradingKeys):
    """One criterion: its question (for the case's type), guidance on demand, sub-prompts as a
    checklist, the answer buttons of the framework's scale and the evidence note."""

    is_criterion = True

    def __init__(self, framework: Framework, criterion: Criterion, panel: GradingPanel):
        super().__init__(criterion.title)
        self.panel = panel
        self.criterion = criterion
        self.case_type: str | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Criterion: {criterion.title}")
        self.setAccessibleDescription(criterion.question)
        self.question = WrappedLabel(criterion.question)
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
        choices = [(g.code, g.label) for g in scale(framework, answers=True)]
        self.buttons = GradeButtons(choices, criterion.title)
        self.buttons.chosen.connect(lambda code: panel.grade_criterion(criterion.id, code))
        self.prompts = PromptList(criterion)
        self.prompts.ticked.connect(
            lambda index, ticked: panel.tick_prompt(criterion.id, index, ticked)
        )
        self.note = NoteEdit(
            lambda text: panel.note_criterion(criterion.id, text), f"Evidence: {criterion.title}"
        )
        self.citations = CitationsBox(criterion.title)
        self.citations.lines.opened.connect(lambda c: panel.passage_requested.emit(c.passage))
        self.citations.lines.remove_requested.connect(panel.remove_citation)
        top = QHBoxLayout()
        top.addWidget(self.question, 1)
        top.addWidget(toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.guidance)
        if criterion.prompts:
            layout.addWidget(self.prompts)
        layout.addWidget(self.buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.citations)

    def show_for(self, case_type: str) -> None:
        """The question and guidance the framework words for this case type."""
        if case_type == self.case_type:
            return
        self.case_type = case_type
        question = self.criterion.question_for(case_type)
        self.question.setText(question)
        self.guidance.setText(self.criterion.guidance_for(case_type))
        self.setAccessibleDescription(question)

    def show_assessment(
        self, assessment: Assessment | None, citations: list[Citation] | None = None
    ) -> None:
        self.buttons.set_value(assessment.grade_of(self.criterion.id) if assessment else None)
        self.note.set_saved_text(assessment.note_of(self.criterion.id) if assessment else "")
        self.citations.set_citations(citations or [])


class DomainSection(QWidget):
    """A domain's criteria under a plain heading with the domain's rating (no heading when the
    framework has no domains); cards are added as they are first needed, in framework order."""

    def __init__(self, framework: Framework, domain: Domain | None) -> None:
        super().__init__()
        self.domain = domain
        self.order = {c.id: n for n, c in enumerate(framework.criteria)}
        self.placed: list[str] = []  # criterion ids of the cards added, in framework order
        self.heading = WrappedLabel(domain.title if domain else "")
        self.heading.setObjectName("domainHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        explain(self.heading, "A domain of the framework, with its rating")  # read by its text
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setVisible(domain is not None)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 4 if domain else 0, 0, 0)
        self.box.addWidget(self.heading)

    def place(self, card: CriterionCard) -> None:
        rank = self.order[card.criterion.id]
        at = bisect([self.order[i] for i in self.placed], rank)
        self.placed.insert(at, card.criterion.id)
        self.box.insertWidget(at + 1, card)  # after the heading

    def show_rating(self, label: str) -> None:
        if self.domain is None:
            return
        text = self.domain.title + (f" — {label}" if label else "")
        self.heading.setText(text)


class OverallBox(GradingKeys):
    """The overall grade box: digit keys record the overall grade."""

    is_criterion = False

    def __init__(self, panel: GradingPanel):
        super().__init__("Overall grade")
        self.panel = panel
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        keys = keys_text(panel.framework, answers=False)
        self.setAccessibleName("Overall grade")
        self.setAccessibleDescription(f"Keys record the overall grade: {keys}")
