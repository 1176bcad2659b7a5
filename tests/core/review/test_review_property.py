"""Property: after any run of random edits and review steps, the audit log alone rebuilds
every current grade, note, overall grade, status, referral and review, equal to the tables."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.audit.rebuild import (
    REBUILT_FIELDS,
    audit_discrepancies,
    rebuild_from_log,
    values_in_tables,
)
from auditor.errors import GradingError
from auditor.grading.rules import derive_status
from auditor.grading.undo import EditHistory
from auditor.inspection import Inspection
from db import audit as audit_rows
from tests.support.clock import Clock

CRITERIA = ["voice_of_child", "supervision", "merlin_timeliness", "custody_healthcare"]
GRADES = [None, "good", "requires_improvement", "inadequate", "not_applicable", "excellent"]
OVERALLS = [None, "good", "requires_improvement", "inadequate"]
TEXTS = ["", "Invented note.", "Child not seen alone.", "Merlin 29 days late.", " "]
REASONS = ["child_at_risk", "procedures_not_followed", "", "not_a_reason"]

REVIEW_STEPS = ["confirm", "not_refer", "return", "answer", "agree", "disagree", "send"]
REVIEW_STEPS += ["respond", "close"]

who = st.integers(0, 1)
case = st.integers(0, 2)
edit = st.one_of(
    st.tuples(st.just("grade"), who, case, st.sampled_from(CRITERIA), st.sampled_from(GRADES)),
    st.tuples(st.just("note"), who, case, st.sampled_from(CRITERIA), st.sampled_from(TEXTS)),
    st.tuples(
        st.just("overall"),
        who,
        case,
        st.sampled_from(OVERALLS),
        st.sampled_from([None, *TEXTS]),
    ),
    st.tuples(st.just("refer"), who, case, st.sampled_from(REASONS), st.sampled_from(TEXTS[1:3])),
    st.tuples(st.just("withdraw"), who, case),
    st.tuples(st.sampled_from(["undo", "redo"]), who),
    st.tuples(st.just("fill"), who, case),
    st.tuples(
        st.sampled_from(REVIEW_STEPS),
        who,
        case,
    ),
)


class Run:
    """One inspection file with two inspectors editing and a supervisor reviewing."""

    def __init__(self, insp: Inspection) -> None:
        self.insp = insp
        self.people = [
            insp.assessor("Ann Inspector", "inspector"),
            insp.assessor("Ben Inspector", "inspector"),
        ]
        self.sue = insp.assessor("Sue Supervisor", "supervisor")
        self.cases = [
            insp.add_case(None, reference=f"CUS-{n}", case_type="CUSTODY") for n in range(3)
        ]
        self.histories = [EditHistory(insp.grading, p) for p in self.people]
        self.desk = insp.review
        self.referrals = insp.referrals

    def apply(self, op: tuple[Any, ...]) -> None:
        kind, who = op[0], op[1]
        history, person = self.histories[who], self.people[who]
        if kind in ("undo", "redo"):
            getattr(history, kind)()
            return
        case = self.cases[op[2]]
        if kind == "grade":
            history.set_grade(case.id, op[3], op[4])
        elif kind == "note":
            history.set_note(case.id, op[3], op[4])
        elif kind == "overall":
            history.set_overall(case.id, op[3], op[4])
        elif kind == "refer":
            history.set_referral(case.id, (op[3], op[4]))
        elif kind == "withdraw":
            history.set_referral(case.id, None)
        elif kind == "fill":
            for criterion in self.insp.framework.criteria_for("CUSTODY"):
                history.set_grade(case.id, criterion.id, "inadequate")
            history.set_overall(case.id, "inadequate", "")
        else:
            self.review(kind, case.id, person)

    def review(self, kind: str, case_id: str, person: Any) -> None:
        assessment = self.insp.grading.assessment(case_id, person.id)
        if assessment is None:
            return
        referral_id = assessment.referral.id if assessment.referral else ""
        steps = {
            "confirm": lambda: self.desk.confirm_referral(assessment.id, self.sue),
            "not_refer": lambda: self.desk.do_not_refer(assessment.id, self.sue, "Invented."),
            "return": lambda: self.desk.return_to_inspector(assessment.id, self.sue, "Why?"),
            "answer": lambda: self.desk.answer(assessment.id, person, "Because."),
            "agree": lambda: self.desk.quality_assure(assessment.id, self.sue, True),
            "disagree": lambda: self.desk.quality_assure(assessment.id, self.sue, False, "No."),
            "send": lambda: self.referrals.mark_sent(referral_id, self.sue, "2018-06-01", "M/1"),
            "respond": lambda: self.referrals.record_response(
                referral_id, self.sue, "2018-06-15", "Invented action."
            ),
            "close": lambda: self.referrals.close(referral_id, self.sue, "2018-06-20"),
        }
        steps[kind]()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(edit, min_size=1, max_size=150))
def test_the_audit_log_alone_rebuilds_every_current_value(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        insp = Inspection.create(Path(folder) / "p.caseaudit", name="Property", clock=Clock())
        try:
            run = Run(insp)
            for op in ops:
                # A refused step must write nothing, which the rebuild below checks.
                with contextlib.suppress(GradingError):
                    run.apply(op)
            rows = audit_rows.audit_rows_for_tables(insp.db, tuple(REBUILT_FIELDS))
            assert rebuild_from_log(rows) == values_in_tables(insp)
            assert audit_discrepancies(insp) == []
            # Every status stored is the one the rules derive from the rest.
            for case in run.cases:
                for assessment in insp.grading.assessments(case.id):
                    assert assessment.status == derive_status(insp.framework, "CUSTODY", assessment)
        finally:
            insp.close()
