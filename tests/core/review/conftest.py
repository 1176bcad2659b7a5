"""Fixtures for the review tests: a real inspection file, two inspectors, two supervisors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.audit.log import AuditLog
from auditor.inspection import Assessor, Inspection
from auditor.review.desk import ReviewDesk
from auditor.review.referrals import Referrals
from tests.support.clock import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def insp(tmp_path: Path, clock: Clock) -> Iterator[Inspection]:
    inspection = Inspection.create(
        tmp_path / "review.caseaudit", name="Review test inspection", clock=clock
    )
    yield inspection
    inspection.close()


@pytest.fixture
def inspector(insp: Inspection) -> Assessor:
    return insp.assessor("Ann Inspector", "inspector")


@pytest.fixture
def other_inspector(insp: Inspection) -> Assessor:
    return insp.assessor("Ben Inspector", "inspector")


@pytest.fixture
def supervisor(insp: Inspection) -> Assessor:
    return insp.assessor("Sue Supervisor", "supervisor")


@pytest.fixture
def other_supervisor(insp: Inspection) -> Assessor:
    return insp.assessor("Tom Supervisor", "supervisor")


@pytest.fixture
def desk(insp: Inspection) -> ReviewDesk:
    return insp.review


@pytest.fixture
def referrals(insp: Inspection) -> Referrals:
    return insp.referrals


@pytest.fixture
def log(insp: Inspection) -> AuditLog:
    return insp.log
