"""Fixtures for the framework tests."""

from __future__ import annotations

import pytest

from auditor.framework import (
    Framework,
    bundled_framework,
)
from tests.support.framework import BUNDLED_PATH


@pytest.fixture(scope="module")
def framework() -> Framework:
    return bundled_framework()


@pytest.fixture(scope="module")
def bundled_text() -> str:
    return BUNDLED_PATH.read_text(encoding="utf-8")
