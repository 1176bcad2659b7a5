"""Undo and redo of citing: a citation undone is taken back, redone is restored, each an edit
with its own ledger row, interleaved with grade edits in the one history."""

from __future__ import annotations

from auditor.grading.undo import EditHistory
from auditor.inspection import Assessor, Inspection
from auditor.records import Case

CRITERION = "voice_of_child"
QUOTE = "no record that the child was seen alone"


def _standing(insp: Inspection, case: Case) -> list[str]:
    return [c.quote for c in insp.citations.for_case(case.id)]


def _citation_rows(insp: Inspection) -> list[tuple[str, str | None, str | None]]:
    return insp.db.execute(
        "SELECT field, old_value, new_value FROM audit_log WHERE record_table = 'citations' "
        "ORDER BY rowid"
    ).fetchall()


def test_undo_takes_a_citation_back_and_redo_restores_it(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    doc = insp.add_document(actor, case.id, "visit.txt", f"The file holds {QUOTE}.".encode())
    history = EditHistory(insp.grading, actor, citations=insp.citations)
    history.set_grade(case.id, CRITERION, "inadequate")
    history.cite(case.id, CRITERION, doc.id, quote=QUOTE, start=len("The file holds "))
    assert _standing(insp, case) == [QUOTE]

    history.undo()  # the citation, the last edit
    assert _standing(insp, case) == []
    assert insp.grading.assessment(case.id, actor.id).grade_of(CRITERION) == "inadequate"
    history.undo()  # then the grade
    assert insp.grading.assessment(case.id, actor.id).grade_of(CRITERION) is None
    history.redo()
    history.redo()
    assert _standing(insp, case) == [QUOTE]
    assert [field for field, _old, _new in _citation_rows(insp)] == [
        f"{CRITERION}.citation",
        f"{CRITERION}.removed",
        f"{CRITERION}.removed",
    ]
    assert [new for _field, _old, new in _citation_rows(insp)][1:] == ["1", "0"]


def test_taking_a_citation_back_is_undone_by_restoring_it(
    insp: Inspection, actor: Assessor, case: Case
) -> None:
    doc = insp.add_document(actor, case.id, "visit.txt", f"{QUOTE}".encode())
    history = EditHistory(insp.grading, actor, citations=insp.citations)
    cited = history.cite(case.id, CRITERION, doc.id, quote=QUOTE, start=0)
    history.remove_citation(case.id, CRITERION, cited.id)
    assert _standing(insp, case) == []
    history.undo()
    assert _standing(insp, case) == [QUOTE]
    history.undo()
    assert _standing(insp, case) == []
    assert not history.can_undo()
