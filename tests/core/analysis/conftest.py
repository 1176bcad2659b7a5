"""Three invented inspections of one force: now (2018), 2017 and 2016 (another framework, whose
'Children missing' is called something else, in an encrypted file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.analysis.inspections import (
    GOOD,
    INADEQUATE,
    RI,
    Spec,
    build,
    other_framework,
    spec_list,
)

PASSPHRASE = "invented passphrase for tests"

NOW = [
    *spec_list("DA_REFERRAL", [INADEQUATE, INADEQUATE, GOOD, RI, None], referred=2),
    *spec_list("OTHER_REFERRAL", [GOOD, GOOD, RI], borough="Brookfield"),
    *spec_list("S47", [INADEQUATE, RI, RI, GOOD, GOOD, GOOD], referred=1, borough="Brookfield"),
    *spec_list("MISSING", [RI, INADEQUATE], referred=1),
    *spec_list("RSO", [GOOD, None]),
    Spec("CSE", None, merlin_hours=30),  # not graded: left out of the tables, still measured
    Spec("S46", GOOD, merlin_hours=10),
    Spec("S46", INADEQUATE, merlin_hours=20),
    Spec("S46", RI, merlin_hours=50),
]  # no custody case at all: an empty case type
EARLIER = [
    *spec_list("DA_REFERRAL", [INADEQUATE, GOOD, GOOD], referred=1),
    *spec_list("OTHER_REFERRAL", [RI, RI, INADEQUATE, GOOD], referred=1),
    *spec_list("S47", [INADEQUATE, INADEQUATE, RI], referred=2, merlin_hours=40),
    *spec_list("MISSING", [GOOD]),
    *spec_list("CUSTODY", [INADEQUATE, RI], referred=1),
]
EARLIEST = [
    *spec_list("DA_REFERRAL", [INADEQUATE, INADEQUATE, RI, GOOD, GOOD], referred=2),
    *spec_list("S47", [RI]),
    *spec_list("MISSING", [INADEQUATE, INADEQUATE], referred=1),
    *spec_list("CUSTODY", [GOOD]),
]
NAMES = ("Northmere 2018 (invented)", "Northmere 2017 (invented)", "Northmere 2016 (invented)")


@dataclass(frozen=True)
class Files:
    """The three files and their data."""

    now: Path
    earlier: Path
    earliest: Path


@pytest.fixture(scope="session")
def file_templates(tmp_path_factory: pytest.TempPathFactory) -> Files:
    folder = tmp_path_factory.mktemp("inspections")
    return Files(
        build(folder / "now.caseaudit", NAMES[0], NOW),
        build(folder / "earlier.caseaudit", NAMES[1], EARLIER),
        build(
            folder / "earliest.caseaudit",
            NAMES[2],
            EARLIEST,
            framework=other_framework(),
            passphrase=PASSPHRASE,
        ),
    )


@pytest.fixture
def files(file_templates: Files, tmp_path: Path) -> Files:
    """Fresh copies of the three files for one test."""
    copies = []
    for path in (file_templates.now, file_templates.earlier, file_templates.earliest):
        target = tmp_path / path.name
        target.write_bytes(path.read_bytes())
        copies.append(target)
    return Files(*copies)
