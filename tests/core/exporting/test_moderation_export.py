"""The Moderation sheet (full workbook only) and the Force grade column's round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.exporting.export import ExportOptions, export_workbook
from auditor.inspection import Assessor, Inspection
from tests.support.exporting import cells, export, import_

GOOD, RI, INADEQUATE = "good", "requires_improvement", "inadequate"


def grade(insp: Inspection, case_id: str, who: Assessor, overall: str) -> None:
    case = insp.case(case_id)
    for criterion in insp.framework.criteria_for(case.case_type):
        insp.grading.set_grade(case_id, who, criterion.id, overall)
    insp.grading.set_overall(case_id, who, overall)


@pytest.fixture
def moderated(tmp_path: Path) -> Path:
    """Four custody cases graded by Ann and again, blind, by Ben; one disagreement agreed."""
    path = tmp_path / "moderated.caseaudit"
    with Inspection.create(path, name="Moderated inspection") as insp:
        ann = insp.assessor("Ann Inspector", "inspector")
        ben = insp.assessor("Ben Inspector", "inspector")
        lead = insp.assessor("Lee Lead", "supervisor")
        desk = insp.moderation
        first = (GOOD, GOOD, RI, INADEQUATE)
        second = (GOOD, RI, RI, INADEQUATE)
        ids = []
        for k, a in enumerate(first):
            case = insp.add_case(None, reference=f"CUS-{k}", case_type="CUSTODY")
            ids.append(case.id)
            grade(insp, case.id, ann, a)
        desk.draw(lead, 100, 2018)
        for case_id, b in zip(ids, second, strict=True):
            desk.assign(lead, case_id, ben.id)
            grade(insp, case_id, ben, b)
        desk.reconcile(lead, ids[1], RI, "Agreed: supervision was missing.")
        desk.set_force_grades(lead, {ids[0]: GOOD, ids[1]: GOOD, ids[2]: GOOD, ids[3]: RI})
    return path


def rows_of(path: Path, title: str) -> list[tuple]:
    return list(load_workbook(path)[title].iter_rows(values_only=True))


def test_the_moderation_sheet_carries_agreement_disagreements_and_the_force(
    moderated: Path, tmp_path: Path
) -> None:
    out = tmp_path / "full.xlsx"
    with Inspection.open(moderated) as insp:
        export_workbook(insp, out)
    book = load_workbook(out)
    assert book.sheetnames.index("Moderation") == book.sheetnames.index("Referrals") + 1
    rows = rows_of(out, "Moderation")
    overall = next(r for r in rows if r[0] == "Overall grade")
    # Pairs (G,G), (G,R), (R,R), (I,I). Rows G 2, R 1, I 1; columns G 1, R 2, I 1 (of 4).
    # p_o = 3/4; p_e = (2*1 + 1*2 + 1*1) / 16 = 5/16; kappa = (12/16 - 5/16) / (11/16) = 7/11.
    # Weighted: observed = (G,R) 1/2 / 4 = 1/8 = 2/16; expected = [(G,R) 2*2/2 + (G,I) 2*1
    # + (R,G) 1*1/2 + (R,I) 1*1/2 + (I,G) 1*1 + (I,R) 1*2/2] / 16 = 7/16 → 1 - 2/7 = 5/7.
    assert overall[1] == 4
    assert overall[2] == pytest.approx(0.75)
    assert overall[3] == pytest.approx(7 / 11)
    assert overall[4] == pytest.approx(5 / 7)
    (disagreement,) = [r for r in rows if r[0] == "CUS-1"]
    assert disagreement[:6] == (
        "CUS-1",
        "Moderation",
        "Ann Inspector",
        "Good",
        "Ben Inspector",
        "Requires improvement",
    )
    assert disagreement[7:9] == ("Requires improvement", "Lee Lead")
    assert disagreement[10] == "Agreed: supervision was missing."
    # Reported grades G, R (agreed), R, I against the force's G, G, G, R.
    start = next(i for i, r in enumerate(rows) if r[0] == "Inspectorate \\ Force")
    assert [r[:5] for r in rows[start + 1 : start + 5]] == [
        ("Good", 1, 0, 0, 1),
        ("Requires improvement", 2, 0, 0, 2),
        ("Inadequate", 0, 1, 0, 1),
        ("Total", 3, 1, 0, 4),
    ]


@pytest.mark.parametrize("options", [ExportOptions(redact=True), ExportOptions(for_force=True)])
def test_no_moderation_sheet_beyond_the_team(
    moderated: Path, tmp_path: Path, options: ExportOptions
) -> None:
    out = tmp_path / "shared.xlsx"
    with Inspection.open(moderated) as insp:
        export_workbook(insp, out, options)
    assert "Moderation" not in load_workbook(out).sheetnames


def test_force_grades_survive_export_import_export(capsys, tmp_path: Path, demo) -> None:
    cases = [c[0] for c in demo.case_list()][:5]
    demo.moderation.set_force_grades(
        None, dict(zip(cases, (GOOD, RI, INADEQUATE, GOOD, RI), strict=True))
    )
    first = export(capsys, demo.path, tmp_path / "first.xlsx")
    headings = rows_of(first, "Cases")[0]
    column = headings.index("Force grade")
    values = [r[column] for r in rows_of(first, "Cases")[1:]]
    assert sorted(v for v in values if v) == sorted(
        ["Good", "Requires improvement", "Inadequate", "Good", "Requires improvement"]
    )
    copy = tmp_path / "copy.caseaudit"
    import_(capsys, copy, first)
    second = export(capsys, copy, tmp_path / "second.xlsx")
    assert cells(first) == cells(second)
    with Inspection.open(copy) as again:
        assert sorted(again.moderation.force_grades().values()) == sorted(
            demo.moderation.force_grades().values()
        )


def test_a_blind_second_grader_cannot_export_and_nothing_is_written(
    tmp_path: Path, demo: Inspection
) -> None:
    from auditor.exporting.export import ExportError

    people = {a.name: a for a in demo.assessors()}
    lead = next(a for a in people.values() if a.role == "supervisor")
    desk = demo.moderation
    desk.draw(lead, 100, 3)
    case = desk.sample()[0]
    second = next(a for a in people.values() if a.role == "inspector" and a.id != case.first_id)
    desk.assign(lead, case.case_id, second.id)
    out = tmp_path / "blind.xlsx"
    logged = demo.counts()["audit_log"]

    for options in (
        ExportOptions(user=second),
        ExportOptions(user=second, redact=True),
        ExportOptions(user=second, for_force=True),
    ):
        with pytest.raises(ExportError, match=r"grading 1 case\(s\) second, blind"):
            export_workbook(demo, out, options)
    assert not out.exists()
    assert demo.counts()["audit_log"] == logged  # no disclosure logged either

    export_workbook(demo, out, ExportOptions(user=lead))  # the lead still can
    assert out.exists()
