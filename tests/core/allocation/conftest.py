"""Fixtures for the allocation tests: a real inspection file, a lead and three inspectors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.allocation.desk import Allocations
from auditor.inspection import Assessor, Inspection
from tests.support.clock import Clock


@pytest.fixture
def insp(tmp_path: Path) -> Iterator[Inspection]:
    inspection = Inspection.create(
        tmp_path / "allocation.caseaudit", name="Allocation test inspection", clock=Clock()
    )
    yield inspection
    inspection.close()


@pytest.fixture
def desk(insp: Inspection) -> Allocations:
    return Allocations(insp)


@pytest.fixture
def lead(insp: Inspection) -> Assessor:
    return insp.assessor("Lena Lead", "supervisor")


@pytest.fixture
def sam(insp: Inspection) -> Assessor:
    return insp.assessor("Sam Shared", "inspector")


@pytest.fixture
def ann(insp: Inspection) -> Assessor:
    return insp.assessor("Ann Inspector", "inspector")


@pytest.fixture
def ben(insp: Inspection) -> Assessor:
    return insp.assessor("Ben Inspector", "inspector")
