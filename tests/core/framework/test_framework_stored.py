"""A framework snapshot stored in an inspection file opens as it did before the strict checks:
what they refuse in a file a user gives is logged and left out (or allowed), never refused."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from auditor.framework import load_framework, parse_framework
from auditor.inspection import Inspection
from tests.support.framework import BUNDLED_PATH


def _stored_and_reopened(tmp_path: Path, text: str) -> Inspection:
    """An inspection file holding ``text`` as its framework, as an earlier version (which did
    not check keys or names) wrote it; then opened again."""
    path = tmp_path / "older.caseaudit"
    framework = parse_framework(text, "an earlier version's framework")
    Inspection.create(path, name="Made before the checks", framework=framework).close()
    return Inspection.open(path)


def test_a_stored_snapshot_with_a_misspelt_key_still_opens(
    tmp_path: Path, bundled_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    old = 'guidance = """Look for a record that officers saw the child'
    text = bundled_text.replace(old, old.replace("guidance", "guidnace"), 1)
    with (
        caplog.at_level(logging.WARNING, logger="auditor.framework.loading"),
        _stored_and_reopened(tmp_path, text) as reopened,
    ):
        voice = reopened.framework.criterion("voice_of_child")
        assert voice is not None and voice.guidance == ""  # ignored, as it always was
        assert reopened.framework.toml_text == text  # the snapshot itself unchanged
    logged = [r.getMessage() for r in caplog.records]
    assert any("key 'guidnace'" in m and "criteria 'voice_of_child'" in m for m in logged)


def test_a_stored_snapshot_with_colliding_names_still_opens(
    tmp_path: Path, bundled_text: str
) -> None:
    text = bundled_text.replace('id = "supervision"', 'id = "team"', 1)
    text = text.replace('label = "Inadequate"', 'label = "Not applicable"', 1)
    text = text.replace("[grading]\n", "[gradng]\n", 1)
    text += '\n[[case_types]]\ncode = "*"\nlabel = "Every other case"\n'
    with _stored_and_reopened(tmp_path, text) as reopened:
        framework = reopened.framework
        assert framework.criterion("team") is not None
        assert framework.grades[2].label == "Not applicable"
        assert framework.case_type("*") is not None
        assert framework.overall_suggestion == "worst"  # [gradng] left out: the default


def test_a_format_1_snapshot_with_format_2_keys_loads_as_format_1_did(
    tmp_path: Path, bundled_text: str
) -> None:
    # Format 1 ignored keys it did not know: a snapshot with format 2's keys loads as then.
    old = 'applies_to = ["MISSING"]\n\n[[criteria]]\nid = "missing_trigger_plan"'
    text = bundled_text.replace(old, old.replace("]\n\n", ']\ndomain = "missing"\n\n', 1), 1)
    text = text.replace("[grading]\n", '[words]\ninspected_body = "the service"\n\n[grading]\n')
    assert text.count('domain = "missing"') == 1
    with _stored_and_reopened(tmp_path, text) as reopened:
        framework = reopened.framework
        assert framework.format == 1
        assert framework.words.inspected_body == "the force"
        assert all(c.domain == "" for c in framework.criteria)
        assert framework.criteria == load_framework(BUNDLED_PATH).criteria


def test_a_format_1_snapshot_with_format_2_tables_holding_unknown_keys(
    tmp_path: Path, bundled_text: str
) -> None:
    # A format 2 table (wording, target) in a format 1 snapshot is left out whole, with
    # whatever unknown keys it holds.
    old = 'applies_to = ["MISSING"]\n\n[[criteria]]\nid = "missing_trigger_plan"'
    wording = '[criteria.wording.MISSING]\nquestoin = "Was the child found?"\n\n'
    text = bundled_text.replace(old, old.replace("\n\n", f"\n{wording}", 1), 1)
    text = text.replace(
        "target_hours = 72\n", 'target_hours = 72\ntarget = { value = 3, unitt = "days" }\n', 1
    )
    assert "questoin" in text and "unitt" in text
    with _stored_and_reopened(tmp_path, text) as reopened:
        framework = reopened.framework
        assert framework.criteria == load_framework(BUNDLED_PATH).criteria
        assert [m.target_text for m in framework.measures] == [
            m.target_text for m in load_framework(BUNDLED_PATH).measures
        ]
