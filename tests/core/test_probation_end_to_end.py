"""The second bundled framework end to end at the command line: its demo made, exported (full,
redacted and for the inspected body) with none of the police's words in any cell, and the full
workbook imported into a new file with ``--framework``: the same cases, attributes and answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.cli.entry import main
from auditor.inspection import Inspection
from tests.support.framework import BUNDLED_PATH

PROBATION = BUNDLED_PATH.parent / "hmip_probation_case_assessment.toml"
#: Words only the police framework uses (the demo's invented events may name the police itself).
POLICE_WORDS = ("force", "borough", "bcu", "merlin")


def _cells(path: Path) -> list[tuple[str, str]]:
    book = load_workbook(path, read_only=True)
    found = [
        (sheet.title, str(value))
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    book.close()
    return found


def _facts(db: Path, references: list[str]) -> dict[str, tuple]:
    """Each case's type, attributes, and its criterion answers and overall ratings."""
    with Inspection.open(db) as inspection:
        out = {}
        for reference in references:
            case = inspection.case_by_reference(reference)
            assert case is not None, reference
            graded = sorted(
                (a.overall_grade, tuple(sorted((k, g.grade) for k, g in a.grades.items())))
                for a in inspection.grading.assessments(case.id)
            )
            out[reference] = (case.case_type, dict(case.attributes), graded)
        return out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "probation.caseaudit"
    assert main(["demo", "--db", str(db), "--framework", "probation"]) == 0
    return db


@pytest.mark.parametrize("kind", [[], ["--redact"], ["--for-force"]])
def test_its_workbooks_use_its_words(tmp_path: Path, demo: Path, kind: list[str]) -> None:
    out = tmp_path / "export.xlsx"
    assert main(["export", "--db", str(demo), *kind, str(out)]) == 0
    police = [
        (sheet, text)
        for sheet, text in _cells(out)
        if sheet != "Audit trail" and any(w in text.casefold() for w in POLICE_WORDS)
    ]
    assert police == []
    texts = {text for _, text in _cells(out)}
    assert any("probation region" in t for t in texts)


def test_its_workbook_imports_back_into_a_new_file(tmp_path: Path, demo: Path) -> None:
    out = tmp_path / "export.xlsx"
    assert main(["export", "--db", str(demo), str(out)]) == 0
    again = tmp_path / "again.caseaudit"
    argv = ["import", "--db", str(again), str(out), "--framework", str(PROBATION)]
    assert main(argv) == 0
    references = [f"NMR-26-{n:04d}" for n in range(1, 13)]  # the demo's twelve
    before = _facts(demo, references)
    assert sum(1 for _, _, graded in before.values() if graded) >= 6
    assert _facts(again, references) == before
