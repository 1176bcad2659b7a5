"""A passage is cited once for a criterion of a grading: again is refused, after it is taken
back it may be cited anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.evidence.citations import AlreadyCited
from auditor.inspection import Inspection


def test_the_same_passage_twice_for_a_criterion_is_refused_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """A passage standing cited for a criterion is not cited again; taken back, it may be."""
    with Inspection.create(tmp_path / "twice.caseaudit", name="Twice") as insp:
        me = insp.assessor("Ana Inspector", "inspector")
        case = insp.add_case(me, reference="CUS-1", case_type="CUSTODY")
        doc = insp.add_document(me, case.id, "visit.txt", b"The child was not seen alone.")
        first = insp.citations.cite(
            me, case.id, "voice_of_child", doc.id, quote="not seen", start=14
        )
        rows_before = insp.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        with pytest.raises(AlreadyCited):
            insp.citations.cite(me, case.id, "voice_of_child", doc.id, quote="not  seen", start=14)
        assert insp.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == rows_before
        insp.citations.cite(me, case.id, "supervision", doc.id, quote="not seen", start=14)
        insp.citations.remove(me, first.id)
        again = insp.citations.cite(
            me, case.id, "voice_of_child", doc.id, quote="not seen", start=14
        )
        assert again.id != first.id
