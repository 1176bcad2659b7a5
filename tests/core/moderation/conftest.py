"""Fixtures for the moderation tests: a real inspection file, three inspectors and a lead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.inspection import Assessor, Inspection
from auditor.moderation import Moderation
from tests.support.clock import Clock


@pytest.fixture
def insp(tmp_path: Path) -> Iterator[Inspection]:
    inspection = Inspection.create(
        tmp_path / "moderation.caseaudit", name="Moderation test inspection", clock=Clock()
    )
    yield inspection
    inspection.close()


@pytest.fixture
def ann(insp: Inspection) -> Assessor:
    return insp.assessor("Ann Inspector", "inspector")


@pytest.fixture
def ben(insp: Inspection) -> Assessor:
    return insp.assessor("Ben Inspector", "inspector")


@pytest.fixture
def cat(insp: Inspection) -> Assessor:
    return insp.assessor("Cat Inspector", "inspector")


@pytest.fixture
def lead(insp: Inspection) -> Assessor:
    return insp.assessor("Lee Lead", "supervisor")


@pytest.fixture
def desk(insp: Inspection) -> Moderation:
    return insp.moderation
