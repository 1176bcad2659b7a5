"""The evidence tests' shared fixture: the cited inspection of the citations-workbook tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.citations_workbook import Cited, make_cited


@pytest.fixture
def cited(tmp_path: Path) -> Cited:
    return make_cited(tmp_path)
