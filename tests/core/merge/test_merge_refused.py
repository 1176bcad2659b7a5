"""Damaged packages, another framework, a newer schema: refused whole, nothing written."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from auditor import cli
from auditor.framework import bundled_framework, parse_framework
from auditor.inspection import Inspection
from auditor.merging import merge as merge_module
from auditor.merging.manifest import PackageError
from auditor.merging.merge import merge_packages
from auditor.merging.package import open_package
from db.schema import SCHEMA_VERSION
from tests.support.grades import INADEQUATE
from tests.support.importing import snapshot
from tests.support.merge import REFERENCES, grade_case, package


@pytest.fixture
def graded_package(laptop_a: Path, tmp_path: Path) -> Path:
    with Inspection.open(laptop_a) as insp:
        actor = insp.assessor("Ana Inspector", "inspector")
        grade_case(insp, REFERENCES[0], actor, INADEQUATE, refer=True)
    return package(laptop_a, tmp_path / "a.pkg")


def _refused(lead: Path, bad: Path, good: Path, match: str | None) -> None:
    """Merging ``good`` then ``bad`` is refused whole: the lead's file is unchanged."""
    before = snapshot(lead)
    with pytest.raises(PackageError, match=match):
        merge_packages(lead, [good, bad])
    assert snapshot(lead) == before


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_truncated_package_refused_with_nothing_written(
    graded_package: Path, lead: Path, tmp_path: Path, keep: float
) -> None:
    data = graded_package.read_bytes()
    bad = tmp_path / "truncated.pkg"
    bad.write_bytes(data[: int(len(data) * keep)])
    _refused(lead, bad, graded_package, "damaged or incomplete|checksum|damaged")
    new = tmp_path / "new.caseaudit"
    with pytest.raises(PackageError):
        merge_packages(new, [graded_package, bad])
    assert not new.exists()
    assert list(tmp_path.glob(".new.caseaudit*")) == []


def test_corrupt_byte_refused(graded_package: Path, lead: Path, tmp_path: Path) -> None:
    data = bytearray(graded_package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "flipped.pkg"
    bad.write_bytes(bytes(data))
    _refused(lead, bad, graded_package, "damaged|checksum")


def _rewrite(source: Path, target: Path, manifest: dict | None = None, content=None) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        data = json.loads(old.read("manifest.json"))
        data.update(manifest or {})
        new.writestr("manifest.json", json.dumps(data))
        new.writestr("inspection.caseaudit", content or old.read("inspection.caseaudit"))
    return target


def test_content_not_matching_its_checksum_refused(graded_package: Path, lead: Path, tmp_path):
    bad = _rewrite(graded_package, tmp_path / "x.pkg", {"content_sha256": "0" * 64})
    _refused(lead, bad, graded_package, "checksum")


def test_damaged_content_with_a_matching_checksum_refused(graded_package: Path, tmp_path, lead):
    with zipfile.ZipFile(graded_package) as archive:
        content = bytearray(archive.read("inspection.caseaudit"))
    content[len(content) // 2 : len(content) // 2 + 4096] = b"\x00" * 4096
    bad = _rewrite(
        graded_package,
        tmp_path / "x.pkg",
        {"content_sha256": hashlib.sha256(content).hexdigest()},
        bytes(content),
    )
    with pytest.raises(PackageError):
        open_package(bad).close()
    _refused(lead, bad, graded_package, None)


def test_newer_schema_refused(graded_package: Path, lead: Path, tmp_path: Path) -> None:
    bad = _rewrite(graded_package, tmp_path / "x.pkg", {"schema_version": SCHEMA_VERSION + 1})
    _refused(lead, bad, graded_package, "newer version")


def test_newer_package_format_refused(graded_package: Path, lead: Path, tmp_path: Path) -> None:
    bad = _rewrite(graded_package, tmp_path / "x.pkg", {"format_version": 99})
    _refused(lead, bad, graded_package, "newer version")


def test_not_a_package_refused(graded_package: Path, lead: Path, tmp_path: Path) -> None:
    _refused(lead, lead, graded_package, "damaged or incomplete")
    text = tmp_path / "notes.txt"
    text.write_text("Invented notes\n")
    _refused(lead, text, graded_package, "damaged or incomplete")


def test_different_framework_refused(lead: Path, graded_package: Path, tmp_path: Path) -> None:
    bundled = bundled_framework()
    other = parse_framework(bundled.toml_text + "\n# a later edition\n", "edited framework")
    laptop = tmp_path / "other.caseaudit"
    Inspection.create(laptop, name="Another framework", framework=other).close()
    bad = package(laptop, tmp_path / "other.pkg")
    _refused(lead, bad, graded_package, "different framework")
    new = tmp_path / "new.caseaudit"
    with pytest.raises(PackageError, match="different framework"):
        merge_packages(new, [graded_package, bad])
    assert not new.exists()


def test_failure_mid_merge_leaves_target_unchanged(
    graded_package: Path, lead: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(lead)

    def crash(ctx: object) -> None:
        raise KeyboardInterrupt  # as if the process were stopped half way

    monkeypatch.setattr(merge_module, "merge_reviews", crash)
    with pytest.raises(KeyboardInterrupt):
        merge_packages(lead, [graded_package])
    assert snapshot(lead) == before
    monkeypatch.undo()
    (summary,) = merge_packages(lead, [graded_package])
    assert summary.changed


def test_cli_refusals_exit_2_with_one_line(
    graded_package: Path, lead: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = graded_package.read_bytes()
    bad = tmp_path / "truncated.pkg"
    bad.write_bytes(data[: len(data) // 2])
    cases = [
        ["merge", "--db", str(lead), str(bad)],
        ["merge", "--db", str(lead), str(tmp_path / "missing.pkg")],
        ["merge", "--db", str(tmp_path / "no-folder" / "x.caseaudit"), str(graded_package)],
        ["merge", "--db", str(lead)],
        ["package", "--db", str(tmp_path / "missing.caseaudit"), str(tmp_path / "p.pkg")],
        ["package", "--db", str(lead), str(tmp_path / "no-folder" / "p.pkg")],
    ]
    before = snapshot(lead)
    for argv in cases:
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("case-auditor: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
    assert snapshot(lead) == before


def test_a_package_of_another_inspection_is_refused(capsys, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.caseaudit", tmp_path / "theirs.caseaudit"
    for path in (ours, theirs):  # two inspections: the same framework, different ids
        Inspection.create(path, name=path.stem).close()
    with Inspection.open(theirs) as other:
        other.add_case(None, reference="NM-18-0001", case_type=other.framework.case_types[0].code)
    assert cli.main(["package", "--db", str(theirs), str(tmp_path / "theirs.cafpkg")]) == 0
    capsys.readouterr()
    before = snapshot(ours)
    code = cli.main(["merge", "--db", str(ours), str(tmp_path / "theirs.cafpkg")])
    err = capsys.readouterr().err
    assert code == 2 and "a package of another inspection" in err and "nothing merged" in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(ours) == before


def _open_files_under(folder: Path) -> list[str]:
    """Files under ``folder`` this process still holds open (Linux: /proc/self/fd)."""
    fds = Path("/proc/self/fd")
    held = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            held.append(target)
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_content_missing_its_framework_is_refused_and_closed(
    graded_package: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(graded_package) as archive:
        (tmp_path / "content.caseaudit").write_bytes(archive.read("inspection.caseaudit"))
    with sqlite3.connect(tmp_path / "content.caseaudit") as conn:
        conn.execute("DROP TABLE framework")
    conn.close()
    content = (tmp_path / "content.caseaudit").read_bytes()
    bad = _rewrite(
        graded_package,
        tmp_path / "x.pkg",
        {"content_sha256": hashlib.sha256(content).hexdigest()},
        content,
    )
    work = tmp_path / "work"
    work.mkdir()
    try:
        open_package(bad, work)
    except PackageError as exc:
        refused = exc  # kept, with its traceback: nothing a frame still holds stays open
    else:
        pytest.fail("the package was opened")
    assert "x.pkg" in str(refused) and "damaged" in str(refused)
    assert _open_files_under(work) == []  # the content's connection closed
    assert list(work.iterdir()) == []  # and the unpacked copy removed


def test_a_manifest_nested_thousands_deep_refused(graded_package: Path, lead: Path, tmp_path):
    """Well under the manifest's size limit, but deeper than any reader goes: refused in words."""
    bad = tmp_path / "deep.pkg"
    with zipfile.ZipFile(graded_package) as old, zipfile.ZipFile(bad, "w") as new:
        new.writestr("manifest.json", "[" * 100_000 + "]" * 100_000)
        new.writestr("inspection.caseaudit", old.read("inspection.caseaudit"))
    _refused(lead, bad, graded_package, "manifest is damaged \\(nested too deeply to read\\)")
