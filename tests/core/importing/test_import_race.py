"""Two imports into one new file at once: the second waits for the first and imports into
its file; never both "succeed" with one's cases lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from auditor.inspection import Inspection
from tests.support import ROOT
from tests.support.importing import CASES, CASES_HEADINGS, write_workbook

ROUNDS = 4


def _workbook(folder: Path, name: str, prefix: str) -> tuple[Path, list[str]]:
    rows = [[f"{prefix}-{n:03d}", *row[1:]] for n, row in enumerate(CASES * 20, 1)]
    path = write_workbook(folder / f"{name}.xlsx", {"Cases": [CASES_HEADINGS, *rows]})
    return path, [r[0] for r in rows]


def test_concurrent_imports_into_a_new_file_lose_nothing(tmp_path: Path) -> None:
    first, first_refs = _workbook(tmp_path, "first", "AAA")
    second, second_refs = _workbook(tmp_path, "second", "BBB")
    for round_ in range(ROUNDS):
        target = tmp_path / f"race-{round_}.caseaudit"
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "auditor", "import", "--db", str(target), str(source)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for source in (first, second)
        ]
        outcomes = [(child.wait(timeout=120), child.stderr.read()) for child in children]
        assert any(code == 0 for code, _ in outcomes), outcomes
        with Inspection.open(target) as inspection:
            present = {inspection.case_by_reference(r) is not None for r in first_refs}
            has_first = present == {True}
            has_second = all(inspection.case_by_reference(r) is not None for r in second_refs)
        for (code, err), has_cases in zip(outcomes, (has_first, has_second), strict=True):
            if code == 0:
                assert has_cases, f"an import said it succeeded but its cases are gone: {outcomes}"
            else:
                assert code == 2 and err.startswith("case-auditor: "), outcomes
                assert "nothing imported" in err.strip().splitlines()[-1]
