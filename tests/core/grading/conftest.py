"""Fixtures for the grading tests: a real inspection file with one custody case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.framework import Framework, bundled_framework
from auditor.inspection import Assessor, Inspection
from auditor.records import Case


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "x.caseaudit"


@pytest.fixture
def insp(path: Path) -> Iterator[Inspection]:
    inspection = Inspection.create(path, name="Grading rules test inspection")
    yield inspection
    inspection.close()


@pytest.fixture
def actor(insp: Inspection) -> Assessor:
    return insp.assessor("Test Inspector", "inspector")


@pytest.fixture
def case(insp: Inspection, actor: Assessor) -> Case:
    return insp.add_case(
        actor,
        reference="CUS-0001",
        case_type="CUSTODY",
        borough="Invented borough",
        summary="Invented: 15-year-old detained overnight.",
    )


@pytest.fixture(scope="module")
def framework() -> Framework:
    return bundled_framework()
