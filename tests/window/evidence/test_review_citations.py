"""Supervisors see the evidence: the passage an inspector cited shows under its criterion in
the review queue and in Quality-assure, and opening it opens the case at that document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditor.evidence.citations import Citation
from auditor.inspection import Inspection
from auditor.pdftext import text_pdf
from tests.support.review import INADEQUATE, REASON, add_case, grade_fully
from tests.support.window import save_screenshot
from tests.support.window_users import ALEX, ROBIN, close_all, window_as

QUOTE = "No record that the child was seen alone at either visit"
REFERENCE = "EV-CITE-0001"


def flagged_with_citations(path: Path) -> tuple[str, str, list[Citation]]:
    """A case Robin graded, cited (a PDF passage and a text document's) and flagged; its id,
    the first criterion's title and the citations."""
    with Inspection.open(path) as inspection:
        robin = inspection.assessor(*ROBIN)
        case = add_case(inspection, REFERENCE)
        pdf = inspection.add_document(
            None,
            case.id,
            "visit-record.pdf",
            text_pdf("Visit record (invented)", ["Visit on 4 May.", f"{QUOTE}."]),
            "Visit record (invented)",
        )
        note = inspection.add_document(
            None, case.id, "sw-note.txt", b"Strategy discussion held by phone.\n", "SW note"
        )
        grade_fully(inspection, case, robin, INADEQUATE)
        criteria = inspection.framework.criteria_for(case.case_type)
        first, second = criteria[0], criteria[1]
        page_text = dict(inspection.search.pages(pdf.id))[1]
        cited = [
            inspection.citations.cite(
                robin,
                case.id,
                first.id,
                pdf.id,
                quote=QUOTE,
                page=1,
                start=page_text.index(QUOTE),
            ),
            inspection.citations.cite(
                robin, case.id, second.id, note.id, quote="Strategy discussion", start=0
            ),
        ]
        inspection.grading.set_referral(case.id, robin, REASON, "Invented: child not seen.")
        return case.id, first.title, cited


def test_a_supervisor_sees_and_opens_the_passage_an_inspector_cited(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    case_id, criterion, cited = flagged_with_citations(demo_path)
    alex = window_as(qtbot, demo_path, tmp_path, ALEX)
    try:
        alex.actions_by_id["review_queue"].trigger()
        queue = alex.review_views.queue
        assert queue is not None and queue.isVisible()
        queue.select_reference(REFERENCE)
        assert queue.current_item().case.id == case_id
        shown = queue.details.toPlainText()
        for citation in cited:
            assert citation.label() in shown
        # Under its own criterion: the PDF passage follows the first criterion's title.
        first, second = (shown.index(c.label()) for c in cited)
        assert shown.index(criterion) < first < second
        save_screenshot(queue, "review-queue-citations.png")

        # By keyboard: into the details, Tab to the first cited passage, Enter opens it.
        queue.details.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(queue.details, Qt.Key.Key_Tab)
        assert queue.details.textCursor().selectedText() == cited[0].label()
        qtbot.keyClick(queue.details, Qt.Key.Key_Return)
        assert alex.shown_case_id() == case_id
        viewer = alex.case_file.viewer
        assert viewer.document is not None and viewer.document.id == cited[0].document_id

        # The next link: the second criterion's citation, of the text document.
        qtbot.keyClick(queue.details, Qt.Key.Key_Tab)
        assert queue.details.textCursor().selectedText() == cited[1].label()
        qtbot.keyClick(queue.details, Qt.Key.Key_Return)
        assert viewer.document is not None and viewer.document.id == cited[1].document_id

        # Quality-assure on the shown case lists the same citations.
        alex.select_case(case_id)
        quality = alex.review_views.quality_assure()
        qa_text = quality.details.toPlainText()
        assert all(c.label() in qa_text for c in cited)
        assert QApplication.activeModalWidget() is None
    finally:
        close_all(alex)


def test_an_inspector_asked_a_question_sees_their_citations(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    case_id, _criterion, cited = flagged_with_citations(demo_path)
    with Inspection.open(demo_path) as inspection:
        assessment = inspection.grading.assessment(case_id, inspection.assessor(*ROBIN).id)
        assert assessment is not None
        inspection.review.return_to_inspector(
            assessment.id, inspection.assessor(*ALEX), "Which visit do you mean?"
        )
    robin = window_as(qtbot, demo_path, tmp_path, ROBIN)
    try:
        robin.actions_by_id["questions"].trigger()
        questions = robin.review_views.questions
        assert questions is not None
        assert [q.case_id for q in questions.model.items] == [case_id]
        shown = questions.details.toPlainText()
        assert all(c.label() in shown for c in cited)
        questions.details.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(questions.details, Qt.Key.Key_Tab)
        qtbot.keyClick(questions.details, Qt.Key.Key_Return)
        assert robin.shown_case_id() == case_id
        viewer = robin.case_file.viewer
        assert viewer.document is not None and viewer.document.id == cited[0].document_id
    finally:
        close_all(robin)
