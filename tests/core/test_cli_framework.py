"""The command line and frameworks: ``framework check`` and ``list``, ``import --framework``
into a new file, ``new --framework``; a bad file is one line, exit 2, nothing written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from auditor.cli.commands import build_parser
from auditor.cli.entry import main
from auditor.inspection import Inspection
from auditor.people.keys import KEY_PASSPHRASE_ENV
from tests.support.framework import BUNDLED_PATH

FRAMEWORKS = BUNDLED_PATH.parent
PROBATION = FRAMEWORKS / "hmip_probation_case_assessment.toml"


def _run(capsys, *argv: str) -> tuple[int, str, list[str]]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def _misspelt(tmp_path: Path) -> Path:
    """The bundled framework with the first criterion's guidance key misspelt."""
    text = BUNDLED_PATH.read_text(encoding="utf-8")
    path = tmp_path / "misspelt.toml"
    path.write_text(text.replace("guidance = ", "guidnace = ", 1), encoding="utf-8")
    return path


def _cases_csv(tmp_path: Path, *rows: str) -> Path:
    source = tmp_path / "cases.csv"
    source.write_text("Case reference,Case type\n" + "".join(f"{r}\n" for r in rows))
    return source


# --- framework check / list ------------------------------------------------------------------


def test_check_prints_what_a_format_2_file_defines(capsys) -> None:
    data = tomllib.loads(PROBATION.read_text(encoding="utf-8"))
    code, out, err = _run(capsys, "framework", "check", str(PROBATION))
    assert (code, err) == (0, [])
    lines = out.splitlines()
    assert lines[0] == f"{PROBATION}: a valid framework (format 2)"
    assert f"Name: {data['framework']['name']}" in lines
    grades = ", ".join(f"{n} {g['label']}" for n, g in enumerate(data["grades"], start=1))
    assert f"Grades (best first): {grades}" in lines
    answers = ", ".join(f"{n} {a['label']}" for n, a in enumerate(data["answers"], start=1))
    assert f"Answers: {answers}; 0 {data['not_applicable']['label']}" in lines
    for case_type in data["case_types"]:
        assert f"  {case_type['code']}: {case_type['label']}" in lines
    for attribute in data["attributes"]:
        assert f"  {attribute['id']}: {attribute['label']!r} ({attribute['type']})" in lines
    for domain in data["domains"]:
        count = sum(1 for c in data["criteria"] if c["domain"] == domain["id"])
        line = next(x for x in lines if x.startswith(f"  {domain['id']}: {domain['title']}: "))
        assert f": {count} criteri" in line
    assert f"Criteria: {len(data['criteria'])}" in lines
    for measure in data["measures"]:
        value, unit = measure["target"]["value"], measure["target"]["unit"]
        assert unit == "working_days"
        assert f"  {measure['id']}: {measure['label']}: target {value} working days" in lines
    assert "hours" not in out  # every target in the unit the framework states it in


def test_check_prints_a_format_1_file_with_its_targets_in_hours(capsys) -> None:
    data = tomllib.loads(BUNDLED_PATH.read_text(encoding="utf-8"))
    code, out, _ = _run(capsys, "framework", "check", str(BUNDLED_PATH))
    assert code == 0
    assert out.splitlines()[0].endswith("a valid framework (format 1)")
    assert "Grades (best first): 1 Good, 2 Requires improvement, 3 Inadequate" in out
    for measure in data["measures"]:
        assert f"{measure['label']}: target {measure['target_hours']} hours" in out


def test_check_refuses_a_bad_file_in_one_line_naming_entry_and_key(tmp_path: Path, capsys) -> None:
    path = _misspelt(tmp_path)
    code, out, err = _run(capsys, "framework", "check", str(path))
    assert code == 2 and out == ""
    assert len(err) == 1
    assert str(path) in err[0]
    assert "criteria 'voice_of_child'" in err[0] and "key 'guidnace'" in err[0]
    assert "did you mean 'guidance'?" in err[0]
    assert "Traceback" not in err[0]


@pytest.mark.parametrize("kind", ["missing", "folder", "not toml"])
def test_check_refuses_what_is_not_a_framework_file(tmp_path: Path, capsys, kind: str) -> None:
    path = tmp_path / "framework.toml"
    if kind == "folder":
        path.mkdir()
    elif kind == "not toml":
        path.write_text("[framework\nid = 1\n", encoding="utf-8")
    code, out, err = _run(capsys, "framework", "check", str(path))
    assert code == 2 and out == "" and len(err) == 1
    said = {"missing": "no such framework file", "folder": "is a folder", "not toml": "TOML"}
    assert str(path) in err[0] and said[kind] in err[0]


def test_list_shows_the_bundled_frameworks_the_default_first(capsys) -> None:
    code, out, err = _run(capsys, "framework", "list")
    assert (code, err) == (0, [])
    files = sorted(p.name for p in FRAMEWORKS.glob("*.toml"))
    # Each listed by the name --framework takes, with its file beneath.
    named = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    listed = [line.removeprefix("  file ") for line in out.splitlines() if "  file " in line]
    assert sorted(Path(f).name for f in listed) == files
    assert Path(listed[0]).name == BUNDLED_PATH.name and named[0] == "child-protection"
    assert set(named) == {"child-protection", "probation"}
    for path in FRAMEWORKS.glob("*.toml"):
        assert tomllib.loads(path.read_text(encoding="utf-8"))["framework"]["name"] in out


def test_the_help_does_not_call_every_framework_child_protection() -> None:
    text = build_parser().format_help()
    assert "child-protection" not in text and "case files" in text


# --- import --framework ----------------------------------------------------------------------


def test_import_into_a_new_file_uses_the_framework_given(tmp_path: Path, capsys) -> None:
    source = _cases_csv(tmp_path, "PR-1,COMMUNITY", "PR-2,Licence (from release from custody)")
    db = tmp_path / "probation.caseaudit"
    code, out, err = _run(
        capsys, "import", "--db", str(db), str(source), "--framework", str(PROBATION)
    )
    assert (code, err) == (0, [])
    assert f"into {db}" in out
    with Inspection.open(db) as inspection:
        assert inspection.framework.id == "hmip-dipp-case-assessment"
        assert inspection.framework.format == 2
        assert inspection.framework.toml_text == PROBATION.read_text(encoding="utf-8")
        assert inspection.case_count() == 2
        types = {r: inspection.case_by_reference(r).case_type for r in ("PR-1", "PR-2")}  # type: ignore[union-attr]
    assert types == {"PR-1": "COMMUNITY", "PR-2": "LICENCE"}


def test_import_with_a_bad_framework_writes_nothing(tmp_path: Path, capsys) -> None:
    source = _cases_csv(tmp_path, "CP-1,S47")
    db = tmp_path / "new.caseaudit"
    bad = _misspelt(tmp_path)
    before = set(tmp_path.iterdir())
    code, out, err = _run(capsys, "import", "--db", str(db), str(source), "--framework", str(bad))
    assert code == 2 and out == "" and len(err) == 1
    assert str(bad) in err[0] and "key 'guidnace'" in err[0]
    assert set(tmp_path.iterdir()) == before  # no inspection file, no side file


def test_import_refuses_a_framework_other_than_an_existing_files(tmp_path: Path, capsys) -> None:
    db = tmp_path / "police.caseaudit"
    assert main(["import", "--db", str(db), str(_cases_csv(tmp_path, "CP-1,S47"))]) == 0
    before = db.read_bytes()
    capsys.readouterr()
    source = _cases_csv(tmp_path, "PR-1,COMMUNITY")
    code, out, err = _run(
        capsys, "import", "--db", str(db), str(source), "--framework", str(PROBATION)
    )
    assert code == 2 and out == "" and len(err) == 1
    assert str(db) in err[0] and "nothing imported" in err[0]
    assert "National child protection inspection" in err[0]  # the file's own framework
    assert "HM Inspectorate of Probation" in err[0]  # the one given
    assert db.read_bytes() == before
    with Inspection.open(db) as inspection:
        assert inspection.case_count() == 1
        assert inspection.case_by_reference("PR-1") is None


def test_import_into_an_existing_file_with_its_own_framework(tmp_path: Path, capsys) -> None:
    db = tmp_path / "probation.caseaudit"
    first = _cases_csv(tmp_path, "PR-1,COMMUNITY")
    assert main(["import", "--db", str(db), str(first), "--framework", str(PROBATION)]) == 0
    second = tmp_path / "more.csv"
    second.write_text("Case reference,Case type\nPR-2,LICENCE\n")
    code, _, err = _run(
        capsys, "import", "--db", str(db), str(second), "--framework", str(PROBATION)
    )
    assert (code, err) == (0, [])
    with Inspection.open(db) as inspection:
        assert inspection.case_count() == 2
        assert inspection.case_by_reference("PR-2") is not None


# --- new --framework -------------------------------------------------------------------------


@pytest.fixture
def lead_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, "an invented key passphrase")
    key = tmp_path / "lead.key"
    assert main(["person", "new", "--name", "Invented Lead", "--key", str(key)]) == 0
    capsys.readouterr()
    return key


def test_new_with_a_format_2_framework(tmp_path: Path, lead_key: Path, capsys) -> None:
    db = tmp_path / "new.caseaudit"
    code, out, err = _run(
        capsys,
        *("new", "--db", str(db), "--name", "Invented region 2026"),
        *("--lead", str(lead_key), "--framework", str(PROBATION)),
    )
    assert (code, err) == (0, [])
    assert f"Created {db}" in out
    with Inspection.open(db) as inspection:
        framework = inspection.framework
        assert framework.id == "hmip-dipp-case-assessment" and framework.format == 2
        assert framework.words.inspected_body == "the probation region"
        assert [a.code for a in framework.answers] == ["yes", "no"]
        assert [d.id for d in framework.domains] == [
            "assessment",
            "planning",
            "implementation_delivery",
            "reviewing",
        ]


def test_new_with_a_bad_framework_writes_nothing(tmp_path: Path, lead_key: Path, capsys) -> None:
    db = tmp_path / "new.caseaudit"
    bad = _misspelt(tmp_path)
    code, out, err = _run(
        capsys,
        *("new", "--db", str(db), "--name", "Invented"),
        *("--lead", str(lead_key), "--framework", str(bad)),
    )
    assert code == 2 and out == "" and len(err) == 1
    assert str(bad) in err[0] and "did you mean 'guidance'?" in err[0]
    assert not db.exists()
    assert not any(p.name.startswith("new.caseaudit") for p in tmp_path.iterdir())


# --- demo --framework ------------------------------------------------------------------------


def test_the_probation_demo(tmp_path: Path, capsys) -> None:
    db = tmp_path / "probation-demo.caseaudit"
    code, out, err = _run(capsys, "demo", "--db", str(db), "--framework", "probation")
    assert (code, err) == (0, [])
    assert out.startswith(f"Wrote the demo inspection to {db}: ")
    with Inspection.open(db) as inspection:
        assert inspection.framework.id == "hmip-dipp-case-assessment"
        assert inspection.case_count() > 0
        assert f"{inspection.case_count()} cases" in out
    code, out, err = _run(capsys, "check", "--db", str(db))
    assert (code, err) == (0, [])
    data = tomllib.loads(PROBATION.read_text(encoding="utf-8"))
    framework, words = data["framework"], data["words"]
    assert (
        f"Framework: {framework['name']} ({framework['id']}, version {framework['version']}, "
        f"format 2): {words['case_files']}"
    ) in out.splitlines()


def test_the_probation_demo_is_not_signed(tmp_path: Path, capsys) -> None:
    db = tmp_path / "probation-demo.caseaudit"
    code, out, err = _run(capsys, "demo", "--db", str(db), "--framework", "probation", "--signed")
    assert code == 2 and out == "" and len(err) == 1 and "--signed" in err[0]
    assert not db.exists()


# --- bundled frameworks by name -----------------------------------------------------------


def test_a_bundled_framework_is_named_without_its_path(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # away from the checkout: the name alone must do
    code, out, err = _run(capsys, "framework", "check", "probation")
    assert (code, err) == (0, [])
    assert out.startswith("probation: a valid framework (format 2)")
    source = _cases_csv(tmp_path, "PR-1,COMMUNITY")
    db = tmp_path / "named.caseaudit"
    code, _, err = _run(capsys, "import", "--db", str(db), str(source), "--framework", "probation")
    assert (code, err) == (0, [])
    with Inspection.open(db) as inspection:
        assert inspection.framework.toml_text == PROBATION.read_text(encoding="utf-8")
    code, out, err = _run(capsys, "framework", "list")
    assert code == 0 and f"  file {PROBATION}" in out.splitlines()
    code, _, err = _run(capsys, "framework", "check", "no-such-framework")
    assert code == 2 and len(err) == 1 and "no-such-framework" in err[0]


def test_the_inspected_bodys_export_has_a_neutral_flag(tmp_path: Path, capsys) -> None:
    db = tmp_path / "probation.caseaudit"
    assert main(["demo", "--db", str(db), "--framework", "probation"]) == 0
    for flag in ("--for-body", "--for-force"):
        out = tmp_path / f"{flag}.xlsx"
        assert main(["export", "--db", str(db), flag, str(out)]) == 0
    capsys.readouterr()
    assert (tmp_path / "--for-body.xlsx").stat().st_size > 0
