"""A file of schema 7 (before the index) with documents: opened by this version it is migrated,
its documents are counted as not yet indexed, indexed (in batches, cancellable) and then found;
``case-auditor search`` indexes what is missing before it searches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from auditor import cli
from auditor.errors import Cancelled
from auditor.inspection import Inspection
from db.connection import APPLICATION_ID
from db.schema import MIGRATION_NAMES, SCHEMA_VERSION, STEPS
from tests.support.pdfs import scanned_pdf, text_pdf

EVIDENCE = "0008_evidence"
BEFORE = MIGRATION_NAMES.index(EVIDENCE)  # the schema version of the last file without it
DOCUMENTS = {
    "strategy.pdf": text_pdf("Strategy discussion", ["Health was not invited to the meeting."]),
    "referral.pdf": text_pdf("Referral", ["The referral named neglect of the younger child."]),
    "scan.pdf": scanned_pdf(),
    "visit.txt": b"Home visit: the younger child was not seen.",
    "photo.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
}


@pytest.fixture(scope="module")
def version_7_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file as the version before the index wrote it: its schema's steps up to 0008, and the
    rows (a case, documents, the ledger) written by this version's own code, copied over."""
    folder = tmp_path_factory.mktemp("v7")
    source = folder / "source.caseaudit"
    with Inspection.create(source, name="Inspection from before the index") as insp:
        actor = insp.assessor("Old Inspector", "inspector")
        case = insp.add_case(actor, reference="OLD-0001", case_type="CUSTODY")
        other = insp.add_case(actor, reference="OLD-0002", case_type="CUSTODY")
        for number, (name, content) in enumerate(DOCUMENTS.items()):
            insp.add_document(actor, (case if number % 2 else other).id, name, content)
    path = folder / "v7.caseaudit"
    db = Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    STEPS.migrations().apply(db, stop_before=EVIDENCE)
    assert db.execute("PRAGMA user_version").fetchone()[0] == BEFORE == 7
    assert not db["citations"].exists() and not db["document_index"].exists()
    db.execute("ATTACH DATABASE ? AS new", [str(source)])
    for table in db.table_names():
        if table.startswith(("_sqlite_migrations", "sqlite_")):
            continue
        columns = ", ".join(f"[{c}]" for c in db[table].columns_dict)
        db.execute(f"INSERT INTO main.[{table}] ({columns}) SELECT {columns} FROM new.[{table}]")
    db.conn.commit()
    db.execute("DETACH DATABASE new")
    db.close()
    return path


@pytest.fixture
def old_file(version_7_file: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(version_7_file, tmp_path / "old.caseaudit"))


def test_an_older_file_is_migrated_and_its_documents_indexed(old_file: Path) -> None:
    with Inspection.open(old_file) as insp:
        assert insp.schema_version() == SCHEMA_VERSION
        assert insp.counts()["documents"] == len(DOCUMENTS)
        assert insp.search.unindexed() == len(DOCUMENTS)
        assert insp.search.documents("younger") == []  # nothing indexed yet
        seen: list[tuple[int, int]] = []
        assert insp.search.index_missing(lambda done, total: seen.append((done, total)), 2) == 5
        assert seen == [(2, 5), (4, 5), (5, 5)]
        assert insp.search.unindexed() == 0
        found = sorted(h.filename for h in insp.search.documents("younger"))
        assert found == ["referral.pdf", "visit.txt"]
        by_name = {
            d.filename: d.id
            for c in ("OLD-0001", "OLD-0002")
            for d in insp.documents(insp.case_by_reference(c).id)
        }  # type: ignore[union-attr]
        assert insp.search.state(by_name["scan.pdf"]) == "scanned: not searchable"
        assert insp.search.state(by_name["photo.png"]) == "an image: not searchable"
        assert insp.search.index_missing() == 0  # nothing left: nothing done
    backups = list(old_file.parent.glob(f"{old_file.name}.v{BEFORE}-*.bak"))
    assert len(backups) == 1  # the file as it was, kept before migrating


def test_indexing_cancelled_keeps_what_was_done_and_finishes_next_time(old_file: Path) -> None:
    def cancel(done: int, total: int) -> None:
        raise Cancelled("stopped by the user")

    with Inspection.open(old_file) as insp:
        assert insp.search.index_missing(cancel, batch=2) == 2
        assert insp.search.unindexed() == len(DOCUMENTS) - 2
    with Inspection.open(old_file) as insp:
        assert insp.search.unindexed() == len(DOCUMENTS) - 2
        assert insp.search.index_missing() == len(DOCUMENTS) - 2
        assert insp.search.unindexed() == 0


def test_the_search_command_indexes_an_older_file_first(old_file: Path, capsys) -> None:
    assert cli.main(["search", "--db", str(old_file), '"not invited"']) == 0
    out, err = capsys.readouterr()
    assert out.split("\t")[:2] == ["OLD-0002", "strategy"]
    assert f"indexing {len(DOCUMENTS)} document(s)" in err
    assert cli.main(["search", "--db", str(old_file), "younger"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2 and err == ""  # indexed once
    assert cli.main(["check", "--db", str(old_file)]) == 0
