"""An export, package or comparison never replaces the inspection it is written from, nor is
written into a folder: refused in one line before anything is written or logged (a fresh-eyes
review found `package --db a.caseaudit a.caseaudit` replacing the inspection with a zip)."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.analysis import AnalysisError, export_comparison
from auditor.cli.entry import main
from auditor.exporting.export import ExportError, export_workbook
from auditor.inspection import Inspection
from auditor.merging.manifest import PackageError
from auditor.merging.package import write_package


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _log_rows(path: Path) -> int:
    with Inspection.open(path) as inspection:
        return len(inspection.log.entries())


def _writers(tmp_path: Path, demo_path: Path) -> dict[str, Callable[[Inspection, Path], object]]:
    earlier = tmp_path / "earlier.caseaudit"
    shutil.copyfile(demo_path, earlier)

    def compare(inspection: Inspection, out: Path) -> object:
        with Inspection.open(earlier) as other:
            return export_comparison([inspection, other], out)

    return {"export": export_workbook, "package": write_package, "compare": compare}


@pytest.mark.parametrize("kind", ["export", "package", "compare"])
@pytest.mark.parametrize("how", ["same path", "another spelling", "a hard link", "its -wal"])
def test_the_inspection_itself_is_refused_as_the_output(
    tmp_path: Path, demo_path: Path, kind: str, how: str
) -> None:
    inspection_path = tmp_path / "team.xlsx"  # a name the writers accept for their output
    shutil.copyfile(demo_path, inspection_path)
    out = {
        "same path": inspection_path,
        "another spelling": tmp_path / "sub" / ".." / "team.xlsx",
        "a hard link": tmp_path / "link.xlsx",
        "its -wal": tmp_path / "team.xlsx-wal",
    }[how]
    (tmp_path / "sub").mkdir()
    if how == "a hard link":
        os.link(inspection_path, out)
    before, rows = _digest(inspection_path), _log_rows(inspection_path)
    errors = (ExportError, PackageError, AnalysisError)
    with Inspection.open(inspection_path) as inspection, pytest.raises(errors) as caught:
        _writers(tmp_path, demo_path)[kind](inspection, out)
    if out.suffix == ".xlsx" or kind == "package":  # else refused as not a workbook's name
        assert "is the inspection file" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _digest(inspection_path) == before and _log_rows(inspection_path) == rows


def test_a_folder_as_the_workbook_is_refused_before_the_disclosure_is_logged(
    tmp_path: Path, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out.xlsx"
    folder.mkdir()
    rows = _log_rows(demo_path)
    assert main(["export", "--db", str(demo_path), str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert _log_rows(demo_path) == rows  # no disclosure of a workbook that was never written
    assert list(folder.iterdir()) == []
