"""The grading panel's pages of criterion cards, one per set of criteria, made when first
needed and reused; and what the panel asks the grading rules for a case (its suggestion, its
domains' ratings, what is left to do)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

import auditor.grading.rules as rules
from auditor.framework import Criterion, Framework
from auditor.grading.rules import Assessment
from auditor.records import Case
from ui.grading.boxes import CriterionCard, DomainSection

if TYPE_CHECKING:
    from ui.grading.panel import GradingPanel


class CriteriaPage(QWidget):
    """The cards of one set of criteria (a case type, and the criteria its attributes choose)
    in their domains' sections, built the first time a case of that set is shown and shown
    whole after: stepping between cases of one set changes only what the cards show, and to
    another set swaps one page for another, laid out as it was last shown."""

    def __init__(self, panel: GradingPanel, case_type: str, criteria: list[Criterion]) -> None:
        super().__init__()
        framework = panel.framework
        self.criteria = criteria
        self.sections: dict[str, DomainSection] = {}
        self.cards: dict[str, CriterionCard] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for domain in framework.domains or (None,):
            section = DomainSection(framework, domain)
            self.sections[domain.id if domain else ""] = section
            layout.addWidget(section)
        first = next(iter(self.sections.values()))
        for criterion in criteria:
            card = CriterionCard(framework, criterion, panel)
            card.show_for(case_type)
            (self.sections.get(criterion.domain) or first).place(card)
            card.framed_by = self
            self.cards[criterion.id] = card
        for section in self.sections.values():
            section.setVisible(bool(section.placed))

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cards' frames and titles, in one Python paint for the page (a step to the next
        case repaints five or more cards, each a Python call when each painted its own)."""
        region = event.region()
        painter: QPainter | None = None
        origin = QPoint(0, 0)
        for card in self.cards.values():
            at = card.mapTo(self, origin)
            if not region.intersects(QRect(at, card.size())):
                continue
            if painter is None:
                painter = QPainter(self)
            painter.translate(at)
            card.paint_frame(painter)
            painter.translate(-at)
        if painter is not None:
            painter.end()

    def in_order(self) -> list[CriterionCard]:
        """The cards in the order the page shows them (its sections', framework order)."""
        return [self.cards[i] for section in self.sections.values() for i in section.placed]


class Pages(dict[tuple[str, tuple[str, ...]], CriteriaPage]):
    """The grading panel's pages by (case type, criteria ids), and the one shown."""

    def __init__(self, panel: GradingPanel) -> None:
        super().__init__()
        self.panel = panel
        self.shown: CriteriaPage | None = None

    def show(self, case_type: str, applicable: list[Criterion]) -> None:
        """Show the page of the case's criteria, made if no case of the set was shown before.

        A criterion's card that had the focus keeps it on the new page when the criterion
        applies there too (else the page's first card takes it), so the focus never falls to
        whatever follows the panel when the page holding it is hidden.
        """
        panel = self.panel
        key = (case_type, tuple(c.id for c in applicable))
        page = self.get(key)
        if page is None:
            page = self[key] = CriteriaPage(panel, case_type, applicable)
            page.hide()
            panel.criteria_box.insertWidget(1, page)  # after the "none apply" line
            cards = [card for made in self.values() for card in made.in_order()]
            chain_in_order(
                panel.held.take_over_button, [*cards, panel.overall_box, panel.referral_box]
            )
        old = self.shown
        if page is old:
            return
        self.shown = page
        # Qt lays out a shown widget's parent at once, at the size it has: the old page's
        # height, so the new page's cards were laid out squeezed (half their height), then
        # again when the scroll area resized the holder. With the holder's layout off while
        # the pages swap, and the scroll area then asked to fit the holder, the page is laid
        # out once, at its own height.
        box = panel.criteria_box
        box.setEnabled(False)
        try:
            self._swap(old, page)
        finally:
            box.setEnabled(True)
        QApplication.sendEvent(panel.scroll, QEvent(QEvent.Type.LayoutRequest))

    def _swap(self, old: CriteriaPage | None, page: CriteriaPage) -> None:
        focus = QApplication.focusWidget()
        if old is None or focus is None or not old.isAncestorOf(focus):
            if old is not None:
                old.hide()
            page.show()
            return
        held = next((i for i, c in old.cards.items() if c is focus or c.isAncestorOf(focus)), "")
        page.show()
        target = page.cards.get(held) or next(iter(page.in_order()), self.panel.overall_box)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        old.hide()


def chain_in_order(anchor: QWidget, blocks: list[QWidget]) -> None:
    """Put each block (a widget and the focusable widgets inside it, in their present order)
    in Tab's chain after ``anchor``, one after another (Qt moves only focusable widgets).

    The window's chain is walked once and each focusable widget is given to the block it is
    inside by walking up its parents (blocks do not nest): asking every block about every
    widget took 0.15 s for each new page of cards once the panel held five.
    """
    where = {id(block): n for n, block in enumerate(blocks)}
    inside: list[list[QWidget]] = [[] for _ in blocks]
    no_focus = Qt.FocusPolicy.NoFocus
    start = anchor.window()
    widget = start.nextInFocusChain()
    while widget is not start:
        if widget.focusPolicy() != no_focus:
            parent = widget.parentWidget()
            while parent is not None:
                n = where.get(id(parent))
                if n is not None:
                    inside[n].append(widget)
                    break
                parent = parent.parentWidget()
        widget = widget.nextInFocusChain()
    previous = anchor
    for block, within in zip(blocks, inside, strict=True):
        own = [block] if block.focusPolicy() != no_focus else []
        for widget in (*own, *within):
            QWidget.setTabOrder(previous, widget)
            previous = widget


def case_attributes(case: Case) -> Mapping[str, Any]:
    """The case's attributes (a criterion's ``applies_when`` reads them)."""
    return case.attributes


def suggested_overall(
    framework: Framework, case: Case, grades: Mapping[str, str | None]
) -> str | None:
    """The overall grade the framework's rules suggest for the case from its criteria."""
    return rules.suggest_for_case(framework, case.case_type, grades, case.attributes)


def domain_labels(
    framework: Framework, case: Case, grades: Mapping[str, str | None]
) -> dict[str, str]:
    """Each domain's rating for the case, in words ("" where none is drawn yet); empty when
    the framework has no domains."""
    if not framework.domains:
        return {}
    rated = rules.domain_ratings(framework, case.case_type, case.attributes, grades)
    return {domain_id: framework.grade_label(code) for domain_id, code in rated.items()}


def problems_of(framework: Framework, case: Case, assessment: Assessment | None) -> list[str]:
    """What still stands between the case's grading and complete, in words."""
    return rules.completion_problems(framework, case.case_type, assessment, case.attributes)


def none_apply(framework: Framework, case: Case) -> str:
    """Why no criterion is shown for a case: none applies to its type, or those that do wait
    on case attributes not recorded (a blank attribute never meets a condition)."""
    by_type = [c for c in framework.criteria if case.case_type in c.applies_to]
    if not by_type:
        return "No criterion of the framework applies to this type of case."
    attributes = case_attributes(case) or {}
    missing = {
        condition.attribute
        for criterion in by_type
        for condition in criterion.conditions
        if attributes.get(condition.attribute) in (None, "")
    }
    if not missing:
        return "No criterion of the framework applies to this case (by its attributes)."
    names = ", ".join((a.label if (a := framework.attribute(i)) else i) for i in sorted(missing))
    return (
        "No criterion applies yet: the framework chooses this case's questions by "
        f"{names}, not recorded for this case (import it: a column named so)."
    )
