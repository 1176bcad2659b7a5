"""One text rule on the way in (auditor/text_rules.py): references, codes and names refuse
control and invisible characters, naming the cell and the character; a reference differing
only by one is the same case; free text keeps what a workbook can hold and replaces the rest
visibly, saying so in the import summary; no message echoes a raw control character."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3

from auditor import text_rules
from auditor.inspection import Inspection
from tests.support.importing import (
    CASES,
    CASES_HEADINGS,
    CHRONOLOGY,
    run_import,
    snapshot,
)

ZWSP, RLO = "\u200b", "\u202e"


def _csv(path: Path, rows: list[list[str]]) -> Path:
    """A CSV written byte for byte (a workbook library would refuse the control characters)."""
    lines = [",".join(f'"{c}"' if ("," in c or "\n" in c) else c for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return path


def _references(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT reference FROM cases"))


def _copy(base: Path, folder: Path) -> Path:
    db = folder / "inspection.caseaudit"
    shutil.copyfile(base, db)
    return db


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            f"MPS{ZWSP}-0001",
            "Cases, row 2, Case reference: 'MPS\\u200b-0001' holds a zero-width space (U+200B) "
            "at character 4; references cannot hold invisible characters",
        ),
        (
            f"MPS-{RLO}1000",
            "Cases, row 2, Case reference: 'MPS-\\u202e1000' holds a right-to-left override "
            "(U+202E) at character 5; references cannot hold invisible characters",
        ),
        (
            "MPS-\u2066X\u2069",
            "holds a left-to-right isolate (U+2066) at character 5",
        ),
        ("\ufeffMPS-1", "holds a zero-width no-break space (U+FEFF) at character 1"),
        ("MPS\u200e-1", "holds a left-to-right mark (U+200E) at character 4"),
        ("MPS\u061c-1", "holds an Arabic letter mark (U+061C) at character 4"),
        ("MPS\u2060-1", "holds a word joiner (U+2060) at character 4"),
    ],
)
def test_a_reference_with_an_invisible_character_is_refused(
    tmp_path: Path, capsys, workbook, reference: str, message: str
) -> None:
    source = workbook(cases=[[reference, "S47"]], chronology=[])
    code, _out, err = run_import(capsys, tmp_path / "new.caseaudit", source)
    assert code == 2
    assert message in err
    assert not (tmp_path / "new.caseaudit").exists()


def test_control_characters_in_a_reference_are_refused_and_never_echoed(
    tmp_path: Path, capsys
) -> None:
    source = _csv(
        tmp_path / "esc.csv",
        [CASES_HEADINGS[:2], ["MPS-\x1b[31m0002", "S47"], ["MPS-\x070003", "S47"]],
    )
    code, _out, err = run_import(capsys, tmp_path / "new.caseaudit", source)
    assert code == 2
    assert (
        "Cases, row 2, Case reference: 'MPS-\\x1b[31m0002' holds an escape character (U+001B) "
        "at character 5; references cannot hold control characters"
    ) in err
    assert "'MPS-\\x070003' holds a control character (U+0007) at character 5" in err
    assert "\x1b" not in err and "\x07" not in err


def test_a_nul_in_a_workbook_reference_is_refused(tmp_path: Path, capsys, workbook) -> None:
    # Excel writes a NUL as the escape _x0000_, which readers give back as the character.
    source = workbook(cases=[["MPS_x0000_-0001", "S47"]], chronology=[])
    code, _out, err = run_import(capsys, tmp_path / "new.caseaudit", source)
    assert code == 2
    assert "'MPS\\x00-0001' holds a NUL character (U+0000) at character 4" in err
    assert "\x00" not in err


def test_codes_and_names_refuse_invisible_characters(tmp_path: Path, capsys, workbook) -> None:
    headings = [*CASES_HEADINGS, "Assessor", "Overall grade"]
    cases = [
        ["IMP-001", f"S{ZWSP}47", "Ashvale", "North BCU", "Team", "2018-03-01", "", "", ""],
        ["IMP-002", "S47", f"Dun{ZWSP}mere", "", "", "", "", f"Ann{ZWSP} Other", f"Good{RLO}"],
    ]
    chronology = [["IMP-001", "2018-03-01 09:00", f"found{ZWSP}", "x"]]
    source = workbook(cases=cases, chronology=chronology, headings=headings)
    code, _out, err = run_import(capsys, tmp_path / "new.caseaudit", source)
    assert code == 2
    assert "Cases, row 2, Case type: 'S\\u200b47' holds a zero-width space (U+200B) at " in err
    assert "case types cannot hold invisible characters" in err
    assert "Cases, row 3, Borough: 'Dun\\u200bmere' holds a zero-width space" in err
    assert "Cases, row 3, Assessor: 'Ann\\u200b Other' holds a zero-width space" in err
    assert "names cannot hold invisible characters" in err
    assert "Cases, row 3, Overall grade: 'Good\\u202e' holds a right-to-left override" in err
    assert "Chronology, row 2, Event: 'found\\u200b' holds a zero-width space" in err
    assert "is not a case type" not in err  # one problem per cell: the character


def test_a_reference_stored_with_a_zero_width_space_is_the_same_case(
    tmp_path: Path, capsys, base_inspection: Path, workbook
) -> None:
    """An inspection imported before the rule may hold 'IMP\u200b-001': importing 'IMP-001'
    updates that case, it does not add a second one that looks the same."""
    db = _copy(base_inspection, tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE cases SET reference = ? WHERE reference = 'IMP-001'", [f"IMP{ZWSP}-001"]
        )
    before = _references(db)
    changed = [list(r) for r in CASES]
    changed[0][6] = "A new summary"
    chronology = [["imp-001", "2018-03-02 08:00", "found", "Seen again"]]
    code, out, err = run_import(capsys, db, workbook(cases=changed, chronology=chronology))
    assert code == 0, err
    assert "0 cases added, 1 cases updated" in out
    assert "1 chronology events added" in out
    assert _references(db) == before


def test_references_differing_only_by_normalisation_are_one_case(
    tmp_path: Path, capsys, workbook
) -> None:
    decomposed, composed = "CAFE\u0301-1", "CAF\u00c9-1"
    db = tmp_path / "nfc.caseaudit"
    first = workbook(cases=[[decomposed, "S47"]], chronology=[], name="first.xlsx")
    assert run_import(capsys, db, first)[0] == 0
    assert _references(db) == [composed]  # stored NFC
    second = workbook(
        cases=[[composed, "S47", "Ashvale"]],
        chronology=[[decomposed, "2018-03-01 09:00", "found", "x"]],
        name="second.xlsx",
    )
    code, out, err = run_import(capsys, db, second)
    assert code == 0, err
    assert "0 cases added, 1 cases updated" in out
    assert _references(db) == [composed]


def test_a_file_cannot_hold_one_reference_twice_by_invisible_difference(
    tmp_path: Path, capsys, workbook
) -> None:
    source = workbook(cases=[["IMP-001", "S47"], ["IMP-001 ", "S47"], ["imp-001", "S47"]])
    code, _out, err = run_import(capsys, tmp_path / "dup.caseaudit", source)
    assert code == 2
    assert "Cases, row 4, Case reference: 'imp-001' appears again (first on row 2)" in err


def test_free_text_keeps_what_a_workbook_holds_and_replaces_the_rest(
    tmp_path: Path, capsys
) -> None:
    headings = [*CASES_HEADINGS, "voice_of_child", "voice_of_child note"]
    kept = f"Tab\there, bidi {RLO}txet, emoji 👍🏽, zwj 👨\u200d👩\u200d👧, DEL\x7f, NBSP\xa0here"
    cases = [
        ["IMP-001", "S47", "", "", "", "", "Bell\x07 and esc\x1b[0m", "", ""],
        ["IMP-002", "S47", "", "", "", "", kept, "Good", "Note with\x0bvertical tab"],
    ]
    source = _csv(tmp_path / "text.csv", [headings, *cases])
    db = tmp_path / "text.caseaudit"
    code, out, err = run_import(capsys, db, source)
    assert code == 0, err
    assert "Cases, row 2, Summary: 2 characters a workbook cannot hold replaced by '\ufffd'" in out
    assert (
        "Cases, row 3, voice_of_child note: 1 character a workbook cannot hold replaced by '\ufffd'"
    ) in out
    assert "\x1b" not in out and "\x07" not in out
    with Inspection.open(db) as inspection:
        cases_by = {c.reference: c for c in (inspection.case(r[0]) for r in inspection.case_list())}
        assert cases_by["IMP-001"].summary == "Bell\ufffd and esc\ufffd[0m"
        assert cases_by["IMP-002"].summary == kept  # tab, bidi, emoji and joiners are text
        notes = inspection.grading.assessments(cases_by["IMP-002"].id)[0].grades
        assert notes["voice_of_child"].note == "Note with\ufffdvertical tab"


def test_many_replacements_are_one_line_with_the_first_cells(tmp_path: Path, capsys) -> None:
    rows = [[f"IMP-{n:03}", "S47", "", "", "", "", f"bad\x01{n}"] for n in range(1, 11)]
    cases_csv = _csv(tmp_path / "many.csv", [CASES_HEADINGS, *rows])
    db = tmp_path / "many.caseaudit"
    code, out, err = run_import(capsys, db, cases_csv)
    assert code == 0, err
    assert (
        "10 characters a workbook cannot hold replaced by '\ufffd' in 10 cells: Cases, row 2, "
        "Summary; Cases, row 3, Summary; Cases, row 4, Summary; and 7 more"
    ) in out
    assert len([line for line in out.splitlines() if "replaced by" in line]) == 1


def test_a_control_character_in_a_heading_is_shown_escaped(tmp_path: Path, capsys) -> None:
    source = _csv(
        tmp_path / "head.csv", [["Case reference", "Case type", "Sum\x1bmary"], ["A", "S47", "x"]]
    )
    code, _out, err = run_import(capsys, tmp_path / "head.caseaudit", source)
    assert code == 2
    assert "Cases, row 1, Sum\\x1bmary: unknown column (column C)" in err
    assert "\x1b" not in err


def test_a_refused_file_leaves_the_inspection_as_it_was(
    tmp_path: Path, capsys, base_inspection: Path, workbook
) -> None:
    db = _copy(base_inspection, tmp_path)
    before = snapshot(db)
    source = workbook(
        cases=[*CASES, [f"IMP-001{ZWSP}", "S47"]],
        chronology=[*CHRONOLOGY, [f"IMP-00{RLO}2", "2018-03-04 11:00", "found", ""]],
    )
    code, _out, err = run_import(capsys, db, source)
    assert code == 2
    assert "Cases, row 5, Case reference" in err
    assert "Chronology, row 5, Case reference" in err
    assert snapshot(db) == before


def test_the_rule_itself() -> None:
    assert text_rules.identifier("CAFE\u0301") == "CAF\u00c9"
    assert text_rules.identity(f"mps{ZWSP}-0001 ") == text_rules.identity("MPS-0001")
    assert text_rules.identifier_problem("MPS-0001") is None
    assert text_rules.identifier_problem("Ünïcødé 名前 O'Brien-Smith") is None
    assert text_rules.free_text("a\r\nb\rc\x00d\ufffe\uffff\ud800") == (
        "a\nb\nc\ufffdd\ufffd\ufffd\ufffd",
        4,
    )
    assert text_rules.shown("a\x1bb\u200bc\nd") == "a\\x1bb\\u200bc\\nd"
    assert text_rules.quoted("x\x1b") == "'x\\x1b'"


# Long texts continued in part columns (as the export writes them, see
# tests/core/exporting/test_export_long_text.py).


def test_a_part_column_without_its_column_is_refused(tmp_path: Path, capsys, workbook) -> None:
    headings = ["Case reference", "Case type", "Summary (part 2)"]
    source = workbook(cases=[[*CASES[0][:2], "more"]], headings=headings, chronology=[])
    code, _out, err = run_import(capsys, tmp_path / "parts.caseaudit", source)
    assert code == 2
    assert "Cases, row 1, Summary (part 2): continues the column 'Summary', which is missing" in err
    headings = ["Case reference", "Case type", "Summary", "Summary (part 3)"]
    source = workbook(cases=[[*CASES[0][:2], "a", "c"]], headings=headings, chronology=[])
    code, _out, err = run_import(capsys, tmp_path / "parts.caseaudit", source)
    assert code == 2
    assert (
        "Cases, row 1, Summary (part 2): is missing: the parts of 'Summary' go on to part 3" in err
    )


def test_parts_are_joined_as_written(tmp_path: Path, capsys, workbook) -> None:
    """A part may begin or end with a space: the parts are joined as stored, then trimmed."""
    headings = ["Case reference", "Case type", "Summary", "summary  (PART 2)"]
    source = workbook(
        cases=[["P-1", "S47", "ends with a space ", " and starts with one"]],
        headings=headings,
        chronology=[],
    )
    db = tmp_path / "joined.caseaudit"
    code, _out, err = run_import(capsys, db, source)
    assert code == 0, err
    with Inspection.open(db) as inspection:
        case = inspection.case(inspection.case_list()[0][0])
    assert case.summary == "ends with a space  and starts with one"
