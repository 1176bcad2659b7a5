"""The second bundled framework (HM Inspectorate of Probation) loads as its file says, and its
fictional demo builds into an inspection file; every expected figure is read from the TOML text
here, not from the loader."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from auditor.exporting.export import export_workbook
from auditor.framework import Framework
from auditor.importing.layout import CASE_COLUMNS, CHRONOLOGY_COLUMNS
from auditor.importing.run import import_file
from auditor.inspection import Inspection
from auditor.samples.probation_demo import probation_framework, write_probation_demo
from auditor.timeliness import LATE, MISSING, WITHIN, measure_case

ROOT = Path(__file__).resolve().parents[3]
FRAMEWORK_FILE = ROOT / "resources" / "frameworks" / "hmip_probation_case_assessment.toml"
DEMO_FILE = ROOT / "resources" / "demo" / "probation_demo.toml"
CONDITION = re.compile(r"^\s*(\w+)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")


@pytest.fixture(scope="module")
def toml() -> dict[str, Any]:
    return tomllib.loads(FRAMEWORK_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    return tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loaded() -> Framework:
    return probation_framework()


def test_it_is_format_2_with_the_files_domains_in_order(
    toml: dict[str, Any], loaded: Framework
) -> None:
    assert toml["framework"]["format"] == 2 and loaded.format == 2
    assert [d.id for d in loaded.domains] == [d["id"] for d in toml["domains"]]
    assert len(loaded.domains) == 4
    # every criterion sits in one of them, and every domain has a core and an adjusted question
    for domain in toml["domains"]:
        ids = [c["id"] for c in toml["criteria"] if c["domain"] == domain["id"]]
        assert [i[0] for i in ids] == ["c", "a"], domain["id"]
        assert [c.id for c in loaded.criteria if c.domain == domain["id"]] == ids


def test_answers_are_yes_no_apart_from_the_four_ratings(
    toml: dict[str, Any], loaded: Framework
) -> None:
    assert [a["label"] for a in toml["answers"]] == ["Yes", "No"]
    assert [a.code for a in loaded.answers] == [a["code"] for a in toml["answers"]]
    assert [a.key for a in loaded.answers] == ["1", "2"]
    assert loaded.not_applicable.key == "0"
    assert loaded.separate_answers
    labels = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert [g["label"] for g in toml["grades"]] == labels
    assert [g.label for g in loaded.grades] == labels
    assert [g.key for g in loaded.grades] == ["1", "2", "3", "4"]


def test_the_share_bands_are_the_files(toml: dict[str, Any], loaded: Framework) -> None:
    bands = [(float(b["at_least"]), b["grade"]) for b in toml["grading"]["share"]["bands"]]
    stated = [
        (80.0, "outstanding"),
        (65.0, "good"),
        (50.0, "requires_improvement"),
        (0.0, "inadequate"),
    ]
    assert bands == stated
    assert loaded.share is not None and list(loaded.share.bands) == bands
    assert loaded.share.answers == frozenset(toml["grading"]["share"]["answers"]) == {"yes"}
    assert loaded.overall_suggestion == "share"
    # at the band edges: 79.9% is Good, 80% Outstanding; 49.9% Inadequate, 50% Requires improvement
    assert loaded.share.grade_for(80) == "outstanding"
    assert loaded.share.grade_for(79.9) == "good"
    assert loaded.share.grade_for(50) == "requires_improvement"
    assert loaded.share.grade_for(49.9) == "inadequate"


def _applies(entry: dict[str, Any], case_type: str, weeks: int | None) -> bool:
    """Whether a criterion of the TOML applies, worked out from its own text."""
    if case_type not in entry["applies_to"] and "*" not in entry["applies_to"]:
        return False
    found = CONDITION.match(entry["applies_when"])
    assert found, entry["applies_when"]
    if weeks is None:
        return False  # a blank attribute meets no condition
    limit = float(found[3])
    return {
        "<": weeks < limit,
        "<=": weeks <= limit,
        ">": weeks > limit,
        ">=": weeks >= limit,
        "==": weeks == limit,
        "!=": weeks != limit,
    }[found[2]]


@pytest.mark.parametrize("weeks", [0, 3, 8, 9, 40, None])
@pytest.mark.parametrize("case_type", ["COMMUNITY", "LICENCE"])
def test_contact_weeks_chooses_the_core_or_the_adjusted_questions(
    toml: dict[str, Any], loaded: Framework, case_type: str, weeks: int | None
) -> None:
    attributes = {} if weeks is None else {"contact_weeks": weeks}
    expected = [c["id"] for c in toml["criteria"] if _applies(c, case_type, weeks)]
    assert [c.id for c in loaded.criteria_for(case_type, attributes)] == expected
    if weeks is None:
        assert expected == []
    else:  # eight weeks or less: the adjusted set (prefix A); more: the core set (prefix C)
        assert {i[0] for i in expected} == {"a" if weeks <= 8 else "c"}
        assert len(expected) == 4


def test_sub_prompts_are_a_checklist(toml: dict[str, Any], loaded: Framework) -> None:
    for entry in toml["criteria"]:
        criterion = loaded.criterion(entry["id"])
        assert criterion is not None
        assert list(criterion.prompts) == entry.get("prompts", [])
        assert criterion.prompts_feed == "checklist"
    c1 = loaded.criterion("c1_assessment")
    assert c1 is not None and [p[:2] for p in c1.prompts] == ["a)", "b)", "c)"]
    # wording per case type: a licence case reads about release
    assert "release" in c1.guidance_for("LICENCE") and c1.guidance_for("LICENCE") != c1.guidance


def test_words_are_the_probation_ones(toml: dict[str, Any], loaded: Framework) -> None:
    words = toml["words"]
    assert loaded.words.inspected_body == words["inspected_body"] == "the probation region"
    assert (loaded.words.area_1, loaded.words.area_2) == ("Region", "PDU")
    assert loaded.words.external_grade == words["external_grade"]
    assert "force" not in " ".join(vars(loaded.words).values()).casefold()


def test_no_id_or_attribute_collides_with_a_fixed_column(
    toml: dict[str, Any], loaded: Framework
) -> None:
    fixed = {
        name.casefold()
        for columns in (CASE_COLUMNS, CHRONOLOGY_COLUMNS)
        for pair in columns.items()
        for name in pair
    }
    for entry in toml["criteria"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", entry["id"]), entry["id"]
        assert entry["id"].casefold() not in fixed
        assert f"{entry['id']} note".casefold() not in fixed
    for attribute in toml["attributes"]:
        assert attribute["label"].casefold() not in fixed
        assert attribute["id"].casefold() not in fixed
    assert [a.id for a in loaded.attributes] == ["contact_weeks"]


def test_the_measures_are_in_working_days_with_the_listed_holidays(
    toml: dict[str, Any], loaded: Framework
) -> None:
    for entry, measure in zip(toml["measures"], loaded.measures, strict=True):
        assert measure.id == entry["id"]
        assert (measure.target_value, measure.target_unit) == (15, "working_days")
        assert measure.target_text == "15 working days"
    holidays = toml["calendar"]["bank_holidays"]
    assert loaded.bank_holidays == frozenset(holidays)
    # England and Wales: eight a year, none on a weekend (substitute days are listed instead)
    for year in ("2025", "2026"):
        assert len([d for d in holidays if d.startswith(year)]) == 8
    assert all(date.fromisoformat(d).weekday() < 5 for d in holidays)


def test_the_demo_builds_its_cases_events_and_ratings(
    tmp_path: Path, demo: dict[str, Any], toml: dict[str, Any]
) -> None:
    path = tmp_path / "probation.caseaudit"
    write_probation_demo(path, today=date(2026, 12, 1)).close()
    events = {e["code"] for e in toml["event_types"]}
    with Inspection.open(path) as inspection:
        assert inspection.framework.id == toml["framework"]["id"]
        assert inspection.name == demo["inspection"]["name"]
        assert inspection.case_count() == len(demo["cases"]) == 12
        local = inspection.moderation.force_grades()
        for spec in demo["cases"]:
            case = inspection.case_by_reference(spec["reference"])
            assert case is not None
            assert (case.case_type, case.borough, case.bcu) == (
                spec["case_type"],
                spec["region"],
                spec["pdu"],
            )
            chronology = inspection.chronology(case.id)
            assert [e.event_type for e in chronology] == [e[1] for e in spec["events"]]
            assert {e[1] for e in spec["events"]} <= events
            assert local.get(case.id) == spec.get("local_assessor_rating")


def _working_days(start: date, end: date, holidays: set[date]) -> int:
    """Days after ``start`` up to and including ``end`` that are weekdays and not listed."""
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if (day := date.fromordinal(start.toordinal() + n)).weekday() < 5 and day not in holidays
    )


def test_the_demo_timeliness_counts_working_days_without_the_bank_holidays(
    tmp_path: Path, demo: dict[str, Any], toml: dict[str, Any]
) -> None:
    path = tmp_path / "probation.caseaudit"
    write_probation_demo(path, today=date(2026, 12, 1)).close()
    holidays = {date.fromisoformat(d) for d in toml["calendar"]["bank_holidays"]}
    starts = {m["applies_to"][0]: (m["from"], m["to"]) for m in toml["measures"]}
    target = toml["measures"][0]["target"]["value"]
    states = {}
    with Inspection.open(path) as inspection:
        for spec in demo["cases"]:
            case = inspection.case_by_reference(spec["reference"])
            assert case is not None
            events = [(e.occurred_at, e.event_type) for e in inspection.chronology(case.id)]
            (result,) = measure_case(inspection.framework, case.case_type, events)
            begin, end = starts[spec["case_type"]]
            when = {kind: date.fromisoformat(at[:10]) for at, kind, _ in reversed(spec["events"])}
            if end not in when:
                assert result.state == MISSING, spec["reference"]
            else:
                days = _working_days(when[begin], when[end], holidays)
                assert result.days == days, spec["reference"]
                assert result.state == (LATE if days > target else WITHIN), spec["reference"]
            states[spec["reference"]] = result.state
    # Easter 2026 (3 and 6 April) and Christmas 2025 leave these at exactly 15: on time
    assert states["NMR-26-0002"] == states["NMR-26-0005"] == WITHIN
    assert states["NMR-26-0003"] == states["NMR-26-0008"] == LATE


def _expected_rating(toml: dict[str, Any], answers: dict[str, str]) -> str | None:
    """The share bands of the TOML applied by hand: yes answers over answered, N/A left out."""
    share = toml["grading"]["share"]
    counted = [a for a in answers.values() if a != toml["not_applicable"]["code"]]
    if not counted:
        return None
    percent = 100 * sum(a in share["answers"] for a in counted) / len(counted)
    return next(b["grade"] for b in share["bands"] if percent >= b["at_least"])


def test_the_demo_cases_carry_their_attribute_and_gradings(
    tmp_path: Path, demo: dict[str, Any], toml: dict[str, Any]
) -> None:
    path = tmp_path / "probation.caseaudit"
    write_probation_demo(path, today=date(2026, 12, 1)).close()
    with Inspection.open(path) as inspection:
        people = {p.name: p for p in inspection.assessors()}
        graded = 0
        for spec in demo["cases"]:
            case = inspection.case_by_reference(spec["reference"])
            assert case is not None
            given = {"contact_weeks": spec["contact_weeks"]} if "contact_weeks" in spec else {}
            assert dict(case.attributes) == given
            if "graded_by" not in spec:
                assert not any(
                    inspection.grading.assessment(case.id, p.id) for p in people.values()
                )
                continue
            graded += 1
            assessment = inspection.grading.assessment(case.id, people[spec["graded_by"]].id)
            assert assessment is not None
            assert {k: assessment.grade_of(k) for k in spec["answers"]} == spec["answers"]
            # answered questions are the set contact_weeks chooses: core above 8 weeks
            prefix = "c" if spec["contact_weeks"] > 8 else "a"
            assert {k[0] for k in spec["answers"]} == {prefix}
            expected = _expected_rating(toml, spec["answers"]) if spec.get("overall") else None
            assert assessment.overall_grade == expected
            if "referral" in spec:
                assert assessment.referral is not None
                assert assessment.referral.reason == spec["referral"]["reason"]
            else:
                assert assessment.referral is None
        assert graded == 7
    # the figures the demo shows: 4 of 4 yes Outstanding, 3 of 4 Good, 1 of 4 Inadequate,
    # 2 yes of 3 answered (one N/A) 66.7% Good
    by_ref = {c["reference"]: c for c in demo["cases"]}
    assert _expected_rating(toml, by_ref["NMR-26-0001"]["answers"]) == "outstanding"
    assert _expected_rating(toml, by_ref["NMR-26-0002"]["answers"]) == "good"
    assert _expected_rating(toml, by_ref["NMR-26-0003"]["answers"]) == "inadequate"
    assert _expected_rating(toml, by_ref["NMR-26-0004"]["answers"]) == "good"


def test_the_demo_ticks_sub_prompts_as_its_material_says(
    tmp_path: Path, demo: dict[str, Any]
) -> None:
    path = tmp_path / "probation.caseaudit"
    write_probation_demo(path, today=date(2026, 12, 1)).close()
    with Inspection.open(path) as inspection:
        people = {p.name: p for p in inspection.assessors()}
        ticked = [c for c in demo["cases"] if "prompts" in c]
        assert len(ticked) == 3
        for spec in ticked:
            case = inspection.case_by_reference(spec["reference"])
            assert case is not None
            who = people[spec["graded_by"]].id
            for criterion_id, ticks in spec["prompts"].items():
                assert inspection.prompts.ticks(case.id, who, criterion_id) == ticks


def _cases_sheet(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path)["Cases"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_demo_exports_and_imports_back_unchanged(tmp_path: Path, demo: dict[str, Any]) -> None:
    with write_probation_demo(tmp_path / "demo.caseaudit", today=date(2026, 12, 1)) as first:
        export_workbook(first, tmp_path / "demo.xlsx")
    report = import_file(
        tmp_path / "again.caseaudit",
        tmp_path / "demo.xlsx",
        "Robin Example",
        framework=probation_framework(),
    )
    assert report is not None
    with Inspection.open(tmp_path / "again.caseaudit") as again:
        assert again.framework.id == probation_framework().id
        export_workbook(again, tmp_path / "again.xlsx")
    exported = _cases_sheet(tmp_path / "demo.xlsx")
    assert _cases_sheet(tmp_path / "again.xlsx") == exported
    headings = exported[0]
    assert headings[:4] == ["Case reference", "Case type", "Region", "PDU"]
    assert "Weeks before contact suspended" in headings and "Local assessor rating" in headings
    assert "c1_assessment prompts" in headings
    weeks = headings.index("Weeks before contact suspended")
    given = {c["reference"]: c.get("contact_weeks") for c in demo["cases"]}
    assert {row[0]: row[weeks] for row in exported[1:]} == given
