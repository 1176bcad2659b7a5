"""``case-auditor package`` and ``merge``: exit 0 printing what was merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import cli
from auditor.inspection import Inspection
from tests.support.grades import GOOD, INADEQUATE
from tests.support.merge import REFERENCES, grade_case


def test_package_and_merge_on_the_command_line(
    laptop_a: Path, laptop_b: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Inspection.open(laptop_a) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ana Inspector", "inspector"), GOOD)
    with Inspection.open(laptop_b) as insp:
        grade_case(insp, REFERENCES[0], insp.assessor("Ben Inspector", "inspector"), INADEQUATE)
    a, b = tmp_path / "a.caseaudit-package", tmp_path / "b.caseaudit-package"
    assert cli.main(["package", "--db", str(laptop_a), str(a), "--recipient", "Lee Lead"]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {a}" in out and "graded by Ana Inspector" in out
    assert cli.main(["package", "--db", str(laptop_b), str(b)]) == 0
    capsys.readouterr()
    target = tmp_path / "team.caseaudit"

    assert cli.main(["merge", "--db", str(target), str(a), str(b), "--assessor", "Lee Lead"]) == 0

    out = capsys.readouterr().out
    assert f"Merged {a} into {target} (a new inspection), graded by Ana Inspector:" in out
    assert (
        "added: 3 assessors, 8 cases, 4 chronology events, 1 assessment, 9 criterion grades" in out
    )
    assert "in conflict: 1 case(s) for the lead to resolve" in out
    assert f"{REFERENCES[0]}: Ana Inspector Good, Ben Inspector Inadequate" in out  # labels
    assert cli.main(["merge", "--db", str(target), str(a)]) == 0
    out = capsys.readouterr().out
    assert "added: nothing\n  updated: nothing\n  unchanged: 3 assessors, 8 cases" in out
    with Inspection.open(laptop_a) as insp:
        disclosures = list(insp.db.query("SELECT * FROM audit_log WHERE kind = 'disclosure'"))
    assert [(d["new_value"], d["detail"]) for d in disclosures] == [
        ("Lee Lead", f"audit package {a.name}")
    ]
