"""Shared fixtures of every test (none imports Qt): settings and data kept in the test's folder,
fresh copies of the demo inspection. The window's fixtures are in tests/window/conftest.py.

Tests that read a file with SQL of their own use ``sqlcipher3.dbapi2`` (the workstation's
SQLite library), never the standard library's ``sqlite3``: two SQLite libraries on one file in
one process do not see each other's POSIX locks, and one can reset the WAL index the other has
mapped (a bus error when the window's backup thread reads at the same moment). A test that
means "another program" runs the standard library's SQLite in a child process.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.support.offscreen  # noqa: F401  (first: the headless screen, before Qt)
from auditor.inspection import Inspection
from auditor.samples.demo import write_demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo inspection, written once per test run (tests get copies)."""
    path = tmp_path_factory.mktemp("demo") / "demo.caseaudit"
    write_demo(path).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo inspection file for one test."""
    target = tmp_path / "demo.caseaudit"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Inspection]:
    inspection = Inspection.open(demo_path)
    yield inspection
    inspection.close()


@pytest.fixture(autouse=True)
def settings_off_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings and the app's data folder inside the test's temporary folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
