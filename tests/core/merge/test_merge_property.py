"""Property: merging A then B gives the same inspection as B then A, over random edit histories.

Two laptops start from one base file. Each edit is made by one of four people: someone only on
laptop A, someone only on B, an inspector already in the base file who works on both laptops
(so the same assessment is edited on both sides), and a namesake added on each laptop
separately (matched by name and role). Edits alternate between the laptops as listed, so their
times interleave.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import GradingError
from auditor.inspection import Inspection
from auditor.merging.merge import merge_packages
from tests.support.grades import CUSTODY_CRITERIA
from tests.support.importing import snapshot
from tests.support.merge import REFERENCES, SCALE, canonical, case_id, copy_of, package

PEOPLE = (("Ana Only-A", "Ben Only-B"), ("Sam Shared", "Sam Shared"), ("Cy Twice", "Cy Twice"))
OPS = ("grade", "note", "overall", "refer", "withdraw")

edit = st.tuples(
    st.integers(0, 1),  # laptop
    st.integers(0, 2),  # who (see PEOPLE)
    st.integers(0, 3),  # case
    st.sampled_from(OPS),
    st.integers(0, len(CUSTODY_CRITERIA) - 1),
    st.sampled_from((*SCALE, None)),
)


def _apply(insp: Inspection, who: int, case: int, op: str, criterion: int, grade: object) -> None:
    name = PEOPLE[who][0 if insp.path.stem == "a" else 1]
    actor = insp.assessor(name, "inspector")
    cid = case_id(insp, REFERENCES[case])
    grading = insp.grading
    try:
        if op == "grade":
            grading.set_grade(cid, actor, CUSTODY_CRITERIA[criterion], grade)  # type: ignore[arg-type]
        elif op == "note":
            grading.set_note(cid, actor, CUSTODY_CRITERIA[criterion], f"Invented {grade}")
        elif op == "overall":
            grading.set_overall(cid, actor, grade, "Invented reason")  # type: ignore[arg-type]
        elif op == "refer":
            reason = insp.framework.referral_reasons[criterion % 2].code
            grading.set_referral(cid, actor, reason, f"Invented {grade}")
        else:
            grading.withdraw_referral(cid, actor)
    except GradingError:
        pass


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(edit, min_size=1, max_size=12))
def test_a_then_b_equals_b_then_a(merge_base: Path, edits: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        laptops = [
            copy_of(merge_base, tmp / "a.caseaudit"),
            copy_of(merge_base, tmp / "b.caseaudit"),
        ]
        opened = [Inspection.open(p) for p in laptops]
        try:
            for laptop, *rest in edits:
                _apply(opened[laptop], *rest)
        finally:
            for insp in opened:
                insp.close()
        a, b = package(laptops[0], tmp / "a.pkg"), package(laptops[1], tmp / "b.pkg")
        ab, ba = tmp / "ab.caseaudit", tmp / "ba.caseaudit"

        merge_packages(ab, [a, b])
        merge_packages(ba, [b, a])

        assert canonical(ab) == canonical(ba)
        before = snapshot(ab)
        merge_packages(ab, [b, a])
        assert snapshot(ab) == before
