"""Fixtures for the framework tests."""

from __future__ import annotations

import pytest
from framework_support import BUNDLED_PATH

from auditor.framework import (
    Framework,
    bundled_framework,
)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return bundled_framework()


@pytest.fixture(scope="module")
def bundled_text() -> str:
    return BUNDLED_PATH.read_text(encoding="utf-8")
