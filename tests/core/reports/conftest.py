"""Fixtures for the report tests: a fresh, real inspection file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.inspection import Assessor, Inspection
from tests.support.reports import new_inspection


@pytest.fixture
def insp(tmp_path: Path) -> Iterator[Inspection]:
    inspection = new_inspection(tmp_path / "report.caseaudit")
    yield inspection
    inspection.close()


@pytest.fixture
def actor(insp: Inspection) -> Assessor:
    return insp.assessor("Invented Inspector", "inspector")


@pytest.fixture
def second(insp: Inspection) -> Assessor:
    return insp.assessor("Another Invented Inspector", "inspector")
