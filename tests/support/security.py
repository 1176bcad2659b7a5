"""Encryption tests' shared values, helpers and fixtures (re-exported by the security conftests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.encryption import PASSPHRASE_ENV, use_source
from auditor.inspection import Assessor, Inspection

PASSPHRASE = "correct horse battery staple"
WRONG = "incorrect donkey battery paperclip"
MARKER = "Zephyrine Quillfeather"
MARKER_REFERENCE = "ZQ-2018-77"


@pytest.fixture(autouse=True)
def no_passphrase_source(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with no source and no passphrase in the environment."""
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    previous = use_source(None)
    yield
    use_source(previous)


def add_marked_case(inspection: Inspection, actor: Assessor) -> str:
    """A case naming the marker child, graded with a note that names her too."""
    case = inspection.add_case(
        actor,
        reference=MARKER_REFERENCE,
        case_type="CUSTODY",
        summary=f"{MARKER}, aged 9, found alone at a bus station late at night.",
    )
    criterion = inspection.framework.criteria_for("CUSTODY")[0]
    inspection.grading.set_grade(case.id, actor, criterion.id, "good")
    inspection.grading.set_note(case.id, actor, criterion.id, f"{MARKER}'s voice is recorded.")
    return case.id


@pytest.fixture
def encrypted_path(tmp_path: Path) -> Path:
    """A closed encrypted inspection file holding the marker case."""
    path = tmp_path / "secret.caseaudit"
    with Inspection.create(path, name="Encrypted test inspection", passphrase=PASSPHRASE) as insp:
        add_marked_case(insp, insp.assessor("Test Inspector", "inspector"))
    return path


def files_beside(path: Path) -> dict[str, bytes]:
    """Every file in the folder of ``path`` with its bytes (to prove nothing was written)."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}
