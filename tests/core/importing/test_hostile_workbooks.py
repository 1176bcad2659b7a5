"""Hostile workbooks are refused quickly and in little memory, with nothing written: a zip bomb
(a 500 KB file unpacking to over 500 MB) and an XML entity bomb ("billion laughs"), read both
by calamine and, when the workbook holds a formula, by openpyxl (defusedxml active)."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.importing import CASES, CASES_HEADINGS, write_workbook

BOMB_MB = 520
LIMIT_SECONDS = 2.0
LIMIT_MB = 200


def rewrite_part(source: Path, target: Path, part: str, write) -> Path:
    """Copy a workbook, replacing one part by what ``write(handle)`` writes."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for item in old.infolist():
            if item.filename == part:
                with new.open(part, "w", force_zip64=True) as handle:
                    write(handle)
            else:
                new.writestr(item, old.read(item.filename))
    return target


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    return write_workbook(folder / "good.xlsx", {"Cases": [CASES_HEADINGS, *CASES]})


@pytest.fixture(scope="module")
def zip_bomb(good: Path) -> Path:
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>AAAAAAAA</t></is></c></row>' * 1000
    chunk = row * 15  # about 1 MB

    def write(handle) -> None:
        handle.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/')
        handle.write(b'spreadsheetml/2006/main"><sheetData>')
        for _ in range(BOMB_MB):
            handle.write(chunk)
        handle.write(b"</sheetData></worksheet>")

    bomb = rewrite_part(good, good.with_name("bomb.xlsx"), "xl/worksheets/sheet1.xml", write)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 500 * 1024 * 1024
    return bomb


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Case reference</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Case type</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>S47</t></is></c>{formula}</row>'
    "</sheetData></worksheet>"
)


@pytest.fixture(scope="module", params=["calamine", "openpyxl"])
def entity_bomb(request: pytest.FixtureRequest, good: Path) -> Path:
    formula = '<c r="C2"><f>1+1</f></c>' if request.param == "openpyxl" else ""
    text = LAUGHS.replace("{formula}", formula).encode()
    target = good.with_name(f"laughs-{request.param}.xlsx")
    return rewrite_part(good, target, "xl/worksheets/sheet1.xml", lambda handle: handle.write(text))


# The child's peak memory is its VmHWM (kB), which starts afresh with the program: ru_maxrss
# would include the test runner's own size at the moment it forked the child.
CHILD = """
import sys
from auditor import cli
code = cli.main(["import", "--db", sys.argv[1], sys.argv[2]])
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
sys.exit(code)
"""


def import_in_child(db: Path, source: Path) -> tuple[int, str, float, float]:
    """Run the import command in a child process: (exit code, stderr, seconds, its peak MB)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(source)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    return done.returncode, done.stderr, seconds, int(done.stdout.split()[-1]) / 1024


def test_a_zip_bomb_is_refused_quickly_in_little_memory(tmp_path: Path, zip_bomb: Path) -> None:
    db = tmp_path / "target.caseaudit"
    code, err, seconds, peak_mb = import_in_child(db, zip_bomb)
    assert code == 2
    assert "xl/worksheets/sheet1.xml unpacks to" in err and "possible zip bomb" in err
    assert "Traceback" not in err
    assert seconds < LIMIT_SECONDS + 1.5  # the child's own start-up is about 0.5 s
    assert peak_mb < LIMIT_MB
    assert not db.exists()


def test_an_entity_bomb_is_refused_quickly_in_little_memory(
    tmp_path: Path, entity_bomb: Path
) -> None:
    db = tmp_path / "target.caseaudit"
    code, err, seconds, peak_mb = import_in_child(db, entity_bomb)
    assert code == 2, err
    assert "Traceback" not in err
    assert f"{entity_bomb}: holds an XML entity declaration" in err
    assert seconds < LIMIT_SECONDS + 1.5
    assert peak_mb < LIMIT_MB
    assert not db.exists()


def test_openpyxl_parses_with_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def far_away_cell(source: Path, target: Path, rows: int, formula: bool) -> Path:
    """``source`` with its Cases sheet given one more cell in column XFD of row ``rows``
    (a tiny file: calamine would hold every cell of the 16,384-column rectangle)."""

    def write(handle) -> None:
        with zipfile.ZipFile(source) as old:
            xml = old.read("xl/worksheets/sheet1.xml")
        cell = (
            f'<c r="XFD{rows}"><f>1+1</f><v>2</v></c>'
            if formula
            else f'<c r="XFD{rows}" t="inlineStr"><is><t>x</t></is></c>'
        )
        far = f'<row r="{rows}">{cell}</row>'.encode()
        handle.write(xml.replace(b"</sheetData>", far + b"</sheetData>"))

    return rewrite_part(source, target, "xl/worksheets/sheet1.xml", write)


@pytest.mark.parametrize("formula", [False, True], ids=["calamine", "openpyxl"])
def test_one_far_away_cell_is_refused_before_the_sheet_is_read(
    good: Path, tmp_path: Path, formula: bool
) -> None:
    rows = 20_000
    bomb = far_away_cell(good, tmp_path / "far.xlsx", rows, formula)
    assert bomb.stat().st_size < 20_000
    code, err, seconds, peak_mb = import_in_child(tmp_path / "far.caseaudit", bomb)
    assert code == 2, err
    cells = rows * 16_384  # XFD is column 16,384
    assert f"spans {rows:,} rows by 16,384 columns ({cells:,} cells, up to column XFD)" in err
    assert "possible memory bomb" in err
    assert not (tmp_path / "far.caseaudit").exists()
    assert seconds < LIMIT_SECONDS + 1.5  # the child's own start-up is about 0.5 s
    assert peak_mb < LIMIT_MB
