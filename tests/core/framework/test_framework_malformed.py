"""Malformed framework files are refused, naming the file, the entry and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import (
    load_framework,
)
from auditor.timeliness import measure_case
from tests.support.framework import refused, variant


def test_bad_toml_syntax_names_the_file_and_the_line(tmp_path: Path, bundled_text: str) -> None:
    # An inspector types a unit after the number.
    old = "target_hours = 2\n"
    line = bundled_text[: bundled_text.index(old)].count("\n") + 1
    path = variant(tmp_path, bundled_text, old, "target_hours = 2 hours\n")
    message = refused(path)
    assert "not valid TOML" in message
    assert f"line {line}" in message


def test_unknown_case_type_in_applies_to(tmp_path: Path, bundled_text: str) -> None:
    old = 'applies_to = ["DA_REFERRAL", "OTHER_REFERRAL", "S47", "S46", "CSE", "ONLINE_CSE"]\n'
    path = variant(tmp_path, bundled_text, old, 'applies_to = ["DA_REFERRAL", "S74"]\n')
    message = refused(path)
    assert "criteria 'investigation'" in message
    assert "'applies_to'" in message
    assert "'S74'" in message


def test_unknown_case_type_in_a_measure(tmp_path: Path, bundled_text: str) -> None:
    old = 'to = "return_interview"\ntarget_hours = 72\napplies_to = ["MISSING"]'
    new = 'to = "return_interview"\ntarget_hours = 72\napplies_to = ["MISSING_CHILD"]'
    message = refused(variant(tmp_path, bundled_text, old, new))
    assert "measures 'return_interview_within_72h'" in message
    assert "'applies_to'" in message
    assert "'MISSING_CHILD'" in message


@pytest.mark.parametrize(
    ("old", "new", "key", "bad"),
    [
        ('from = "detained"\n', 'from = "detention"\n', "from", "detention"),
        (
            'to = "appropriate_adult_arrived"\n',
            'to = "appropriate_adult_arrival"\n',
            "to",
            "appropriate_adult_arrival",
        ),
    ],
)
def test_measure_naming_an_unknown_event(
    tmp_path: Path, bundled_text: str, old: str, new: str, key: str, bad: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, old, new))
    assert "measures 'appropriate_adult_within_2h'" in message
    assert f"key '{key}'" in message
    assert repr(bad) in message


def test_duplicate_criterion_ids(tmp_path: Path, bundled_text: str) -> None:
    path = variant(
        tmp_path, bundled_text, 'id = "missing_trigger_plan"', 'id = "missing_return_interview"'
    )
    message = refused(path)
    assert "criteria 'missing_return_interview'" in message
    assert "key 'id'" in message
    assert "duplicate" in message


def test_duplicate_case_type_codes(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'code = "CSE"\n', 'code = "S47"\n')
    message = refused(path)
    assert "case_types 'S47'" in message
    assert "key 'code'" in message
    assert "duplicate" in message


def test_missing_framework_table(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, "[framework]\n", "[about]\n")
    message = refused(path)
    assert "[framework]" in message
    assert "missing" in message


def test_framework_table_without_its_id(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'id = "hmicfrs-2018-mps-child-protection"\n', "")
    message = refused(path)
    assert "[framework]" in message
    assert "key 'id'" in message


def test_criterion_without_a_title(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'title = "Healthcare referral"\n', "")
    message = refused(path)
    assert "criteria 'custody_healthcare'" in message
    assert "key 'title'" in message


@pytest.mark.parametrize("bad", ["0", "-72", '"72"', "true"])
def test_target_hours_must_be_a_positive_number(
    tmp_path: Path, bundled_text: str, bad: str
) -> None:
    path = variant(tmp_path, bundled_text, "target_hours = 72\n", f"target_hours = {bad}\n")
    message = refused(path)
    assert "measures 'return_interview_within_72h'" in message
    assert "key 'target_hours'" in message


def test_measure_written_as_a_single_table(tmp_path: Path, bundled_text: str) -> None:
    # [measures] instead of [[measures]]: a common slip; refused, not a crash.
    start = bundled_text.index("[[measures]]")
    text = bundled_text[:start] + (
        '[measures]\nid = "visit_within_24h"\nlabel = "Home visit"\nfrom = "first_contact"\n'
        'to = "home_visit"\ntarget_hours = 24\napplies_to = ["*"]\n'
    )
    path = tmp_path / "single.toml"
    path.write_text(text, encoding="utf-8")
    message = refused(path)
    assert "[[measures]]" in message


def test_a_framework_without_measures_is_allowed(tmp_path: Path, bundled_text: str) -> None:
    start = bundled_text.index("[[measures]]")
    path = tmp_path / "no_measures.toml"
    path.write_text(bundled_text[:start], encoding="utf-8")
    loaded = load_framework(path)
    assert loaded.measures == ()
    assert measure_case(loaded, "CUSTODY", [("2018-01-01T00:00", "detained")]) == []


def test_file_that_is_not_utf8(tmp_path: Path, bundled_text: str) -> None:
    # Saved by an editor in Windows-1252, with an en dash in a label.
    path = tmp_path / "cp1252.toml"
    text = bundled_text.replace("Child left at risk of harm", "Child left at risk – of harm")
    path.write_bytes(text.encode("cp1252"))
    message = refused(path)
    assert "cannot read" in message
    assert "utf-8" in message.lower()


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    message = refused(tmp_path / "no_such_framework.toml")
    assert "cannot read" in message
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    message = refused(folder)
    assert "cannot read" in message
