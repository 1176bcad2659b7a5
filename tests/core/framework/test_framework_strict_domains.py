"""Strict validation of a framework's domains, wildcard codes, measures and share bands: each
hole a fresh-eyes review found refused in one line naming the file, the entry and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import FrameworkError, load_framework
from tests.support.framework_v2 import v2_file, v2_refused

# --- domains, wildcard codes, measures (found by a fresh-eyes review) -------------------------


def test_two_domains_whose_ids_differ_only_by_case(tmp_path: Path) -> None:
    text = v2_file(tmp_path).read_text(encoding="utf-8")
    text = text.replace('id = "plan"', 'id = "ASSESS"').replace(
        'domain = "plan"', 'domain = "ASSESS"'
    )
    path = tmp_path / "cased.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert "domains 'ASSESS', key 'id'" in message and "domains 'assess'" in message


def test_two_domains_with_one_title(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'title = "Planning"', 'title = "assessment"')
    assert "domains 'plan', key 'title'" in message and "'assessment'" in message


def test_a_domain_with_no_criteria(tmp_path: Path) -> None:
    add = '\n[[domains]]\nid = "empty"\ntitle = "Nothing here"\n'
    text = v2_file(tmp_path).read_text(encoding="utf-8")
    at = text.index("[[criteria]]")
    path = tmp_path / "empty_domain.toml"
    path.write_text(text[:at] + add + "\n" + text[at:], encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"domains 'empty', key 'id': no criterion"):
        load_framework(path)


def test_a_referral_reason_coded_star(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'code = "risk"', 'code = "*"')
    assert "referral_reasons '*', key 'code'" in message and "reserved" in message


def test_a_measure_from_an_event_to_itself(tmp_path: Path) -> None:
    message = v2_refused(
        tmp_path,
        'from = "start"\nto = "done"\ntarget = { value = 36',
        ('from = "start"\nto = "start"\ntarget = { value = 36'),
    )
    assert "measures 'in_hours', key 'to'" in message and "same event" in message


def test_an_unknown_band_grade_is_named_with_a_near_miss(tmp_path: Path) -> None:
    message = v2_refused(
        tmp_path, '{ at_least = 80, grade = "strong" }', ('{ at_least = 80, grade = "strnog" }')
    )
    assert "key 'grade'" in message and "did you mean 'strong'?" in message
    assert "one of: strong, fair, weak" in message  # in the scale's order


def test_a_share_rule_without_its_table_names_the_key(tmp_path: Path) -> None:
    text = v2_file(tmp_path).read_text(encoding="utf-8")
    start, end = text.index("[grading.share]"), text.index("[[grades]]")
    path = tmp_path / "no_share.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert "[grading], key 'overall_suggestion'" in str(caught.value)


# --- wrong kinds of value, and nesting no framework has (found by a fresh-eyes review) ------


def test_a_criterion_naming_its_domain_in_a_list(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'domain = "plan"', 'domain = ["plan"]')
    assert "key 'domain': must be one domain's id, as text" in message


def test_a_list_among_the_share_answers(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'answers = ["yes", "partly"]', 'answers = ["yes", ["partly"]]')
    assert "[grading.share], key 'answers': unknown answer ['partly']" in message


def test_tables_nested_thousands_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert str(caught.value) == f"{path}: not a framework (nested too deeply to read)"
