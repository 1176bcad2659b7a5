"""Citations travel in packages: each belongs to its grading, is added once, a removal is never
undone by a laptop that had not seen it, and documents merged in are searchable."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the workstation's own SQLite library

from auditor import cli
from auditor.inspection import Assessor, Inspection
from auditor.merging.merge import merge_packages
from auditor.people.keys import read_key
from tests.support.grades import CUSTODY_CRITERIA
from tests.support.importing import snapshot
from tests.support.merge import canonical, case_id, make_base, package
from tests.support.pdfs import text_pdf
from tests.support.signed import PASSPHRASE, key_passphrase, ok, run, sql, team

__all__ = ["key_passphrase"]  # the signed tests' fixture: the key passphrase in the environment

VOICE, SUPERVISION = CUSTODY_CRITERIA[0], CUSTODY_CRITERIA[1]
REF1, REF2, REF3 = "CUS-0001", "CUS-0002", "CUS-0003"
VISIT = b"Home visit: the child was not seen; the mother said he was at his aunt's."


def base_with_documents(path: Path) -> Path:
    """The merge tests' base inspection, with a PDF and a text document in each of two cases."""
    make_base(path)
    with Inspection.open(path) as insp:
        lead = insp.assessor("Lee Lead", "supervisor")
        for ref in (REF1, REF2):
            insp.add_document(
                lead,
                case_id(insp, ref),
                "strategy.pdf",
                text_pdf(
                    "Strategy discussion",
                    [f"Invented strategy discussion of {ref}: health was not invited."],
                ),
            )
            insp.add_document(lead, case_id(insp, ref), "visit.txt", VISIT)
    return path


def document_id(insp: Inspection, ref: str, filename: str) -> str:
    return next(d.id for d in insp.documents(case_id(insp, ref)) if d.filename == filename)


def cite(path: Path, who: str, ref: str, filename: str, criterion: str, quote: str) -> str:
    with Inspection.open(path) as insp:
        actor = insp.assessor(who, "inspector")
        page = 1 if filename.endswith(".pdf") else None
        done = insp.citations.cite(
            actor,
            case_id(insp, ref),
            criterion,
            document_id(insp, ref, filename),
            quote=quote,
            page=page,
            start=0,
        )
        return done.id


def take_back(path: Path, who: str, citation_id: str, *, restore: bool = False) -> None:
    with Inspection.open(path) as insp:
        actor = insp.assessor(who, "inspector")
        if restore:
            insp.citations.restore(actor, citation_id)
        else:
            insp.citations.remove(actor, citation_id)


def citations(path: Path) -> list[tuple[Any, ...]]:
    """Every citation, by what it stands for: the grading's case and assessor, the criterion,
    the document's case and file name, page, quote and whether taken back."""
    conn = sqlite3.connect(path)
    try:
        return sorted(
            conn.execute(
                "SELECT c.reference, p.name, t.criterion_id, dc.reference, d.filename, t.page, "
                "t.quote, t.removed, t.id FROM citations t "
                "JOIN assessments a ON a.id = t.assessment_id "
                "JOIN cases c ON c.id = a.case_id JOIN assessors p ON p.id = a.assessor_id "
                "JOIN documents d ON d.id = t.document_id JOIN cases dc ON dc.id = d.case_id"
            ).fetchall()
        )
    finally:
        conn.close()


def standing(path: Path, ref: str, who: str) -> list[str]:
    with Inspection.open(path) as insp:
        person = next(a for a in insp.assessors() if a.name == who)
        return [c.quote for c in insp.citations.for_case(case_id(insp, ref), person.id)]


def check_ok(path: Path, capsys) -> None:
    capsys.readouterr()
    assert cli.main(["check", "--db", str(path)]) == 0, capsys.readouterr()
    capsys.readouterr()


def copy(base: Path, path: Path) -> Path:
    shutil.copyfile(base, path)
    return path


def test_cited_on_two_laptops_merged_in_either_order_gives_the_same_file(
    tmp_path: Path, capsys
) -> None:
    base = base_with_documents(tmp_path / "base.caseaudit")
    a, b = copy(base, tmp_path / "a.caseaudit"), copy(base, tmp_path / "b.caseaudit")
    cite(a, "Ana Inspector", REF1, "strategy.pdf", VOICE, "health was not invited")
    cite(b, "Bo Inspector", REF1, "visit.txt", VOICE, "the child was not seen")
    # the shared inspector grades case 2 on both laptops: two assessments, matched by case and
    # assessor in the merge; both citations belong to the one grading
    cite(a, "Sam Shared", REF2, "visit.txt", SUPERVISION, "at his aunt's")
    cite(b, "Sam Shared", REF2, "strategy.pdf", VOICE, "Invented strategy discussion")
    pa, pb = package(a, tmp_path / "a.pkg"), package(b, tmp_path / "b.pkg")

    one, two = copy(base, tmp_path / "one.caseaudit"), copy(base, tmp_path / "two.caseaudit")
    [sa, sb] = merge_packages(one, [pa, pb])
    merge_packages(two, [pb, pa])
    assert sa.get("added", "citations") == 2 and sb.get("added", "citations") == 2
    assert canonical(one) == canonical(two)
    merged = citations(one)
    assert [row[:-1] for row in merged] == [row[:-1] for row in citations(two)]
    assert [row[:8] for row in merged] == [
        (REF1, "Ana Inspector", VOICE, REF1, "strategy.pdf", 1, "health was not invited", 0),
        (REF1, "Bo Inspector", VOICE, REF1, "visit.txt", None, "the child was not seen", 0),
        (REF2, "Sam Shared", SUPERVISION, REF2, "visit.txt", None, "at his aunt's", 0),
        (REF2, "Sam Shared", VOICE, REF2, "strategy.pdf", 1, "Invented strategy discussion", 0),
    ]
    assert sorted(standing(one, REF2, "Sam Shared")) == [
        "Invented strategy discussion",
        "at his aunt's",
    ]
    with Inspection.open(one) as insp:  # one grading of case 2 by Sam, holding both
        sam = next(a for a in insp.assessors() if a.name == "Sam Shared")
        assessments = insp.db.execute(
            "SELECT count(*) FROM assessments WHERE case_id = ? AND assessor_id = ?",
            [case_id(insp, REF2), sam.id],
        ).fetchone()[0]
    assert assessments == 1
    # added once: merging the same packages again adds nothing
    [again_a, again_b] = merge_packages(one, [pa, pb])
    assert again_a.get("added", "citations") == 0 and again_b.get("added", "citations") == 0
    assert citations(one) == merged
    check_ok(one, capsys)
    check_ok(two, capsys)


def test_a_document_added_on_both_laptops_is_one_document_cited_twice(
    tmp_path: Path, capsys
) -> None:
    base = base_with_documents(tmp_path / "base.caseaudit")
    a, b = copy(base, tmp_path / "a.caseaudit"), copy(base, tmp_path / "b.caseaudit")
    letter = b"Invented letter from the school nurse about missed appointments."
    for path, who, quote in ((a, "Ana Inspector", "school nurse"), (b, "Bo Inspector", "missed")):
        with Inspection.open(path) as insp:
            insp.add_document(insp.assessor(who, "inspector"), case_id(insp, REF3), "n.txt", letter)
        cite(path, who, REF3, "n.txt", VOICE, quote)
    lead = copy(base, tmp_path / "lead.caseaudit")
    merge_packages(lead, [package(a, tmp_path / "a.pkg"), package(b, tmp_path / "b.pkg")])
    rows = [r for r in citations(lead) if r[0] == REF3]
    assert [(r[1], r[4]) for r in rows] == [("Ana Inspector", "n.txt"), ("Bo Inspector", "n.txt")]
    with Inspection.open(lead) as insp:
        assert [d.filename for d in insp.documents(case_id(insp, REF3))] == ["n.txt"]
    check_ok(lead, capsys)


def test_a_removal_wins_over_a_package_that_had_not_seen_it(tmp_path: Path, capsys) -> None:
    base = base_with_documents(tmp_path / "base.caseaudit")
    laptop = copy(base, tmp_path / "ana.caseaudit")
    cited = cite(laptop, "Ana Inspector", REF1, "visit.txt", VOICE, "the child was not seen")
    lead = copy(base, tmp_path / "lead.caseaudit")
    merge_packages(lead, [package(laptop, tmp_path / "cited.pkg")])
    stale = package(lead, tmp_path / "lead-before.pkg")  # the lead's file holds it, standing
    take_back(laptop, "Ana Inspector", cited)
    removal = package(laptop, tmp_path / "removed.pkg")

    # the laptop takes in the lead's package that had not seen the removal: still taken back
    merge_packages(laptop, [stale])
    assert standing(laptop, REF1, "Ana Inspector") == []
    # the lead takes the removal in, before or after its own stale state comes back round
    merge_packages(lead, [removal])
    assert standing(lead, REF1, "Ana Inspector") == []
    other = copy(base, tmp_path / "other.caseaudit")
    merge_packages(other, [removal, stale])
    merge_packages(copy(base, tmp_path / "third.caseaudit"), [stale, removal])
    for path in (other, tmp_path / "third.caseaudit"):
        assert standing(path, REF1, "Ana Inspector") == []
        assert [r[7] for r in citations(path)] == [1]  # kept, taken back
        check_ok(path, capsys)
    check_ok(lead, capsys)
    check_ok(laptop, capsys)


def test_a_restore_made_after_seeing_the_removal_is_merged(tmp_path: Path, capsys) -> None:
    base = base_with_documents(tmp_path / "base.caseaudit")
    laptop = copy(base, tmp_path / "ana.caseaudit")
    cited = cite(laptop, "Ana Inspector", REF1, "strategy.pdf", VOICE, "health was not invited")
    take_back(laptop, "Ana Inspector", cited)
    lead = copy(base, tmp_path / "lead.caseaudit")
    merge_packages(lead, [package(laptop, tmp_path / "removed.pkg")])
    assert standing(lead, REF1, "Ana Inspector") == []
    take_back(laptop, "Ana Inspector", cited, restore=True)  # the undo of the removal
    merge_packages(lead, [package(laptop, tmp_path / "restored.pkg")])
    assert standing(lead, REF1, "Ana Inspector") == ["health was not invited"]
    check_ok(lead, capsys)


def test_a_restore_and_a_removal_unseen_by_each_other_end_removed(tmp_path: Path, capsys) -> None:
    base = base_with_documents(tmp_path / "base.caseaudit")
    first = copy(base, tmp_path / "first.caseaudit")
    cited = cite(first, "Ana Inspector", REF1, "visit.txt", VOICE, "at his aunt's")
    take_back(first, "Ana Inspector", cited)
    second = copy(base, tmp_path / "second.caseaudit")  # Ana's second laptop has all that
    merge_packages(second, [package(first, tmp_path / "start.pkg")])
    take_back(first, "Ana Inspector", cited, restore=True)  # restored on the first laptop
    take_back(second, "Ana Inspector", cited, restore=True)  # and on the second: then taken
    take_back(second, "Ana Inspector", cited)  # back again, neither seeing the other
    restored = package(first, tmp_path / "restored.pkg")
    removed = package(second, tmp_path / "removed.pkg")
    ends = []
    for name, order in (("x", [restored, removed]), ("y", [removed, restored])):
        path = copy(base, tmp_path / f"{name}.caseaudit")
        merge_packages(path, order)
        ends.append(path)
        assert standing(path, REF1, "Ana Inspector") == []
        check_ok(path, capsys)
    assert citations(ends[0]) == citations(ends[1])
    # the first laptop (which restored) takes in the file merged with its restore last (the
    # merge's "kept" row says the removal held): the removal holds there too
    merge_packages(first, [package(ends[1], tmp_path / "merged.pkg")])
    assert standing(first, REF1, "Ana Inspector") == []
    check_ok(first, capsys)


def test_documents_from_a_package_are_searchable_after_the_merge(tmp_path: Path, capsys) -> None:
    base = base_with_documents(tmp_path / "base.caseaudit")
    laptop = copy(base, tmp_path / "ana.caseaudit")
    with Inspection.open(laptop) as insp:
        ana: Assessor = insp.assessor("Ana Inspector", "inspector")
        insp.add_document(
            ana,
            case_id(insp, REF3),
            "custody-record.pdf",
            text_pdf("Custody record", ["The appropriate adult arrived after the interview."]),
        )
        insp.add_document(ana, case_id(insp, REF3), "memo.txt", b"Zygomatic fracture noted.")
    cite(laptop, "Ana Inspector", REF3, "custody-record.pdf", VOICE, "appropriate adult arrived")
    lead = copy(base, tmp_path / "lead.caseaudit")
    with Inspection.open(lead) as insp:
        assert insp.search.documents("zygomatic") == []
    merge_packages(lead, [package(laptop, tmp_path / "ana.pkg")])
    with Inspection.open(lead) as insp:
        assert insp.search.unindexed() == 0
        [hit] = insp.search.documents('"appropriate adult"')
        assert (hit.reference, hit.filename, hit.page) == (REF3, "custody-record.pdf", 1)
        assert [h.filename for h in insp.search.documents("zygomatic")] == ["memo.txt"]
        assert insp.search.state(hit.document_id) == "searchable"
    check_ok(lead, capsys)
    # a merge that creates the inspection indexes every document it brings
    new = tmp_path / "new.caseaudit"
    merge_packages(new, [package(laptop, tmp_path / "again.pkg")])
    with Inspection.open(new) as insp:
        assert insp.search.unindexed() == 0
        assert [h.filename for h in insp.search.documents("zygomatic")] == ["memo.txt"]
        assert len(insp.search.documents('"health was not invited"')) == 2  # the base's PDFs
        [citation] = insp.citations.for_case(case_id(insp, REF3))
        assert citation.quote == "appropriate adult arrived" and citation.page == 1
    check_ok(new, capsys)


@pytest.mark.usefixtures("key_passphrase")
def test_a_signed_inspection_refuses_a_citation_its_package_ledger_does_not_back(
    capsys, tmp_path: Path
) -> None:
    t = team(capsys, tmp_path)
    with Inspection.open(t["laptop"], key=read_key(t["ann"], PASSPHRASE)) as insp:
        case = insp.case_list()[0][0]
        document = insp.add_document(insp.me, case, "visit.txt", VISIT)
        citation = insp.citations.cite(
            insp.me, case, VOICE, document.id, quote="the child was not seen"
        )
        insp.citations.remove(insp.me, citation.id)
    # behind the workstation's back, the citation taken back is put back
    sql(t["laptop"], "UPDATE citations SET removed = 0")
    ok(capsys, "package", "--db", t["laptop"], tmp_path / "forged.cafpkg", "--as", t["ann"])
    before = snapshot(t["lead"])
    code, _, err = run(
        capsys, "merge", "--db", t["lead"], tmp_path / "forged.cafpkg", "--as", t["lee"]
    )
    assert code == 2 and "differ from its signed ledger" in err and citation.id in err
    assert snapshot(t["lead"]) == before
    # as the workstation left it, the same package merges
    sql(t["laptop"], "UPDATE citations SET removed = 1")
    ok(capsys, "package", "--db", t["laptop"], tmp_path / "honest.cafpkg", "--as", t["ann"])
    ok(capsys, "merge", "--db", t["lead"], tmp_path / "honest.cafpkg", "--as", t["lee"])
    assert [r[7] for r in citations(t["lead"])] == [1]
    assert "all signatures valid" in ok(capsys, "check", "--db", t["lead"])
