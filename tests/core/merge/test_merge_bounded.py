"""Packages are bounded before anything is unpacked; unpacking happens beside the target and
nothing of a package is left behind, not even after a kill."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor.merging.manifest import CONTENT_NAME, PackageError
from auditor.merging.merge import merge_packages
from auditor.merging.package import UNPACKED_PREFIX
from tests.support.importing import snapshot
from tests.support.merge import package


def _unpacked(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{UNPACKED_PREFIX}*"))


def _bomb(good: Path, out: Path, inflated: int) -> Path:
    """``good``'s manifest with a content of ``inflated`` zero bytes (declared honestly)."""
    with zipfile.ZipFile(good) as source:
        manifest = json.loads(source.read("manifest.json"))
    manifest["content_size"] = inflated
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        with archive.open(CONTENT_NAME, "w") as content:
            chunk = bytes(1 << 20)
            for _ in range(inflated >> 20):
                content.write(chunk)
    return out


def test_a_package_that_would_inflate_out_of_proportion_is_refused_unopened(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    good = package(laptop_a, tmp_path / "good.pkg")
    bomb = _bomb(good, tmp_path / "bomb.pkg", 256 << 20)
    assert bomb.stat().st_size < (2 << 20)  # a small file that would unpack to 256 MB
    before = snapshot(lead)
    with pytest.raises(PackageError, match="refused before unpacking"):
        merge_packages(lead, [bomb])
    assert snapshot(lead) == before
    assert _unpacked(lead.parent) == []


@pytest.mark.parametrize("where", ["before", "after"])
def test_bytes_before_or_after_the_zip_are_refused(
    laptop_a: Path, lead: Path, tmp_path: Path, where: str
) -> None:
    good = package(laptop_a, tmp_path / "good.pkg")
    padded = tmp_path / "padded.pkg"
    junk = b"not part of any package" * 10
    data = good.read_bytes()
    padded.write_bytes(junk + data if where == "before" else data + junk)
    before = snapshot(lead)
    with pytest.raises(PackageError, match="bytes before or after"):
        merge_packages(lead, [padded])
    assert snapshot(lead) == before


def test_unpacking_happens_beside_the_target_and_is_cleaned_after_a_kill(
    laptop_a: Path, lead: Path, tmp_path: Path
) -> None:
    good = package(laptop_a, tmp_path / "good.pkg")
    merge_packages(lead, [good])
    assert _unpacked(lead.parent) == []  # removed once merged
    # What a killed merge leaves: a folder named by a process that is gone.
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    leftover = lead.parent / f"{UNPACKED_PREFIX}{gone}-abcd"
    leftover.mkdir()
    (leftover / CONTENT_NAME).write_bytes(b"case material")
    mine = lead.parent / f"{UNPACKED_PREFIX}{os.getpid()}-live"  # a merge still running here
    mine.mkdir()
    merge_packages(lead, [good])
    assert not leftover.exists()
    assert mine.exists()
