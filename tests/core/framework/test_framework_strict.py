"""Strict validation of a framework file a user gives: unknown keys and sections, names that
would collide in the workbook or on the keyboard, reserved labels and codes, each refused in
one line naming the file, the entry and the key (a snapshot stored in an inspection file: see
test_framework_stored.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.framework import FrameworkError, bundled_frameworks, load_framework
from auditor.framework.checks import RESERVED_COLUMNS, column_name
from auditor.importing.layout import CASE_COLUMNS
from tests.support.framework import refused, variant
from tests.support.framework_v2 import V2_TOML, v2, v2_refused

# --- unknown sections and keys ---------------------------------------------------------------


def test_a_misspelt_key_in_a_criterion(tmp_path: Path, bundled_text: str) -> None:
    old = 'guidance = """Look for a record that officers saw the child'
    path = variant(tmp_path, bundled_text, old, old.replace("guidance", "guidnace"))
    message = refused(path)
    assert "criteria 'voice_of_child', key 'guidnace'" in message
    assert "did you mean 'guidance'?" in message


def test_an_unknown_section(tmp_path: Path, bundled_text: str) -> None:
    message = refused(variant(tmp_path, bundled_text, "[grading]\n", "[gradng]\n"))
    assert "[gradng]" in message and "key 'gradng'" in message and "unknown section" in message
    assert "did you mean [grading]?" in message


def test_an_unknown_array_section(tmp_path: Path, bundled_text: str) -> None:
    old = '[[case_types]]\ncode = "CUSTODY"'
    message = refused(variant(tmp_path, bundled_text, old, old.replace("types", "type")))
    assert "[[case_type]]" in message and "did you mean [[case_types]]?" in message


def test_an_unknown_key_far_from_any_lists_the_keys(tmp_path: Path, bundled_text: str) -> None:
    old = 'code = "CSE"\n'
    message = refused(variant(tmp_path, bundled_text, old, old + "colour = 'red'\n"))
    assert "case_types 'CSE', key 'colour': unknown key" in message
    assert "the keys here are: code, label" in message


@pytest.mark.parametrize(
    ("line", "home"),
    [
        ("format = 1", "it belongs in [framework]"),
        ('risk_words = ["knife"]', "it belongs in [evidence]"),
        ('title = "Plan"', "it belongs in [[domains]] or [[criteria]]"),
        ("colour = 1", "keys belong in a section"),
    ],
)
def test_a_key_above_the_first_section(
    tmp_path: Path, bundled_text: str, line: str, home: str
) -> None:
    path = variant(tmp_path, bundled_text, "[framework]\n", f"{line}\n[framework]\n")
    message = refused(path)
    key = line.split()[0]
    assert f"top of the file, key '{key}': unknown key; {home}" in message


@pytest.mark.parametrize(
    ("old", "new", "where", "key"),
    [
        (
            'overall_suggestion = "share"',
            'overall_suggestion = "share"\noveral_from = 1',
            "[grading]",
            "overal_from",
        ),
        ('key = "x"', 'keys = "x"', "[not_applicable]", "keys"),
        ('key = "n"', 'kee = "n"', "answers 'no'", "kee"),
        ('title = "Planning"', 'titel = "Planning"', "domains 'plan'", "titel"),
        ('type = "text"', 'typ = "text"', "attributes 'tier'", "typ"),
        ('area_1 = "Region"', 'area1 = "Region"', "[words]", "area1"),
        (
            '  { at_least = 0, grade = "weak" },',
            '  { at_least = 0, grades = "weak" },',
            "[grading.share] band 3",
            "grades",
        ),
        ('answers = ["yes", "partly"]', 'answer = ["yes", "partly"]', "[grading.share]", "answer"),
        (
            'question = "Was the young person',
            'questoin = "Was the young person',
            "criteria 'a1' wording.YOUTH",
            "questoin",
        ),
        (
            'value = 15, unit = "working_days"',
            'value = 15, units = "working_days"',
            "measures 'in_working_days' target",
            "units",
        ),
        ("bank_holidays = [", "bank_holiday = [", "[calendar]", "bank_holiday"),
    ],
)
def test_misspelt_format_2_keys(tmp_path: Path, old: str, new: str, where: str, key: str) -> None:
    message = v2_refused(tmp_path, old, new)
    assert f"{where}, key '{key}': unknown key" in message
    assert "did you mean '" in message


@pytest.mark.parametrize(
    ("old", "new", "where", "key"),
    [
        (
            "[grading]\n",
            '[words]\ninspected_body = "the service"\n\n[grading]\n',
            "[words]",
            "words",
        ),
        (
            'applies_to = ["MISSING"]\n\n[[criteria]]\nid = "missing_trigger_plan"',
            'applies_to = ["MISSING"]\ndomain = "missing"\n\n[[criteria]]\n'
            'id = "missing_trigger_plan"',
            "criteria 'missing_return_interview'",
            "domain",
        ),
        (
            "target_hours = 72\n",
            'target = { value = 3, unit = "days" }\n',
            "measures 'return_interview_within_72h'",
            "target",
        ),
        (
            'label = "Inadequate"\n',
            'label = "Inadequate"\nkey = "9"\n',
            "grades 'inadequate'",
            "key",
        ),
    ],
)
def test_format_2_keys_in_a_format_1_file(
    tmp_path: Path, bundled_text: str, old: str, new: str, where: str, key: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, old, new))
    assert f"{where}, key '{key}': is format 2" in message
    assert "format = 2" in message


# --- names that head workbook columns --------------------------------------------------------


def test_the_reserved_columns_are_the_import_layouts_own() -> None:
    reserved = {column_name(c) for c in RESERVED_COLUMNS}
    layout = {column_name(n) for key, heading in CASE_COLUMNS.items() for n in (key, heading)}
    assert reserved == layout


@pytest.mark.parametrize(
    "column",
    sorted({n for key, heading in CASE_COLUMNS.items() for n in (key, heading)}),
)
def test_a_criterion_id_that_is_a_fixed_column(
    tmp_path: Path, bundled_text: str, column: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, 'id = "supervision"', f'id = "{column}"'))
    assert f"criteria '{column}', key 'id'" in message
    assert "the fixed column" in message


@pytest.mark.parametrize(
    "written",
    [
        "team",
        "TEAM",
        "Summary",
        "case type",
        "Case_Type",
        "date opened",
        "Overall_Grade",
        "referred back",
    ],
)
def test_fixed_columns_compared_ignoring_case_spaces_and_underscores(
    tmp_path: Path, bundled_text: str, written: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, 'id = "supervision"', f'id = "{written}"'))
    assert f"criteria '{written}', key 'id'" in message and "fixed column" in message


@pytest.mark.parametrize("written", ["Voice_Of_Child", "voice of child", "VOICE_OF_CHILD"])
def test_criterion_ids_that_differ_only_by_case_or_spacing(
    tmp_path: Path, bundled_text: str, written: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, 'id = "supervision"', f'id = "{written}"'))
    assert f"criteria '{written}', key 'id'" in message
    assert "criteria 'voice_of_child'" in message


def test_a_criterion_id_that_is_anothers_note_column(tmp_path: Path, bundled_text: str) -> None:
    message = refused(
        variant(tmp_path, bundled_text, 'id = "supervision"', 'id = "voice_of_child_note"')
    )
    assert "criteria 'voice_of_child_note', key 'id'" in message
    assert "the note column of criteria 'voice_of_child'" in message


def test_a_criterion_id_ending_like_a_continued_column(tmp_path: Path, bundled_text: str) -> None:
    message = refused(
        variant(tmp_path, bundled_text, 'id = "supervision"', 'id = "supervision (part 2)"')
    )
    assert "criteria 'supervision (part 2)', key 'id'" in message and "(part 2)" in message


def test_a_criterion_id_that_is_the_frameworks_area_word(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'id = "p1"', 'id = "region"')
    assert "criteria 'region', key 'id'" in message and "[words] area_1" in message


def test_a_criterion_id_that_is_anothers_prompts_column(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'id = "p1"', 'id = "a1_prompts"')
    assert "criteria 'a1_prompts', key 'id'" in message
    assert "sub-prompts column of criteria 'a1'" in message


@pytest.mark.parametrize(
    ("old", "new", "key", "other"),
    [
        ('label = "Tier"', 'label = "Summary"', "label", "the fixed column 'Summary'"),
        ('label = "Tier"', 'label = "A1"', "label", "criteria 'a1'"),
        ('label = "Tier"', 'label = "weeks"', "label", "attributes 'weeks'"),
        ('label = "Tier"', 'label = "Service rating"', "label", "[words] external_grade"),
    ],
)
def test_attribute_columns_collide(
    tmp_path: Path, old: str, new: str, key: str, other: str
) -> None:
    message = v2_refused(tmp_path, old, new)
    assert "attributes '" in message and f"key '{key}'" in message and other in message


def test_an_attribute_id_that_is_a_fixed_column(tmp_path: Path) -> None:
    text = V2_TOML.replace('id = "tier"', 'id = "team"').replace("tier ==", "team ==")
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: attributes 'team', key 'id'")
    assert "the fixed column 'Team'" in message


# --- scales: labels, Not applicable, keys ----------------------------------------------------


@pytest.mark.parametrize("label", ["Good", "GOOD", "  good "])
def test_two_grades_with_one_label(tmp_path: Path, bundled_text: str, label: str) -> None:
    path = variant(tmp_path, bundled_text, 'label = "Inadequate"', f'label = "{label}"')
    message = refused(path)
    assert "grades 'inadequate', key 'label'" in message and "grades 'good'" in message


def test_a_grade_alias_that_names_another_grade(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'aliases = ["inadequate"]', 'aliases = ["ri"]')
    message = refused(path)
    assert "grades 'inadequate', key 'aliases'" in message
    assert "grades 'requires_improvement'" in message


def test_two_answers_with_one_label(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'label = "Partly"', 'label = "yes"')
    assert "answers 'partly', key 'label'" in message and "answers 'yes'" in message


@pytest.mark.parametrize(
    ("label", "key"), [("Not applicable", "label"), ("not  applicable", "label"), ("N/A", "label")]
)
def test_a_grade_labelled_not_applicable(
    tmp_path: Path, bundled_text: str, label: str, key: str
) -> None:
    path = variant(tmp_path, bundled_text, 'label = "Inadequate"', f'label = "{label}"')
    message = refused(path)
    assert f"grades 'inadequate', key '{key}'" in message and "Not applicable" in message


def test_an_answer_named_like_the_frameworks_not_applicable(tmp_path: Path) -> None:
    # This framework calls it "Does not apply"; an answer so named, or "Not applicable", is
    # refused either way.
    message = v2_refused(tmp_path, 'label = "Partly"', 'label = "Does not apply"')
    assert "answers 'partly', key 'label'" in message and "'Does not apply'" in message
    message = v2_refused(tmp_path, 'aliases = ["y"]', 'aliases = ["not applicable"]')
    assert "answers 'yes', key 'aliases'" in message


@pytest.mark.parametrize(
    ("old", "new", "where", "other"),
    [
        ('key = "n"', 'key = "y"', "answers 'no'", "answers 'yes'"),
        ('key = "n"', 'key = "Y"', "answers 'no'", "answers 'yes'"),  # any case
        ('key = "n"', 'key = "2"', "answers 'no'", "answers 'partly'"),  # partly's by position
        ('key = "x"', 'key = "n"', "[not_applicable]", "answers 'no'"),
        ('label = "Weak"', 'label = "Weak"\nkey = "1"', "grades 'weak'", "grades 'strong'"),
    ],
)
def test_a_key_used_twice_in_a_scale(
    tmp_path: Path, old: str, new: str, where: str, other: str
) -> None:
    message = v2_refused(tmp_path, old, new)
    assert f"{where}, key 'key'" in message and f"the key of {other}" in message


def test_a_rating_key_may_be_an_answer_key(tmp_path: Path) -> None:
    # The keys of the two scales are pressed in different places (a criterion, the overall).
    framework = v2(tmp_path, 'label = "Weak"', 'label = "Weak"\nkey = "y"')
    assert framework.grades[2].key == "y" and framework.answers[0].key == "y"


def test_an_answer_with_a_grades_code_but_another_label(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'code = "no"', 'code = "fair"')
    assert "answers 'fair', key 'code'" in message and "'Fair'" in message


def test_the_not_applicable_key_clashing_with_a_format_1_grade(
    tmp_path: Path, bundled_text: str
) -> None:
    old = 'code = "not_applicable"\nlabel = "Not applicable"\n'
    text = bundled_text.replace('version = "1.0"', 'version = "1.0"\nformat = 2', 1)
    message = refused(variant(tmp_path, text, old, old + 'key = "3"\n'))
    assert "[not_applicable], key 'key'" in message and "grades 'inadequate'" in message


# --- case types and other names --------------------------------------------------------------


def test_a_case_type_code_that_is_another_in_another_case(
    tmp_path: Path, bundled_text: str
) -> None:
    path = tmp_path / "lower.toml"
    path.write_text(bundled_text + '\n[[case_types]]\ncode = "s47"\nlabel = "Lower"\n', "utf-8")
    message = refused(path)
    assert "case_types 's47', key 'code'" in message and "case_types 'S47'" in message


def test_a_case_type_coded_star(tmp_path: Path, bundled_text: str) -> None:
    message = refused(variant(tmp_path, bundled_text, 'code = "RSO"\n', 'code = "*"\n'))
    assert "case_types '*', key 'code'" in message and "reserved" in message


@pytest.mark.parametrize(
    ("old", "new", "where", "other"),
    [
        (
            'label = "Children missing"',
            'label = "Children in police custody"',
            "case_types 'CUSTODY', key 'label'",
            "case_types 'MISSING'",
        ),
        (
            'label = "Other"',
            'label = "CHILD_AT_RISK"',
            "referral_reasons 'other', key 'label'",
            "referral_reasons 'child_at_risk'",
        ),
        (
            'label = "Detained"',
            'label = "Charged"',
            "event_types 'charged', key 'code'",  # "Charged" is already detained's label
            "event_types 'detained'",
        ),
    ],
)
def test_names_import_would_confuse(
    tmp_path: Path, bundled_text: str, old: str, new: str, where: str, other: str
) -> None:
    message = refused(variant(tmp_path, bundled_text, old, new))
    assert where in message and other in message


# --- what is allowed -------------------------------------------------------------------------


def test_the_bundled_frameworks_pass(bundled_text: str) -> None:
    names = [name for name, _ in bundled_frameworks()]
    assert "hmicfrs_2018_child_protection.toml" in names and len(names) >= 2


def test_an_id_may_contain_a_fixed_columns_name(tmp_path: Path, bundled_text: str) -> None:
    path = variant(tmp_path, bundled_text, 'id = "supervision"', 'id = "team_supervision"')
    assert load_framework(path).criterion("team_supervision") is not None
