"""``case-auditor search --db PATH QUERY``: one line per matching document, best first; exit 0
when nothing matches; a bad query one line, exit 2, nothing written; the search logged."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from auditor import cli
from auditor.encryption import PASSPHRASE_ENV
from auditor.evidence.index import MARKS
from auditor.inspection import Inspection
from auditor.people import session
from auditor.people.keys import KEY_PASSPHRASE_ENV
from auditor.samples.demo import DEMO_KEY_PASSPHRASE
from tests.support.pdfs import scanned_pdf, text_pdf
from tests.support.security import PASSPHRASE

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    """``case-auditor ARGV`` in this process; (exit code, stdout, stderr)."""
    session.forget_everyone()
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


def fill(insp: Inspection) -> None:
    """Two cases: a strategy discussion naming neglect three times, a note naming it once
    (with a tab and a line break), a scanned PDF and a document not about neglect."""
    actor = insp.assessor("Test Inspector", "inspector")
    one = insp.add_case(actor, reference="CLI-0001", case_type="CUSTODY")
    two = insp.add_case(actor, reference="CLI-0002", case_type="CUSTODY")
    insp.add_document(
        actor,
        two.id,
        "strategy.pdf",
        text_pdf(
            "Strategy discussion",
            ["Neglect of the baby was raised; NEGLECT was recorded; neglect was not disputed."],
        ),
        title="Strategy discussion",
    )
    insp.add_document(
        actor,
        one.id,
        "note.txt",
        b"Health visitor's note:\tpossible neglect,\r\nto be followed up by the school nurse "
        b"with the family at home next week, after the half-term holiday has ended.",
        title="Health visitor note",
    )
    insp.add_document(actor, one.id, "scan.pdf", scanned_pdf(), title="Scanned letter")
    insp.add_document(actor, one.id, "other.txt", b"Nothing of note.", title="Other")


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "search.caseaudit"
    with Inspection.create(path, name="Search command test") as insp:
        fill(insp)
    return path


def searches(path: Path, passphrase: str | None = None) -> list[dict]:
    with Inspection.open(path, passphrase=passphrase) as insp:
        return list(
            insp.db.query(
                "SELECT * FROM audit_log WHERE kind = 'consultation' AND field = 'search' "
                "ORDER BY rowid"
            )
        )


def test_one_line_per_matching_document_best_first(plain: Path, capsys) -> None:
    code, out, err = run(capsys, "search", "--db", plain, "neglect")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert out.endswith("\n") and len(lines) == 2
    fields = [line.split("\t") for line in lines]
    assert [f[:2] for f in fields] == [
        ["CLI-0002", "Strategy discussion"],  # three times
        ["CLI-0001", "Health visitor note"],  # once
    ]
    for _ref, _name, snippet in fields:
        assert not CONTROL.search(snippet) and MARKS[0] not in snippet
    assert "Neglect" in fields[0][2] and "NEGLECT" in fields[0][2]  # the words as written
    assert "possible neglect, to be followed up" in fields[1][2]  # a line break: one space


def test_prefix_and_phrase(plain: Path, capsys) -> None:
    code, out, _ = run(capsys, "search", "--db", plain, "neglec*")
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = run(capsys, "search", "--db", plain, '"school nurse"')
    assert code == 0 and [line.split("\t")[1] for line in out.splitlines()] == [
        "Health visitor note"
    ]


def test_nothing_matching_prints_nothing_and_exits_0(plain: Path, capsys) -> None:
    assert run(capsys, "search", "--db", plain, "hovercraft") == (0, "", "")
    assert run(capsys, "search", "--db", plain, '"nurse school"') == (0, "", "")


def test_the_search_is_logged_as_a_consultation(plain: Path, capsys) -> None:
    assert run(capsys, "search", "--db", plain, "neglect")[0] == 0
    assert run(capsys, "search", "--db", plain, "hovercraft")[0] == 0
    logged = searches(plain)
    assert [(r["new_value"], r["record_table"]) for r in logged] == [
        ("neglect", "documents"),
        ("hovercraft", "documents"),
    ]
    assert "2 matching" in logged[0]["detail"] and "0 matching" in logged[1]["detail"]
    assert "from the command line" in logged[0]["detail"]


@pytest.mark.parametrize(
    "query, said",
    [('"not seen', "is not closed"), ("***", "give a word"), ("", "give a word")],
)
def test_a_bad_query_is_one_line_exit_2_and_nothing_written(
    plain: Path, capsys, query: str, said: str
) -> None:
    before = plain.read_bytes()
    code, out, err = run(capsys, "search", "--db", plain, query)
    assert code == 2 and out == ""
    assert said in one_line(err) and err.startswith("case-auditor: ")
    assert plain.read_bytes() == before and searches(plain) == []


def test_no_such_file_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "missing.caseaudit"
    code, out, err = run(capsys, "search", "--db", missing, "neglect")
    assert code == 2 and out == "" and "no such inspection file" in one_line(err)
    assert not missing.exists()


def test_help_lists_the_exit_codes(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["search", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "exit codes:" in out and "REFERENCE<TAB>DOCUMENT" in out
    assert re.search(r"^\s+0\s", out, re.M) and re.search(r"^\s+2\s", out, re.M)


def test_the_installed_command_runs_as_a_user_would(plain: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "search", "--db", str(plain), "strategy discussion"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\t")[:2] == ["CLI-0002", "Strategy discussion"]
    bad = subprocess.run(
        [sys.executable, "-m", "auditor", "search", "--db", str(plain), '"open'],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1


def test_an_encrypted_file_needs_its_passphrase(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.caseaudit"
    with Inspection.create(path, name="Encrypted search test", passphrase=PASSPHRASE) as insp:
        fill(insp)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    code, out, err = run(capsys, "search", "--db", path, "neglect")
    assert code == 2 and out == "" and PASSPHRASE_ENV in one_line(err)
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    code, out, err = run(capsys, "search", "--db", path, "neglect")
    assert code == 0, err
    assert [line.split("\t")[0] for line in out.splitlines()] == ["CLI-0002", "CLI-0001"]
    assert b"neglect" not in path.read_bytes()
    assert len(searches(path, PASSPHRASE)) == 1


def _demo_key_path(name: str) -> Path:
    with resources.as_file(resources.files("resources.demo.keys").joinpath(f"{name}.key")) as p:
        return Path(p)


def test_a_signed_file_logs_the_search_by_the_person_signed_in(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "signed.caseaudit"
    assert run(capsys, "demo", "--db", path, "--signed")[0] == 0
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, DEMO_KEY_PASSPHRASE)
    key = _demo_key_path("robin")
    code, out, err = run(capsys, "search", "--db", path, "the")
    assert code == 2 and out == "" and "--as KEYFILE" in one_line(err)
    assert searches(path) == []
    code, out, err = run(capsys, "search", "--db", path, "--as", key, "the")
    assert code == 0, err
    logged = searches(path)
    assert len(logged) == 1 and logged[0]["actor_id"] and logged[0]["signature"]
    with Inspection.open(path) as insp:
        documents = insp.counts()["documents"]
        person = next(p for p in insp.assessors() if p.id == logged[0]["actor_id"])
    assert person.name == "Robin Example"
    assert 0 < len(out.splitlines()) <= documents
    assert f"{len(out.splitlines())} matching" in logged[0]["detail"]
    code, out, _ = run(capsys, "check", "--db", path)
    assert code == 0 and "all signatures valid" in out
