"""Framework format 2 as parsed: domains, answers and keys, share bands, attributes and their
conditions at the edges, wording per case type, targets in each unit, bank holidays; and a
format 1 file giving the same model as its format 2 rewrite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.framework import load_framework, parse_framework
from auditor.inspection import Inspection
from tests.support.framework import BUNDLED_PATH
from tests.support.framework_v2 import V2_TOML, v2, v2_file, v2_refused

# --- words, scales, keys ---------------------------------------------------------------------


def test_words_replace_the_police_wording(tmp_path: Path) -> None:
    words = v2(tmp_path).words
    assert words.inspected_body == "the service"
    assert words.referral == "Referral back to the service"
    assert words.external_grade == "Service rating"
    assert (words.area_1, words.area_2) == ("Region", "")  # the second area column hidden
    assert words.case_files == "invented case records"
    police = load_framework(BUNDLED_PATH).words  # format 1: the police words, as before
    assert (police.inspected_body, police.area_1, police.area_2) == ("the force", "Borough", "BCU")


def test_answers_are_a_scale_apart_from_the_ratings(tmp_path: Path) -> None:
    framework = v2(tmp_path)
    assert framework.separate_answers
    assert [g.code for g in framework.grades] == ["strong", "fair", "weak"]
    assert [a.code for a in framework.answers] == ["yes", "partly", "no"]
    assert framework.parse_answer("Y").code == "yes"  # type: ignore[union-attr]
    assert framework.parse_answer("does not apply") == framework.not_applicable
    assert framework.parse_answer("Strong") is None  # a rating, not an answer
    assert framework.parse_grade("fair").code == "fair"  # type: ignore[union-attr]
    assert framework.parse_grade("yes") is None


def test_keys_by_position_unless_given(tmp_path: Path) -> None:
    framework = v2(tmp_path)
    assert [g.key for g in framework.grades] == ["1", "2", "3"]
    # "partly" gives no key: its position's, "2"; the others their own.
    assert [a.key for a in framework.answers] == ["y", "2", "n"]
    assert framework.not_applicable.key == "x"
    assert framework.grade_for_key("n").code == "no"  # type: ignore[union-attr]
    assert framework.grade_for_key("x") == framework.not_applicable
    assert framework.grade_for_key("3") is None  # no third answer key
    assert framework.grade_for_key("3", answers=False).code == "weak"  # type: ignore[union-attr]
    police = load_framework(BUNDLED_PATH)
    assert [g.key for g in police.grades] == ["1", "2", "3"]
    assert police.not_applicable.key == "0"


def test_a_scale_longer_than_nine_has_keys_for_the_first_nine(tmp_path: Path) -> None:
    grades = "".join(f'[[grades]]\ncode = "g{n}"\nlabel = "Level {n}"\n\n' for n in range(1, 12))
    start, end = V2_TOML.index("[[grades]]"), V2_TOML.index("[[answers]]")
    text = V2_TOML[:start] + grades + V2_TOML[end:]
    text = text.replace('grade = "strong"', 'grade = "g1"').replace(
        'grade = "fair"', 'grade = "g2"'
    )
    text = text.replace('grade = "weak"', 'grade = "g11"')
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    framework = load_framework(path)
    assert [g.key for g in framework.grades] == [*"123456789", "", ""]


@pytest.mark.parametrize("bad", ['"10"', '""', "10", "true"])
def test_a_key_is_one_character(tmp_path: Path, bad: str) -> None:
    message = v2_refused(tmp_path, 'key = "n"\n', f"key = {bad}\n")
    assert "answers 'no', key 'key'" in message


# --- share bands -----------------------------------------------------------------------------


def test_share_bands_highest_first_and_their_edges(tmp_path: Path) -> None:
    share = v2(tmp_path).share
    assert share is not None
    assert share.answers == {"yes", "partly"}
    assert share.bands == ((80.0, "strong"), (50.5, "fair"), (0.0, "weak"))
    assert share.grade_for(100) == "strong"
    assert share.grade_for(80) == "strong"  # at least 80: exactly 80 reaches it
    assert share.grade_for(79.99) == "fair"
    assert share.grade_for(50.5) == "fair"
    assert share.grade_for(50.49) == "weak"
    assert share.grade_for(0) == "weak"


@pytest.mark.parametrize(
    ("old", "new", "key", "said"),
    [
        ("at_least = 50.5,", "at_least = 90,", "at_least", "highest first"),
        ("at_least = 0,", "at_least = 10,", "at_least", "start at 0"),
        ("at_least = 80,", "at_least = 101,", "at_least", "from 0 to 100"),
        ("at_least = 80,", 'at_least = "80",', "at_least", "from 0 to 100"),
        ('grade = "fair" }', 'grade = "middling" }', "grade", "unknown grade"),
        ('answers = ["yes", "partly"]', 'answers = ["maybe"]', "answers", "unknown answer"),
    ],
)
def test_bad_share_bands(tmp_path: Path, old: str, new: str, key: str, said: str) -> None:
    message = v2_refused(tmp_path, old, new)
    assert "[grading.share]" in message and f"key '{key}'" in message and said in message


def test_a_share_rule_needs_its_table(tmp_path: Path) -> None:
    start, end = V2_TOML.index("[grading.share]"), V2_TOML.index("[[grades]]")
    path = tmp_path / "no_share.toml"
    path.write_text(V2_TOML[:start] + V2_TOML[end:], encoding="utf-8")
    with pytest.raises(Exception, match=r"needs a \[grading.share\] table"):
        load_framework(path)


# --- domains ---------------------------------------------------------------------------------


def test_domains_group_criteria_each_with_its_rule(tmp_path: Path) -> None:
    framework = v2(tmp_path)
    assert [(d.id, d.title, d.suggestion) for d in framework.domains] == [
        ("assess", "Assessment", "share"),  # no rule of its own: the overall one
        ("plan", "Planning", "worst"),
    ]
    assert [c.domain for c in framework.criteria] == ["assess", "assess", "plan"]
    adult = {"weeks": 4, "tier": "two"}
    assert [c.id for c in framework.criteria_in("assess", "ADULT", adult)] == ["a1", "a2"]
    assert [c.id for c in framework.criteria_in("plan", "ADULT", adult)] == ["p1"]


def test_a_criterion_outside_the_domains(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'domain = "plan"\n', 'domain = "delivery"\n')
    assert "criteria 'p1', key 'domain'" in message and "assess, plan" in message
    message = v2_refused(tmp_path, 'domain = "plan"\n', "")
    assert "criteria 'p1', key 'domain'" in message


# --- attributes and conditions ---------------------------------------------------------------


def test_attributes_declared(tmp_path: Path) -> None:
    framework = v2(tmp_path)
    assert [(a.id, a.label, a.type) for a in framework.attributes] == [
        ("weeks", "Weeks supervised", "number"),  # number unless said
        ("tier", "Tier", "text"),
    ]


@pytest.mark.parametrize(
    ("attributes", "applies"),
    [
        ({"weeks": 8}, True),  # <= 8: the edge itself applies
        ({"weeks": "8"}, True),  # as stored: text of a number
        ({"weeks": 7.5}, True),
        ({"weeks": 8.01}, False),
        ({"weeks": 9}, False),
        ({"weeks": ""}, False),  # blank: the condition is not met
        ({"weeks": None}, False),
        ({"weeks": "eight"}, False),
        ({}, False),
    ],
)
def test_a_number_condition_at_its_edge(tmp_path: Path, attributes: dict, applies: bool) -> None:
    a2 = v2(tmp_path).criterion("a2")
    assert a2 is not None
    assert a2.applies("ADULT", attributes) is applies
    assert a2.applies("YOUTH", attributes) is False  # applies_to still holds: ADULT only


@pytest.mark.parametrize(
    ("attributes", "applies"),
    [
        ({"tier": "two", "weeks": 3}, True),
        ({"tier": "two", "weeks": 2}, False),  # weeks > 2: 2 itself does not
        ({"tier": "Two", "weeks": 3}, False),  # text compared exactly
        ({"tier": "three", "weeks": 3}, False),
        ({"tier": "two"}, False),  # every condition must hold
    ],
)
def test_every_condition_of_a_list_must_hold(
    tmp_path: Path, attributes: dict, applies: bool
) -> None:
    p1 = v2(tmp_path).criterion("p1")
    assert p1 is not None
    assert p1.applies("YOUTH", attributes) is applies


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        ('"weeks =< 8"', "is not '<attribute> <op> <value>'"),
        ('"weeks <="', "is not '<attribute> <op> <value>'"),
        ('"months <= 8"', "unknown attribute 'months'"),
        ('"weeks <= eight"', "is a number"),
        ('"tier == two"', "quote"),
        ("\"tier < 'two'\"", "== or !="),
        ("8", "must be text"),
    ],
)
def test_bad_conditions(tmp_path: Path, condition: str, said: str) -> None:
    message = v2_refused(tmp_path, 'applies_when = "weeks <= 8"', f"applies_when = {condition}")
    assert "criteria 'a2', key 'applies_when'" in message and said in message


def test_an_attribute_of_an_unknown_type(tmp_path: Path) -> None:
    message = v2_refused(tmp_path, 'type = "text"', 'type = "date"')
    assert "attributes 'tier', key 'type'" in message


# --- prompts and wording ---------------------------------------------------------------------


def test_prompts_and_what_they_feed(tmp_path: Path) -> None:
    framework = v2(tmp_path)
    a1, a2, _ = framework.criteria
    assert a1.prompts == ("a) history used", "b) police checked")
    assert a1.prompts_feed == "all"
    assert (a2.prompts, a2.prompts_feed) == ((), "checklist")
    message = v2_refused(tmp_path, 'prompts_feed = "all"', 'prompts_feed = "most"')
    assert "criteria 'a1', key 'prompts_feed'" in message
    message = v2_refused(tmp_path, '"b) police checked"', '""')
    assert "criteria 'a1', key 'prompts'" in message


def test_wording_per_case_type(tmp_path: Path) -> None:
    a1 = v2(tmp_path).criterion("a1")
    assert a1 is not None
    assert a1.question_for("YOUTH") == "Was the young person's risk assessed?"
    assert a1.question_for("ADULT") == "Was the risk assessed?"
    assert a1.guidance_for("YOUTH") == "General guidance."  # not replaced: the general one
    message = v2_refused(tmp_path, "[criteria.wording.YOUTH]", "[criteria.wording.CHILD]")
    assert "criteria 'a1'" in message and "wording.CHILD" in message


# --- targets, holidays -----------------------------------------------------------------------


def test_targets_in_each_unit(tmp_path: Path) -> None:
    measures = {m.id: m for m in v2(tmp_path).measures}
    shown = {key: (m.target_value, m.target_unit, m.target_text) for key, m in measures.items()}
    assert shown == {
        "in_hours": (36, "hours", "36 hours"),
        "in_days": (1, "days", "1 day"),
        "in_working_days": (15, "working_days", "15 working days"),
        "old_form": (24, "hours", "24 hours"),
    }
    assert measures["in_hours"].target_hours == 36
    assert measures["in_days"].target_hours == 24  # a calendar day is 24 hours


@pytest.mark.parametrize(
    ("target", "key"),
    [
        ('{ value = 15, unit = "weeks" }', "target"),
        ('{ value = 0, unit = "days" }', "target"),
        ('{ value = "15", unit = "days" }', "target"),
        ("15", "target"),
    ],
)
def test_bad_targets(tmp_path: Path, target: str, key: str) -> None:
    message = v2_refused(tmp_path, 'target = { value = 1, unit = "days" }', f"target = {target}")
    assert f"measures 'in_days', key '{key}'" in message


def test_target_and_target_hours_together(tmp_path: Path) -> None:
    message = v2_refused(
        tmp_path,
        'target = { value = 1, unit = "days" }',
        'target = { value = 1, unit = "days" }\ntarget_hours = 24',
    )
    assert "measures 'in_days', key 'target'" in message and "not both" in message


def test_bank_holidays_as_text_or_toml_dates(tmp_path: Path) -> None:
    assert v2(tmp_path).bank_holidays == {"2026-04-03", "2026-04-06"}
    message = v2_refused(tmp_path, '"2026-04-03"', '"2026-02-30"')
    assert "[calendar], key 'bank_holidays'" in message and "2026-02-30" in message
    assert load_framework(BUNDLED_PATH).bank_holidays == frozenset()


# --- the format, recorded; format 1 migrated on load -----------------------------------------


def test_the_format_is_recorded_and_kept_in_the_inspection_file(tmp_path: Path) -> None:
    framework = v2(tmp_path)
    assert framework.format == 2
    assert load_framework(BUNDLED_PATH).format == 1
    path = tmp_path / "v2.caseaudit"
    Inspection.create(path, name="Invented", framework=framework).close()
    with Inspection.open(path) as reopened:
        assert reopened.framework.format == 2
        assert reopened.framework == framework
        assert reopened.framework.measures[2].target_text == "15 working days"


@pytest.mark.parametrize("bad", ["3", '"2"', "true", "0"])
def test_an_unknown_format(tmp_path: Path, bad: str) -> None:
    message = v2_refused(tmp_path, "format = 2", f"format = {bad}")
    assert "[framework], key 'format'" in message and "1 or 2" in message


def _as_format_2(text: str) -> str:
    """The bundled format 1 file written as format 2: the format given, every target_hours
    written as a target in hours, every scale's keys and the not applicable key spelt out."""
    text = text.replace('version = "1.0"\n', 'version = "1.0"\nformat = 2\n', 1)
    text = re.sub(
        r"^target_hours = (\S+)$", r'target = { value = \1, unit = "hours" }', text, flags=re.M
    )
    for key, code in enumerate(("good", "requires_improvement", "inadequate"), start=1):
        text = text.replace(f'code = "{code}"\n', f'code = "{code}"\nkey = "{key}"\n', 1)
    return text.replace('code = "not_applicable"\n', 'code = "not_applicable"\nkey = "0"\n', 1)


def test_a_format_1_file_and_its_format_2_rewrite_are_the_same_framework(tmp_path: Path) -> None:
    text = BUNDLED_PATH.read_text(encoding="utf-8")
    rewritten = _as_format_2(text)
    assert rewritten.count('unit = "hours"') == text.count("target_hours = ") > 0
    path = tmp_path / "bundled_as_v2.toml"
    path.write_text(rewritten, encoding="utf-8")
    v1, v2_ = load_framework(BUNDLED_PATH), load_framework(path)
    assert (v1.format, v2_.format) == (1, 2)
    assert v2_.criteria == v1.criteria
    assert [c.wording for c in v2_.criteria] == [c.wording for c in v1.criteria]
    assert v2_.grades == v1.grades and v2_.answers == v1.answers
    assert v2_.not_applicable == v1.not_applicable
    assert v2_.case_types == v1.case_types and v2_.referral_reasons == v1.referral_reasons
    assert v2_.event_types == v1.event_types and v2_.measures == v1.measures
    assert (v2_.words, v2_.domains, v2_.attributes) == (v1.words, v1.domains, v1.attributes)
    assert (v2_.overall_suggestion, v2_.overall_from) == (v1.overall_suggestion, "criteria")
    assert v2_.risk_words == v1.risk_words
    assert v2_.sha256 != v1.sha256  # two files, told apart by their text


def test_the_parsed_model_does_not_depend_on_strictness(tmp_path: Path) -> None:
    path = v2_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert parse_framework(text, str(path)) == load_framework(path)
