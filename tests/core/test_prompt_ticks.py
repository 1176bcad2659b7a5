"""Sub-prompt ticks (framework format 2): stored per criterion grade with their ledger rows,
suggesting an answer when the prompts feed the grade, exported and imported back as a
"<criterion> prompts" column, and merged from two laptops (with the cases' attributes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor.audit.markers import unmarked_methods, write_methods
from auditor.audit.rebuild import audit_discrepancies
from auditor.audit.words import entry_sentence
from auditor.errors import GradingError
from auditor.exporting.export import export_workbook
from auditor.grading.prompts import PromptTicks, suggested_answer
from auditor.importing.problems import ImportRefused
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from auditor.merging.concurrent_list import concurrent_changes
from auditor.merging.merge import merge_packages
from auditor.merging.package import write_package
from tests.support.case_attributes import HEADINGS, attributes_framework, new_inspection, workbook
from tests.support.importing import snapshot

ROWS = [
    ["LIC-1", "Licence", "North", "PDU A", 8, "two"],
    ["LIC-2", "Licence", "North", "PDU A", 9, None],
    ["ORD-1", "Community order", "South", "PDU B", None, None],
]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.caseaudit"
    new_inspection(path).close()
    import_file(path, workbook(tmp_path / "cases.xlsx", HEADINGS, ROWS), "Lee Lead")
    return path


def case_id(insp: Inspection, reference: str) -> str:
    case = insp.case_by_reference(reference)
    assert case is not None
    return case.id


def ledger(path: Path) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT field, old_value, new_value FROM audit_log "
            "WHERE field LIKE '%.prompts' AND kind = 'alteration' ORDER BY rowid"
        ).fetchall()


def stored_ticks(path: Path) -> dict[tuple[str, str, str], str]:
    """(reference, assessor, criterion) -> the ticks as stored."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT c.reference, p.name, g.criterion_id, g.prompts FROM criterion_grades g "
            "JOIN assessments a ON a.id = g.assessment_id JOIN cases c ON c.id = a.case_id "
            "JOIN assessors p ON p.id = a.assessor_id"
        ).fetchall()
    return {(r, p, c): t for r, p, c, t in rows if t}


# --- ticking ------------------------------------------------------------------------------


def test_every_method_is_marked_and_ticking_writes() -> None:
    assert unmarked_methods(PromptTicks) == []
    assert write_methods(PromptTicks) == ["set_prompt"]


def test_ticks_are_stored_with_their_ledger_rows(base: Path) -> None:
    with Inspection.open(base) as insp:
        ann = insp.assessor("Ann Inspector", "inspector")
        lic = case_id(insp, "LIC-1")
        assert insp.prompts.ticks(lic, ann.id, "short_licence") == "---"
        assert insp.prompts.set_prompt(ann, lic, "short_licence", 0, "y") == "y--"
        assert insp.prompts.set_prompt(ann, lic, "short_licence", 2, "n") == "y-n"
        assert insp.prompts.set_prompt(ann, lic, "short_licence", 2, "n") == "y-n"  # no change
        assert insp.prompts.set_prompt(ann, lic, "safety", 1, True) == "-y"
        assert insp.prompts.set_prompt(ann, lic, "safety", 1, None) == "--"  # taken back
        assert insp.prompts.ticks(lic, ann.id, "short_licence") == "y-n"
        insp.grading.set_grade(lic, ann, "short_licence", "no")  # the grade keeps the ticks
        assessment = insp.grading.assessment(lic, ann.id)
        assert assessment is not None and assessment.grade_of("short_licence") == "no"
        assert insp.prompts.ticks(lic, ann.id, "short_licence") == "y-n"
        assert audit_discrepancies(insp) == []
    assert ledger(base) == [
        ("short_licence.prompts", "", "y--"),
        ("short_licence.prompts", "y--", "y-n"),
        ("safety.prompts", "", "-y"),
        ("safety.prompts", "-y", ""),
    ]
    assert stored_ticks(base) == {("LIC-1", "Ann Inspector", "short_licence"): "y-n"}


def test_a_tick_that_cannot_be_is_refused_and_nothing_written(base: Path) -> None:
    before = snapshot(base)
    with Inspection.open(base) as insp:
        ann = next(a for a in insp.assessors() if a.name == "Lee Lead")
        lic2, lic1 = case_id(insp, "LIC-2"), case_id(insp, "LIC-1")
        with pytest.raises(GradingError, match="does not apply"):  # 9 weeks: not a short one
            insp.prompts.set_prompt(ann, lic2, "short_licence", 0, "y")
        with pytest.raises(GradingError, match="has 3 sub-prompts"):
            insp.prompts.set_prompt(ann, lic1, "short_licence", 3, "y")
        with pytest.raises(GradingError, match="not a tick"):
            insp.prompts.set_prompt(ann, lic1, "short_licence", 0, "maybe")
        with pytest.raises(GradingError, match="no sub-prompts"):
            insp.prompts.set_prompt(ann, lic1, "plan", 0, "y")
    assert snapshot(base) == before


def test_the_ticks_suggest_an_answer_when_they_feed_the_grade() -> None:
    framework = attributes_framework()
    every = framework.criterion("short_licence")  # prompts_feed = "all", three prompts
    some = framework.criterion("safety")  # prompts_feed = "any", two prompts
    plain = framework.criterion("plan")
    assert every is not None and some is not None and plain is not None
    assert [suggested_answer(framework, every, t) for t in ("yyy", "yyn", "yy-", "", "n")] == [
        "yes",
        "no",
        None,
        None,
        "no",
    ]
    assert [suggested_answer(framework, some, t) for t in ("-y", "nn", "n-", "")] == [
        "yes",
        "no",
        None,
        None,
    ]
    assert suggested_answer(framework, plain, "yy") is None


# --- export and import --------------------------------------------------------------------


def test_ticks_round_trip_through_the_workbook(base: Path, tmp_path: Path) -> None:
    with Inspection.open(base) as insp:
        ann = insp.assessor("Ann Inspector", "inspector")
        lic, order = case_id(insp, "LIC-1"), case_id(insp, "ORD-1")
        insp.prompts.set_prompt(ann, lic, "short_licence", 0, "y")
        insp.prompts.set_prompt(ann, lic, "short_licence", 2, "n")
        insp.prompts.set_prompt(ann, order, "safety", 1, "y")
        export_workbook(insp, tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx")
    rows = [list(r) for r in book["Cases"].iter_rows(values_only=True)]
    book.close()
    headings = rows[0]
    assert "plan prompts" not in headings  # no sub-prompts: no column
    by_reference = {row[0]: row for row in rows[1:]}
    short, safety = headings.index("short_licence prompts"), headings.index("safety prompts")
    assert by_reference["LIC-1"][short] == "y,-,n"
    assert by_reference["ORD-1"][safety] == "-,y"
    assert by_reference["LIC-2"][short] is None

    again = tmp_path / "again.caseaudit"
    new_inspection(again).close()
    import_file(again, tmp_path / "out.xlsx", "Someone Importing")
    assert (
        stored_ticks(again)
        == stored_ticks(base)
        == {
            ("LIC-1", "Ann Inspector", "short_licence"): "y-n",
            ("ORD-1", "Ann Inspector", "safety"): "-y",
        }
    )
    assert ledger(again) == [("short_licence.prompts", "", "y-n"), ("safety.prompts", "", "-y")]

    # importing the same workbook again changes nothing; a changed cell is one ledger row
    import_file(again, tmp_path / "out.xlsx", "Someone Importing")
    assert len(ledger(again)) == 2
    headings = ["Case reference", "Case type", "Assessor", "short_licence prompts"]
    change = workbook(
        tmp_path / "change.xlsx", headings, [["LIC-1", "Licence", "Ann Inspector", "yes,no,yes"]]
    )
    import_file(again, change, "Someone Importing")
    assert ledger(again)[-1] == ("short_licence.prompts", "y-n", "yny")


def test_a_bad_ticks_cell_is_refused_naming_it(base: Path, tmp_path: Path) -> None:
    before = snapshot(base)
    headings = ["Case reference", "Case type", "short_licence prompts", "safety prompts"]
    rows = [["LIC-1", "Licence", "y,n", None], ["ORD-1", "Community order", None, "y,x"]]
    with pytest.raises(ImportRefused) as caught:
        import_file(base, workbook(tmp_path / "bad.xlsx", headings, rows), "Lee Lead")
    lines = caught.value.problems.lines()
    assert len(lines) == 2
    assert lines[0].startswith("Cases, row 2, short_licence prompts: 'y,n' is not 3 ticks")
    assert lines[1].startswith("Cases, row 3, safety prompts: 'y,x' is not 2 ticks")
    assert snapshot(base) == before


# --- merging two laptops ------------------------------------------------------------------


def test_two_laptops_ticks_and_attributes_merge(base: Path, tmp_path: Path) -> None:
    laptop_a = shutil.copyfile(base, tmp_path / "a.caseaudit")
    laptop_b = shutil.copyfile(base, tmp_path / "b.caseaudit")
    lead = shutil.copyfile(base, tmp_path / "lead.caseaudit")
    with Inspection.open(laptop_a) as insp:
        sam = insp.assessor("Sam Shared", "inspector")
        lic = case_id(insp, "LIC-1")
        insp.prompts.set_prompt(sam, lic, "short_licence", 0, "y")
        insp.prompts.set_prompt(sam, lic, "safety", 0, "n")
        insp.update_case(sam, lic, {"attributes": {"licence_weeks": 6}})
        write_package(insp, tmp_path / "a.pkg")
    with Inspection.open(laptop_b) as insp:
        sam = insp.assessor("Sam Shared", "inspector")
        lic = case_id(insp, "LIC-1")
        insp.prompts.set_prompt(sam, case_id(insp, "ORD-1"), "safety", 1, "y")
        insp.update_case(sam, lic, {"attributes": {"tier": "three"}})
        write_package(insp, tmp_path / "b.pkg")
    with Inspection.open(laptop_b) as insp:  # later, on laptop B: the same criterion too
        sam = insp.assessor("Sam Shared", "inspector")
        insp.prompts.set_prompt(sam, case_id(insp, "LIC-1"), "safety", 1, "y")
        write_package(insp, tmp_path / "b2.pkg")

    merge_packages(lead, [tmp_path / "a.pkg", tmp_path / "b.pkg"])
    with Inspection.open(lead) as insp:
        case = insp.case_by_reference("LIC-1")
        assert case is not None
        # each laptop changed a different attribute: both changes stand
        assert case.attributes == {"licence_weeks": 6, "tier": "three"}
        assert audit_discrepancies(insp) == []
    assert stored_ticks(lead) == {
        ("LIC-1", "Sam Shared", "short_licence"): "y--",
        ("LIC-1", "Sam Shared", "safety"): "n-",
        ("ORD-1", "Sam Shared", "safety"): "-y",
    }
    # laptop B's later tick of the criterion laptop A ticked: the later change wins whole
    merge_packages(lead, [tmp_path / "b2.pkg"])
    assert stored_ticks(lead)[("LIC-1", "Sam Shared", "safety")] == "-y"

    # merged the other way round, into laptop A: the same ticks and attributes
    merge_packages(laptop_a, [tmp_path / "b.pkg", tmp_path / "b2.pkg"])
    assert stored_ticks(laptop_a) == stored_ticks(lead)
    with Inspection.open(laptop_a) as insp:
        case = insp.case_by_reference("LIC-1")
        assert case is not None and case.attributes == {"licence_weeks": 6, "tier": "three"}


def test_the_history_says_what_was_ticked_and_which_attribute_changed(base: Path) -> None:
    with Inspection.open(base) as insp:
        ann = insp.assessor("Ann Inspector", "inspector")
        lic = case_id(insp, "LIC-1")
        insp.prompts.set_prompt(ann, lic, "short_licence", 2, "n")
        insp.prompts.set_prompt(ann, lic, "short_licence", 2, "-")
        insp.update_case(ann, lic, {"attributes": {"licence_weeks": 5}})
        said = [entry_sentence(insp.framework, e) for e in insp.log.history(lic)]
    assert said[-3:] == [
        "Ann Inspector (inspector) ticked the sub-prompts of Short licence contact: "
        "not answered, not answered, no",
        "Ann Inspector (inspector) cleared the sub-prompt ticks of Short licence contact",
        "Ann Inspector (inspector) set the Licence weeks: “5” (was “8”) (case details changed)",
    ]


def test_one_attribute_changed_on_two_laptops_is_listed_for_the_lead(
    base: Path, tmp_path: Path
) -> None:
    laptop_a = shutil.copyfile(base, tmp_path / "a.caseaudit")
    laptop_b = shutil.copyfile(base, tmp_path / "b.caseaudit")
    lead = shutil.copyfile(base, tmp_path / "lead.caseaudit")
    for laptop, weeks, name in ((laptop_a, 6, "Ann Inspector"), (laptop_b, 7, "Ben Inspector")):
        with Inspection.open(laptop) as insp:
            person = insp.assessor(name, "inspector")
            insp.update_case(
                person, case_id(insp, "LIC-1"), {"attributes": {"licence_weeks": weeks}}
            )
            insp.prompts.set_prompt(person, case_id(insp, "LIC-1"), "safety", 0, "y")
            write_package(insp, tmp_path / f"{name}.pkg")
    merge_packages(lead, [tmp_path / "Ann Inspector.pkg", tmp_path / "Ben Inspector.pkg"])
    with Inspection.open(lead) as insp:
        case = insp.case_by_reference("LIC-1")
        assert case is not None and case.attributes["licence_weeks"] == 7  # the later change
        listed = concurrent_changes(insp)
        assert audit_discrepancies(insp) == []
    [change] = [c for c in listed if c.what == "Licence weeks"]
    assert change.reference == "LIC-1" and change.now == "“7”"
    # each inspector's ticks are their own grading's: nothing concurrent about them
    assert not [c for c in listed if "sub-prompt" in c.what]
